"""Numbers in words, digits or both: cardinals, ordinals, decimals, percentages and money."""

from __future__ import annotations

from fractions import Fraction
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.extract.numbers import KINDS, NumberMention, extract_numbers, parse_number_words

ZWNJ = "\u200c"


def found(text: str) -> list[tuple[str, str, int | float, str | None]]:
    return [(m.text, m.kind, m.value, m.unit) for m in extract_numbers(text)]


# -- words -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("صفر", 0),
        ("یک", 1),
        ("نه", 9),
        ("ده", 10),
        ("هجده", 18),
        ("هیجده", 18),
        ("بیست و یک", 21),
        ("بیست‌و‌یک", 21),
        ("بیستویک", 21),
        ("صد", 100),
        ("یک‌صد و بیست", 120),
        ("یکصد و بیست", 120),
        ("یک صد و بیست", 120),
        ("سیصد و شصت و پنج", 365),
        ("نهصد و نود و نه", 999),
        ("هزار", 1000),
        ("یک هزار", 1000),
        ("یکهزار", 1000),
        ("هزار و یک", 1001),
        ("هزار و چهارصد و دو", 1402),
        ("دو هزار و بیست و پنج", 2025),
        ("دوهزار", 2000),
        ("صد هزار", 100_000),
        ("دو میلیون و پانصد هزار", 2_500_000),
        ("یک میلیارد و دویست میلیون", 1_200_000_000),
        ("سه ملیارد", 3_000_000_000),
        ("نهصد و نود و نه میلیارد", 999_000_000_000),
        ("ده هزار میلیارد", 10_000_000_000_000),
        ("هزار و پانصد میلیارد", 1_500_000_000_000),
        ("دو تریلیون", 2_000_000_000_000),
        ("نیم", 0.5),
        ("ربع", 0.25),
        ("سه ربع", 0.75),
        ("دو و نیم", 2.5),
        ("یک و نیم میلیون", 1_500_000),
        ("دو میلیون و نیم", 2_500_000),
        ("نیم میلیون", 500_000),
        ("دو سوم", 2 / 3),
        ("سه دهم", 0.3),
        ("دو و سه دهم", 2.3),
        ("۲.۵ میلیون", 2_500_000),
        ("۱٫۲ میلیارد", 1_200_000_000),
        ("۲ میلیارد و ۵۰۰ میلیون", 2_500_000_000),
        ("۵۰۰ هزار", 500_000),
        ("۳ میلیون و چهارصد هزار", 3_400_000),
        ("دهمیلیون", 10_000_000),
    ],
)
def test_parse_number_words_reads_cardinals(words: str, value: int | float) -> None:
    result = parse_number_words(words)
    assert result == pytest.approx(value)
    assert type(result) is type(value)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("اول", 1),
        ("نخست", 1),
        ("یکم", 1),
        ("دوم", 2),
        ("سوم", 3),
        ("دهم", 10),
        ("بیستم", 20),
        ("بیست و هشتم", 28),
        ("سی‌ام", 30),
        ("سی ام", 30),
        ("سی و یکم", 31),
        ("یکصدم", 100),
        ("صد و یکم", 101),
        ("هزارم", 1000),
        ("اولین", 1),
        ("نخستین", 1),
        ("سومین", 3),
        ("بیست و هشتمین", 28),
        ("سی‌امین", 30),
        ("۲۸ام", 28),
    ],
)
def test_parse_number_words_gives_the_value_of_ordinals(words: str, value: int) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize(
    "text",
    ["", "یکی", "صدا", "صدر", "هزاره", "هزارتو", "سه‌شنبه", "صدها", "دو و سه", "بیست و اول"],
)
def test_parse_number_words_returns_none_for_what_is_no_number(text: str) -> None:
    assert parse_number_words(text) is None


# -- extraction ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قیمت ۱۲٫۵ درصد بالا رفت.", [("۱۲٫۵ درصد", "percent", 12.5, "%")]),
        ("رشد 3.5 بود.", [("3.5", "decimal", 3.5, None)]),
        ("۱۲٫۵ تن بار رسید.", [("۱۲٫۵", "decimal", 12.5, None)]),
        ("٣٫٥ تن بار رسید.", [("٣٫٥", "decimal", 3.5, None)]),
        ("شمار آن‌ها 1,200 نفر است.", [("1,200", "cardinal", 1200, None)]),
        ("شمار آن‌ها ۱٬۲۰۰ نفر است.", [("۱٬۲۰۰", "cardinal", 1200, None)]),
        ("جمعیت ۱,۲۵۰,۰۰۰ نفر است.", [("۱,۲۵۰,۰۰۰", "cardinal", 1_250_000, None)]),
        ("رقم 12,345.5 اعلام شد.", [("12,345.5", "decimal", 12345.5, None)]),
        ("رقم 1.200.000 اعلام شد.", [("1.200.000", "cardinal", 1_200_000, None)]),
        ("در سال ۱۴۰۲ آغاز شد.", []),  # a year is a date, not a quantity
        ("در ۲۰۲۵ میلادی آغاز شد.", []),
        ("با شماره ۰۲۱-۸۸۷۶۵۴۳۲ یا ۰۹۱۲۱۲۳۴۵۶۷ تماس بگیرید.", []),  # phone numbers
        ("گوشی iPhone 15 به ۸۰۰ دلار رسید.", [("۸۰۰ دلار", "money", 800, "USD")]),
        ("هر شب ۳ هزار لیر هزینه دارد.", [("۳ هزار لیر", "money", 3000, "TRY")]),
        # A comma not before exactly three digits separates two numbers.
        ("ردیف‌های 1,2 حذف شد.", [("1", "cardinal", 1, None), ("2", "cardinal", 2, None)]),
        ("از ۱۰-۱۵ نفر", [("۱۰", "cardinal", 10, None), ("۱۵", "cardinal", 15, None)]),
    ],
)
def test_digits_with_their_separators(text: str, expected: list[tuple[object, ...]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تورم ۳.۵ درصد کاهش یافت.", ("۳.۵ درصد", 3.5)),
        ("تورم ٪۳.۵ کاهش یافت.", ("٪۳.۵", 3.5)),
        ("تورم 3.5% کاهش یافت.", ("3.5%", 3.5)),
        ("تورم ۳.۵٪ کاهش یافت.", ("۳.۵٪", 3.5)),
        ("تورم ۴۰ ٪ بود.", ("۴۰ ٪", 40)),
        ("سی درصد مردم رأی دادند.", ("سی درصد", 30)),
        ("سی و پنج درصد مردم رأی دادند.", ("سی و پنج درصد", 35)),
        ("رشد ۵ درصدی ثبت شد.", ("۵ درصدی", 5)),
        ("رشد نیم درصد بود.", ("نیم درصد", 0.5)),
        ("رشد سه دهم درصد بود.", ("سه دهم درصد", 0.3)),
        ("نه درصد کم شد.", ("نه درصد", 9)),
        ("۳۰درصد کم شد.", ("۳۰درصد", 30)),
        ("تورم ۳۲/۵ درصد بود.", ("۳۲/۵ درصد", 32.5)),
        ("تورم ۳۲/۵٪ بود.", ("۳۲/۵٪", 32.5)),
    ],
)
def test_percentages(text: str, expected: tuple[str, float]) -> None:
    assert found(text) == [(expected[0], "percent", expected[1], "%")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("یارانه ۵۰۰ هزار تومان شد.", ("۵۰۰ هزار تومان", 500_000, "IRT")),
        ("وام پانصد هزار تومانی داده شد.", ("پانصد هزار تومانی", 500_000, "IRT")),
        ("بودجه ۲ میلیارد دلار است.", ("۲ میلیارد دلار", 2_000_000_000, "USD")),
        ("قرارداد ۳ میلیارد دلاری بسته شد.", ("۳ میلیارد دلاری", 3_000_000_000, "USD")),
        ("بهای آن ۱۰ میلیون ریال است.", ("۱۰ میلیون ریال", 10_000_000, "IRR")),
        ("بهای آن ۲۰۰ یورو است.", ("۲۰۰ یورو", 200, "EUR")),
        ("بهای آن ۵۰ پوند است.", ("۵۰ پوند", 50, "GBP")),
        ("بهای آن ۳۰۰ درهم است.", ("۳۰۰ درهم", 300, "AED")),
        ("بهای آن ۸۰۰ یوان است.", ("۸۰۰ یوان", 800, "CNY")),
        ("بهای آن ۹۰ روبل است.", ("۹۰ روبل", 90, "RUB")),
        ("بهای آن ۴۰ لیر ترکیه است.", ("۴۰ لیر ترکیه", 40, "TRY")),
        ("بهای آن ۴۰ لیره ترکیه است.", ("۴۰ لیره ترکیه", 40, "TRY")),
        ("بهای آن ۱۰۰ دلار آمریکا است.", ("۱۰۰ دلار آمریکا", 100, "USD")),
        ("بهای آن ۱۰۰ دلار کانادا است.", ("۱۰۰ دلار کانادا", 100, "CAD")),
        ("بهای آن ۲۰ ریال عربستان است.", ("۲۰ ریال عربستان", 20, "SAR")),
        ("بهای آن ۲.۵ میلیون تومان است.", ("۲.۵ میلیون تومان", 2_500_000, "IRT")),
        (
            "دو میلیارد و پانصد میلیون دلار",
            ("دو میلیارد و پانصد میلیون دلار", 2_500_000_000, "USD"),
        ),
        ("هزار تومان داد.", ("هزار تومان", 1000, "IRT")),
        ("هزار و پانصد میلیارد تومان", ("هزار و پانصد میلیارد تومان", 1_500_000_000_000, "IRT")),
    ],
)
def test_money_takes_its_scale_and_currency(text: str, expected: tuple[str, int, str]) -> None:
    assert found(text) == [(expected[0], "money", expected[1], expected[2])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نفر اول مسابقه", ("اول", 1)),
        ("دور دوم مذاکرات", ("دوم", 2)),
        ("سومین نشست", ("سومین", 3)),
        ("بیستم آذر", ("بیستم", 20)),
        ("بیست و هشتم دی", ("بیست و هشتم", 28)),
        ("چهل و پنجمین سالگرد", ("چهل و پنجمین", 45)),
        ("یکصدم سالگرد", ("یکصدم", 100)),
        ("نخستین دیدار", ("نخستین", 1)),
        ("دور نخست", ("نخست", 1)),
        ("دوره ۲۸ام", ("۲۸ام", 28)),
        (f"دوره ۲۸{ZWNJ}ام", (f"۲۸{ZWNJ}ام", 28)),
        ("دوره ۲۸-ام", ("۲۸-ام", 28)),
        ("دوره ۲۸مین", ("۲۸مین", 28)),
        ("دوره ۲۸ُم", ("۲۸ُم", 28)),
        ("قرن بیست و یکم", ("بیست و یکم", 21)),
    ],
)
def test_ordinals(text: str, expected: tuple[str, int]) -> None:
    assert found(text) == [(expected[0], "ordinal", expected[1], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("دو میلیون و پانصد هزار نفر آمدند.", [("دو میلیون و پانصد هزار", "cardinal", 2_500_000)]),
        ("۲.۵ میلیون نفر آمدند.", [("۲.۵ میلیون", "cardinal", 2_500_000)]),
        ("۱۲ هزار و ۵۰۰ نفر آمدند.", [("۱۲ هزار و ۵۰۰", "cardinal", 12_500)]),
        ("دو و نیم ساعت گذشت.", [("دو و نیم", "decimal", 2.5)]),
        ("نیم ساعت گذشت.", [("نیم", "decimal", 0.5)]),
        ("دو سوم نمایندگان رأی دادند.", [("دو سوم", "decimal", 2 / 3)]),
        ("سه و چهار نفر", [("سه", "cardinal", 3), ("چهار", "cardinal", 4)]),
        ("نه نفر کشته شدند.", [("نه", "cardinal", 9)]),
        ("یک مقام گفت", []),  # the indefinite article at a sentence's start
        ("یک نفر کشته شد.", [("یک", "cardinal", 1)]),  # one, before a counted noun
        ("فقط یک مقام گفت", [("یک", "cardinal", 1)]),
        ("صفر شد", [("صفر", "cardinal", 0)]),
    ],
)
def test_mixed_and_plain_cardinals(text: str, expected: list[tuple[str, str, float]]) -> None:
    got = [(m.text, m.kind, m.value) for m in extract_numbers(text)]
    assert got == [(t, k, pytest.approx(v)) for t, k, v in expected]


@pytest.mark.parametrize(
    "text",
    [
        "صدای مردم شنیده شد.",
        "صدر جدول از آن ماست.",
        "هزاره‌ای کهن",
        "هزارتوی اداری",
        "یکی از مقام‌ها گفت.",
        "روز سه‌شنبه و پنج‌شنبه",
        "صدها نفر و ده‌ها خبرنگار",
        "میلیون‌ها نفر",
        "هزاران نفر",
        "چند هزار نفر آمدند.",
        "ده‌ها هزار نفر آمدند.",
        "نه تنها او بلکه ما.",
        "نخست وزیر عراق آمد.",
        "نخست‌وزیر عراق آمد.",
        "دولت سیاسی صدمه دید.",
        "تاریخ ۱۴۰۳/۱۰/۲۸ ثبت شد.",
        "تاریخ 2025-01-17 ثبت شد.",
        "تاریخ ۲۸/۱۰/۱۴۰۳ ثبت شد.",
        "تاریخ ۱۴۰۳.۱۰.۲۸ ثبت شد.",
        "ساعت ۲۱:۳۰ بود.",
        "ساعت 21:30:15 بود.",
        "ویروس COVID-19 و H2O و F-35 و نسخه 1.2.3",
    ],
)
def test_what_is_no_number(text: str) -> None:
    assert extract_numbers(text) == []


def test_a_sentence_gives_exact_spans_in_order() -> None:
    text = (
        "در سال ۱۴۰۲ دو میلیون و پانصد هزار نفر، ۳.۵ درصد بیشتر، ۲ میلیارد دلار"
        " و بیست و هشتمین دوره"
    )
    mentions = extract_numbers(text)
    assert [m.text for m in mentions] == [
        "دو میلیون و پانصد هزار",
        "۳.۵ درصد",
        "۲ میلیارد دلار",
        "بیست و هشتمین",
    ]
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert mentions[2] == NumberMention(
        "۲ میلیارد دلار", text.index("۲ میلیارد"), text.index(" و بیست"), "money", 2e9, "USD"
    )


def test_arabic_look_alike_letters_are_read() -> None:
    assert found("يك ميليون تومان") == [("يك ميليون تومان", "money", 1_000_000, "IRT")]


# -- the data file ---------------------------------------------------------------------------


def _rows(kind: str) -> list[list[str]]:
    text = resources.files("khabar.data").joinpath("numbers.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return [row[1:] for row in rows if row[0] == kind]


def test_every_number_word_of_the_data_file_parses_to_its_value() -> None:
    for kind in ("unit", "teen", "ten", "hundred", "scale", "fraction", "ordinal"):
        for word, value, *flags in _rows(kind):
            expected = Fraction(value)
            if kind == "scale" and "alone" not in flags:  # میلیون needs a number before it
                word = f"یک {word}"
            assert parse_number_words(word) == expected, word


def test_regular_ordinals_are_their_cardinal_with_mim() -> None:
    cardinals = {
        word: value
        for k in ("unit", "teen", "ten", "hundred", "scale")
        for word, value, *_ in _rows(k)
    }
    irregular = {"اول", "نخست", "سوم", "سی‌ام", "یکم"}
    for word, value, *_ in _rows("ordinal"):
        if word not in irregular:
            assert cardinals[word.removesuffix("م")] == value, word


# -- invariants ------------------------------------------------------------------------------

UNITS = ["", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"]
TEENS = ["ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده"]
TENS = ["", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"]
HUNDREDS = ["", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"]
SCALES = [(10**12, "تریلیون"), (10**9, "میلیارد"), (10**6, "میلیون"), (10**3, "هزار")]
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def spell(n: int, joiner: str = " و ", hundred: str = "صد", digits: bool = False) -> str:
    """An integer in Persian words (our own speller, written for the round trip)."""

    def below_1000(q: int) -> str:
        if digits:
            return str(q).translate(PERSIAN)
        h, r = divmod(q, 100)
        parts = [hundred if h == 1 else HUNDREDS[h]] if h else []
        if 10 <= r < 20:
            parts.append(TEENS[r - 10])
        elif r:
            parts += [w for w in (TENS[r // 10], UNITS[r % 10]) if w]
        return joiner.join(parts)

    if n == 0:
        return "صفر"
    parts = []
    for size, name in SCALES:
        q, n = divmod(n, size)
        if q:
            parts.append(
                name if q == 1 and size == 1000 and not digits else f"{below_1000(q)} {name}"
            )
    if n:
        parts.append(below_1000(n))
    return joiner.join(parts)


@settings(max_examples=400, deadline=None)
@given(
    st.integers(0, 10**12),
    st.sampled_from([" و ", f"{ZWNJ}و{ZWNJ}", "و"]),
    st.sampled_from(["صد", "یکصد", f"یک{ZWNJ}صد", "یک صد"]),
    st.booleans(),
)
def test_parse_reads_back_every_spelled_integer(
    n: int, joiner: str, hundred: str, digits: bool
) -> None:
    words = spell(n, joiner, hundred, digits)
    assert parse_number_words(words) == n, words


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10**12))
def test_a_spelled_integer_in_a_sentence_is_one_mention(n: int) -> None:
    words = spell(n)
    mentions = extract_numbers(f"گزارش از {words} نفر خبر داد.")
    assert [(m.text, m.value) for m in mentions] == [(words, n)]


PIECES = [
    *"۰۱۲۳۴۵۶۷۸۹0123456789٫٬.,/:-%٪ ",
    ZWNJ,
    "و",
    "ام",
    "م",
    "ین",
    "ی",
    "ا",
    "یک",
    "دو",
    "نه",
    "صد",
    "هزار",
    "میلیون",
    "میلیارد",
    "نیم",
    "سوم",
    "بیست",
    "درصد",
    "دلار",
    "تومان",
    "اول",
    "چند",
]


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(PIECES), max_size=40).map("".join)))
def test_mentions_are_exact_ordered_and_disjoint(text: str) -> None:
    end = 0
    for m in extract_numbers(text):
        assert text[m.start : m.end] == m.text
        assert m.start >= end and m.end > m.start
        assert m.kind in KINDS
        assert (m.unit == "%") == (m.kind == "percent")
        assert (m.unit is not None) == (m.kind in ("percent", "money"))
        end = m.end
