"""The khabar command: real processes, real files, Persian text we wrote."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
Z = "\u200c"


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "khabar", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_version():
    from khabar import __version__

    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip().startswith(f"khabar {__version__} (text passes: ")
    pure = run("--version", env={"KHABAR_PURE_PYTHON": "1"})
    assert pure.stdout.decode().strip() == f"khabar {__version__} (text passes: pure Python)"


def test_normalize_the_sample_article():
    result = run("normalize", str(ROOT / "samples" / "article.txt"))
    assert result.returncode == 0, result.stderr.decode()
    gold = (ROOT / "samples" / "article.corrected.txt").read_text("utf-8")
    assert result.stdout.decode("utf-8") == gold


def test_normalize_from_stdin_with_latin_digits():
    result = run("normalize", "--digits", "latin", "-", stdin="سال ۱۴۰۳ و تورم ٣.٥ درصد".encode())
    assert result.stdout.decode("utf-8") == "سال 1403 و تورم 3.5 درصد\n"


def test_normalize_without_half_space_repair():
    result = run("normalize", "--no-zwnj", "-", stdin="كتابها ميشود".encode())
    assert result.stdout.decode("utf-8") == "کتابها میشود\n"


def test_normalize_windows_1256_file(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("وزير امور خارجه روز دوشنبه 12 آبان به مسكو رفت.".encode("cp1256"))
    result = run("normalize", str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode("utf-8") == "وزیر امور خارجه روز دوشنبه ۱۲ آبان به مسکو رفت.\n"


def test_normalize_streams_paragraphs_of_a_large_file(tmp_path):
    paragraph = "ايران و روسيه گفتگوهاي تازه اي را آغاز كردند ."
    path = tmp_path / "big.txt"
    path.write_text("\n\n".join([paragraph] * 3000), "utf-8")
    result = run("normalize", str(path))
    assert result.returncode == 0
    paragraphs = result.stdout.decode("utf-8").strip("\n").split("\n\n")
    assert len(paragraphs) == 3000
    assert set(paragraphs) == {f"ایران و روسیه گفتگوهای تازه{Z}ای را آغاز کردند."}


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["normalize", "no-such-file.txt"], None, "no-such-file.txt"),
        (["normalize", "--digits", "roman", "-"], "متن".encode(), "digits='roman'"),
        (["normalize", "--encoding", "klingon", "-"], "متن".encode(), "klingon"),
        (["normalize", "-"], bytes(range(256)) * 8, "<stdin>"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(args, stdin, message):
    result = run(*args, stdin=stdin)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "picture.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = run("normalize", str(path))
    assert result.returncode == 2
    assert "picture.png" in result.stderr.decode()
    assert result.stdout == b""


def test_tokenize_prints_one_sentence_per_line():
    text = "او گفت : «فردا می آیم» . سپس رفت! آیا برمی گردد؟\nبند دوم"
    result = run("tokenize", "-", stdin=text.encode())
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode("utf-8").splitlines() == [
        f"او گفت: «فردا می{Z}آیم».",
        "سپس رفت!",
        f"آیا برمی{Z}گردد؟",
        "بند دوم",
    ]


def test_tokenize_json_spans_point_into_the_raw_input():
    raw = "وزير  گفت :« كتابها را ديدم »"  # glued: the word repaired is one token
    result = run("tokenize", "--json", "-", stdin=raw.encode())
    doc = json.loads(result.stdout.decode("utf-8"))
    tokens = doc["sentences"][0]["tokens"]
    by_text = {t["text"]: t for t in tokens}
    book = by_text[f"کتاب{Z}ها"]
    assert raw[book["start"] : book["end"]] == "كتابها"
    assert by_text["«"]["kind"] == "punct"
    assert raw[by_text["وزیر"]["start"] : by_text["وزیر"]["end"]] == "وزير"


def test_dates_json_with_publication_date():
    text = "وزیر روز دوشنبه اعلام کرد که توافق در ۱۷ ژانویه (۲۸ دیماه) امضا می‌شود."
    result = run("dates", "--published", "2025-01-13", "--json", "-", stdin=text.encode())
    assert result.returncode == 0, result.stderr.decode()
    found = {d["text"]: d["value"] for d in json.loads(result.stdout.decode("utf-8"))}
    assert found == {
        "روز دوشنبه": "2025-01-13",
        "۱۷ ژانویه": "2025-01-17",
        "۲۸ دیماه": "2025-01-17",
    }


def test_dates_batch_skips_a_bad_line_and_reports_it():
    lines = [
        json.dumps({"id": "a", "text": "دیروز", "published": "2025-01-13"}, ensure_ascii=False),
        "not json",
        json.dumps({"id": "b", "text": "سال ۲۰۰۱"}, ensure_ascii=False),
    ]
    result = run("dates", "--jsonl", "-", stdin="\n".join(lines).encode())
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[0]["dates"][0]["value"] == "2025-01-12"
    assert result.returncode == 2
    assert "line 2" in result.stderr.decode("utf-8")


def test_bad_publication_date_is_one_line():
    result = run("dates", "--published", "2025-02-30", "-", stdin="دیروز".encode())
    assert result.returncode == 2
    assert "2025-02-30" in result.stderr.decode("utf-8")
    assert "Traceback" not in result.stderr.decode("utf-8")


def test_numbers_json_spans_point_into_the_raw_input():
    raw = "صادرات به ۲.۵ ميليارد دلار و تورم به سه و نیم درصد رسید"
    result = run("numbers", "--json", "-", stdin=raw.encode())
    assert result.returncode == 0, result.stderr.decode()
    found = json.loads(result.stdout.decode("utf-8"))
    money = found[0]
    assert (money["kind"], money["value"], money["unit"]) == ("money", 2_500_000_000, "USD")
    assert raw[money["start"] : money["end"]] == "۲.۵ ميليارد دلار"


ANALYZE_TEXT = (
    "به گزارش ایسنا، کایا کالاس، مسئول سیاست خارجی اتحادیه اروپا، روز دوشنبه در بروکسل گفت: "
    "«اروپا از راه‌حل دیپلماتیک حمایت می‌کند.» به گفته کالاس، وزیران خارجه اروپا هفته آینده "
    "درباره تحریم‌های تازه علیه روسیه تصمیم خواهند گرفت.\n"
)


def test_analyze_prints_a_readable_report(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(ANALYZE_TEXT, encoding="utf-8")
    result = run("analyze", str(path), "--published", "2025-03-03")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    for heading in ("People", "Places", "Dates", "Quotes", "Keywords", "Summary"):
        assert heading in out
    assert "کایا کالاس" in out and "بروکسل" in out


def test_analyze_json_spans_point_into_the_input() -> None:
    result = run("analyze", "-", "--json", "--published", "2025-03-03", stdin=ANALYZE_TEXT.encode())
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == "1.0" and doc["language"] == "fa"
    kallas = next(e for e in doc["entities"] if e["name"] == "کایا کالاس")
    assert [m["text"] for m in kallas["mentions"]] == ["کایا کالاس", "کالاس"]
    for m in kallas["mentions"]:
        assert ANALYZE_TEXT[m["start"] : m["end"]] == m["text"]
    assert doc["source"]["name"] == "ایسنا"
    assert doc["dates"][0]["value"] == "2025-03-03"


def test_analyze_jsonl_skips_a_bad_line_and_says_so() -> None:
    lines = [
        json.dumps(
            {"id": "a", "text": ANALYZE_TEXT, "published": "2025-03-03"}, ensure_ascii=False
        ),
        "{not json",
        json.dumps(
            {"id": "c", "text": "The minister said that the talks in Brussels were useful."}
        ),
    ]
    result = run("analyze", "--jsonl", "-", stdin="\n".join(lines).encode())
    assert result.returncode == 2
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["id"] for r in records] == ["a", "c"]
    assert records[0]["entities"] and records[1]["language"] == "en"
    err = result.stderr.decode()
    assert "line 2" in err and "Traceback" not in err


def test_analyze_bad_published_date_is_one_line() -> None:
    result = run("analyze", "-", "--published", "13/01/2025", stdin=ANALYZE_TEXT.encode())
    assert result.returncode == 2
    err = result.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "YYYY-MM-DD" in err


@pytest.mark.parametrize("command", ["ingest", "spark"])
def test_a_threshold_outside_what_lsh_can_band_is_refused(tmp_path, command):
    source = tmp_path / "in.jsonl"
    source.write_text('{"body": "ایران و عراق توافق کردند."}\n', encoding="utf-8")
    where = [str(tmp_path / "out")] if command == "spark" else ["--db", str(tmp_path / "k.db")]
    result = run(command, str(source), *where, "--threshold", "1.5")
    assert result.returncode == 2
    error = result.stderr.decode()
    assert "--threshold 1.5" in error and "Traceback" not in error
    assert not (tmp_path / "out").exists() and not (tmp_path / "k.db").exists()


def test_spark_refuses_a_setting_without_a_value(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"body": "ایران و عراق توافق کردند."}\n', encoding="utf-8")
    result = run("spark", str(source), str(tmp_path / "out"), "--conf", "spark.driver.memory")
    assert result.returncode == 2
    assert "KEY=VALUE" in result.stderr.decode() and "Traceback" not in result.stderr.decode()
    assert not (tmp_path / "out").exists()


def test_spark_names_a_missing_input(tmp_path):
    result = run("spark", str(tmp_path / "missing.jsonl"), str(tmp_path / "out"))
    assert result.returncode == 2
    error = result.stderr.decode()
    assert "missing.jsonl: no such file" in error and "Traceback" not in error
    assert not (tmp_path / "out").exists()
