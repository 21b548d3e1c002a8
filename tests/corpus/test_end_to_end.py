"""The corpus engine end to end on a small corpus we wrote (tests/data/corpus/README.md).

Formats, encodings, bad items, exact and near duplicates from other sources, three unrelated
stories, and search that finds every spelling: the truth is in ``expected.json``.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from khabar.corpus.search import search
from khabar.corpus.store import Store
from khabar.corpus.stories import find_stories

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text("utf-8"))


def _key(origin: str) -> str:
    """An item key of expected.json from a stored origin (feed items are ``file#n``)."""
    return Path(origin).name.replace("#", ":")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "khabar", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def ingested(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("corpus")
    data = folder / "input"
    shutil.copytree(CORPUS, data, ignore=shutil.ignore_patterns("*.json", "*.md"))
    db = folder / "corpus.db"
    return db, run("ingest", str(data), "--db", str(db), "--workers", "1")


@pytest.fixture(scope="module")
def ids(ingested: tuple[Path, subprocess.CompletedProcess[str]]) -> dict[str, str]:
    db, _ = ingested
    con = sqlite3.connect(db)
    found = {
        _key(origin): article_id
        for article_id, origin in con.execute("SELECT id, origin FROM articles")
    }
    con.close()
    return found


def test_counts_and_failures_are_reported(
    ingested: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, result = ingested
    assert result.returncode == 2  # some items failed; the others are stored
    items = len(EXPECTED["items"])
    failures = len(EXPECTED["failures"])
    dups = len(EXPECTED["exact_duplicates"]) + len(EXPECTED["near_duplicates"])
    summary = result.stderr
    assert f"read {items + failures}," in summary
    assert f"new {items - dups}, duplicates {dups}," in summary
    assert f"failed {failures}" in summary
    for failure in EXPECTED["failures"]:
        assert failure["item"] in summary
    assert "Traceback" not in summary


def test_every_item_is_stored_once(ids: dict[str, str]) -> None:
    assert sorted(ids) == sorted(EXPECTED["items"])


def test_duplicates_are_linked_to_their_original(
    ingested: tuple[Path, subprocess.CompletedProcess[str]], ids: dict[str, str]
) -> None:
    db, _ = ingested
    con = sqlite3.connect(db)
    links = dict(con.execute("SELECT id, duplicate_of FROM articles"))
    con.close()
    pairs = EXPECTED["exact_duplicates"] + EXPECTED["near_duplicates"]
    for copy, original in pairs:
        assert links[ids[copy]] == ids[original], (copy, original)
    copies = {ids[c] for c, _ in pairs}
    assert all(links[i] is None for i in ids.values() if i not in copies)


def test_stories_group_the_three_topics(
    ingested: tuple[Path, subprocess.CompletedProcess[str]], ids: dict[str, str]
) -> None:
    db, _ = ingested
    with Store(db) as store:
        stories = find_stories(store)
    found = sorted(sorted(s.articles) for s in stories)
    expected = sorted(sorted(ids[k] for k in keys) for keys in EXPECTED["stories"].values())
    assert found == expected


@pytest.mark.parametrize("probe", EXPECTED["probes"], ids=lambda p: p["query"])
def test_every_spelling_finds_every_spelling(
    probe: dict[str, object],
    ingested: tuple[Path, subprocess.CompletedProcess[str]],
    ids: dict[str, str],
) -> None:
    db, _ = ingested
    with Store(db) as store:
        hits = {h.id for h in search(store, str(probe["query"]), duplicates=True, limit=50)}
    for key in probe["must_find"]:  # type: ignore[attr-defined]
        assert ids[key] in hits, key


def test_the_html_page_is_read_without_its_frame(
    ingested: tuple[Path, subprocess.CompletedProcess[str]], ids: dict[str, str]
) -> None:
    db, _ = ingested
    expected = EXPECTED["html"]
    con = sqlite3.connect(db)
    title, published, author, raw = con.execute(
        "SELECT title, published, author, raw FROM articles WHERE id = ?", (ids["page.html"],)
    ).fetchone()
    con.close()
    assert title == expected["title"] and published == expected["published"]
    assert author == expected["author"]
    assert expected["must_contain"] in raw and expected["must_not_contain"] not in raw


def test_search_and_stories_commands(
    ingested: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    db, _ = ingested
    result = run("search", "زلزله", "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits and all(
        {"id", "title", "source", "published", "snippet", "score"} <= h.keys() for h in hits
    )
    assert all("<mark>" in h["snippet"] for h in hits)
    stories = json.loads(run("stories", "--db", str(db), "--json").stdout)
    assert len(stories) == len(EXPECTED["stories"])
    assert all({"title", "start", "end", "sources", "articles"} <= s.keys() for s in stories)


def test_reingest_changes_nothing(ingested: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    db, _ = ingested
    before = sqlite3.connect(db).execute("SELECT count(*), max(rowid) FROM articles").fetchone()
    data = db.parent / "input"
    result = run("ingest", str(data), "--db", str(db), "--workers", "1")
    assert "new 0, duplicates 0," in result.stderr
    assert f"already stored {len(EXPECTED['items'])}" in result.stderr
    after = sqlite3.connect(db).execute("SELECT count(*), max(rowid) FROM articles").fetchone()
    assert after == before


def test_export_writes_every_article(
    ingested: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    db, _ = ingested
    result = run("export", "--db", str(db), "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(EXPECTED["items"])
    assert all(r["analysis"] for r in rows if not r["duplicate_of"])
    csv_out = run("export", "--db", str(db), "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("id,url,source")


def test_missing_database_is_one_clear_line(tmp_path: Path) -> None:
    result = run("search", "خبر", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2
    assert "no such database" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_parquet_export(
    ingested: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    db, _ = ingested
    out = tmp_path / "corpus.parquet"
    result = run("export", "--db", str(db), "--format", "parquet", "--output", str(out))
    assert result.returncode == 0, result.stderr
    table = pq.read_table(out)
    assert table.num_rows == len(EXPECTED["items"])
    assert {"id", "title", "analysis", "duplicate_of"} <= set(table.column_names)
    refused = run("export", "--db", str(db), "--format", "parquet")
    assert refused.returncode == 2 and "--output" in refused.stderr
