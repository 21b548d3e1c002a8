"""``khabar export``: every article with its analysis, as JSON Lines, CSV or Parquet."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from typing import IO, Any

from khabar.corpus.store import Store
from khabar.errors import OptionError

FORMATS = ("jsonl", "csv", "parquet")
COLUMNS = (
    "id",
    "url",
    "source",
    "title",
    "author",
    "published",
    "language",
    "origin",
    "duplicate_of",
    "similarity",
    "ingested_at",
    "raw",
    "text",
    "analysis",
)


def rows(store: Store) -> Iterator[dict[str, Any]]:
    cursor = store.con.execute(f"SELECT {', '.join(COLUMNS)} FROM articles ORDER BY rowid")
    for values in cursor:
        row = dict(zip(COLUMNS, values, strict=True))
        row["analysis"] = json.loads(row["analysis"]) if row["analysis"] else None
        yield row


def export(store: Store, fmt: str, out: IO[str] | None = None, path: str | None = None) -> int:
    """Write every article; returns how many. Parquet needs ``path`` (and pyarrow)."""
    if fmt not in FORMATS:
        raise OptionError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        return _parquet(store, path)
    out = out or sys.stdout
    count = 0
    if fmt == "jsonl":
        for row in rows(store):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows(store):
        row["analysis"] = json.dumps(row["analysis"], ensure_ascii=False) if row["analysis"] else ""
        writer.writerow(row)
        count += 1
    return count


def _parquet(store: Store, path: str | None) -> int:
    if not path or path == "-":
        raise OptionError(
            "Parquet is binary: give a file with --output, e.g. --output corpus.parquet"
        )
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise OptionError("Parquet export needs pyarrow: pip install 'khabar[parquet]'") from None
    data = list(rows(store))
    for row in data:
        row["analysis"] = (
            json.dumps(row["analysis"], ensure_ascii=False) if row["analysis"] else None
        )
    table = pa.Table.from_pylist(data) if data else pa.table({c: [] for c in COLUMNS})
    pq.write_table(table, path)
    return len(data)
