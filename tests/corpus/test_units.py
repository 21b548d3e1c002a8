"""The corpus engine's parts on small Persian inputs we wrote."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.corpus import dedupe
from khabar.corpus.identity import article_id, canonical_url, content_hash
from khabar.corpus.search import fts_query, index_form, search
from khabar.corpus.store import SCHEMA_VERSION, Record, Store
from khabar.errors import InputError
from khabar.ingest.html import page_date, read_html
from khabar.ingest.readers import Failure, read_inputs
from khabar.model import Article

Z = "\u200c"
NEWS = (
    "وزیر نیرو روز یکشنبه در اهواز اعلام کرد که ساخت سد تازه‌ای بر رودخانه کارون از پاییز "
    "آغاز می‌شود و همکاری با شرکت‌های داخلی در این طرح ادامه خواهد یافت. به گفته او، این سد "
    "آب کشاورزی دشت‌های جنوبی استان را تأمین می‌کند و ظرفیت مخزن آن ۳۲۰ میلیون مترمکعب است."
)


def test_canonical_urls_drop_tracking_and_noise() -> None:
    a = canonical_url("https://WWW.Khabar.ir/news/12/?utm_source=x&id=5#top")
    assert a == "https://khabar.ir/news/12?id=5"
    assert article_id("https://www.khabar.ir/news/12/", "x") == article_id(
        "https://khabar.ir/news/12?utm_medium=feed", "y"
    )


def test_content_ids_ignore_spacing_and_half_spaces() -> None:
    assert content_hash("می‌شود  خبر") == content_hash("میشود خبر")
    assert article_id(None, "متن یک") != article_id(None, "متن دو")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("میشود", "می‌شود"),
        ("می شود", "می‌شود"),
        ("همكاري", "همکاری"),
        ("۵.۸", "5.8"),
        ("كشورها", "کشور‌ها"),
        ("اَمنیت", "امنیت"),
    ],
)
def test_spelling_variants_make_one_query(a: str, b: str) -> None:
    assert fts_query(a) == fts_query(b)


def test_an_empty_query_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="nothing to search"):
        fts_query(" ... ؟ ")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet='ابپ تژک"گی‌۱2.*-()«»:', max_size=40))
def test_any_query_is_valid_fts5(query: str) -> None:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    try:
        expression = fts_query(query)
    except InputError:
        return
    con.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()


def _record(text: str, **fields: object) -> Record:
    normalized = index_form(text)
    return Record(
        id=article_id(None, normalized),
        raw=text,
        text=normalized,
        content_hash=content_hash(normalized),
        **fields,  # type: ignore[arg-type]
    )


def test_store_search_and_filters(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        store.add(_record(NEWS, title="سد تازه کارون", source="ایرنا", published="2025-05-04"))
        store.add(
            _record("قیمت طلا در بازار تهران کاهش یافت.", source="مهر", published="2025-06-01")
        )
        assert [h.title for h in search(store, "میشود")] == ["سد تازه کارون"]
        assert search(store, "كارون")[0].snippet.count("<mark>") == 1
        assert search(store, '"ظرفیت مخزن"') and not search(store, '"مخزن ظرفیت"')
        assert not search(store, "کارون", source="مهر")
        from datetime import date

        assert not search(store, "کارون", since=date(2025, 6, 1))
        assert search(store, "۳۲۰")  # Persian digits in text and query alike


def test_schema_is_versioned_and_a_foreign_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Store(db).close()
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    Store(db).close()  # opening again migrates nothing
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError, match="not a khabar database"):
        Store(junk)


def test_near_copy_is_found_and_another_story_is_not() -> None:
    deduper = dedupe.Deduper()
    deduper.add("a", dedupe.signature(index_form(NEWS)))
    copy = NEWS.replace("روز یکشنبه", "روز دوشنبه").replace("ادامه خواهد یافت", "ادامه می‌یابد")
    match = deduper.match(dedupe.signature(index_form(copy)))
    assert match is not None and match[0] == "a"
    other = (
        "استاندار خوزستان گفت سد کارون تا پایان سال آبگیری نمی‌شود، زیرا اعتبار طرح هنوز "
        "پرداخت نشده و پیمانکار کار را متوقف کرده است. کشاورزان دشت‌های جنوبی نگران‌اند."
    )
    assert deduper.match(dedupe.signature(index_form(other))) is None


def test_readers_report_bad_items_and_go_on(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("سد تازه کارون\n" + NEWS, encoding="utf-8")
    lines = tmp_path / "b.jsonl"
    lines.write_text(
        '{"title": "الف", "body": "متن خبر اول"}\n{broken\n{"title": "ب"}\n'
        '{"headline": "ج", "content": "متن خبر سوم", "published": "1404-02-10"}\n',
        encoding="utf-8",
    )
    (tmp_path / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "d.txt").write_bytes(b"")
    items = list(read_inputs([str(tmp_path)], {"title": "headline", "body": "content"}))
    failures = {Path(f.origin).name: f.reason for f in items if isinstance(f, Failure)}
    articles = [a for a in items if isinstance(a, Article)]
    assert failures.keys() == {"b.jsonl:1", "b.jsonl:2", "b.jsonl:3", "c.txt", "d.txt"}
    assert "not JSON" in failures["b.jsonl:2"] and "empty" in failures["d.txt"]
    assert "binary" in failures["c.txt"] or "not text" in failures["c.txt"]
    assert [a.title for a in articles] == ["سد تازه کارون", "ج"]
    assert str(articles[1].published) == "2025-04-30"  # 10 Ordibehesht 1404


def test_missing_input_is_a_failure_not_a_crash() -> None:
    items = list(read_inputs(["/nonexistent/dir/*.txt", "/nonexistent.txt"]))
    assert all(isinstance(i, Failure) for i in items) and len(items) == 2


def test_html_keeps_half_spaces_and_reads_jalali_dates() -> None:
    html = (
        '<html lang="fa"><head><title>سد کارون</title>'
        '<meta property="article:published_time" content="۱۴۰۴/۰۲/۱۴ ۱۰:۳۰"></head><body>'
        "<nav><a>خانه</a> <a>سیاسی</a> <a>اقتصادی</a></nav>"
        f"<article><h1>سد تازه کارون</h1><p>{NEWS}</p><p>{NEWS}</p></article>"
        "<footer>همه حقوق این سایت محفوظ است</footer></body></html>"
    )
    assert str(page_date(html)) == "2025-05-04"
    article = read_html(html, "page.html")
    assert f"می{Z}شود" in article.text and f"شرکت{Z}ها" in article.text
    assert "حقوق" not in article.text and "سیاسی" not in article.text
    assert str(article.published) == "2025-05-04"
