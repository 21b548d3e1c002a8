"""Tests of khabar.ingest.decode: encoding detection, errors, newlines and streamed paragraphs."""

from __future__ import annotations

import io
import os
import random
import re
import sys
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.errors import InputError, OptionError
from khabar.ingest.decode import SAMPLE_SIZE, decode_bytes, iter_paragraphs, read_text

# News-style sentences written for these tests.
SENTENCES = [
    "وزیر امور خارجه روز دوشنبه در نشست خبری گفت که گفت‌وگوها با طرف‌های اروپایی ادامه دارد.",
    "بانک مرکزی اعلام کرد نرخ تورم نقطه‌به‌نقطه در اسفندماه به ۳۲٫۵ درصد رسیده است.",
    "سازمان هواشناسی برای استان‌های شمالی هشدار نارنجی صادر کرد و از مردم خواست از سفرهای "
    "غیرضروری پرهیز کنند.",
    "رئیس‌جمهوری در سفر به تبریز از افتتاح سه طرح صنعتی با سرمایه‌گذاری ۱۲۰۰ میلیارد تومان خبر داد.",
    "به گفته سخنگوی وزارت بهداشت، بیش از ۴۰ هزار نفر در هفته گذشته واکسن آنفلوآنزا زده‌اند.",
    "قیمت دلار در بازار آزاد تهران امروز با کاهش ۱٫۸ درصدی به ۵۸ هزار و ۴۰۰ تومان رسید.",
    "خبر فوری: زلزله‌ای به بزرگی ۵٫۱ ریشتر کرمان را لرزاند.",
    "آیا دولت می‌تواند کسری بودجه سال آینده را بدون استقراض از بانک مرکزی جبران کند؟",
    "کارشناسان می‌گویند اجرای کامل این توافق‌نامه به لغو تحریم‌ها بستگی دارد.",
    "«ما به‌طور جدی پیگیر حقوق کارگران هستیم»، این را دبیر خانه کارگر به خبرنگاران گفت.",
]
SHORT = ["بارش برف در تهران", "سفر رئیس‌جمهوری", "دولت", "مدرسه", "بانک"]
ARTICLE = "\n".join(SENTENCES[:4]) + "\n\n" + "\n".join(SENTENCES[4:])

# Legacy pages in Windows-1256: it has no Persian yeh (ی) and no Persian digits, so they carry
# the Arabic yeh and Latin digits; keheh (ک) exists in cp1256, but older pages used Arabic kaf.
_TO_CP1256 = str.maketrans("ی۰۱۲۳۴۵۶۷۸۹٫", "ي0123456789.")


def legacy(text: str, *, arabic_kaf: bool = False) -> str:
    """``text`` as a cp1256-era page wrote it."""
    text = text.translate(_TO_CP1256)
    return text.replace("ک", "ك") if arabic_kaf else text


def paragraphs_of(text: str) -> list[str]:
    """Reference split: maximal runs of lines holding something other than whitespace."""
    return re.findall(r"^.*\S.*(?:\n.*\S.*)*", text, flags=re.MULTILINE)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


# --- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", [*SENTENCES, *SHORT, ARTICLE])
@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_encodings_round_trip(text: str, codec: str) -> None:
    if codec in ("utf-16-le", "utf-16-be") and " " not in text:
        pytest.skip("BOM-less UTF-16 is recognised by the NULs of ASCII characters")
    assert decode_bytes(text.encode(codec)) == text


@pytest.mark.parametrize("text", [*SENTENCES, *SHORT, ARTICLE, ARTICLE * 200])
@pytest.mark.parametrize("arabic_kaf", [False, True])
def test_cp1256_persian_is_read_as_cp1256(text: str, arabic_kaf: bool) -> None:
    page = legacy(text, arabic_kaf=arabic_kaf)
    assert decode_bytes(page.encode("cp1256")) == page


@pytest.mark.parametrize(
    "text",
    [
        "الف" * 8,
        # Scraped text with its spaces and ZWNJs lost: one long run of letters.
        "اعتراضاتکارگرانپتروشیمیدرعسلویهادامهدارد",
        "دمای هوا به ۴۵° رسید و ۳×۴ متر از سقف فرو ریخت.",
        "Tehran (IRNA) – " + SENTENCES[0],
        "The Persian word for school is مدرسه.",
        "شرکت Apple امروز iPhone جدید را معرفی کرد.",
    ],
)
def test_cp1256_persian_that_charset_normalizer_misjudges(text: str) -> None:
    page = legacy(text)
    assert decode_bytes(page.encode("cp1256")) == page


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "cp1256"])
def test_read_text_round_trips_files(tmp_path: Path, codec: str) -> None:
    text = legacy(ARTICLE) if codec == "cp1256" else ARTICLE
    path = write(tmp_path / "article.txt", text.encode(codec))
    assert read_text(path) == text
    assert read_text(str(path)) == text


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be"])
def test_utf32_with_byte_order_mark(codec: str) -> None:
    data = ARTICLE.encode(codec)
    if codec == "utf-32-be":
        data = b"\x00\x00\xfe\xff" + data
    assert decode_bytes(data) == ARTICLE


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Die Bären im Zoo sind größer als gedacht.", "cp1252"),
        ("Le café est fermé à Noël, où êtes-vous ?", "cp1252"),
        ("À la carte, s'il vous plaît.", "cp1252"),
        ("Ärger über Öl an der Straße.", "cp1252"),
    ],
)
def test_western_legacy_text(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec)) == text


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le"])
def test_byte_order_mark_is_dropped(codec: str) -> None:
    data = ("\ufeff" if codec == "utf-16-le" else "") + SENTENCES[0]
    assert decode_bytes(data.encode(codec)) == SENTENCES[0]


def test_only_the_leading_feff_is_dropped() -> None:
    text = "الف\ufeffب"
    assert decode_bytes(("\ufeff" + text).encode()) == text


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty_input_is_empty_text(data: bytes, tmp_path: Path) -> None:
    assert decode_bytes(data) == ""
    assert read_text(write(tmp_path / "empty.txt", data)) == ""
    assert list(iter_paragraphs(tmp_path / "empty.txt")) == []


# --- newlines ------------------------------------------------------------------------------

NEWLINE_CASES = [
    ("الف\r\nب\r\n\r\nپ", "الف\nب\n\nپ"),
    ("الف\rب\r\rپ\r", "الف\nب\n\nپ\n"),
    ("الف\r\n\rب\n\r\n", "الف\n\nب\n\n"),
]


@pytest.mark.parametrize(("raw", "expected"), NEWLINE_CASES)
@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "cp1256"])
def test_newlines_are_normalized(raw: str, expected: str, codec: str, tmp_path: Path) -> None:
    data = raw.encode(codec)
    assert decode_bytes(data) == expected
    path = write(tmp_path / "lines.txt", data)
    assert read_text(path) == expected
    for chunk_size in (1, 2, 3, 1 << 16):
        paragraphs = list(iter_paragraphs(path, chunk_size=chunk_size))
        assert paragraphs == paragraphs_of(expected)


# --- paragraphs ----------------------------------------------------------------------------

PARAGRAPH_CASES = [
    ("", []),
    ("\n\n\n", []),
    (" \t\n  \n", []),
    ("الف", ["الف"]),
    ("الف\n", ["الف"]),
    ("الف\nب\n\n\nپ\n", ["الف\nب", "پ"]),
    ("\n\n  الف  \n ب\n \t \nپ", ["  الف  \n ب", "پ"]),
    ("الف\n\u200c\nب", ["الف\n\u200c\nب"]),  # a line holding a ZWNJ is not blank
    ("الف\n\u00a0\nب", ["الف", "ب"]),  # a no-break space is whitespace
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPH_CASES)
@pytest.mark.parametrize("chunk_size", [1, 2, 5, 1 << 16])
def test_paragraph_split(text: str, expected: list[str], chunk_size: int, tmp_path: Path) -> None:
    path = write(tmp_path / "p.txt", text.encode())
    assert list(iter_paragraphs(path, chunk_size=chunk_size)) == expected
    assert paragraphs_of(text) == expected


_PIECES = st.sampled_from(["الف", "ب", "ک", "ی", " ", "\t", "\n", "\r", "\r\n", "\u200c", "ab"])


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pieces=st.lists(_PIECES, max_size=40),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1256"]),
    chunk_size=st.integers(1, 9),
)
def test_streamed_paragraphs_match_read_text(
    pieces: list[str], codec: str, chunk_size: int, tmp_path: Path
) -> None:
    text = "".join(pieces)
    path = write(tmp_path / "h.txt", (legacy(text) if codec == "cp1256" else text).encode(codec))
    try:
        text = read_text(path)
    except InputError:
        # Only cp1256 can fail: random glue such as "يab" reads as no language at all.
        assert codec == "cp1256"
        with pytest.raises(InputError):
            list(iter_paragraphs(path, chunk_size=chunk_size))
        return
    paragraphs = list(iter_paragraphs(path, chunk_size=chunk_size))
    assert paragraphs == paragraphs_of(text)
    collapsed = re.sub(r"\n(?:[^\S\n]*\n)+", "\n\n", "\n" + text + "\n")
    assert "\n\n".join(paragraphs) == collapsed.strip("\n")


def _big_article(size: int, seed: int) -> str:
    """About ``size`` characters of paragraphs of shuffled sentences, with assorted separators."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        paragraph = "\n".join(rng.sample(SENTENCES, rng.randint(1, 5)))
        separator = rng.choice(["\n\n", "\n\n\n", "\n \n", "\r\n\r\n", "\n\t\n\n"])
        parts += [paragraph, separator]
        length += len(paragraph) + len(separator)
    return "".join(parts)


@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "cp1256"])
def test_multi_megabyte_stream_matches_read_text(codec: str, tmp_path: Path) -> None:
    text = _big_article(2_200_000, seed=7)
    if codec == "cp1256":
        text = legacy(text)
    path = write(tmp_path / "big.txt", text.encode(codec))
    assert path.stat().st_size > 2_000_000
    assert list(iter_paragraphs(path)) == paragraphs_of(read_text(path))
    assert list(iter_paragraphs(path, chunk_size=4093)) == paragraphs_of(read_text(path))


def test_stream_memory_stays_bounded(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", _big_article(2_000_000, seed=3).encode())
    count = 0
    tracemalloc.start()
    try:
        for _ in iter_paragraphs(path):
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert path.stat().st_size > 3_500_000
    assert count > 1000
    assert peak < 1_500_000


def test_encoding_is_decided_after_an_ascii_prefix(tmp_path: Path) -> None:
    prefix = "report 2024\n\n" * (3 * SAMPLE_SIZE // 13)
    text = prefix + legacy(ARTICLE)
    path = write(tmp_path / "mixed.txt", text.encode("cp1256"))
    assert read_text(path) == text
    assert list(iter_paragraphs(path, chunk_size=1000)) == paragraphs_of(text)


@pytest.mark.parametrize("chunk_size", [1, 3, 1000, 1 << 16])
def test_undecodable_bytes_mid_stream_report_their_offset(chunk_size: int, tmp_path: Path) -> None:
    head = (ARTICLE + "\n\n").encode() * 100  # well past the detection sample
    assert len(head) > SAMPLE_SIZE
    path = write(tmp_path / "broken.txt", head + b"\xff" + ARTICLE.encode())
    with pytest.raises(InputError, match=rf"broken\.txt: .*utf-8 at byte {len(head)} "):
        list(iter_paragraphs(path, chunk_size=chunk_size))


def test_offset_of_a_character_cut_across_chunks(tmp_path: Path) -> None:
    head = ("ب" * SAMPLE_SIZE).encode()
    path = write(tmp_path / "cut.txt", head + "ب".encode()[:1] + b"x")
    with pytest.raises(InputError, match=f"at byte {len(head)} "):
        list(iter_paragraphs(path, chunk_size=7))


# --- binary and undecodable input ----------------------------------------------------------

BINARY = [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    b"\x89PNG\r\n\x1a\n",
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    b"\x00" * 100,
    b"abc\x00def",
    "متن".encode() + b"\x00\x01\x02\x03",
    bytes(range(256)),
    random.Random(1).randbytes(4096),
    b"\x01\x02\x03\x04\x05\x06\x07\x08",
]


@pytest.mark.parametrize("data", BINARY)
def test_binary_input_is_refused(data: bytes, tmp_path: Path) -> None:
    with pytest.raises(InputError) as excinfo:
        decode_bytes(data, source="input.bin")
    message = str(excinfo.value)
    assert message.startswith("input.bin: not text")
    assert "--encoding" in message
    assert "\n" not in message
    path = write(tmp_path / "input.bin", data)
    with pytest.raises(InputError, match=r"input\.bin: not text"):
        read_text(path)
    with pytest.raises(InputError, match=r"input\.bin: not text"):
        list(iter_paragraphs(path, chunk_size=3))


def test_utf8_with_a_stray_byte_names_its_offset() -> None:
    head, tail = ARTICLE[:60].encode(), ARTICLE[60:].encode()
    with pytest.raises(
        InputError, match=rf"^news\.txt: cannot decode as utf-8 at byte {len(head)} "
    ):
        decode_bytes(head + b"\xff" + tail, source="news.txt")


@pytest.mark.parametrize("text", [SHORT[0], SENTENCES[3], ARTICLE * 50])
def test_utf8_with_a_stray_byte_is_not_read_as_cp1256(text: str) -> None:
    head, tail = text[:3].encode(), text[3:].encode()
    with pytest.raises(InputError, match=f"cannot decode as utf-8 at byte {len(head)} "):
        decode_bytes(head + b"\xfe" + tail)


@settings(max_examples=400)
@given(st.binary(max_size=300))
def test_random_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        result = decode_bytes(data)
    except InputError:
        return
    assert isinstance(result, str)
    assert "\r" not in result


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), chunk_size=st.integers(1, 64))
def test_random_bytes_stream_or_raise_input_error(
    data: bytes, chunk_size: int, tmp_path: Path
) -> None:
    path = write(tmp_path / "r.bin", data)
    try:
        paragraphs = list(iter_paragraphs(path, chunk_size=chunk_size))
    except InputError:
        return
    assert all(isinstance(p, str) and p.strip() for p in paragraphs)


_TEXT = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=200)


@given(_TEXT)
def test_any_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode()) == text.removeprefix("\ufeff")


# --- stdin ---------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "cp1256"])
def test_read_text_from_stdin(codec: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = legacy(ARTICLE) if codec == "cp1256" else ARTICLE
    fake_stdin(monkeypatch, text.encode(codec))
    assert read_text("-") == text


def test_paragraphs_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, ARTICLE.replace("\n", "\r\n").encode())
    assert list(iter_paragraphs("-", chunk_size=10)) == paragraphs_of(ARTICLE)


def test_binary_stdin_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, b"\x00\x01" * 50)
    with pytest.raises(InputError, match=r"^<stdin>: not text"):
        read_text("-")


def test_missing_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError, match=r"^<stdin>: no standard input"):
        read_text("-")


# --- files that cannot be read ---------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    with pytest.raises(InputError, match=r"nowhere\.txt: no such file"):
        read_text(path)
    with pytest.raises(InputError, match=r"nowhere\.txt: no such file"):
        list(iter_paragraphs(path))


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)
    with pytest.raises(InputError, match="is a directory"):
        next(iter_paragraphs(tmp_path))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", b"x")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match=r"secret\.txt: permission denied"):
            read_text(path)
    finally:
        path.chmod(0o600)


# --- forced and unknown encodings ----------------------------------------------------------


@pytest.mark.parametrize("name", ["cp1256", "windows-1256", "CP1256"])
def test_forced_encoding_is_used(name: str, tmp_path: Path) -> None:
    text = legacy("دولت")
    data = text.encode("cp1256")
    assert decode_bytes(data, encoding=name) == text
    path = write(tmp_path / "f.txt", data)
    assert read_text(path, encoding=name) == text
    assert list(iter_paragraphs(path, encoding=name)) == [text]


def test_forced_encoding_overrides_detection() -> None:
    data = "Bär".encode("cp1252")
    assert decode_bytes(data, encoding="cp1256") == "Bنr"
    assert decode_bytes(data, encoding="latin-1") == "Bär"


def test_forced_utf8_drops_a_byte_order_mark() -> None:
    assert decode_bytes(("\ufeff" + SENTENCES[0]).encode(), encoding="utf-8") == SENTENCES[0]


def test_forced_encoding_that_does_not_fit(tmp_path: Path) -> None:
    data = legacy(SENTENCES[0]).encode("cp1256")
    with pytest.raises(InputError, match=r"^a\.txt: cannot decode as utf-8 at byte 0 .*--encoding"):
        decode_bytes(data, encoding="utf-8", source="a.txt")
    path = write(tmp_path / "a.txt", data)
    with pytest.raises(InputError, match="cannot decode as utf-8 at byte 0 "):
        list(iter_paragraphs(path, encoding="utf-8"))


@pytest.mark.parametrize("name", ["klingon-8", "", "base64", "rot13"])
def test_unknown_or_non_text_codec(name: str, tmp_path: Path) -> None:
    pattern = f"{re.escape(repr(name))}.*utf-8, cp1256, utf-16"
    with pytest.raises(OptionError, match=pattern):
        decode_bytes(b"abc", encoding=name)
    with pytest.raises(OptionError, match=pattern):
        read_text(tmp_path / "does-not-matter.txt", encoding=name)
    with pytest.raises(OptionError, match=pattern):
        iter_paragraphs(tmp_path / "does-not-matter.txt", encoding=name)


@pytest.mark.parametrize("chunk_size", [0, -5])
def test_bad_chunk_size(chunk_size: int, tmp_path: Path) -> None:
    with pytest.raises(OptionError, match="chunk_size"):
        iter_paragraphs(tmp_path / "x.txt", chunk_size=chunk_size)
