"""Everything ``khabar ingest`` reads, as a stream of articles and failures.

Inputs are files, directories (walked recursively, in name order), glob patterns and http(s)
URLs. The format follows the extension: ``.txt`` (first line the title, the rest the body),
``.jsonl``/``.json`` (objects with ``title``, ``body`` or ``text``, ``url``, ``source``,
``published``; other field names through a mapping), ``.html``/``.htm`` (an article page),
``.xml``/``.rss``/``.atom`` (a feed, one article per item). A URL is fetched and read as a feed
or a page by its content type. Nothing here raises for one bad item: it becomes a
:class:`Failure` with its origin and reason, and the stream goes on.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from khabar.errors import KhabarError
from khabar.extract.dates import parse_published
from khabar.ingest.decode import decode_bytes
from khabar.ingest.html import read_html
from khabar.model import Article

TEXT_SUFFIXES = (".txt",)
JSON_SUFFIXES = (".jsonl", ".json", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
KNOWN_SUFFIXES = TEXT_SUFFIXES + JSON_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES
FIELDS = ("title", "body", "url", "source", "published", "id")
MAX_FETCH_BYTES = 10_000_000
FETCH_TIMEOUT_S = 20.0


@dataclass(frozen=True, slots=True)
class Failure:
    """An input item that could not be read, and why."""

    origin: str
    reason: str


Item = Article | Failure


def read_inputs(inputs: list[str], mapping: Mapping[str, str] | None = None) -> Iterator[Item]:
    """Every article (or failure) of every input, in order."""
    fields = {name: (mapping or {}).get(name, name) for name in FIELDS}
    for spec in inputs:
        if spec.startswith(("http://", "https://")):
            yield from _read_url(spec, fields)
            continue
        paths = _expand(spec)
        if not paths:
            yield Failure(spec, "no such file or directory; check the path")
        for path in paths:
            yield from _read_path(path, fields)


def _expand(spec: str) -> list[Path]:
    if any(ch in spec for ch in "*?["):
        matched = sorted(Path(p) for p in glob.glob(spec, recursive=True))
    else:
        matched = [Path(spec)] if os.path.exists(spec) else []
    out: list[Path] = []
    for path in matched:
        if path.is_dir():
            out.extend(
                sorted(
                    p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES
                )
            )
        elif path.is_file():
            out.append(path)
    return out


def _read_path(path: Path, fields: Mapping[str, str]) -> Iterator[Item]:
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Failure(origin, f"cannot read ({err.strerror or err})")
        return
    if not data.strip():
        yield Failure(origin, "empty file")
        return
    yield from _read_bytes(data, path.suffix.lower(), origin, fields, url=None)


def _read_bytes(
    data: bytes, suffix: str, origin: str, fields: Mapping[str, str], url: str | None
) -> Iterator[Item]:
    if suffix in FEED_SUFFIXES:
        yield from _read_feed(data, origin)
        return
    try:
        text = decode_bytes(data, source=origin)
    except KhabarError as err:
        yield Failure(origin, str(err).removeprefix(f"{origin}: "))
        return
    if suffix in JSON_SUFFIXES:
        yield from _read_json(text, origin, fields)
    elif suffix in HTML_SUFFIXES:
        try:
            yield read_html(text, origin, url)
        except KhabarError as err:
            yield Failure(origin, str(err).removeprefix(f"{origin}: "))
    else:
        yield from _read_txt(text, origin)


def _read_txt(text: str, origin: str) -> Iterator[Item]:
    lines = text.strip().split("\n", 1)
    title = lines[0].strip()
    body = lines[1].strip() if len(lines) > 1 else ""
    if not body:
        body, title = title, ""
    if not body:
        yield Failure(origin, "empty file")
        return
    yield Article(text=body, title=title or None, origin=origin)


def _read_json(text: str, origin: str, fields: Mapping[str, str]) -> Iterator[Item]:
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array of articles
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as err:
            yield Failure(origin, f"not JSON ({err.msg} at line {err.lineno})")
            return
        for number, item in enumerate(items, 1):
            yield _from_object(item, f"{origin}:{number}", fields)
        return
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            yield Failure(where, f"not JSON ({err.msg})")
            continue
        yield _from_object(item, where, fields)


def _from_object(item: Any, origin: str, fields: Mapping[str, str]) -> Item:
    if not isinstance(item, dict):
        return Failure(origin, "expected a JSON object")
    body = item.get(fields["body"])
    if body is None and fields["body"] == "body":
        body = item.get("text")
    if not isinstance(body, str) or not body.strip():
        return Failure(origin, f'no text: expected a "{fields["body"]}" (or "text") string')
    published: date | None = None
    raw_date = item.get(fields["published"])
    if raw_date:
        try:
            published = parse_published(str(raw_date)[:10].replace("/", "-"))
        except KhabarError:
            return Failure(origin, f"published is not a date: {raw_date!r}")
    return Article(
        text=body,
        id=_str(item.get(fields["id"])),
        title=_str(item.get(fields["title"])),
        published=published,
        source=_str(item.get(fields["source"])),
        url=_str(item.get(fields["url"])),
        origin=origin,
    )


def _str(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _read_feed(data: bytes, origin: str) -> Iterator[Item]:
    import feedparser  # imported when a feed is read

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no items")
        yield Failure(origin, f"not a readable RSS/Atom feed ({reason})")
        return
    source = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#{number}"
        body = _entry_text(entry)
        if not body:
            yield Failure(where, "feed item without text")
            continue
        published = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
        yield Article(
            text=body,
            title=entry.get("title") or None,
            published=published,
            source=source,
            url=entry.get("link") or None,
            author=entry.get("author") or None,
            origin=where,
        )


def _entry_text(entry: Any) -> str:
    """The text of a feed item: its content or summary, markup removed."""
    from html import unescape
    from re import sub

    parts = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    html = "\n".join(p for p in parts if p)
    text = sub(r"<(?:br|/p|/div|/li)\s*/?>", "\n", html)
    text = unescape(sub(r"<[^>]+>", "", text))
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _read_url(url: str, fields: Mapping[str, str]) -> Iterator[Item]:
    import httpx  # imported when a URL is read

    try:
        data, kind = _fetch(httpx, url)
    except _TooLarge:
        yield Failure(url, f"larger than {MAX_FETCH_BYTES:,} bytes; skipped")
        return
    except httpx.HTTPStatusError as err:
        yield Failure(url, f"the server answered {err.response.status_code}")
        return
    except httpx.HTTPError as err:
        yield Failure(url, f"cannot fetch ({type(err).__name__}); are you offline?")
        return
    suffix = ".xml" if any(k in kind for k in ("xml", "rss", "atom")) else ".html"
    yield from _read_bytes(data, suffix, url, fields, url=url)


class _TooLarge(Exception):
    pass


def _fetch(httpx: Any, url: str) -> tuple[bytes, str]:
    """The body and content type of ``url``, refusing bodies over the size limit."""
    with (
        httpx.Client(follow_redirects=True, timeout=FETCH_TIMEOUT_S) as client,
        client.stream("GET", url, headers={"User-Agent": "khabar"}) as response,
    ):
        response.raise_for_status()
        chunks = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > MAX_FETCH_BYTES:
                raise _TooLarge
            chunks.append(chunk)
        return b"".join(chunks), response.headers.get("content-type", "")
