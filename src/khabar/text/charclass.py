"""Sets of characters, found in texts at C speed.

The normalization passes look for the few places where they have work: the first invisible
mark, the next foldable letter, every punctuation mark. ``char_class`` gives the compiled
``CharClass`` of ``_scan.c`` when it was built, else the same thing on a one-class regex (same
answers, a few times slower).
"""

from __future__ import annotations

import re
from typing import Any, Protocol, cast

from khabar.text import native


class CharClassLike(Protocol):
    def find(self, text: str, start: int = 0) -> int: ...
    def positions(self, text: str, start: int = 0) -> list[int]: ...
    def followed_by(self, text: str, after: Any) -> list[int]: ...


class RegexCharClass:
    """A set of characters looked for with a one-class regex."""

    __slots__ = ("_body", "_pairs", "_regex")

    def __init__(self, chars: str) -> None:
        if any(ord(c) > 0xFFFF for c in chars):
            raise ValueError("CharClass holds characters up to U+FFFF only")
        self._body = f"[{re.escape(''.join(sorted(set(chars))))}]" if chars else "(?!)"
        self._regex = re.compile(self._body)
        self._pairs: dict[str, re.Pattern[str]] = {}

    def find(self, text: str, start: int = 0) -> int:
        """The index of the first character of the class at or after ``start``, or -1."""
        m = self._regex.search(text, max(start, 0))
        return -1 if m is None else m.start()

    def positions(self, text: str, start: int = 0) -> list[int]:
        """The indexes of every character of the class at or after ``start``."""
        return [m.start() for m in self._regex.finditer(text, max(start, 0))]

    def followed_by(self, text: str, after: RegexCharClass) -> list[int]:
        """The indexes of every character of the class followed by a character of ``after``."""
        pair = self._pairs.get(after._body)
        if pair is None:
            pair = self._pairs[after._body] = re.compile(f"{self._body}(?={after._body})")
        return [m.start() for m in pair.finditer(text)]


_CompiledCharClass = native.scan.CharClass if native.scan is not None else None


def char_class(chars: str) -> CharClassLike:
    """The set of ``chars``, compiled when possible."""
    if _CompiledCharClass is not None:
        return cast(CharClassLike, _CompiledCharClass(chars))
    return RegexCharClass(chars)


def expand_ranges(spec: str) -> str:
    """The characters of a regex-style class body of plain characters and ``a-b`` ranges
    (``"A-Za-z\\u00c0-\\u00d6"``), one by one."""
    out: list[str] = []
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out.extend(map(chr, range(ord(spec[i]), ord(spec[i + 2]) + 1)))
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return "".join(out)
