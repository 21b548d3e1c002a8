"""A small corpus database, ingested once for the server tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from khabar.corpus.ingest import ingest
from khabar.corpus.store import Store

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"

SCRIPTED = (
    '{"title": "آزمون <script>alert(1)</script>", '
    '"body": "خبرنگار نوشت: <script>alert(\\"x\\")</script> و <b>پررنگ</b> در متن خبر آمده است و '
    'سرگئی لاوروف روز دوشنبه به تهران سفر کرد.", "url": "https://example.ir/xss"}\n'
)


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve")
    data = folder / "input"
    shutil.copytree(CORPUS, data, ignore=shutil.ignore_patterns("*.json", "*.md", "broken.txt"))
    (data / "script.jsonl").write_text(SCRIPTED, encoding="utf-8")
    db = folder / "corpus.db"
    with Store(db) as store:
        ingest([str(data)], store, workers=1)
    return db
