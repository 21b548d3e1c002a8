"""Persian-aware full-text search over the corpus (SQLite FTS5, BM25 ranking).

Queries are normalized exactly like the stored text — Persian letters for Arabic ones, Latin
digits, diacritics dropped, half-spaces restored — and the index splits words at half-spaces.
So ``میشود``, ``می شود`` and ``می‌شود`` all become the phrase ``می شود`` and find each other;
``همكاري`` finds ``همکاری``; ``۵.۸`` finds ``5.8``; and a stem finds its forms written with a
half-space (``کشور`` finds ``کشور‌ها``).
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from khabar.corpus.store import Store, connection_of
from khabar.errors import InputError
from khabar.text.normalize import normalize

_WORD = re.compile(r"\w+")
HIGHLIGHT = ("<mark>", "</mark>")
SNIPPET_TOKENS = 16


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    snippet: str
    score: float


def index_form(text: str) -> str:
    """Text as the index holds it (and as queries are read)."""
    return normalize(text, digits="latin").text


def fts_query(query: str) -> str:
    """The FTS5 MATCH expression of a user query: every word or "phrase" must occur.

    Each stretch is normalized whole before it is cut into words, so a spaced ``می شود`` is
    one word, as it is in the index; a word with half-spaces is a phrase of its parts.

    Raises:
        InputError: the query holds no word to search for.
    """
    parts: list[str] = []
    common: set[str] = set()  # function words, dropped when the query has others
    for number, stretch in enumerate(query.split('"')):
        normalized = index_form(stretch)
        if number % 2:  # inside quotation marks: one phrase
            words = _WORD.findall(normalized)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        for term in normalized.split():
            words = _WORD.findall(term)
            if words:
                parts.append('"' + " ".join(words) + '"')
                if term.replace("\u200c", "") in _stopwords():
                    common.add(parts[-1])
    if not parts:
        raise InputError(f"nothing to search for in {query!r}; give a word or a phrase")
    return " AND ".join([p for p in parts if p not in common] or parts)


def _stopwords() -> frozenset[str]:
    from khabar.extract.names import names

    return names().stopwords


def search(
    store: Store | sqlite3.Connection,
    query: str,
    *,
    since: date | None = None,
    until: date | None = None,
    source: str | None = None,
    entity: str | None = None,
    limit: int = 20,
    offset: int = 0,
    duplicates: bool = False,
) -> list[Hit]:
    """The best matches of ``query``, best first (BM25), with highlighted snippets.

    Function words are dropped from a query that has other words. A query so common that its
    matches cannot all be ranked within :data:`RANK_BUDGET_S` gets its newest matches instead.
    """
    where = ["article_search MATCH ?"]
    args: list[object] = [fts_query(query)]
    if not duplicates:
        where.append("a.duplicate_of IS NULL")
    if since is not None:
        where.append("a.published >= ?")
        args.append(since.isoformat())
    if until is not None:
        where.append("a.published <= ?")
        args.append(until.isoformat())
    if source:
        where.append("a.source = ?")
        args.append(source)
    if entity:
        # The full name, or a surname alone (پزشکیان finds مسعود پزشکیان).
        where.append(
            "EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id "
            "AND (e.name = ? OR e.name LIKE '% ' || ?))"
        )
        name = index_form(entity)
        args += [name, name]
    con = connection_of(store)
    select = (
        "SELECT a.id, a.title, a.source, a.published, a.url, "
        f"snippet(article_search, 1, ?, ?, '…', {SNIPPET_TOKENS}), bm25(article_search) "
        "FROM article_search JOIN articles a ON a.rowid = article_search.rowid "
        f"WHERE {' AND '.join(where)} ORDER BY "
    )
    params = [*HIGHLIGHT, *args, limit, offset]
    try:
        with _budget(con, RANK_BUDGET_S):
            rows = con.execute(select + "bm25(article_search) LIMIT ? OFFSET ?", params).fetchall()
    except sqlite3.OperationalError as err:
        if "interrupted" not in str(err):
            raise
        # Too many matches to rank in time (a very common word): the newest matches instead,
        # which the index gives in order without scoring them all.
        rows = con.execute(select + "article_search.rowid DESC LIMIT ? OFFSET ?", params).fetchall()
    return [Hit(r[0], r[1], r[2], r[3], r[4], r[5], round(-r[6], 4)) for r in rows]


# Ranking every match of a query costs time in proportion to how many there are.
RANK_BUDGET_S = 0.03


@contextmanager
def _budget(con: sqlite3.Connection, seconds: float) -> Iterator[None]:
    """Interrupt the statements run inside after ``seconds`` (SQLite's progress handler)."""
    deadline = time.perf_counter() + seconds
    con.set_progress_handler(lambda: int(time.perf_counter() > deadline), 2000)
    try:
        yield
    finally:
        con.set_progress_handler(None, 0)
