"""Dates, times and periods on three calendars, resolved against a publication date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import hijridate
import jdatetime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import OptionError
from khabar.extract.dates import extract_dates, parse_published, to_gregorian

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
MONDAY = date(2025, 1, 13)  # ۲۴ دی ۱۴۰۳


def values(text: str, published: date | None = MONDAY) -> list[tuple[str, str | None]]:
    return [(m.text, m.value) for m in extract_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نشست در ۲۸ دی ۱۴۰۳ برگزار شد.", [("۲۸ دی ۱۴۰۳", "2025-01-17")]),
        ("بیست و هشتم دی‌ماه ۱۴۰۳ بود.", [("بیست و هشتم دی‌ماه ۱۴۰۳", "2025-01-17")]),
        ("در ۱۷ ژانویه ۲۰۲۵ امضا شد.", [("۱۷ ژانویه ۲۰۲۵", "2025-01-17")]),
        ("روز ۱۰ محرم ۱۴۴۶ عزاداری شد.", [("۱۰ محرم ۱۴۴۶", "2024-07-16")]),
        ("تاریخ ۱۴۰۳/۱۰/۲۸ ثبت شد.", [("۱۴۰۳/۱۰/۲۸", "2025-01-17")]),
        ("تاریخ 2025-01-17 ثبت شد.", [("2025-01-17", "2025-01-17")]),
        ("تاریخ ۲۸/۱۰/۱۴۰۳ ثبت شد.", [("۲۸/۱۰/۱۴۰۳", "2025-01-17")]),
        ("در سال ۲۰۰۱ امضا شد.", [("سال ۲۰۰۱", "2001")]),
        ("در ۲۰۲۵ میلادی", [("۲۰۲۵ میلادی", "2025")]),
        ("در سال ۱۴۰۳ هجری شمسی", [("سال ۱۴۰۳ هجری شمسی", "2024-03-20/2025-03-20")]),
        ("در سال ۹۸", [("سال ۹۸", "2019-03-21/2020-03-19")]),
        ("از ۲۷ تا ۳۰ خرداد ۱۴۰۴", [("از ۲۷ تا ۳۰ خرداد ۱۴۰۴", "2025-06-17/2025-06-20")]),
        ("اواخر خرداد ۱۴۰۴", [("اواخر خرداد ۱۴۰۴", "2025-06-11/2025-06-21")]),
        ("نوروز ۱۴۰۴ فرا رسید", [("نوروز ۱۴۰۴", "2025-03-21")]),
    ],
)
def test_explicit_dates_need_no_publication_date(text, expected):
    assert values(text, None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وزیر دیروز به تهران رسید.", [("دیروز", "2025-01-12")]),
        ("هیئت فردا می‌رسد.", [("فردا", "2025-01-14")]),
        ("دیشب باران آمد.", [("دیشب", "2025-01-12")]),
        ("روز گذشته وزیر گفت.", [("روز گذشته", "2025-01-12")]),
        ("او مهر تأیید زد و تیر خلاص را شلیک کرد.", []),  # مهر and تیر as words
        ("دما به صفر درجه رسید و مه غلیظ بود.", []),
        ("هفته گذشته اعلام شد.", [("هفته گذشته", "2025-01-04/2025-01-10")]),
        ("امسال تورم بالا بود.", [("امسال", "2024-03-20/2025-03-20")]),
        ("سه روز پیش رفت.", [("سه روز پیش", "2025-01-10")]),
        ("در ۲۵ سال گذشته چنین نبود.", [("۲۵ سال گذشته", "2000/2025")]),
        ("روز دوشنبه اعلام کرد.", [("روز دوشنبه", "2025-01-13")]),  # past: up to publication
        ("روز جمعه به مسکو می‌رود.", [("روز جمعه", "2025-01-17")]),  # present tense: ahead
        ("روز شنبه سفر خواهد کرد.", [("روز شنبه", "2025-01-18")]),
        ("سه‌شنبه هفته آینده برگزار می‌شود.", [("سه‌شنبه هفته آینده", "2025-01-21")]),
        ("جمعه این هفته تعطیل است.", [("جمعه این هفته", "2025-01-17")]),
        (
            "برای پنجشنبه و جمعه هشدار صادر کرد.",
            [("پنجشنبه", "2025-01-16"), ("جمعه", "2025-01-17")],
        ),
        ("دوشنبه هفته گذشته آمد.", [("دوشنبه هفته گذشته", "2025-01-06")]),
        (
            "ساعت ۲۱:۳۰ روز دوشنبه آغاز شد.",
            [("ساعت ۲۱:۳۰", "2025-01-13T21:30"), ("روز دوشنبه", "2025-01-13")],
        ),
        ("ساعت ۱۰ صبح آغاز شد.", [("ساعت ۱۰ صبح", "T10:00")]),
        ("ساعت ۵ عصر", [("ساعت ۵ عصر", "T17:00")]),
        ("در ۱۷ ژانویه امضا می‌شود.", [("۱۷ ژانویه", "2025-01-17")]),
        # ranges without از, across the new year, and clock ranges
        (
            "تعطیلات ۲۸ اسفند تا ۵ فروردین است.",
            [("۲۸ اسفند تا ۵ فروردین", "2025-03-18/2025-03-25")],
        ),
        ("نمایشگاه ۱۲ تا ۱۵ بهمن برپاست.", [("۱۲ تا ۱۵ بهمن", "2025-01-31/2025-02-03")]),
        ("قیمت‌ها ۱۰ تا ۲۰ درصد بالا رفت.", []),
        ("کلاس‌ها ساعت ۸ تا ۱۰ برگزار می‌شود.", [("ساعت ۸ تا ۱۰", "T08:00/T10:00")]),
        # a named day in ezafe before its year, and blocks of months of a named year
        ("مراسم عاشورای امسال با شکوه برگزار شد.", [("عاشورای امسال", "2024-07-16")]),
        ("تورم در نه ماه نخست امسال بالا بود.", [("نه ماه نخست امسال", "2024-03-20/2024-12-20")]),
        ("رشد در سه‌ماهه سوم ۲۰۲۱ کند شد.", [("سه‌ماهه سوم ۲۰۲۱", "2021-07-01/2021-09-30")]),
        ("در سه ماه نخست فعالیت دولت چنین نبود.", []),  # no year: any three months
    ],
)
def test_relative_dates_resolve_against_publication(text, expected):
    assert values(text) == expected


def test_a_gregorian_date_paired_with_a_jalali_one_pins_the_year():
    text = "توافق در ۱۷ ژانویه (۲۸ دی‌ماه) امضا می‌شود."
    found = extract_dates(text)  # no publication date
    assert [m.value for m in found] == ["2025-01-17", "2025-01-17"]
    assert all("paired" in m.resolution for m in found)


@pytest.mark.parametrize(
    "text", ["۳۱ اسفند ۱۴۰۲", "۳۰ اسفند ۱۴۰۲", "۳۰ فوریه ۲۰۲۴", "۳۱ آبان ۱۴۰۳"]
)
def test_impossible_dates_are_found_but_not_resolved(text):
    (mention,) = extract_dates(text)
    assert mention.category == "impossible" and mention.value is None
    assert mention.resolution.startswith("unresolved")


def test_leap_years_on_both_calendars():
    assert values("۳۰ اسفند ۱۴۰۳", None) == [("۳۰ اسفند ۱۴۰۳", "2025-03-20")]
    assert values("۲۹ فوریه ۲۰۲۴", None) == [("۲۹ فوریه ۲۰۲۴", "2024-02-29")]


def test_relative_dates_without_publication_are_null_with_a_reason():
    (mention,) = extract_dates("دیروز")
    assert mention.value is None and "publication" in mention.resolution


@pytest.mark.parametrize(
    ("calendar", "spellings"),
    [
        (
            "jalali",
            [
                "فروردین",
                "اردیبهشت",
                "خرداد",
                "تیر",
                "مرداد",
                "شهریور",
                "مهر",
                "آبان",
                "آذر",
                "دی",
                "بهمن",
                "اسفند",
            ],
        ),
        (
            "gregorian",
            [
                "ژانویه",
                "فوریه",
                "مارس",
                "آوریل",
                "مه",
                "ژوئن",
                "ژوئیه",
                "اوت",
                "سپتامبر",
                "اکتبر",
                "نوامبر",
                "دسامبر",
            ],
        ),
        (
            "hijri",
            [
                "محرم",
                "صفر",
                "ربیع‌الاول",
                "ربیع‌الثانی",
                "جمادی‌الاول",
                "جمادی‌الثانی",
                "رجب",
                "شعبان",
                "رمضان",
                "شوال",
                "ذی‌القعده",
                "ذی‌الحجه",
            ],
        ),
    ],
)
def test_every_month_spelling(calendar, spellings):
    year = {"jalali": 1403, "gregorian": 2024, "hijri": 1446}[calendar]
    for month, name in enumerate(spellings, 1):
        (mention,) = extract_dates(f"روز ۱۰ {name} {year}", None)
        assert mention.calendar == calendar
        assert mention.value == to_gregorian(calendar, year, month, 10).isoformat()


@pytest.mark.parametrize(
    ("variant", "year"),
    [
        ("جولای", "۲۰۲۴"),
        ("آگوست", "۲۰۲۴"),
        ("می", "۲۰۲۴"),
        ("دی‌ماه", "۱۴۰۳"),
        ("دیماه", "۱۴۰۳"),
        ("دی ماه", "۱۴۰۳"),
        ("محرم‌الحرام", "۱۴۴۶"),
        ("ذیحجه", "۱۴۴۶"),
    ],
)
def test_month_variants(variant, year):
    (mention,) = extract_dates(f"۵ {variant} {year}")
    assert mention.value is not None


@settings(max_examples=100)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31)))
def test_calendar_conversions_agree_with_the_libraries(day):
    jd = jdatetime.date.fromgregorian(date=day)
    assert to_gregorian("jalali", jd.year, jd.month, jd.day) == day
    h = hijridate.Gregorian(day.year, day.month, day.day).to_hijri()
    assert to_gregorian("hijri", h.year, h.month, h.day) == day


@settings(max_examples=200)
@given(
    st.text(alphabet="۰۱۲۳۴۵۶۷۸۹0123456789/-: ساعتروزدیفردامحرمژانویهاززتا،.سال", max_size=60),
    st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 1, 1))),
)
def test_extractor_never_raises_and_spans_are_exact(text, published):
    for mention in extract_dates(text, published):
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2025-01-13", date(2025, 1, 13)),
        ("1403-10-24", date(2025, 1, 13)),
        ("۱۴۰۳/۱۰/۲۴", date(2025, 1, 13)),
    ],
)
def test_publication_dates_on_both_calendars(given, expected):
    assert parse_published(given) == expected


@pytest.mark.parametrize("bad", ["2025-13-01", "yesterday", "1402-12-30"])
def test_bad_publication_date_is_a_clear_error(bad):
    with pytest.raises(OptionError, match="is not a date"):
        parse_published(bad)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds are not beside this checkout")
def test_reference_article_dates():
    raw = next(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".corrected.txt"))
    found = {m.text: m.value for m in extract_dates(raw.read_text("utf-8"), MONDAY)}
    assert found["۱۷ ژانویه"] == found["۲۸ دیماه"] == "2025-01-17"
    assert found["روز دوشنبه"] == "2025-01-13"
    assert found["سال ۲۰۰۱"] == "2001" and found["سال ۲۰۱۸"] == "2018"


# Quality floor on our gold set: it may only move up (eval/dates/score.py prints the figures).
GOLD_FLOOR = 0.97


def test_gold_set_accuracy_floor():
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", ROOT / "eval" / "dates" / "score.py")
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    rows = score.load()
    assert len(rows) >= 20
    result = score.score(rows)
    accuracy = sum(result["right"].values()) / sum(result["total"].values())
    assert accuracy >= GOLD_FLOOR, json.dumps(result["errors"][:5], ensure_ascii=False)


def test_a_quotation_does_not_lend_its_tense_to_the_date_before_it() -> None:
    # Said on Monday (past), quoting a present-tense sentence: the Monday is the past one.
    text = "وزیر روز دوشنبه در بروکسل گفت: «اروپا از راه‌حل دیپلماتیک حمایت می‌کند.»"
    found = extract_dates(text, date(2025, 3, 5))
    assert found[0].value == "2025-03-03"
