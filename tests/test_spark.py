"""The Spark job in local mode gives what khabar analyze gives, finds copies, counts bad lines."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pq = pytest.importorskip("pyarrow.parquet")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java", allow_module_level=True)

from khabar import analyze  # noqa: E402
from khabar.spark import load, run  # noqa: E402

GOLD = Path(__file__).resolve().parent / "data" / "analyze"
_MARK = re.compile(r"\[\[[A-Z]+\|([^\]]+)\]\]")


@pytest.fixture(scope="module")
def job(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    folder = tmp_path_factory.mktemp("spark")
    records = []
    for path in sorted(GOLD.glob("*.txt"))[:6]:
        body = _MARK.sub(r"\1", path.read_text("utf-8").partition("\n\n")[2])
        records.append({"title": path.stem, "body": body, "url": f"https://example.ir/{path.stem}"})
    copy = dict(records[0], url="https://another.ir/copy")
    # A near copy: another site's version with its own closing sentence.
    near = dict(
        records[1],
        url="https://third.ir/near",
        body=records[1]["body"] + "\nبرای دریافت اخبار بیشتر به کانال ما بپیوندید.",
    )
    source = folder / "in.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in [*records, copy, near]] + ["{not json"]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = folder / "out"
    counts = run(str(source), str(out), master="local[2]", partitions=2)
    assert counts == {"articles": 8, "duplicates": 2, "failed": 1}
    return out, records


def _table(out: Path, name: str) -> list[dict[str, object]]:
    return pq.read_table(out / name).to_pylist()  # type: ignore[no-any-return]


def test_same_analysis_as_one_machine(job: tuple[Path, list[dict[str, str]]]) -> None:
    out, records = job
    articles = {r["url"]: r for r in _table(out, "articles")}
    entities = _table(out, "entities")
    events = _table(out, "events")
    dates = _table(out, "dates")
    for record in records:
        row = articles[record["url"]]
        local = analyze(record["body"]).to_dict()
        mine = {(e["type"], e["name"]) for e in entities if e["article_id"] == row["id"]}
        assert mine == {(e["type"], e["name"]) for e in local["entities"]}
        assert sorted(e["category"] for e in events if e["article_id"] == row["id"]) == sorted(
            e["category"] for e in local["events"]
        )
        assert sorted(d["text"] for d in dates if d["article_id"] == row["id"]) == sorted(
            d["text"] for d in local["dates"]
        )


def test_copies_and_bad_lines(job: tuple[Path, list[dict[str, str]]]) -> None:
    out, records = job
    articles = {r["url"]: r for r in _table(out, "articles")}
    copy = articles["https://another.ir/copy"]
    assert copy["duplicate_of"] == articles[records[0]["url"]]["id"]
    near = articles["https://third.ir/near"]
    assert near["duplicate_of"] == articles[records[1]["url"]]["id"]
    originals = [r for r in articles.values() if r["duplicate_of"] is None]
    assert len(originals) == 6
    # A copy brings no analysis rows of its own.
    entities = _table(out, "entities")
    assert not any(e["article_id"] in (copy["id"], near["id"]) for e in entities)
    failures = _table(out, "failures")
    assert len(failures) == 1 and "not JSON" in str(failures[0]["reason"])


def test_load_into_a_store_for_search(
    job: tuple[Path, list[dict[str, str]]], tmp_path: Path
) -> None:
    from khabar.corpus.search import search
    from khabar.corpus.store import Store

    out, _ = job
    db = tmp_path / "loaded.db"
    assert load(str(out), str(db)) == 8
    assert load(str(out), str(db)) == 0  # loading again changes nothing
    with Store(db) as store:
        assert store.count() == 8
        assert search(store, "ایران")


def test_parquet_and_text_inputs(tmp_path: Path) -> None:
    import pyarrow as pa

    bodies = [
        "وزیر امور خارجه ایران روز شنبه به مسکو سفر کرد و با همتای روسی خود دیدار کرد.",
        "بانک مرکزی اعلام کرد نرخ تورم در آذر ماه کاهش یافته است.",
    ]
    parquet = tmp_path / "in.parquet"
    pq.write_table(pa.table({"body": bodies, "url": ["https://a.ir/1", "https://a.ir/2"]}), parquet)
    texts = tmp_path / "texts"
    texts.mkdir()
    for i, body in enumerate(bodies):
        (texts / f"{i}.txt").write_text(f"عنوان {i}\n{body}\n", encoding="utf-8")
    (texts / "empty.txt").write_text("\n", encoding="utf-8")
    counts = run(str(parquet), str(tmp_path / "p"), master="local[2]")
    assert counts == {"articles": 2, "duplicates": 0, "failed": 0}
    counts = run(str(texts), str(tmp_path / "t"), master="local[2]")
    assert counts == {"articles": 2, "duplicates": 0, "failed": 1}
    rows = _table(tmp_path / "t", "articles")
    assert sorted(r["title"] for r in rows) == ["عنوان 0", "عنوان 1"]
    places = {e["name"] for e in _table(tmp_path / "p", "entities") if e["type"] == "LOC"}
    assert {"ایران", "مسکو"} <= places


def test_a_uri_matching_nothing_is_a_clear_error(tmp_path: Path) -> None:
    from khabar.errors import InputError

    with pytest.raises(InputError, match="no such input"):
        run(f"file://{tmp_path}/none-*.jsonl", str(tmp_path / "out"), master="local[1]")
    assert not (tmp_path / "out").exists()


def test_an_earlier_run_is_replaced_only_when_asked(tmp_path: Path) -> None:
    from khabar.errors import InputError

    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"body": "وزیر نفت ایران گفت تولید نفت در سال جاری افزایش یافته است."}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert run(str(source), str(out), master="local[1]")["articles"] == 1
    with pytest.raises(InputError, match="--overwrite"):
        run(str(source), str(out), master="local[1]")
    assert run(str(source), str(out), master="local[1]", overwrite=True)["articles"] == 1
    assert len(_table(out, "articles")) == 1
