"""Read-only questions to the corpus, shared by the JSON API and the web reader.

Each request opens its own read-only connection (``mode=ro``): read endpoints cannot write,
and SQLite's WAL lets them read while an ingest writes.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any

PAGE_SIZE = 20


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def connect(db: str) -> sqlite3.Connection:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
    con.row_factory = sqlite3.Row
    return con


def count_articles(con: sqlite3.Connection) -> int:
    return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])


def article(con: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    row = con.execute(
        "SELECT id, url, source, title, author, published, language, origin, raw, text, "
        "analysis, duplicate_of, similarity, ingested_at FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["analysis"] = json.loads(out["analysis"]) if out["analysis"] else None
    out["duplicates"] = [
        r[0] for r in con.execute("SELECT id FROM articles WHERE duplicate_of = ?", (article_id,))
    ]
    return out


def latest(con: sqlite3.Connection, page: Page) -> list[dict[str, Any]]:
    rows = con.execute(
        "SELECT id, title, source, published FROM articles WHERE duplicate_of IS NULL "
        "ORDER BY published DESC, rowid DESC LIMIT ? OFFSET ?",
        (page.size, page.offset),
    )
    return [dict(r) for r in rows]


def entities(con: sqlite3.Connection, query: str | None, page: Page) -> list[dict[str, Any]]:
    """Entities across the corpus, most written about first; ``query`` filters by name."""
    sql = (
        "SELECT type, name, count(*) AS articles, sum(mentions) AS mentions FROM entities"
        + (" WHERE name LIKE ?" if query else "")
        + " GROUP BY type, name ORDER BY articles DESC, name LIMIT ? OFFSET ?"
    )
    args: list[Any] = [f"%{query}%"] if query else []
    rows = con.execute(sql, [*args, page.size, page.offset])
    return [{**dict(r), "id": entity_key(r["type"], r["name"])} for r in rows]


def entity_key(type_: str, name: str) -> str:
    """An entity's id across the corpus: its type and canonical name (``PER:مسعود پزشکیان``)."""
    return f"{type_}:{name}"


def entity(con: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    """One entity: its mentions over time, the entities it appears with, the roles it had."""
    type_, _, name = key.partition(":")
    rows = con.execute(
        "SELECT e.article_id, e.mentions, e.role, a.published, a.title FROM entities e "
        "JOIN articles a ON a.id = e.article_id WHERE e.type = ? AND e.name = ? "
        "ORDER BY a.published",
        (type_, name),
    ).fetchall()
    if not rows:
        return None
    timeline: Counter[str] = Counter()
    for r in rows:
        timeline[r["published"] or "?"] += r["mentions"]
    ids = [r["article_id"] for r in rows]
    marks = ",".join("?" * len(ids))
    together = con.execute(
        f"SELECT type, name, count(*) AS articles FROM entities WHERE article_id IN ({marks}) "
        "AND NOT (type = ? AND name = ?) GROUP BY type, name ORDER BY articles DESC LIMIT 15",
        [*ids, type_, name],
    )
    return {
        "id": key,
        "type": type_,
        "name": name,
        "articles": [
            {"id": r["article_id"], "title": r["title"], "published": r["published"]} for r in rows
        ],
        "timeline": [{"date": d, "mentions": n} for d, n in sorted(timeline.items())],
        "cooccurring": [{**dict(r), "id": entity_key(r["type"], r["name"])} for r in together],
        "roles": sorted({r["role"] for r in rows if r["role"]}),
    }


def events(
    con: sqlite3.Connection,
    *,
    category: str | None,
    actor: str | None,
    since: str | None,
    until: str | None,
    page: Page,
) -> list[dict[str, Any]]:
    where, args = [], []
    if category:
        where.append("ev.category = ?")
        args.append(category.upper())
    if actor:
        where.append("(ev.source = ? OR ev.target = ?)")
        args += [actor, actor]
    if since:
        where.append("coalesce(ev.date, a.published) >= ?")
        args.append(since)
    if until:
        where.append("coalesce(ev.date, a.published) <= ?")
        args.append(until)
    sql = (
        "SELECT ev.article_id, ev.category, ev.cameo, ev.trigger, ev.source, ev.target, "
        "ev.place, ev.date, ev.modality, a.title, a.published FROM events ev "
        "JOIN articles a ON a.id = ev.article_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY coalesce(ev.date, a.published) DESC LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in con.execute(sql, [*args, page.size, page.offset])]
