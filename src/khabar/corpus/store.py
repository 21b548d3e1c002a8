"""The SQLite store: one file, WAL mode, versioned schema, one transaction per article.

Tables: ``articles`` (raw and normalized text, metadata, the analysis as JSON, duplicate
links), ``entities``, ``mentions``, ``events`` and ``dates`` (the analysis again, as rows one can
query with SQL), ``minhashes`` (signatures for near-duplicate search) and ``article_search``, an
FTS5 index over the normalized title and text. An article and all its rows are written in one
transaction, so a process killed at any moment leaves every committed article whole and no
partial one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.errors import InputError

SCHEMA_VERSION = 1

# Each migration brings the schema from version i to i + 1.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        source TEXT,
        title TEXT,
        author TEXT,
        published TEXT,
        language TEXT,
        origin TEXT,
        raw TEXT NOT NULL,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        analysis TEXT,
        duplicate_of TEXT,
        similarity REAL,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE INDEX articles_duplicate ON articles(duplicate_of);
    CREATE INDEX articles_source ON articles(source);
    CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles(id),
        entity TEXT NOT NULL,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        country TEXT,
        role TEXT,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, entity)
    );
    CREATE INDEX entities_name ON entities(name);
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        entity TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles(id),
        number INTEGER NOT NULL,
        category TEXT NOT NULL,
        cameo TEXT,
        trigger TEXT,
        source TEXT,
        target TEXT,
        place TEXT,
        date TEXT,
        modality TEXT,
        PRIMARY KEY (article_id, number)
    );
    CREATE INDEX events_category ON events(category);
    CREATE TABLE dates (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        calendar TEXT,
        value TEXT
    );
    CREATE INDEX dates_article ON dates(article_id);
    CREATE TABLE minhashes (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        signature BLOB NOT NULL
    );
    CREATE VIRTUAL TABLE article_search USING fts5(
        title, body, tokenize = "unicode61 remove_diacritics 2"
    );
    """,
]


@dataclass(frozen=True, slots=True)
class Record:
    """One article as stored."""

    id: str
    raw: str
    text: str  # normalized (digits Latin, half-spaces restored): what search indexes
    content_hash: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    origin: str | None = None
    analysis: dict[str, Any] | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    signature: bytes | None = None
    search_title: str = ""


class Store:
    """An open corpus database."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.con = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.con.execute("PRAGMA journal_mode = WAL")
            self.con.execute("PRAGMA synchronous = NORMAL")
            self.con.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise InputError(
                f"{self.path}: not a khabar database ({err}); give a new file name or a khabar .db"
            ) from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _migrate(self) -> None:
        version = self.con.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise InputError(
                f"{self.path}: made by a newer khabar (schema {version}); upgrade khabar"
            )
        for number in range(version, SCHEMA_VERSION):
            self.con.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[number]):
                    self.con.execute(statement)
                self.con.execute(f"PRAGMA user_version = {number + 1}")
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise

    # --- reading ----------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        row = self.con.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def by_hash(self, content_hash: str) -> str | None:
        """The id of a canonical article with this content, if one is stored."""
        row = self.con.execute(
            "SELECT id FROM articles WHERE content_hash = ? AND duplicate_of IS NULL LIMIT 1",
            (content_hash,),
        ).fetchone()
        return row[0] if row else None

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Signatures of the canonical articles (duplicates point to these)."""
        yield from self.con.execute(
            "SELECT m.article_id, m.signature FROM minhashes m JOIN articles a "
            "ON a.id = m.article_id WHERE a.duplicate_of IS NULL"
        )

    def count(self) -> int:
        return int(self.con.execute("SELECT count(*) FROM articles").fetchone()[0])

    # --- writing ----------------------------------------------------------------------

    def add(self, record: Record) -> None:
        """Store one article and every row of its analysis, in one transaction."""
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            cur = con.execute(
                "INSERT INTO articles (id, url, source, title, author, published, language, "
                "origin, raw, text, content_hash, analysis, duplicate_of, similarity) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.id,
                    record.url,
                    record.source,
                    record.title,
                    record.author,
                    record.published,
                    record.language,
                    record.origin,
                    record.raw,
                    record.text,
                    record.content_hash,
                    json.dumps(record.analysis, ensure_ascii=False) if record.analysis else None,
                    record.duplicate_of,
                    record.similarity,
                ),
            )
            con.execute(
                "INSERT INTO article_search (rowid, title, body) VALUES (?, ?, ?)",
                (cur.lastrowid, record.search_title, record.text),
            )
            if record.signature is not None:
                con.execute(
                    "INSERT INTO minhashes (article_id, signature) VALUES (?, ?)",
                    (record.id, record.signature),
                )
            if record.analysis:
                _write_analysis(con, record.id, record.analysis)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def connection_of(source: Store | sqlite3.Connection) -> sqlite3.Connection:
    """The connection of a store, or a (read-only) connection given as such."""
    return source.con if isinstance(source, Store) else source


def _statements(script: str) -> list[str]:
    """The statements of a migration script (sqlite3 cannot run a script inside BEGIN)."""
    out, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        if sqlite3.complete_statement("\n".join(current)):
            out.append("\n".join(current))
            current = []
    return out


def analysis_rows(article_id: str, analysis: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    """The rows an analysis gives the tables entities, mentions, events and dates (shared with
    the Spark job, so both write the same fields)."""
    entities = analysis.get("entities", ())
    return {
        "entities": [
            (
                article_id,
                e["id"],
                e["type"],
                e["name"],
                e.get("country"),
                (e.get("role") or {}).get("title"),
                len(e["mentions"]),
            )
            for e in entities
        ],
        "mentions": [
            (article_id, e["id"], m["start"], m["end"], m["text"])
            for e in entities
            for m in e["mentions"]
        ],
        "events": [
            (
                article_id,
                number,
                ev["category"],
                ev["cameo"],
                ev["trigger"]["text"],
                (ev.get("source") or {}).get("name"),
                (ev.get("target") or {}).get("name"),
                (ev.get("place") or {}).get("name"),
                (ev.get("date") or {}).get("value"),
                ev["modality"],
            )
            for number, ev in enumerate(analysis.get("events", ()), 1)
        ],
        "dates": [
            (article_id, d["start"], d["end"], d["text"], d.get("calendar"), d.get("value"))
            for d in analysis.get("dates", ())
        ],
    }


def _write_analysis(con: sqlite3.Connection, article_id: str, analysis: dict[str, Any]) -> None:
    for table, rows in analysis_rows(article_id, analysis).items():
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
