"""Whitespace and punctuation repair: the last character-level normalization pass.

It visits only the places that can need work — runs of punctuation with the spaces around
them, whitespace that is not a single space, and line breaks — and leaves URLs, e-mail
addresses, Latin words and numbers (whose dots, commas and colons are not punctuation) alone.
"""

from __future__ import annotations

import re
from functools import cache

from khabar.text.chars import char_table
from khabar.text.offsets import OffsetMap, Rewriter
from khabar.text.options import NormalizeOptions
from khabar.text.patterns import NUMBER, PERSIAN_DIGITS, PROTECTED_RE

# Punctuation that takes no space before it and one after it.
CLOSERS = "،؛؟!.:»),;?…]"
# Punctuation that takes a space before it and none after it.
OPENERS = "«(["
PUNCT = CLOSERS + OPENERS
# Latin marks written in Persian text, and the Persian ones that replace them there.
PERSIAN_PUNCT = str.maketrans(",;?", "،؛؟")

_LINE_BREAKS = "\r\n\u2028\u2029\v\f\x1c\x1d\x1e\x85"
_H = rf"[^\S{_LINE_BREAKS}]"  # horizontal whitespace
_P = f"[{re.escape(PUNCT)}]"
_MARK_IN_SITE = re.compile(f"{_H}*({_P})")


@cache
def _site_regex() -> re.Pattern[str]:
    return re.compile(
        f"(?P<prot>{PROTECTED_RE.pattern})|(?P<num>{NUMBER})"
        rf"|(?P<edge>\A\s+|\s+\Z)"
        rf"|(?P<punct>{_H}*{_P}(?:{_H}*{_P})*{_H}*)"
        rf"|(?P<lines>{_H}*[{_LINE_BREAKS}]\s*)"
        rf"|(?P<spaces>{_H}{{2,}}|[^\S {_LINE_BREAKS}])"
    )


def fix_spacing(text: str, options: NormalizeOptions) -> tuple[str, OffsetMap]:
    """Collapse whitespace and space punctuation the Persian way."""
    rw = Rewriter(text)
    letters = char_table().letters
    for m in _site_regex().finditer(text):
        kind = m.lastgroup
        start, end = m.start(), m.end()
        if kind == "edge":
            rw.replace(start, end, "\n" if start > 0 and _breaks(m.group()) else "")
        elif kind == "lines":
            rw.replace(start, end, "\n\n" if _breaks(m.group()) > 1 else "\n")
        elif kind == "spaces":
            rw.replace(start, end, " ")
        elif kind == "punct" and options.punctuation:
            _respace_punct(text, start, end, letters, rw)
    return rw.apply()


def _breaks(ws: str) -> int:
    """How many line breaks a whitespace run holds (``\\r\\n`` counts once)."""
    ws = ws.replace("\r\n", "\n")
    return sum(ws.count(c) for c in _LINE_BREAKS)


def _is_persian(ch: str, letters: frozenset[str]) -> bool:
    return ch in letters or ch in PERSIAN_DIGITS


def _respace_punct(text: str, start: int, end: int, letters: frozenset[str], rw: Rewriter) -> None:
    """Respace a run of punctuation and the spaces around it, one gap and one mark at a time.

    Gaps and marks are separate edits, so that each mark keeps its own place in the offsets.
    """
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    persian = bool(before) and _is_persian(before, letters)
    # The marks of the run with the whitespace gap in front of each, then the trailing gap.
    pieces = [(m.start(), m.start(1), m.group(1)) for m in _MARK_IN_SITE.finditer(text, start, end)]
    previous = ""
    for gap_start, pos, mark in pieces:
        if not previous:  # before the run: a space only before an opener that follows a word
            want = " " if mark in OPENERS and before and not before.isspace() else ""
        else:  # inside the run: a space only between a closer and an opener (": «")
            want = " " if previous in CLOSERS and mark in OPENERS else ""
        rw.replace(gap_start, pos, want)
        if persian:
            rw.replace(pos, pos + 1, mark.translate(PERSIAN_PUNCT))
        previous = mark
    # After the run: one space before a word, none after an opener or at a line's end.
    tail = pieces[-1][1] + 1
    want = ""
    if previous not in OPENERS and after and after not in _LINE_BREAKS:
        had_space = tail < end
        if had_space or (
            _is_persian(after, letters) and _may_space_after(text, tail, previous, letters)
        ):
            want = " "
    rw.replace(tail, end, want)


def _may_space_after(text: str, end: int, last: str, letters: frozenset[str]) -> bool:
    """Whether to insert a missing space after a closer glued to the next word.

    A period between single letters is an abbreviation (``ق.م``, ``ه.ش``, ``ع.``): no space.
    """
    if last != ".":
        return True
    before_two = text[max(0, end - 3) : end - 1]
    after_two = text[end : end + 2]
    return (
        len(before_two) == 2
        and all(c in letters for c in before_two)
        and len(after_two) == 2
        and all(c in letters for c in after_two)
    )
