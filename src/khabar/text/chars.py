"""Character-level folding: letters, presentation forms, marks, invisibles and digits.

The first normalization pass. It rewrites single characters (and runs of them) outside the
spans that must stay byte for byte — URLs, e-mail addresses, hashtags, mentions, Latin words —
and converts digits of numbers that stand in Persian text to the chosen script. The table of
what folds to what is ``data/characters.tsv``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from khabar.errors import DataError
from khabar.text.charclass import CharClassLike, char_class, expand_ranges
from khabar.text.offsets import OffsetMap, Rewriter
from khabar.text.options import NormalizeOptions
from khabar.text.patterns import (
    ARABIC_DIGITS,
    FOREIGN_LETTER,
    LATIN_DIGITS,
    NON_JOINING,
    NUMBER_RE,
    NUMBER_SEPARATORS,
    PERSIAN_DIGITS,
    PROTECTED_RE,
    ZWNJ,
)

FATHATAN = "\u064b"
TEH_MARBUTA = "ة"
HAMZA_ABOVE = "\u0654"
KASHIDA = "\u0640"
ALEF = "ا"
# Invisible characters that some keyboards and converters used in place of a ZWNJ.
ZWNJ_STAND_INS = "\u200b\u00ad"
# Base letters that absorb a following hamza-above into one precomposed letter.
HAMZA_CARRIERS = {"ی": "ئ", "ي": "ئ", "و": "ؤ", "ا": "أ"}
# Characters that may stand between a letter and its half-space (خانهٔ‌ای, stretched letters).
_SKIPPABLE = frozenset((FATHATAN, HAMZA_ABOVE, KASHIDA))


def _is_arabic_letter(ch: str) -> bool:
    in_block = "\u0620" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufefc"
    return in_block and unicodedata.category(ch) == "Lo"


@dataclass(frozen=True, slots=True)
class CharTable:
    """The folding table: what every foldable character becomes, by class."""

    fold: dict[str, str]  # letter, kashida and space -> replacement
    forms: dict[str, str]  # presentation form -> its letters and marks, folded afterwards
    marks: frozenset[str]  # diacritics, removed unless kept
    invisible: frozenset[str]  # format characters, removed before anything else
    letters: frozenset[str]  # every Arabic-script letter, for context decisions


@cache
def char_table() -> CharTable:
    """Load ``characters.tsv`` once and complete it with the presentation forms."""
    fold: dict[str, str] = {}
    marks: set[str] = set()
    invisible: set[str] = set()
    text = resources.files("khabar.data").joinpath("characters.tsv").read_text("utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3:
            raise DataError(f"characters.tsv line {number}: expected 3 tab-separated columns")
        try:
            source = "".join(chr(int(cp[2:], 16)) for cp in fields[0].split())
            target = "".join(chr(int(cp[2:], 16)) for cp in fields[1].split())
        except ValueError as exc:
            raise DataError(f"characters.tsv line {number}: bad code point ({exc})") from exc
        kind = fields[2]
        if kind == "mark":
            marks.add(source)
        elif kind == "invisible":
            invisible.add(source)
        elif kind in {"letter", "space", "kashida"}:
            fold[source] = target
        else:
            raise DataError(f"characters.tsv line {number}: unknown class {kind!r}")
    forms: dict[str, str] = {}
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        ch = chr(cp)
        if ch in fold or ch in invisible or unicodedata.category(ch) == "Cn":
            continue
        decomposed = unicodedata.normalize("NFKC", ch)
        if decomposed != ch:
            # Isolated forms of marks decompose to a space plus the mark: keep just the mark.
            forms[ch] = decomposed.lstrip(" ") or decomposed
    letters = frozenset(
        chr(cp)
        for cp in [*range(0x0620, 0x0700), *range(0xFB50, 0xFEFD)]
        if _is_arabic_letter(chr(cp))
    )
    return CharTable(fold, forms, frozenset(marks), frozenset(invisible), letters)


_DIGIT_TABLES = {
    "persian": str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2),
    "latin": str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS + "٫٬", LATIN_DIGITS * 2 + ".,"),
}


# Digits that a digit script must convert (none for "keep").
_FOREIGN_DIGITS = {"persian": LATIN_DIGITS + ARABIC_DIGITS, "latin": PERSIAN_DIGITS + ARABIC_DIGITS}


@cache
def _foldable() -> str:
    """Characters folded within a run of letters (exotic spaces are not: each is its own edit,
    so that a word never shares an edit with the space beside it)."""
    table = char_table()
    chars = set(table.fold) | set(table.forms) | table.marks | {FATHATAN, HAMZA_ABOVE, TEH_MARBUTA}
    return "".join(sorted(chars - _exotic_spaces()))


@cache
def _exotic_spaces() -> frozenset[str]:
    return frozenset(c for c, target in char_table().fold.items() if target == " ")


@cache
def _hit_class(digits: str) -> CharClassLike:
    """Where folding may have work: a foldable character, a digit of another script, or the
    first character of a span that must stay intact."""
    convert = _FOREIGN_DIGITS.get(digits, "")
    spaces = "".join(sorted(_exotic_spaces()))
    return char_class(_foldable() + spaces + convert + expand_ranges(FOREIGN_LETTER) + "@#")


@cache
def _run_regex() -> re.Pattern[str]:
    """A run of foldable characters, with a hamza carrier before it and an alef after it (so
    that ``یٔ`` can merge and ``اخیرًا`` can be reordered within the run)."""
    carriers = "".join(HAMZA_CARRIERS)
    return re.compile(f"[{carriers}]?(?:[{re.escape(_foldable())}]+{ALEF}?)+")


@cache
def _invisible_chars(keep_diacritics: bool) -> str:
    table = char_table()
    chars = "".join(sorted(table.invisible)) + ZWNJ
    if not keep_diacritics:
        chars += "".join(sorted(table.marks))
    return chars


@cache
def _invisible_regex(keep_diacritics: bool) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(_invisible_chars(keep_diacritics))}]+")


@cache
def _invisible_class(keep_diacritics: bool) -> CharClassLike:
    return char_class(_invisible_chars(keep_diacritics))


def strip_invisibles(text: str, options: NormalizeOptions) -> tuple[str, OffsetMap]:
    """Remove bidi marks, BOMs, joiners and other format characters, misplaced ZWNJs, and
    short-vowel marks unless they are kept.

    Runs first, so that a character dropped inside a number, a word or a hashtag cannot change
    what the later passes see on a second run. A ZWNJ survives (once) only between a joining
    letter and another letter; a zero-width space or soft hyphen there was a keyboard's
    stand-in for one, and becomes one.
    """
    first = _invisible_class(options.keep_diacritics).find(text)
    if first < 0:  # the common case, found at C speed
        return text, OffsetMap.identity(len(text))
    table = char_table()
    rw = Rewriter(text)
    for m in _invisible_regex(options.keep_diacritics).finditer(text, first):
        start, end = m.start(), m.end()
        wanted = any(c == ZWNJ or c in ZWNJ_STAND_INS for c in m.group())
        rw.replace(start, end, ZWNJ if wanted and _zwnj_fits(text, start, end, table) else "")
    return rw.apply()


def _zwnj_fits(text: str, start: int, end: int, table: CharTable) -> bool:
    """Whether a half-space at ``text[start:end]`` separates a joining letter from a letter."""
    k = start - 1
    while k >= 0 and (text[k] in table.marks or text[k] in _SKIPPABLE):
        k -= 1
    j = end
    while j < len(text) and text[j] == KASHIDA:
        j += 1
    if k < 0 or j >= len(text):
        return False
    prev = _base_letter(text[k])[-1:]
    nxt = _base_letter(text[j])[:1]
    return prev in table.letters and prev not in NON_JOINING and nxt in table.letters


@cache
def _one_to_one() -> tuple[re.Pattern[str], dict[int, str], CharClassLike]:
    """The folds of one character into one other, which need no context (ي → ی, ك → ک): a
    regex for runs of them, the translation table, and the set of them."""
    table = char_table()
    folds = {c: t for c, t in table.fold.items() if len(t) == 1 and c != KASHIDA}
    chars = "".join(folds)
    return re.compile(f"[{re.escape(chars)}]+"), str.maketrans(folds), char_class(chars)


def fold_characters(text: str, options: NormalizeOptions) -> tuple[str, OffsetMap]:
    """Fold look-alike letters, marks and digits; leave protected spans intact."""
    table = char_table()
    if not any(c in text for c in "#@/"):
        # No hashtag, mention or URL path that must keep its letters: fold the one-to-one
        # letters at C speed first. Lengths do not change, so the offsets stay exact.
        # (str.translate over the whole text is slower than visiting the runs: it looks up
        # every character in a dict.)
        # Arabic ي and ك, by far the most frequent, go through str.replace, which is faster
        # still than a regex callback per run.
        text = text.replace("ي", "ی").replace("ك", "ک")
        runs, folds, rare = _one_to_one()
        if rare.find(text) >= 0:
            text = runs.sub(lambda m: m.group().translate(folds), text)
    rw = Rewriter(text)
    hits = _hit_class(options.digits)
    digits = _DIGIT_TABLES.get(options.digits)
    runs = _run_regex()
    pos = 0
    spaces = _exotic_spaces()
    while (hit := hits.find(text, pos)) >= 0:
        start = hit
        if text[start] in spaces:
            rw.replace(start, start + 1, " ")
            pos = start + 1
            continue
        protected = PROTECTED_RE.match(text, start)
        if protected is not None:
            pos = protected.end()
            continue
        number = NUMBER_RE.match(text, _number_start(text, start)) if digits else None
        if digits is not None and number is not None and number.end() > start:
            if not _beside_latin(text, number.start(), number.end()):
                rw.replace(number.start(), number.end(), number.group().translate(digits))
            pos = number.end()
            continue
        if start > pos and text[start - 1] in HAMZA_CARRIERS:
            start -= 1  # the run takes its hamza carrier along
        run = runs.match(text, start)
        if run is None:  # a foreign letter that starts no protected span, or a lone digit
            pos = hit + 1
            continue
        _fold_run(text, run.start(), run.end(), table, options, rw)
        pos = run.end()
    return rw.apply()


def _number_start(text: str, pos: int) -> int:
    """Where the number holding the digit at ``pos`` begins."""
    while pos > 0 and (
        text[pos - 1].isdigit()
        or (text[pos - 1] in NUMBER_SEPARATORS and pos > 1 and text[pos - 2].isdigit())
    ):
        pos -= 1
    return pos


def _beside_latin(text: str, start: int, end: int) -> bool:
    """True when a number belongs to Latin text (``iPhone 15``, ``15 GB``): keep its digits."""
    # Walk over the spaces instead of slicing: a slice of the whole text each time would make
    # a long text with many numbers quadratic.
    k = start - 1
    while k >= 0 and text[k] == " ":
        k -= 1
    left = text[k] if k >= 0 else ""
    k = end
    while k < len(text) and text[k] == " ":
        k += 1
    right = text[k] if k < len(text) else ""
    return _is_foreign_letter(left) or _is_foreign_letter(right)


def _is_foreign_letter(ch: str) -> bool:
    return bool(ch) and ch.isalpha() and not ("\u0600" <= ch <= "\u06ff" or ch >= "\ufb50")


def _fold_run(
    text: str, start: int, end: int, table: CharTable, options: NormalizeOptions, rw: Rewriter
) -> None:
    """Rewrite one run of foldable characters, deciding the context-dependent ones.

    The run may begin with a hamza carrier letter and end with an alef (see ``_run_regex``),
    so that ``یٔ`` can merge into ``ئ`` and ``اخیرًا`` can become ``اخیراً`` within the run.
    """
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    out: list[str] = []
    run = "".join(table.forms.get(c, c) for c in text[start:end])
    k = 0
    while k < len(run):
        ch = run[k]
        k += 1
        prev = out[-1] if out else before
        nxt = run[k] if k < len(run) else after
        if ch == KASHIDA:
            # Inside or at the edge of a word it only stretches letters; free-standing (between
            # spaces) it serves as a dash, which we keep.
            if not (prev in table.letters or _touches_letter(run, k, after, table)):
                out.append(ch)
        elif ch == FATHATAN and out and out[-1] == FATHATAN:
            pass  # a doubled tanvin is written once
        elif ch == FATHATAN:
            if prev == ALEF:  # on its alef already (اخیراً)
                out.append(ch)
            elif nxt == ALEF and k < len(run):  # written before the alef (اخیرًا): move it after
                out.append(ALEF)
                k += 1
                out.append(ch)
            elif options.keep_diacritics:
                out.append(ch)
        elif ch == TEH_MARBUTA:
            # At a word's end it is the Persian ه (مدرسة → مدرسه); inside an Arabic construct
            # (دائرةالمعارف) it stays.
            out.append(ch if nxt in table.letters else "ه")
        elif ch == HAMZA_ABOVE:
            if out and out[-1] in HAMZA_CARRIERS:
                out[-1] = HAMZA_CARRIERS[out[-1]]
            else:
                out.append(ch)
        elif ch in table.marks:
            if options.keep_diacritics:
                out.append(ch)
        else:
            out.append(table.fold.get(ch, ch))
    rw.replace(start, end, "".join(out))


def _touches_letter(run: str, k: int, after: str, table: CharTable) -> bool:
    """Whether the first visible base character from ``run[k]`` on is a letter."""
    for ch in run[k:]:
        if ch == KASHIDA or ch in table.marks or ch in (FATHATAN, HAMZA_ABOVE):
            continue
        return _base_letter(ch)[:1] in table.letters
    return after in table.letters


@cache
def _base_letter(ch: str) -> str:
    """What a character folds to, looking through presentation forms (asked for the letters
    around every half-space: cached)."""
    table = char_table()
    form = table.forms.get(ch, ch).strip("".join(table.marks) + FATHATAN + HAMZA_ABOVE)
    return "".join(table.fold.get(c, c) for c in form)
