"""Whitespace and punctuation repair: the last character-level normalization pass.

It visits only the places that can need work — runs of punctuation with the spaces around
them, whitespace that is not a single space, and line breaks — and leaves URLs, e-mail
addresses, Latin words and numbers (whose dots, commas and colons are not punctuation) alone.
"""

from __future__ import annotations

import re

from khabar.text.charclass import char_class, expand_ranges
from khabar.text.chars import char_table
from khabar.text.offsets import OffsetMap, Rewriter
from khabar.text.options import NormalizeOptions
from khabar.text.patterns import NUMBER_RE, PERSIAN_DIGITS, PROTECTED_RE

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
_SITE_CHARS = frozenset(PUNCT) | frozenset(" \t\u00a0")
_C = f"[{re.escape(CLOSERS)}]"
_O = f"[{re.escape(OPENERS)}]"

# Where something may be wrong, found by compiled character scans (khabar.text.charclass):
# a space before a space, tab, line break or closer; a closer glued to a word or an opener;
# and every opener, Latin mark, tab, line break or exotic space, whose context _needs_work
# then checks.
_EXOTIC = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_CHECKED = char_class(expand_ranges(_EXOTIC) + OPENERS + ",;?\t")
_SPACE = char_class(" ")
_AFTER_SPACE = char_class(" \t\n\r" + CLOSERS)
_CLOSER = char_class(CLOSERS)


def _hits(text: str, pos: int) -> list[int]:
    found = _CHECKED.positions(text, pos)
    found += _SPACE.followed_by(text, _AFTER_SPACE)
    found += _CLOSER.followed_by(text, _GLUED_AFTER_CLOSER)
    return sorted(set(found))


# A whole site, from its first character: line breaks with the spaces around them, a run of
# punctuation with its spaces, or a run of spaces.
_SITE = re.compile(
    rf"(?P<lines>{_H}*[{_LINE_BREAKS}]\s*)"
    rf"|(?P<punct>{_H}*{_P}(?:{_H}*{_P})*{_H}*)"
    rf"|(?P<spaces>{_H}+)"
)
# Arabic-script characters and Persian digits: a closer glued to one needs a space, and a Latin
# mark after one becomes Persian.
_GLUE = frozenset(
    chr(c)
    for lo, hi in ((0x0620, 0x06FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFC))
    for c in range(lo, hi + 1)
) | frozenset(PERSIAN_DIGITS)
_GLUED_AFTER_CLOSER = char_class("".join(_GLUE) + OPENERS)


def fix_spacing(text: str, options: NormalizeOptions) -> tuple[str, OffsetMap]:
    """Collapse whitespace and space punctuation the Persian way.

    A regex finds the places that may be wrong; each is widened to its whole site (a run of
    spaces and line breaks, or of punctuation with the spaces around it) and rewritten, unless
    it lies inside a number, URL or Latin word, whose dots, commas and colons are no
    punctuation.
    """
    rw = Rewriter(text)
    letters = char_table().letters
    done = len(text) - len(text.lstrip())
    if done:
        rw.replace(0, done, "")
    pos = done
    hits = _hits(text, pos)
    k = 0
    while k < len(hits):
        hit = hits[k]
        if hit < pos or not _needs_work(text, hit, hit + 1):
            k += 1
            continue
        start = hit
        while start > done and text[start - 1] in _SITE_CHARS:
            start -= 1
        site = _SITE.match(text, start)
        if site is None:  # an exotic space that starts no site (a lone form feed in a word)
            k += 1
            continue
        end, kind = site.end(), site.lastgroup
        if kind == "lines":
            breaks = _breaks(site.group())
            tail = end == len(text)
            rw.replace(start, end, ("\n" if breaks else "") if tail else "\n" * min(breaks, 2))
        elif kind == "spaces":
            rw.replace(start, end, "" if end == len(text) else " ")
        elif options.punctuation and not _protected(text, start, end):
            _respace_punct(text, start, end, letters, rw)
        # A site found by widening may end before the hit (a period before a line break):
        # then the same hit is looked at again from there.
        done = pos = end
        if end > hit:
            k += 1
    return rw.apply()


def _needs_work(text: str, start: int, end: int) -> bool:
    """For the context-dependent hits: is anything really wrong here?"""
    ch = text[start]
    after = text[end] if end < len(text) else ""
    if ch in CLOSERS and after and (after in _GLUE or after in OPENERS):
        return True  # a closer glued to the next word (or an opener)
    if ch in CLOSERS and ch not in ",;?":
        return False
    if ch in OPENERS:  # glued to a Persian word or closer before it, or a space after it
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        glued = bool(before) and (before in CLOSERS or before in _GLUE)
        return glued or after in " \t"
    if ch in ",;?":  # a Latin mark after Persian text, or with a space before it
        before = text[start - 1] if start else ""
        return bool(before) and (before.isspace() or before in _GLUE)
    return True


def _protected(text: str, start: int, end: int) -> bool:
    """Whether a punctuation site lies inside a number, URL, e-mail or Latin word."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if not ((before.isascii() and before.isalnum()) or before.isdigit()):
        return False
    window_start = max(0, start - 256)
    window = text[window_start : end + 256]
    for pattern in (NUMBER_RE, PROTECTED_RE):
        for m in pattern.finditer(window):
            s, e = m.start() + window_start, m.end() + window_start
            if s < end and e > start and (after.isalnum() or e > start + 1):
                return True
    return False


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
        if not previous:  # before the run: a space only before an opener after Persian text
            want = " " if mark in OPENERS and before and (persian or before in CLOSERS) else ""
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
    # The two characters before the period, past any spaces this pass removes anyway.
    before_two = text[max(0, end - 12) : end - 1].rstrip()[-2:]
    after_two = text[end : end + 2]
    return (
        len(before_two) == 2
        and all(c in letters for c in before_two)
        and len(after_two) == 2
        and all(c in letters for c in after_two)
    )
