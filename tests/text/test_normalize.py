"""Character-level normalization: letters, marks, digits, punctuation, spacing, invisibles."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import khabar
from khabar import NormalizeOptions, OptionError, normalize

ZWNJ = "\u200c"
ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"


def norm(text: str, **options) -> str:
    """The character-level stages only: half-space repair has its own tests (test_zwnj.py)."""
    options.setdefault("zwnj", False)
    return normalize(text, **options).text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("كشور", "کشور"),  # Arabic kaf
        ("ايران", "ایران"),  # Arabic yeh
        ("موسى", "موسی"),  # alef maksura
        ("تهـــــران", "تهران"),  # kashida inside a word
        ("تهران ـ ایرنا", "تهران ـ ایرنا"),  # a free-standing kashida is a dash: kept
        ("مَدرِسه", "مدرسه"),  # short vowels removed
        ("اخیراً", "اخیراً"),  # tanvin on alef kept
        ("اخیرًا", "اخیراً"),  # tanvin written before the alef moves after it
        ("رؤسا", "رؤسا"),  # hamza form kept
        ("خانهٔ ما", "خانهٔ ما"),  # ezafe hamza kept
        ("خانۀ ما", "خانهٔ ما"),  # precomposed ezafe heh becomes heh + hamza
        ("مسئول", "مسئول"),
        ("مدرسة خوب", "مدرسه خوب"),  # teh marbuta ending a Persian word
        ("دائرةالمعارف", "دائرةالمعارف"),  # inside an Arabic construct it stays
        ("ﻫﺴﺘﻪ", "هسته"),  # presentation forms
        ("ﻻ", "لا"),  # lam-alef ligature
        ("\u200fسلام\u200e", "سلام"),  # bidi marks
        ("\ufeffسلام", "سلام"),  # BOM
        ("می\u200dشود", "میشود"),  # stray ZWJ
        ("می\u200bشود", "می\u200cشود"),  # ZWSP between letters stood for a ZWNJ
        ("کتاب\u200c\u200cها", "کتاب\u200cها"),  # doubled ZWNJ
        ("بندر\u200cها", "بندرها"),  # ZWNJ after a non-joining letter
        ("کتاب\u200c ها", "کتاب ها"),  # ZWNJ beside a space
        ("\u200cکتاب\u200c", "کتاب"),  # ZWNJ at word edges
        ("می\u200cشود", "می\u200cشود"),  # a good ZWNJ stays
    ],
)
def test_letters_marks_and_invisibles(raw, expected):
    assert norm(raw) == expected


def test_diacritics_can_be_kept():
    assert norm("مَدرِسه", keep_diacritics=True) == "مَدرِسه"


@pytest.mark.parametrize(
    ("raw", "persian", "latin"),
    [
        ("سال 1403", "سال ۱۴۰۳", "سال 1403"),
        ("سال ١٤٠٣", "سال ۱۴۰۳", "سال 1403"),
        ("رشد 3.5 درصد", "رشد ۳.۵ درصد", "رشد 3.5 درصد"),
        ("رشد ۱۲٫۵ درصد", "رشد ۱۲٫۵ درصد", "رشد 12.5 درصد"),
        ("۱,۲۰۰ نفر", "۱,۲۰۰ نفر", "1,200 نفر"),
        ("۱۴۰۲/۰۱/۱۲ و ۲۱:۳۰", "۱۴۰۲/۰۱/۱۲ و ۲۱:۳۰", "1402/01/12 و 21:30"),
        ("تورم 3.5% بود", "تورم ۳.۵% بود", "تورم 3.5% بود"),
        ("گوشی iPhone 15 آمد", "گوشی iPhone 15 آمد", "گوشی iPhone 15 آمد"),
        ("بیماری COVID-19 و H2O", "بیماری COVID-19 و H2O", "بیماری COVID-19 و H2O"),
        (
            "نشانی https://example.com/a/2024?id=15 است",
            "نشانی https://example.com/a/2024?id=15 است",
            "نشانی https://example.com/a/2024?id=15 است",
        ),
        ("رایانامه info2@news.ir است", "رایانامه info2@news.ir است", "رایانامه info2@news.ir است"),
        ("#انتخابات_1403 و @news24", "#انتخابات_1403 و @news24", "#انتخابات_1403 و @news24"),
    ],
)
def test_digit_scripts_and_tokens_that_must_survive(raw, persian, latin):
    assert norm(raw) == persian
    assert norm(raw, digits="latin") == latin
    assert norm(raw, digits="keep") == raw


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("« سلام »", "«سلام»"),
        ("گفت :« این کار را می\u200cکنیم . »", "گفت: «این کار را می\u200cکنیم.»"),
        ("ایران ، روسیه ؛ چین ؟", "ایران، روسیه؛ چین؟"),
        ("ایران,روسیه", "ایران، روسیه"),  # Latin comma in Persian text
        ("چرا?", "چرا؟"),
        ("چه شد ?!", "چه شد؟!"),
        ("what? yes, no; ok", "what? yes, no; ok"),  # Latin text keeps Latin marks
        ("ایران(تهران)و روسیه", "ایران (تهران) و روسیه"),
        ("روزنامه«کیهان»نوشت", "روزنامه «کیهان» نوشت"),
        ("او آمد.سپس رفت", "او آمد. سپس رفت"),
        ("سال ۵۰ ق.م و ۱۳۰۰ ه.ش", "سال ۵۰ ق.م و ۱۳۰۰ ه.ش"),  # abbreviations stay joined
        ("دکتر ع.رضایی", "دکتر ع.رضایی"),
        ("صبر کنید ...", "صبر کنید..."),
        ("یک    دو\t\tسه", "یک دو سه"),
        ("  سطر اول  \n   سطر دوم  ", "سطر اول\nسطر دوم"),
        ("بند اول\n\n\n\nبند دوم", "بند اول\n\nبند دوم"),
        ("بند اول\r\n\r\nبند دوم\r\n", "بند اول\n\nبند دوم\n"),
        ("منبع: jahannews.ir", "منبع: jahannews.ir"),
    ],
)
def test_punctuation_and_spacing(raw, expected):
    assert norm(raw) == expected


def test_punctuation_can_be_left_alone():
    assert norm("ایران ، روسیه", punctuation=False) == "ایران ، روسیه"


def test_mixed_text_in_both_digit_modes():
    raw = (
        "وزير  خارجه ايران روز   دوشنبه 12 آبان ١٤٠٣ گفت :«  تورم به 3.5 درصد و صادرات به "
        "1,200 ميليون دلار رسيد .»\u200f گزارش كامل در https://www.irna.ir/news/85 و "
        "گوشی iPhone 15 هم گرانتــــر شد ؟"
    )
    assert norm(raw) == (
        "وزیر خارجه ایران روز دوشنبه ۱۲ آبان ۱۴۰۳ گفت: «تورم به ۳.۵ درصد و صادرات به "
        "۱,۲۰۰ میلیون دلار رسید.» گزارش کامل در https://www.irna.ir/news/85 و "
        "گوشی iPhone 15 هم گرانتر شد؟"
    )
    assert norm(raw, digits="latin") == (
        "وزیر خارجه ایران روز دوشنبه 12 آبان 1403 گفت: «تورم به 3.5 درصد و صادرات به "
        "1,200 میلیون دلار رسید.» گزارش کامل در https://www.irna.ir/news/85 و "
        "گوشی iPhone 15 هم گرانتر شد؟"
    )


def test_sample_article_is_repaired_apart_from_half_spaces():
    raw = (ROOT / "samples" / "article.txt").read_text("utf-8")
    gold = (ROOT / "samples" / "article.corrected.txt").read_text("utf-8")
    assert norm(raw) == gold.replace(ZWNJ, "")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds are not beside this checkout")
@pytest.mark.parametrize("zwnj", [False, True])
def test_reference_article_corrected_form_is_a_fixed_point(zwnj):
    corrected = next(SEEDS.glob("*.corrected.txt")).read_text("utf-8")
    assert norm(corrected, zwnj=zwnj) == corrected


def test_offsets_point_back_into_the_raw_text():
    raw = "وزير  گفت :« كتاب\u200fها »"
    result = normalize(raw, zwnj=False)
    assert result.text == "وزیر گفت: «کتابها»"
    start = result.text.index("کتابها")
    assert result.raw_slice(start, start + len("کتابها")) == "كتاب\u200fها"
    assert result.to_raw(0, 4) == (0, 4)


def test_options_object_and_overrides():
    options = NormalizeOptions(digits="latin")
    assert norm("۱۲", options=options) == "12"
    assert normalize("۱۲", options, digits="keep").text == "۱۲"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"digits": "roman"}, "digits='roman' is not a digit script"),
        ({"zwnjj": True}, "unknown normalize option 'zwnjj'"),
    ],
)
def test_bad_options_are_named(overrides, message):
    with pytest.raises(OptionError, match=message):
        normalize("متن", **overrides)


def test_non_text_is_a_type_error():
    with pytest.raises(TypeError, match="takes a str"):
        normalize(b"bytes")  # type: ignore[arg-type]


# -- properties ------------------------------------------------------------------------------

_PERSIAN_NOISE = (
    "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكةۀأؤئءآ"
    "\u064b\u064e\u064f\u0650\u0651\u0652\u0654\u0640\u200c\u200d\u200e\u200f\u200b\ufeff"
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣0123456789"
    " \n\t.,،؛;?؟!:«»()%٫٬/-"
)
persian_noise = st.text(alphabet=_PERSIAN_NOISE, max_size=80)
latin_mix = st.text(alphabet=_PERSIAN_NOISE + "abcXYZ@#_:/.w", max_size=80) | st.sampled_from(
    ["https://example.com/x?a=1", "iPhone 15", "a.b@c.ir", "#تهران_۱۴۰۳", "COVID-19"]
)


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_any_string_normalizes_without_error(text):
    out = normalize(text)
    assert isinstance(out.text, str)
    assert normalize(out.text).text == out.text
    assert norm(norm(text)) == norm(text)


@settings(max_examples=300)
@given(persian_noise | latin_mix, st.sampled_from(["persian", "latin", "keep"]))
def test_idempotent(text, digits):
    once = norm(text, digits=digits)
    assert norm(once, digits=digits) == once


# Latin , ; ? become Persian only after Persian text, so a word made of them alone depends on
# what precedes it: they are left out of the alphabet for the word-by-word property.
context_free_noise = st.text(
    alphabet=_PERSIAN_NOISE.replace(",", "").replace(";", "").replace("?", ""), max_size=80
)


@settings(max_examples=300)
@given(context_free_noise)
def test_every_word_maps_back_to_raw_text_that_normalizes_to_it(text):
    result = normalize(text, zwnj=False)
    pos = 0
    for word in result.text.split():
        start = result.text.index(word, pos)
        end = pos = start + len(word)
        raw_start, raw_end = result.to_raw(start, end)
        assert norm(text[raw_start:raw_end]).strip() == word


@settings(max_examples=300)
@given(persian_noise)
def test_offset_map_is_monotone(text):
    result = normalize(text)  # all passes, half-spaces included
    ends = [result.to_raw(0, i)[1] for i in range(len(result.text) + 1)]
    assert ends == sorted(ends)
    starts = [result.to_raw(i, len(result.text))[0] for i in range(len(result.text) + 1)]
    assert starts == sorted(starts)


_PROTECTED = [
    "https://news.example.org/a/12?b=3",
    "user.name@mail.example.com",
    "iPhone",
    "COVID-19",
    "H2O",
    "#خبر_۱۴۰۳",
    "#news_12",
    "@khabar_24",
    "www.example.com/ab_2",
]


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["و", "در", "كتاب", "ايران", "گفت ،", "«"]), st.sampled_from(_PROTECTED)
        ),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(["persian", "latin"]),
)
def test_protected_tokens_survive_byte_for_byte(pairs, digits):
    text = " ".join(f"{word} {token}" for word, token in pairs)
    out = norm(text, digits=digits)
    for _, token in pairs:
        assert token in out


def test_public_api_is_declared():
    assert set(khabar.__all__) >= {"normalize", "Text", "NormalizeOptions", "KhabarError"}
    for name in khabar.__all__:
        assert hasattr(khabar, name)


@pytest.mark.parametrize(
    "text",
    [
        "اًًا",  # doubled tanvin
        "ز١اًًا?پ",
        "کط .تط",  # a period after a removed space
        "تر های",  # a glued join that would read otherwise
        "۲۰۰۱ایترها دوشنبه",
        "جمهوریترینهای",  # a two-part affix
        "میترینتر ترین",
        "شود تر",  # تر after a verb is no comparative
        "#ّ۱Yءa-3ّ2٠ث",  # a mark whose removal turns text into a hashtag
        "بیبیاند ",  # the pieces of a split are split too, at once
        "شده اً ها",  # a mark on a non-joining letter: no half-space after it
        "به ترینهای۱۴۰۳",  # the second part of a spaced join is written as a repair would
    ],
)
def test_idempotent_on_inputs_a_fuzz_found(text):
    once = normalize(text).text
    assert normalize(once).text == once


_PIECES = [
    "می",
    "نمی",
    "شود",
    "کتاب",
    "ها",
    "های",
    "هسته",
    "ای",
    "اند",
    "تر",
    "ترین",
    "تری",
    "بی",
    "سابقه",
    "رئیس",
    "جمهوری",
    "گفت",
    "وگو",
    "بیش",
    "دور",
    "شده",
    "است",
    "به",
    "که",
    "روز",
    "۱۷",
    "iPhone",
    "15",
    "،",
    "«",
    "»",
    ".",
]


@settings(max_examples=300)
@given(
    st.lists(
        st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", "", "\u200c", "  "])), max_size=14
    )
)
def test_idempotent_on_shuffled_words_and_affixes(pieces):
    text = "".join(word + sep for word, sep in pieces)
    once = normalize(text).text
    assert normalize(once).text == once
