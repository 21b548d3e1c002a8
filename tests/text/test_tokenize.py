"""Tests of khabar.text.tokenize: tokens, their kinds and spans, and sentence boundaries."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.errors import DataError, InputError
from khabar.text import tokenize as tk
from khabar.text.tokenize import Sentence, Token, iter_tokens, split_sentences, tokenize

ZWNJ = "\u200c"
KINDS = {
    "word",
    "latin",
    "number",
    "date",
    "time",
    "url",
    "email",
    "hashtag",
    "mention",
    "punct",
    "symbol",
}


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


# --- sentences that must be split ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "قیمت نفت امروز افزایش یافت. بازارهای آسیایی نیز رشد کردند.",
            ["قیمت نفت امروز افزایش یافت.", "بازارهای آسیایی نیز رشد کردند."],
        ),
        (
            "آیا مذاکرات ادامه می‌یابد؟ هنوز معلوم نیست.",
            ["آیا مذاکرات ادامه می‌یابد؟", "هنوز معلوم نیست."],
        ),
        (
            "چه کسی پاسخگوست؟! خانواده‌ها هنوز منتظرند.",
            ["چه کسی پاسخگوست؟!", "خانواده‌ها هنوز منتظرند."],
        ),
        (
            "تیم ملی برد!!! هواداران به خیابان‌ها آمدند.",
            ["تیم ملی برد!!!", "هواداران به خیابان‌ها آمدند."],
        ),
        (
            "وزیر لحظه‌ای سکوت کرد... سپس به پرسش‌ها پاسخ داد.",
            ["وزیر لحظه‌ای سکوت کرد...", "سپس به پرسش‌ها پاسخ داد."],
        ),
        (
            "نشست به تعویق افتاد… دلیل آن اعلام نشد.",
            ["نشست به تعویق افتاد…", "دلیل آن اعلام نشد."],
        ),
        (
            "تورم ماهانه کاهش یافت.وزیر اقتصاد این خبر را تأیید کرد.",
            ["تورم ماهانه کاهش یافت.", "وزیر اقتصاد این خبر را تأیید کرد."],
        ),
        (
            "سخنگو گفت: «برنامه‌ای برای افزایش قیمت نداریم.» وی افزود که دولت آماده است.",
            ["سخنگو گفت: «برنامه‌ای برای افزایش قیمت نداریم.»", "وی افزود که دولت آماده است."],
        ),
        (
            "خبرنگاری پرسید: «چرا جلسه لغو شد؟» پاسخی داده نشد.",
            ["خبرنگاری پرسید: «چرا جلسه لغو شد؟»", "پاسخی داده نشد."],
        ),
        (
            "نماینده‌ای پرسید: «چه کسی پاسخ می‌دهد؟». رئیس مجلس پاسخی نداد.",
            ["نماینده‌ای پرسید: «چه کسی پاسخ می‌دهد؟».", "رئیس مجلس پاسخی نداد."],
        ),
        (
            "این پایان راه نیست.» وی سپس جلسه را ترک کرد.",
            ["این پایان راه نیست.»", "وی سپس جلسه را ترک کرد."],
        ),
        (
            "جلسه تمام شد. (جزئیات در گزارش بعدی می‌آید.) وزیر رفت.",
            ["جلسه تمام شد.", "(جزئیات در گزارش بعدی می‌آید.)", "وزیر رفت."],
        ),
        (
            "ورود به سایت از طریق https://www.irna.ir/news/85123. ثبت‌نام رایگان است.",
            ["ورود به سایت از طریق https://www.irna.ir/news/85123.", "ثبت‌نام رایگان است."],
        ),
        (
            "این خبر را نخستین بار jahankhabari.ir منتشر کرد. بقیه بعداً نوشتند.",
            ["این خبر را نخستین بار jahankhabari.ir منتشر کرد.", "بقیه بعداً نوشتند."],
        ),
        (
            "منبع: jahankhabari.ir. گزارش‌ها ادامه دارد.",
            ["منبع: jahankhabari.ir.", "گزارش‌ها ادامه دارد."],
        ),
        (
            "مهلت ثبت‌نام تا ۱۴۰۳/۱۰/۲۸. پس از آن تمدید نمی‌شود.",
            ["مهلت ثبت‌نام تا ۱۴۰۳/۱۰/۲۸.", "پس از آن تمدید نمی‌شود."],
        ),
        (
            "رشد اقتصادی امسال: ۳.۵. پیش‌بینی سال آینده: ۴.۱.",
            ["رشد اقتصادی امسال: ۳.۵.", "پیش‌بینی سال آینده: ۴.۱."],
        ),
        (
            "آیا این کتیبه از ۵۲۰ ق.م است؟ کارشناسان مطمئن نیستند.",
            ["آیا این کتیبه از ۵۲۰ ق.م است؟", "کارشناسان مطمئن نیستند."],
        ),
        (
            "The talks ended on Monday. Officials left Vienna.",
            ["The talks ended on Monday.", "Officials left Vienna."],
        ),
    ],
)
def test_split_sentences_splits_at_terminators(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تیتر خبر\nمتن خبر در این سطر است.", ["تیتر خبر", "متن خبر در این سطر است."]),
        ("بند نخست\r\nبند دوم", ["بند نخست", "بند دوم"]),
        (
            "پاراگراف اول بدون نقطه\n\n  پاراگراف دوم.  ",
            ["پاراگراف اول بدون نقطه", "پاراگراف دوم."],
        ),
        (
            "او گفت: «ما آماده‌ایم\nو منتظر پاسخ هستیم.»",
            ["او گفت: «ما آماده‌ایم", "و منتظر پاسخ هستیم.»"],
        ),
        ("دکتر ع.\nرضایی", ["دکتر ع.", "رضایی"]),
        ("سطر یک\u2028سطر دو\u2029سطر سه", ["سطر یک", "سطر دو", "سطر سه"]),
    ],
)
def test_split_sentences_ends_a_sentence_at_every_line_break(
    text: str, expected: list[str]
) -> None:
    assert texts(text) == expected


# --- sentences that must stay whole --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # decimals and dates
        "نرخ تورم نقطه‌به‌نقطه به ۳۸.۵ درصد رسید.",
        "صندوق بین‌المللی پول رشد 3.5 درصدی را پیش‌بینی کرد.",
        "سهم این بخش ۱۲٫۵ درصد است.",
        "این تصمیم در تاریخ ۱۴۰۲.۰۱.۱۲ گرفته شد.",
        "گزارش در 2025.01.17 منتشر شد.",
        # URLs, e-mails, domains
        "متن کامل در www.irna.ir/fa/news/85123.html آمده است.",
        "نسخه کامل در https://example.com/a.b/c.html?id=3.5 منتشر شد.",
        "پرسش‌ها را به info.news@jahankhabari.ir بفرستید.",
        "به گزارش jahankhabari.ir، جلسه کمیسیون برگزار شد.",
        "خبرگزاری bbc.co.uk هم این خبر را منتشر کرد.",
        # Persian abbreviations
        "کوروش بزرگ در سال ۵۳۹ ق.م بابل را فتح کرد.",
        "انقلاب مشروطه در ۱۲۸۵ ه.ش رخ داد.",
        "فرمان مشروطه در ۱۲۸۵ ه.ش. به امضا رسید.",
        "این واقعه در ۶۱ ه.ق روی داد.",
        "جلسه ساعت ۱۰ ق.ظ آغاز شد و تا ۴ ب.ظ ادامه یافت.",
        "قانون اساسی ج.ا.ا در سال ۱۳۶۸ بازنگری شد.",
        # Latin abbreviations
        "مقامات U.S. این گزارش را رد کردند.",
        "سفیر U.K. به وزارت خارجه احضار شد.",
        "به گفته Dr. Smith این دارو مؤثر است.",
        "کشورهای اروپایی (e.g. فرانسه و آلمان) موافقت کردند.",
        "Mr. Johnson met Prof. Lee in Geneva.",
        "شرکت‌هایی مانند Apple Inc. و Samsung حضور داشتند.",
        "کالاهایی مثل برنج، روغن etc. گران شد.",
        # initials
        "دکتر ع. رضایی در این نشست سخنرانی کرد.",
        "م. کاظمی و ح. احمدی در جلسه حضور داشتند.",
        "نامه را م.کاظمی امضا کرد.",
        "رمان J. K. Rowling به فارسی ترجمه شد.",
        # quotations and brackets that go on with the sentence
        "او گفت: «این کار را نمی‌کنیم.» و سپس رفت.",
        "«آیا این عادلانه است؟» را بارها پرسیده‌اند.",
        "وزیر با بیان اینکه «شرایط سخت است.»، از مردم خواست صبور باشند.",
        "او گفت: «ما آماده‌ایم. گفت‌وگو ادامه دارد.» و جلسه را ترک کرد.",
        'He said "we will not do it." and left.',
        "رئیس سازمان (که دیروز استعفا داد!) و معاونش غایب بودند.",
        "بودجه این طرح (حدود ۳.۵ میلیارد دلار) تصویب شد.",
        "این ادعا (؟) هنوز بررسی نشده است.",
        # list numbers and leading terminators
        "۱. افزایش قیمت بنزین",
        "... و ماجرا همچنان ادامه دارد.",
    ],
)
def test_split_sentences_keeps_sentence_whole(text: str) -> None:
    assert texts(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "او پرسید: «چه باید کرد؟»",
        "سخنگو گفت: «مذاکرات ادامه دارد.»",
        "(عکس از ایرنا.)",
    ],
)
def test_split_sentences_quotation_at_the_end_closes_the_sentence(text: str) -> None:
    assert texts(text) == [text]
    assert texts(f"{text} خبرنگاران سالن را ترک کردند.") == [
        text,
        "خبرنگاران سالن را ترک کردند.",
    ]


def test_split_sentences_spans_are_exact_and_trimmed() -> None:
    text = "  جمله اول.  جمله دوم!\n\n سوم  "
    got = split_sentences(text)
    assert got == [
        Sentence(2, 11, "جمله اول."),
        Sentence(13, 22, "جمله دوم!"),
        Sentence(25, 28, "سوم"),
    ]
    assert all(text[s.start : s.end] == s.text for s in got)


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "\u2028"])
def test_split_sentences_of_blank_text_is_empty(text: str) -> None:
    assert split_sentences(text) == []


# --- tokens ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    [
        "می‌شود",
        "نمی‌کند",
        "رئیس‌جمهوری",
        "سخت‌گیرانه‌تر",
        "مهم‌ترین",
        "گفت‌وگو",
        "کتاب‌های",
        "هسته‌ای",
        "گفته‌اند",
        "بین‌المللی",
        "توافق‌نامه",
        "به‌طور",
        "برمی‌گشت",
        "خانهٔ",
    ],
)
def test_tokenize_keeps_a_zwnj_word_whole(word: str) -> None:
    text = f"این {word} است"
    assert [(t.text, t.kind) for t in tokenize(text)] == [
        ("این", "word"),
        (word, "word"),
        ("است", "word"),
    ]


@pytest.mark.parametrize(
    ("piece", "kind"),
    [
        ("3.5", "number"),
        ("۱۲٫۵", "number"),
        ("1,200", "number"),
        ("۱٬۲۰۰", "number"),
        ("۳٪", "number"),
        ("25%", "number"),
        ("۱۴۰۳", "number"),
        ("۱۴۰۲/۰۱/۱۲", "date"),
        ("2025-01-17", "date"),
        ("۲۸/۱۰/۱۴۰۳", "date"),
        ("1403.10.28", "date"),
        ("۱۴۰۲/۱۳/۴۰", "number"),
        ("۲۱:۳۰", "time"),
        ("10:45:00", "time"),
        ("۹۹:۹۹", "number"),
        ("https://www.irna.ir/fa/news/85123", "url"),
        ("www.isna.ir", "url"),
        ("jahankhabari.ir", "url"),
        ("info@jahankhabari.ir", "email"),
        ("#ایران‌خودرو", "hashtag"),
        ("#COVID19", "hashtag"),
        ("@irna_fa", "mention"),
        ("COVID-19", "latin"),
        ("iPhone", "latin"),
        ("5G", "latin"),
        ("O'Brien", "latin"),
        ("U.S.", "latin"),
        ("Dr.", "latin"),
        ("Erdoğan", "latin"),
        ("Jean-François", "latin"),
        ("ق.م", "word"),
        ("ج.ا.ا", "word"),
        ("تهران", "word"),
        ("،", "punct"),
        ("؛", "punct"),
        ("؟", "punct"),
        ("«", "punct"),
        ("...", "punct"),
        ("؟!", "punct"),
        ("$", "symbol"),
        ("+", "symbol"),
        ("©", "symbol"),
    ],
)
def test_tokenize_kind_of_a_token(piece: str, kind: str) -> None:
    assert tokenize(f"و {piece} و") == [
        Token(0, 1, "و", "word"),
        Token(2, 2 + len(piece), piece, kind),
        Token(3 + len(piece), 4 + len(piece), "و", "word"),
    ]


def test_tokenize_a_news_sentence() -> None:
    text = "رئیس‌جمهوری روز ۲۸ دی‌ماه ۱۴۰۳ ساعت ۲۱:۳۰ گفت: «نرخ تورم ۳۵٫۵٪ است.»"
    assert [(t.text, t.kind) for t in tokenize(text)] == [
        ("رئیس‌جمهوری", "word"),
        ("روز", "word"),
        ("۲۸", "number"),
        ("دی‌ماه", "word"),
        ("۱۴۰۳", "number"),
        ("ساعت", "word"),
        ("۲۱:۳۰", "time"),
        ("گفت", "word"),
        (":", "punct"),
        ("«", "punct"),
        ("نرخ", "word"),
        ("تورم", "word"),
        ("۳۵٫۵٪", "number"),
        ("است", "word"),
        (".", "punct"),
        ("»", "punct"),
    ]


def test_tokenize_initial_keeps_its_period() -> None:
    assert [t.text for t in tokenize("دکتر ع. رضایی")] == ["دکتر", "ع.", "رضایی"]
    # at the end of a sentence a lone letter is not an initial
    assert [t.text for t in tokenize("ویتامین د.")] == ["ویتامین", "د", "."]


def test_tokenize_offsets_are_exact() -> None:
    text = "  او گفت:\n«بله.»  "
    assert tokenize(text) == [
        Token(2, 4, "او", "word"),
        Token(5, 8, "گفت", "word"),
        Token(8, 9, ":", "punct"),
        Token(10, 11, "«", "punct"),
        Token(11, 14, "بله", "word"),
        Token(14, 15, ".", "punct"),
        Token(15, 16, "»", "punct"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"کتاب{ZWNJ} ها", ["کتاب", ZWNJ, "ها"]),
        (f"{ZWNJ}خبر", [ZWNJ, "خبر"]),
        (ZWNJ, [ZWNJ]),
        (f"ایران{ZWNJ}{ZWNJ}خودرو", [f"ایران{ZWNJ}{ZWNJ}خودرو"]),
    ],
)
def test_tokenize_keeps_a_stray_zwnj(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == expected


def test_tokens_are_frozen_dataclasses() -> None:
    token = tokenize("خبر")[0]
    assert token == Token(0, 3, "خبر", "word")
    assert hash(token) == hash(Token(0, 3, "خبر", "word"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        token.start = 1  # type: ignore[misc]


def test_iter_tokens_is_lazy_and_agrees_with_tokenize() -> None:
    text = "او گفت: «۳.۵ درصد.» " * 3
    it = iter_tokens(text)
    assert next(it) == Token(0, 2, "او", "word")
    assert [Token(0, 2, "او", "word"), *it] == tokenize(text)


@pytest.mark.parametrize("func", [tokenize, split_sentences])
def test_non_text_input_is_an_input_error(func: object) -> None:
    with pytest.raises(InputError, match="takes a str"):
        func(b"bytes")  # type: ignore[operator]


# --- the abbreviations file ------------------------------------------------------------------


def test_abbreviations_file_has_a_header_and_entries() -> None:
    from importlib import resources

    raw = resources.files("khabar.data").joinpath("abbreviations.txt").read_text("utf-8")
    assert raw.startswith("#")
    assert "khabar developers" in raw.split("\n\n")[0]
    persian, latin = tk._abbreviations()
    assert {"ق.م", "ه.ش", "ه.ق", "ق.ظ", "ب.ظ", "ج.ا.ا"} <= set(persian)
    assert {"U.S.", "U.K.", "e.g.", "Mr.", "Dr.", "etc."} <= set(latin)


@pytest.mark.parametrize("abbr", [*tk._abbreviations()[0], *tk._abbreviations()[1]])
def test_every_listed_abbreviation_is_one_token_and_ends_no_sentence(abbr: str) -> None:
    text = f"این گزارش {abbr} امروز منتشر شد."
    assert abbr in [t.text for t in tokenize(text)]
    assert texts(text) == [text]


def test_broken_abbreviations_file_is_a_data_error(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeFile:
        def joinpath(self, name: str) -> FakeFile:
            return self

        def read_text(self, encoding: str) -> str:
            return "# header\nU.S.\nnot an abbreviation\n"

    monkeypatch.setattr(tk.resources, "files", lambda package: FakeFile())
    tk._abbreviations.cache_clear()
    try:
        with pytest.raises(DataError, match="line 3"):
            tk._abbreviations()
    finally:
        monkeypatch.undo()
        tk._abbreviations.cache_clear()
    assert "U.S." in tk._abbreviations()[1]


# --- properties on any text ----------------------------------------------------------------

# Text made of the characters that matter to the tokenizer, so that examples hit its rules.
_NEWSY = st.lists(
    st.sampled_from(
        list("ابپتجچخدرزژسشعفقکگلمنوهیءآئ")
        + list("۰۱۲۳۴۵۶۷۸۹0123456789abcXYZé")
        + list('.,:/-!?؟…«»()[]"،؛%٪٫@#_ـ\u064e')
        + [ZWNJ, " ", " ", "\n", "\t", "\u00a0", "\u200f", "www.", "ق.م", "Dr.", ".ir"]
    ),
    max_size=60,
).map("".join)
_ANY = st.one_of(st.text(), _NEWSY)


def _check_tokens(text: str, tokens: list[Token]) -> None:
    position = 0
    for t in tokens:
        assert position <= t.start < t.end
        assert text[t.start : t.end] == t.text
        assert text[position : t.start].isspace() or position == t.start
        assert not any(c.isspace() for c in t.text)
        assert t.kind in KINDS
        position = t.end
    assert text[position:].isspace() or position == len(text)
    assert "".join(t.text for t in tokens) == "".join(c for c in text if not c.isspace())


@settings(max_examples=400, deadline=None)
@given(_ANY)
def test_tokenize_spans_are_exact_ordered_and_lose_nothing(text: str) -> None:
    tokens = tokenize(text)
    _check_tokens(text, tokens)
    assert list(iter_tokens(text)) == tokens


@settings(max_examples=400, deadline=None)
@given(_ANY)
def test_sentences_are_ordered_and_cover_every_token_once(text: str) -> None:
    sentences = split_sentences(text)
    tokens = tokenize(text)
    edges = {t.start for t in tokens}, {t.end for t in tokens}
    position = 0
    for s in sentences:
        assert position <= s.start < s.end
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert s.start in edges[0] and s.end in edges[1]
        assert "\n" not in s.text
        position = s.end
    starts = [s.start for s in sentences]
    for t in tokens:  # each token lies inside exactly one sentence
        inside = [s for s in sentences if s.start <= t.start and t.end <= s.end]
        assert len(inside) == 1
    assert starts == sorted(starts)
    joined = "".join(s.text for s in sentences)
    assert "".join(c for c in joined if not c.isspace()) == "".join(
        c for c in text if not c.isspace()
    )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ابپتژکگی ‌۱۲3.؟!«»()\n،", max_size=80))
def test_one_scan_gives_the_same_tokens_and_sentences(text: str) -> None:
    from khabar.text.tokenize import tokens_and_sentences

    tokens, sentences = tokens_and_sentences(text)
    assert tokens == tokenize(text)
    assert sentences == split_sentences(text)
