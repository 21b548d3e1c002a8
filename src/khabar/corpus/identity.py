"""Stable article ids: from the canonical URL when there is one, else from the content.

Ingesting the same input twice must change nothing, so an id never depends on when or from
where an article was read: tracking parameters, fragments, ``www.`` and a trailing slash are
dropped from URLs, and content ids hash the normalized text (so a re-encoded or re-spaced copy
of the same text gets the same id).
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = ("utm_", "fbclid", "gclid", "yclid", "mc_", "ref", "from")


def canonical_url(url: str) -> str:
    """``https://WWW.Site.ir/news/12/?utm_source=x#top`` → ``https://site.ir/news/12``."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING))
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower() or "https", host, path, query, ""))


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def content_hash(normalized: str) -> str:
    """Hash of the text's words, whitespace and half-spaces aside."""
    return _digest(" ".join(normalized.replace("\u200c", "").split()))


def article_id(url: str | None, normalized: str) -> str:
    """The id of an article: ``u`` + hash of its canonical URL, else ``c`` + content hash."""
    if url and url.startswith(("http://", "https://")):
        return "u" + _digest(canonical_url(url))
    return "c" + content_hash(normalized)
