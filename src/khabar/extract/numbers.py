"""Numbers in Persian news text: cardinals, ordinals, decimals, percentages and money.

Numbers come in Persian (۰-۹), Arabic-Indic (٠-٩) or Latin digits with their separators
(``۱۲٫۵``, ``3.5``, ``1,200``, ``۱٬۲۰۰``), in words (``هزار و چهارصد و دو``), or mixed
(``۲.۵ میلیون``). A mention is the longest stretch that makes one number, with a percent word or
sign (``۳.۵ درصد``, ``٪۳.۵``) or a currency after it (``۲ میلیارد دلار``).

Choices worth knowing:

* Number words are whole words: ``صدا``, ``صدر``, ``هزاره``, ``یکی`` (in ``یکی از``),
  ``سه‌شنبه`` and ``صدها`` hold no number.
* ``یک`` before a noun is reported as the cardinal 1 (Persian writes the indefinite "a" with it).
* ``نه`` alone is a number only before a counted noun (``نه نفر``); otherwise it is "no".
* Dates and times (``۱۴۰۳/۱۰/۲۸``, ``2025-01-17``, ``۲۱:۳۰``) and anything written with ``/`` or
  ``:`` between digits are left to the date extractor, except a percent written with a slash for
  the decimal separator (``۳۲/۵ درصد`` = 32.5 %).
* No signs: ``منفی ۵`` and ``-۵`` give 5 (a dash between numbers is usually a range).
* Fractions: a unit before a small ordinal or ``ربع`` names parts (``دو سوم`` = 2/3,
  ``سه دهم درصد`` = 0.3 %); a spaced ``یک صدم`` is read as the ordinal 100.
* Values are exact (computed with fractions) and an ``int`` when whole.

The vocabulary is ``data/numbers.tsv``; one regular expression is built from it, once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from importlib import resources

from khabar.errors import DataError
from khabar.text.patterns import ZWNJ

KINDS = ("cardinal", "ordinal", "decimal", "percent", "money")


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number as it stands in the text.

    Attributes:
        text: the exact substring of the input (``text == source[start:end]``).
        start, end: offsets into the input.
        kind: cardinal, ordinal, decimal (a value that is not whole), percent or money.
        value: the number; for a percent the percentage (3.5 for ``۳.۵ درصد``), for money the
            amount in the unit (3e9 for ``۳ میلیارد دلار``).
        unit: ``"%"`` for a percent, the currency code for money (IRR, IRT for toman, USD …),
            else None.
    """

    text: str
    start: int
    end: int
    kind: str
    value: int | float
    unit: str | None


# -- vocabulary ------------------------------------------------------------------------------

_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", ZWNJ: None, " ": None})
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫٬", "01234567890123456789.,")
_NUMERIC_KINDS = ("unit", "teen", "ten", "hundred", "scale", "fraction", "ordinal")
_ALL_KINDS = (*_NUMERIC_KINDS, "currency", "percent", "not", "counter")


def _bare(word: str) -> str:
    """The lookup key of a word: Arabic look-alikes folded, ZWNJs and spaces dropped."""
    return word.translate(_FOLD)


@dataclass(frozen=True, slots=True)
class _Word:
    value: Fraction
    scale: bool  # multiplies what comes before it (هزار، هزارم)
    ordinal: bool
    parts: Fraction | None  # after a number, what one part is worth (سوم → 1/3, ربع → 1/4)


@dataclass(frozen=True, slots=True)
class _Row:
    kind: str
    word: str
    value: str
    flags: frozenset[str]


@cache
def _rows() -> tuple[_Row, ...]:
    text = resources.files("khabar.data").joinpath("numbers.tsv").read_text("utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, word, value, flags, *_ = [*line.split("\t"), "", "", ""]
        if kind not in _ALL_KINDS or not word or (kind in _NUMERIC_KINDS and not value):
            raise DataError(
                f"numbers.tsv line {number}: expected kind ({', '.join(_ALL_KINDS)}), word and, "
                f"for numbers, a value; got {line!r}. Reinstall khabar or fix the data file."
            )
        rows.append(_Row(kind, word, value, frozenset(f for f in flags.split(",") if f)))
    return tuple(rows)


def _names(kind: str, *, flag: str | None = None, without: str | None = None) -> list[str]:
    return [
        r.word
        for r in _rows()
        if r.kind == kind
        and (flag is None or flag in r.flags)
        and (without is None or without not in r.flags)
    ]


def _ordinals(low: int, high: int, *, flag: str | None = None) -> list[str]:
    """Ordinal words with values in [low, high), each also with its attributive ین."""
    names = [
        r.word
        for r in _rows()
        if r.kind == "ordinal"
        and low <= Fraction(r.value) < high
        and (flag in r.flags if flag else "alone" not in r.flags)
    ]
    return names + [f"{name}ین" for name in names]


@cache
def _words() -> dict[str, _Word]:
    """Every number word (and ordinal with ین) by its bare form."""
    words: dict[str, _Word] = {}
    for r in _rows():
        if r.kind not in _NUMERIC_KINDS:
            continue
        value = Fraction(r.value)
        ordinal = r.kind == "ordinal"
        scale = r.kind == "scale" or (ordinal and value >= 1000)
        parts = None
        if "denominator" in r.flags:
            parts = value if r.kind == "fraction" else 1 / value
        words[_bare(r.word)] = _Word(value, scale, ordinal, parts)
        if ordinal:
            words[_bare(r.word) + "ین"] = _Word(value, scale, True, None)
    return words


@cache
def _currencies() -> dict[str, str]:
    return {_bare(r.word): r.value for r in _rows() if r.kind == "currency"}


# -- patterns --------------------------------------------------------------------------------

_DG = "0-9۰-۹٠-٩"
_SP = f"[ {ZWNJ}]?"
_AND = f"{_SP}و{_SP}"
# A mention starts where a word starts; digits may follow a Persian letter (glued «در۱۰») but
# not a Latin one (H2O, F-35) nor the separator of a longer digit run (the 3 of 1.2.3).
_START = (
    rf"(?:(?<![\w{ZWNJ}])(?![{_DG}])"
    rf"|(?<![A-Za-z{_DG}_])(?<![A-Za-z]-)(?<![{_DG}][.٫/:])(?=[{_DG}]))"
)
# After digits: no Latin letter or digit (5G) and no further separated digits; after a word: no
# letter or ZWNJ (صد in صدا, یک in یکی, ده in ده‌ها).
_END = (
    rf"(?:(?<=[{_DG}])(?![A-Za-z{_DG}])(?![.٫/:][{_DG}])"
    rf"|(?<![{_DG}])(?![\w{ZWNJ}]))"
)
_END_WORD = rf"(?![\w{ZWNJ}])"
# 1,200 and ۱٬۲۰۰ (a comma before exactly three digits groups thousands), 1.200.000, 3.5, ۱۲٫۵.
# Runs are bounded: a longer one is no quantity (and would overflow a float).
_DIGITS_NUMBER = (
    rf"(?:[{_DG}]{{1,3}}(?:[,٬][{_DG}]{{3}}){{1,10}}(?:[.٫][{_DG}]{{1,30}})?"
    rf"|[{_DG}]{{1,3}}(?:\.[{_DG}]{{3}}){{2,10}}"
    rf"|[{_DG}]{{1,30}}(?:[.٫][{_DG}]{{1,30}})?)"
)
_DIGITS_ORDINAL = rf"[{_DG}]{{1,30}}(?:[{ZWNJ}-]?ا)?\u064f?م(?:ین)?"
_DATE = (
    rf"[{_DG}]{{1,4}}(?P<sep>[/.\-])[{_DG}]{{1,2}}(?P=sep)[{_DG}]{{1,4}}(?![{_DG}])"
    rf"|[{_DG}]+(?:[/:][{_DG}]+)+"
)
# Also no quantities: a year after سال or before its era (سال ۱۴۰۴، ۲۰۲۵ میلادی), a phone or
# code number (۰۲۱-۸۸۷۶۵۴۳۲، ۰۹۱۲۱۲۳۴۵۶۷), and a model number after a Latin word (iPhone 15).
_NOT_QUANTITY = (
    rf"(?:(?<=سال )|(?<=سال{ZWNJ}های )|(?<=سال های ))[{_DG}]{{4}}(?![{_DG}])"
    rf"|[{_DG}]{{4}}(?= (?:میلادی|شمسی|خورشیدی|قمری|هجری))"
    rf"|[{_DG}]{{2,5}}-[{_DG}]{{4,}}(?![{_DG}])"
    rf"|[0۰٠][{_DG}]{{2,}}(?![{_DG}.٫])"
    rf"|(?<=[A-Za-z] )[{_DG}]{{1,4}}(?![{_DG}.٫,٬])"
)


def _alternation(names: Iterable[str]) -> str:
    """Names longest first; a ZWNJ or space may be a space, a ZWNJ or nothing; ی ک also match
    their Arabic look-alikes."""
    special = {ZWNJ: _SP, " ": _SP, "ی": "[یيى]", "ک": "[کك]"}
    parts = [
        "".join(special.get(c, re.escape(c)) for c in name)
        for name in sorted(set(names), key=len, reverse=True)
    ]
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


@dataclass(frozen=True, slots=True)
class _Grammar:
    phrase: str  # a cardinal, decimal or fraction in words, digits or both
    ordinal: str  # an ordinal in words
    percent: str  # percent words
    signs: str  # percent signs
    currency: str
    skip: str  # phrases that look like numbers and are not


@cache
def _grammar() -> _Grammar:
    unit = _alternation(_names("unit", without="alone"))
    teen, ten, hundred = (_alternation(_names(k)) for k in ("teen", "ten", "hundred"))
    scale, scale_alone = _alternation(_names("scale")), _alternation(_names("scale", flag="alone"))
    fraction = _alternation(_names("fraction"))
    parts = _alternation(
        _names("fraction", flag="denominator") + _names("ordinal", flag="denominator")
    )
    below_100 = f"(?:{ten}(?:{_AND}{unit})?|{teen}|{unit})"
    below_1000 = f"(?:{hundred}(?:{_AND}{below_100})?|{below_100})"
    share = f"(?:(?:{ten}|{teen}|{unit}){_SP}{parts})"  # دو سوم، سه ربع، سه دهم
    core = (
        f"(?:{share}|{below_1000}(?:{_AND}(?:{share}|{fraction}))?|{fraction}"
        f"|{_DIGITS_NUMBER}(?:{_AND}{fraction})?)"
    )
    # At most three scales in a row (ده هزار میلیارد) and eight groups: enough for any number
    # news writes, and a bound on the value.
    scaled = f"(?:(?:{core}{_SP}{scale}|{scale_alone})(?:{_SP}{scale}){{0,2}}(?:{_AND}{fraction})?)"
    zero = _alternation(_names("unit", flag="alone"))
    phrase = f"(?:{scaled}(?:{_AND}{scaled}){{0,7}}(?:{_AND}{core})?|{core}|{zero})"

    o_unit, o_teen, o_ten = _ordinals(1, 10), _ordinals(10, 20), _ordinals(20, 100)
    o_below_100 = (
        f"(?:{ten}{_AND}{_alternation(o_unit)}|{_alternation(o_ten)}"
        f"|{_alternation(o_teen)}|{_alternation(o_unit)})"
    )
    o_below_1000 = (
        f"(?:{hundred}{_AND}{o_below_100}|{_alternation(_ordinals(100, 1000))}|{o_below_100})"
    )
    o_scale = f"(?:(?:{core}{_SP})?(?:{scale}{_SP}){{0,2}}{_alternation(_ordinals(1000, 10**13))})"
    ordinal = (
        f"(?:(?:{scaled}{_AND}){{0,7}}(?:{o_below_1000}|{o_scale})"
        f"|{_alternation(_ordinals(0, 10**13, flag='alone'))})"
    )
    return _Grammar(
        phrase=phrase,
        ordinal=ordinal,
        percent=_alternation(_names("percent", without="sign")),
        signs=_alternation(_names("percent", flag="sign")),
        currency=_alternation(_names("currency")),
        skip=_alternation(_names("not")),
    )


@cache
def _mention_re() -> re.Pattern[str]:
    g = _grammar()
    return re.compile(
        rf"{_START}(?:"
        # ۳۲/۵ درصد: before a percent, a slash is the decimal separator many Iranian writers use.
        rf"(?P<slash>[{_DG}]{{1,3}}/[{_DG}]{{1,3}})"
        rf"(?:{_SP}{g.percent}ی?{_END_WORD}|{_SP}{g.signs})"
        rf"|(?P<skip>{_DATE}|{_NOT_QUANTITY}|{g.skip})"
        rf"|{g.signs}{_SP}(?P<pre>{_DIGITS_NUMBER}){_END}"
        rf"|(?P<dord>{_DIGITS_ORDINAL}){_END_WORD}"
        rf"|(?P<ord>{g.ordinal}){_END_WORD}"
        rf"|(?P<num>{g.phrase})(?:{_SP}(?P<pct>{g.percent})ی?{_END_WORD}|{_SP}(?P<sign>{g.signs})"
        rf"|{_SP}(?P<cur>{g.currency})(?:یی|ی)?{_END_WORD}|{_END})"
        ")"
    )


@cache
def _whole_re() -> re.Pattern[str]:
    g = _grammar()
    return re.compile(rf"\s*(?:{_DIGITS_ORDINAL}|{g.ordinal}|{g.phrase})\s*")


@cache
def _token_re() -> re.Pattern[str]:
    """Digits, number words and و inside a matched phrase. A word must be followed by a break or
    another number word, so that a glued «دهمیلیون» is ده + میلیون, not دهم + …"""
    words = _alternation(
        [r.word for r in _rows() if r.kind in _NUMERIC_KINDS]
        + _ordinals(0, 10**13)
        + _ordinals(0, 10**13, flag="alone")
    )
    return re.compile(rf"(?P<d>{_DIGITS_NUMBER})|(?P<w>{words}(?={words}|و|[^\w]|$))|(?P<and>و)")


@cache
def _counter_re() -> re.Pattern[str]:
    return re.compile(rf"{_SP}{_alternation(_names('counter'))}{_END_WORD}")


@cache
def _ambiguous() -> frozenset[str]:
    return frozenset(_bare(w) for w in _names("unit", flag="ambiguous"))


# -- values ----------------------------------------------------------------------------------


def _digits_value(digits: str) -> Fraction:
    latin = digits.translate(_DIGITS)
    if latin.count(".") > 1:  # 1.200.000: dots group thousands
        latin = latin.replace(".", "")
    return Fraction(latin.replace(",", ""))


def _value(phrase: str) -> Fraction:
    """The value of a matched number phrase.

    Scales multiply everything smaller before them that is not yet multiplied by a larger one,
    so «دو میلیون و پانصد هزار» is 2·10⁶ + 500·10³ and «ده هزار میلیارد» is 10·10³·10⁹.
    """
    words = _words()
    groups: list[tuple[Fraction, Fraction]] = []  # (value, the scale that made it)
    current = Fraction(0)
    previous: Fraction | None = None  # a small number right before, with no و between
    after_scale = False  # the last word was a scale (so «و نیم» halves the scale)
    joined = False
    for m in _token_re().finditer(phrase):
        if m.lastgroup == "and":
            joined = True
            continue
        if m.lastgroup == "d":
            word = _Word(_digits_value(m.group()), False, False, None)
        else:
            word = words[_bare(m.group())]
        if word.scale:
            x = current
            while groups and groups[-1][1] < word.value:
                x += groups.pop()[0]
            groups.append(((x or Fraction(1)) * word.value, word.value))
            current, previous = Fraction(0), None
        elif word.parts is not None and previous is not None and not joined:
            current += previous * word.parts - previous  # دو سوم: 2 parts of a third
            previous = None
        elif after_scale and joined and word.value < 1 and groups:
            groups.append((word.value * groups[-1][1], groups[-1][1]))  # میلیون و نیم
            previous = None
        else:
            current += word.value
            previous = word.value
        after_scale, joined = word.scale, False
    return sum((v for v, _ in groups), current)


def _number(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


def parse_number_words(text: str) -> int | float | None:
    """The value of a number written in words, digits or both, or None if it is no number.

    >>> parse_number_words("هزار و چهارصد و دو")
    1402
    >>> parse_number_words("بیست و هشتم")  # an ordinal gives its value
    28
    >>> parse_number_words("یکی") is None
    True
    """
    if not _whole_re().fullmatch(text):
        return None
    return _number(_value(text))


def extract_numbers(text: str) -> list[NumberMention]:
    """Every number in ``text``, in order, without overlaps, each as long as it goes.

    >>> [(m.text, m.kind, m.value, m.unit) for m in extract_numbers("۵۰۰ هزار تومان و ۳٪")]
    [('۵۰۰ هزار تومان', 'money', 500000, 'IRT'), ('۳٪', 'percent', 3, '%')]
    """
    mentions = []
    for m in _mention_re().finditer(text):
        if m.group("skip") is not None:
            continue
        unit: str | None = None
        if m.group("slash") is not None:
            kind, value, unit = "percent", _digits_value(m.group("slash").replace("/", ".")), "%"
        elif m.group("pre") is not None:
            kind, value, unit = "percent", _digits_value(m.group("pre")), "%"
        elif m.group("dord") is not None:
            kind, value = "ordinal", Fraction(int(re.sub(r"\D", "", m.group("dord"))))
        elif m.group("ord") is not None:
            kind, value = "ordinal", _value(m.group("ord"))
        else:
            phrase = m.group("num")
            value = _value(phrase)
            if m.group("pct") is not None or m.group("sign") is not None:
                kind, unit = "percent", "%"
            elif m.group("cur") is not None:
                kind, unit = "money", _currencies()[_bare(m.group("cur"))]
            else:
                kind = "cardinal" if value.denominator == 1 else "decimal"
                if _bare(phrase) in _ambiguous() and not _counter_re().match(text, m.end()):
                    continue
                if (
                    phrase == "یک"
                    and _sentence_start(text, m.start())
                    and not _counter_re().match(text, m.end())
                ):
                    continue  # یک مقام آگاه گفت: the indefinite article, not one
        mentions.append(NumberMention(m.group(), m.start(), m.end(), kind, _number(value), unit))
    return mentions


def _sentence_start(text: str, pos: int) -> bool:
    """Whether only spaces stand between ``pos`` and the start of its sentence."""
    before = text[:pos].rstrip(" ")
    return not before or before[-1] in ".؟?!\n:«"


def find_numbers(raw: str) -> list[NumberMention]:
    """:func:`extract_numbers` on raw text: it is normalized first (Arabic letters, stray marks,
    spacing), and every span points back into ``raw``."""
    from khabar.text.normalize import normalize  # the text core; imported late to stay light

    norm = normalize(raw, zwnj=False)
    found = []
    for m in extract_numbers(norm.text):
        start, end = norm.to_raw(m.start, m.end)
        found.append(NumberMention(raw[start:end], start, end, m.kind, m.value, m.unit))
    return found
