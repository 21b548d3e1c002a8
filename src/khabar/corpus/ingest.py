"""``khabar ingest``: inputs → normalized, analyzed, deduplicated articles in the store.

Reading, deduplication and writing happen in this process, in input order; normalization and
analysis — nearly all the work — run in worker processes when ``workers`` > 1. Each article is
written in its own transaction and reported only once committed, so an interrupted run loses
nothing it reported. Re-reading an article already stored (same id) changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from khabar.corpus import dedupe
from khabar.corpus.identity import article_id, content_hash
from khabar.corpus.store import Record, Store
from khabar.errors import KhabarError
from khabar.ingest.readers import Failure, read_inputs
from khabar.model import Article
from khabar.text.normalize import normalize

BATCH = 64  # articles handed to the workers at a time


@dataclass
class Summary:
    read: int = 0
    new: int = 0
    duplicates: int = 0
    existing: int = 0
    failures: list[Failure] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the workers compute for one article."""

    article: Article
    text: str
    id: str
    content_hash: str
    signature: bytes
    search_title: str
    analysis: dict[str, Any] | None
    language: str | None


def prepare(article: Article, analyze: bool, signature: bool = True) -> Prepared | Failure:
    """Normalize, identify, fingerprint (unless ``signature`` is false: the Spark job hashes
    on its own) and (optionally) analyze one article."""
    try:
        text = None
        analysis = None
        language = None
        if analyze:
            from khabar.pipeline import analyze_with_text

            result, text = analyze_with_text(article)
            analysis = result.to_dict()
            language = result.language
        if text is None:
            text = normalize(article.text, digits="latin").text
        return Prepared(
            article=article,
            text=text,
            id=article_id(article.url, text),
            content_hash=content_hash(text),
            signature=dedupe.to_bytes(dedupe.signature(text)) if signature else b"",
            search_title=normalize(article.title, digits="latin").text if article.title else "",
            analysis=analysis,
            language=language,
        )
    except KhabarError as err:
        return Failure(article.origin or "?", str(err))


def _prepare_batch(batch: list[Article], analyze: bool) -> list[Prepared | Failure]:
    return [prepare(a, analyze) for a in batch]


def ingest(
    inputs: list[str],
    store: Store,
    *,
    analyze: bool = True,
    threshold: float = dedupe.DEFAULT_THRESHOLD,
    workers: int = 1,
    mapping: dict[str, str] | None = None,
    on_item: Callable[[str, Prepared | Failure], None] | None = None,
) -> Summary:
    """Read ``inputs`` into ``store``; ``on_item(status, item)`` hears of every item.

    ``status`` is ``new``, ``duplicate``, ``existing`` or ``failed``; a ``new`` or
    ``duplicate`` article is reported after its transaction has committed.
    """
    return ingest_items(
        read_inputs(inputs, mapping),
        store,
        analyze=analyze,
        threshold=threshold,
        workers=workers,
        on_item=on_item,
    )


def ingest_items(
    items: Iterable[Article | Failure],
    store: Store,
    *,
    analyze: bool = True,
    threshold: float = dedupe.DEFAULT_THRESHOLD,
    workers: int = 1,
    on_item: Callable[[str, Prepared | Failure], None] | None = None,
) -> Summary:
    """:func:`ingest` for articles already read (the HTTP API's ``POST /articles``)."""
    summary = Summary()
    deduper = dedupe.Deduper(threshold)
    deduper.load(store.signatures())

    def note(status: str, item: Prepared | Failure) -> None:
        if on_item is not None:
            on_item(status, item)

    for prepared in _prepared(items, analyze, workers):
        summary.read += 1
        if isinstance(prepared, Failure):
            summary.failures.append(prepared)
            note("failed", prepared)
            continue
        if store.has(prepared.id):
            summary.existing += 1
            note("existing", prepared)
            continue
        duplicate_of, similarity = _duplicate(store, deduper, prepared)
        record = _record(prepared, duplicate_of, similarity)
        try:
            store.add(record)
        except KhabarError as err:  # pragma: no cover - a store error names itself
            summary.failures.append(Failure(prepared.article.origin or prepared.id, str(err)))
            continue
        if duplicate_of is None:
            deduper.add(prepared.id, dedupe.from_bytes(prepared.signature))
            summary.new += 1
            note("new", prepared)
        else:
            summary.duplicates += 1
            note("duplicate", prepared)
    return summary


def _prepared(
    items: Iterable[Article | Failure], analyze: bool, workers: int
) -> Iterator[Prepared | Failure]:
    """Prepared articles in input order; failures pass through.

    With workers, the next batch is already being prepared while this one is written, so
    neither the workers nor the writer wait for each other.
    """
    iterator = iter(items)
    if workers <= 1:
        for item in iterator:
            yield item if isinstance(item, Failure) else prepare(item, analyze)
        return
    pool = ProcessPoolExecutor(max_workers=workers)

    def submit() -> tuple[list[Article | Failure], list[Future[list[Prepared | Failure]]]] | None:
        batch = list(islice(iterator, BATCH * workers))
        if not batch:
            return None
        articles = [a for a in batch if isinstance(a, Article)]
        chunks = [articles[k : k + BATCH] for k in range(0, len(articles), BATCH)]
        return batch, [pool.submit(_prepare_batch, chunk, analyze) for chunk in chunks]

    try:
        pending = submit()
        while pending is not None:
            batch, futures = pending
            pending = submit()  # keep the workers busy while this batch is written
            done = (p for f in futures for p in f.result())
            for item in batch:
                yield item if isinstance(item, Failure) else next(done)
    finally:
        pool.shutdown(cancel_futures=True)


def _duplicate(
    store: Store, deduper: dedupe.Deduper, prepared: Prepared
) -> tuple[str | None, float | None]:
    exact = store.by_hash(prepared.content_hash)
    if exact is not None:
        return exact, 1.0
    near = deduper.match(dedupe.from_bytes(prepared.signature))
    if near is not None:
        return near[0], round(near[1], 3)
    return None, None


def _record(prepared: Prepared, duplicate_of: str | None, similarity: float | None) -> Record:
    article = prepared.article
    return Record(
        id=prepared.id,
        raw=article.text,
        text=prepared.text,
        content_hash=prepared.content_hash,
        title=article.title,
        url=article.url,
        source=article.source or _named_source(prepared.analysis),
        author=article.author,
        published=article.published.isoformat() if article.published else None,
        language=prepared.language,
        origin=article.origin,
        analysis=prepared.analysis if duplicate_of is None else None,
        duplicate_of=duplicate_of,
        similarity=similarity,
        signature=prepared.signature if duplicate_of is None else None,
        search_title=prepared.search_title,
    )


def _named_source(analysis: dict[str, Any] | None) -> str | None:
    """The outlet the text itself names (به گزارش ایرنا), when the input gave none."""
    source = (analysis or {}).get("source")
    return source.get("name") if isinstance(source, dict) else None


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)
