"""Half-space restoration: glued and spaced words, both what must join and what must not."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import normalize
from khabar.text.verbs import split_verb

Z = "\u200c"
ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"


def norm(text: str, **options) -> str:
    return normalize(text, **options).text


MUST_JOIN = [
    # verb prefixes, all persons and tenses, negation, preverbs, perfect forms
    ("میشود", f"می{Z}شود"),
    ("نمیکند", f"نمی{Z}کند"),
    ("میگویند", f"می{Z}گویند"),
    ("میآید", f"می{Z}آید"),
    ("میزنی", f"می{Z}زنی"),
    ("میورزند", f"می{Z}ورزند"),
    ("نمیدانستیم", f"نمی{Z}دانستیم"),
    ("برمیگردد", f"برمی{Z}گردد"),
    ("درمییابد", f"درمی{Z}یابد"),
    ("برنمیگشتیم", f"برنمی{Z}گشتیم"),
    ("میرفتهاند", f"می{Z}رفته{Z}اند"),
    ("میگویمش", f"می{Z}گویمش"),
    ("میتوان", f"می{Z}توان"),
    # plurals after joining letters
    ("کتابها", f"کتاب{Z}ها"),
    ("تنشهای", f"تنش{Z}های"),
    ("گزارشهایی", f"گزارش{Z}هایی"),
    ("آنها", f"آن{Z}ها"),
    ("دولتهایشان", f"دولت{Z}هایشان"),
    ("نگرانیهایی", f"نگرانی{Z}هایی"),
    # ای، اند، ام after a silent ه
    ("هستهای", f"هسته{Z}ای"),
    ("منطقهای", f"منطقه{Z}ای"),
    ("گفتهاند", f"گفته{Z}اند"),
    ("شدهام", f"شده{Z}ام"),
    ("رفتهایم", f"رفته{Z}ایم"),
    # comparatives
    ("مهمترین", f"مهم{Z}ترین"),
    ("بزرگتر", f"بزرگ{Z}تر"),
    # compounds, and affixes on compounds
    ("رئیسجمهوری", f"رئیس{Z}جمهوری"),
    ("نشاندهنده", f"نشان{Z}دهنده"),
    ("تعیینکننده", f"تعیین{Z}کننده"),
    ("گفتوگو", f"گفت{Z}وگو"),
    ("بینالمللی", f"بین{Z}المللی"),
    ("توافقنامه", f"توافق{Z}نامه"),
    ("بهطور", f"به{Z}طور"),
    ("سختگیرانهتر", f"سخت{Z}گیرانه{Z}تر"),
    ("گفتوگوهای", f"گفت{Z}وگوهای"),
    # a participle's auxiliary است that arrived glued (spaced, it stays apart)
    ("شدهاست", f"شده{Z}است"),
    # X به X
    ("نقطهبهنقطه", f"نقطه{Z}به{Z}نقطه"),
    ("روزبهروز", f"روزبه{Z}روز"),
]

MUST_NOT_JOIN = [
    # words that merely start with می / نمی
    "میلیون",
    "میدان",
    "میز",
    "میراث",
    "میانه",
    "نمایش",
    "نماینده",
    "نمیر",
    "میسر",
    "میگو",
    "میهمان",
    "میلاد",
    "میرحسین",
    "میزان",
    # words that merely end in ها
    "تنها",
    "رها",
    "بها",
    "نهایت",
    "انتها",
    "فقها",
    # words that merely end in تر, and the lexicalized comparatives
    "دختر",
    "کبوتر",
    "دفتر",
    "ستر",
    "بیشتر",
    "کمتر",
    "بهتر",
    "بدتر",
    # plurals after non-joining letters are solid
    "بندرها",
    "پهپادهای",
    "باورهای",
    "کشورها",
    "خودروها",
    # solid words
    "همچنین",
    # names and words that end in تر/تری without being comparatives
    "دمیتری",
    "شوشتر",
    "کلانتری",
    "باختر",
    "هانتر",
    "داستر",
    # a known glued word is not a noun with a first-person copula
    "پرهام",
    # listed names are never split: no verb (می + دری), no prefix (کم + الوند)
    "میدری",
    "کمالوند",
]


@pytest.mark.parametrize(("glued", "written"), MUST_JOIN)
def test_glued_words_get_their_half_space(glued, written):
    assert norm(glued) == written


@pytest.mark.parametrize(("glued", "written"), MUST_JOIN)
def test_correct_words_are_left_alone(glued, written):
    assert norm(written) == written


@pytest.mark.parametrize("word", MUST_NOT_JOIN)
def test_words_that_must_stay_solid(word):
    assert norm(word) == word


@pytest.mark.parametrize(
    ("spaced", "written"),
    [
        ("او می شود", f"او می{Z}شود"),
        ("نمی دانستیم", f"نمی{Z}دانستیم"),
        ("کتاب ها را", f"کتاب{Z}ها را"),
        ("کشور ها", "کشورها"),  # no half-space after a non-joining letter: one word
        ("برنامه هسته ای", f"برنامه هسته{Z}ای"),
        ("گفته اند که", f"گفته{Z}اند که"),
        ("مهم ترین", f"مهم{Z}ترین"),
        ("بیش تر", "بیشتر"),  # lexicalized comparative
        ("گفت وگو", f"گفت{Z}وگو"),  # a second part that is no word on its own
        ("بین المللی", f"بین{Z}المللی"),
        # bound second elements, never words on their own
        ("اجتناب ناپذیر", f"اجتناب{Z}ناپذیر"),
        ("راه اندازی شد", f"راه{Z}اندازی شد"),
        ("بهره برداری", f"بهره{Z}برداری"),
        ("دانش آموزان", f"دانش{Z}آموزان"),
    ],
)
def test_spaced_words_are_joined(spaced, written):
    assert norm(spaced) == written


@pytest.mark.parametrize(
    "text",
    [
        "رئیس جمهور",  # spaced compounds keep their space
        "به طور جدی",
        "گفته است",  # ه است stays apart
        "که ای کاش",  # vocative ای after a function word
        "می گو",  # a bare stem after می is no verb form
        "iPhone 15 و Galaxy",  # Latin is never touched
        "روز آور",  # after a non-joining letter a space is not turned into a glued word
    ],
)
def test_spaced_words_that_stay_apart(text):
    assert norm(text) == text


def test_zwnj_restoration_can_be_switched_off():
    assert norm("میشود", zwnj=False) == "میشود"


def test_never_a_half_space_after_a_non_joining_letter():
    out = norm("پهپادهای ایرانی و بندرهای کشورها و دیدارهای رسمی")
    assert all(out[i - 1] not in "ادذرزژو" for i, c in enumerate(out) if c == Z)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("میشود", f"می{Z}شود"),
        ("میدان", None),
        ("برمیگردد", f"برمی{Z}گردد"),
        ("میسر", None),
        ("درمیشود", None),
    ],  # در does not combine with شد
)
def test_verb_analysis(word, expected):
    assert split_verb(word) == expected


def test_sample_article_is_fully_repaired():
    raw = (ROOT / "samples" / "article.txt").read_text("utf-8")
    gold = (ROOT / "samples" / "article.corrected.txt").read_text("utf-8")
    assert norm(raw) == gold


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds are not beside this checkout")
def test_reference_article_gets_all_its_half_spaces_back():
    raw = next(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".corrected.txt"))
    gold = raw.with_name(raw.stem + ".corrected.txt").read_text("utf-8")
    assert norm(raw.read_text("utf-8")) == gold


_WORDS = [w for _, w in MUST_JOIN] + MUST_NOT_JOIN + ["و", "در", "به", "که", "را", "است"]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12), st.data())
def test_glued_sentences_round_trip(words, data):
    """Any sentence of known words, glued, comes back exactly; correct text is a fixed point."""
    sentence = " ".join(words)
    assert norm(sentence) == sentence
    assert norm(sentence.replace(Z, "")) == sentence


@pytest.mark.parametrize(
    ("spaced", "joined"),
    [
        ("رئیس جمهور", f"رئیس{Z}جمهور"),
        ("پیش بینی", f"پیش{Z}بینی"),
        ("به دنبال", "به دنبال"),  # a phrase, not a compound
        ("ثبت شده", "ثبت شده"),  # a verb phrase
    ],
)
def test_join_compounds_option_joins_free_word_compounds(spaced, joined):
    assert norm(spaced) == spaced
    assert norm(spaced, join_compounds=True) == joined


def test_a_full_token_cache_starts_afresh_without_changing_results(monkeypatch):
    """When the per-token caches are cleared mid-text, neighbours that may join still do."""
    from khabar.text import zwnj

    text = (
        "کتاب ها و مقاله های او می شود گفت که رئیسجمهوری آنها را میخواند ، "
        "و سختگیرانهتر از همیشه هستهای بود ."
    )
    expected = [normalize(text, join_compounds=mode) for mode in (False, True)]
    monkeypatch.setattr(zwnj, "_REPAIRED_LIMIT", 4)
    for mode in (False, True):
        zwnj._TOKENS[mode].clear()
        zwnj._EDGES[mode].clear()
    for _ in range(3):  # every call clears the caches again
        assert [normalize(text, join_compounds=m) for m in (False, True)] == expected


def test_a_cached_stretch_still_reads_its_last_word_by_what_follows():
    """«می زمینهای» is one stretch (a verb prefix may join the next word); its last word reads
    as a plural before a noun in ezafe and as ه + ای at the end, however often it recurs."""
    before_noun = "او می زمینهای کشاورزی را"
    at_the_end = "او می زمینهای."
    for _ in range(2):
        assert norm(before_noun) == f"او می زمین{Z}های کشاورزی را"
        assert norm(at_the_end) == f"او می زمینه{Z}ای."


def test_a_run_of_glued_junk_is_left_as_it_is():
    """A "word" far longer than any Persian word (a page's garbage) is not analysed: no deep
    recursion, no change."""
    junk = "ها" * 2000
    assert norm(junk) == junk
    assert norm(f"کتابها {junk} میشود") == f"کتاب{Z}ها {junk} می{Z}شود"


@pytest.mark.parametrize(
    "text",
    [
        "منبع: https://fa.wikipedia.org/wiki/کتابها",  # a link with Persian letters
        "برچسب #کتابها_جدید داغ شد",  # a hashtag
        "(https://example.ir/اخبار/میشود)، امروز",
    ],
)
def test_links_and_hashtags_keep_their_letters(text):
    out = norm(text)
    for token in text.split():
        if "/" in token or "#" in token:
            assert token.rstrip("،") in out
