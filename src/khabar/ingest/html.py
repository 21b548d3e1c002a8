"""Article pages: main text, title, author and publication date from HTML.

trafilatura finds the article among menus, sidebars and footers. It deletes every ZWNJ from what
it extracts (``می‌گوید`` comes out ``میگوید``), so half-spaces are swapped for a placeholder
letter it keeps and swapped back afterwards. Its date finder (htmldate) ignores Jalali dates,
which some Iranian sites put in ``article:published_time``; the meta tags are read here first,
with khabar's own date parser, and htmldate's answer is the fallback.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape

from khabar.errors import InputError, KhabarError
from khabar.extract.dates import parse_published
from khabar.model import Article

# A letter trafilatura keeps and Persian never uses (Arabic ghain with a dot below).
_PLACEHOLDER = "\u06fc"
ZWNJ = "\u200c"
_META = re.compile(
    r"<meta\s+[^>]*?(?:property|name|itemprop)\s*=\s*[\"']"
    r"(article:published_time|og:published_time|datePublished|date|pubdate|publishdate|"
    r"dc\.date|dc\.date\.issued|sailthru\.date|parsely-pub-date)[\"'][^>]*>",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"content\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_DATE_PART = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
MIN_TEXT = 40  # characters: less than this is not an article


def page_date(html: str) -> date | None:
    """The publication date a page's meta tags give, Jalali or Gregorian."""
    for tag in _META.finditer(html):
        content = _CONTENT.search(tag.group(0))
        if content is None:
            continue
        found = _DATE_PART.search(unescape(content.group(1)).translate(_PERSIAN_DIGITS))
        if found is None:
            continue
        try:
            return parse_published("-".join(found.groups()))
        except KhabarError:
            continue
    return None


def read_html(html: str, origin: str, url: str | None = None) -> Article:
    """The article of one HTML page.

    Raises:
        InputError: no article text could be found in the page.
    """
    import trafilatura  # heavy: imported when a page is read

    protected = html.replace(ZWNJ, _PLACEHOLDER).replace("&zwnj;", _PLACEHOLDER)
    doc = trafilatura.bare_extraction(
        protected, url=url, with_metadata=True, include_comments=False, favor_precision=True
    )
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (data.get("text") or "").replace(_PLACEHOLDER, ZWNJ)
    if len(text.strip()) < MIN_TEXT:
        raise InputError(f"{origin}: no article text found in the page")
    title = (data.get("title") or "").replace(_PLACEHOLDER, ZWNJ) or None
    if title and text.startswith(title):
        text = text[len(title) :].lstrip("\n")
    published = page_date(html)
    if published is None and data.get("date"):
        try:
            published = parse_published(str(data["date"])[:10])
        except KhabarError:
            published = None
    return Article(
        text=text,
        title=title,
        published=published,
        source=data.get("sitename") or None,
        url=url or data.get("url") or None,
        author=(data.get("author") or "").replace(_PLACEHOLDER, ZWNJ) or None,
        origin=origin,
    )
