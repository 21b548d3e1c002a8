"""Exact alignment between a raw text and the text a normalization pass made from it.

An :class:`OffsetMap` is a sorted list of *edits*: each replaces ``raw[src_start:src_end]`` with
``norm[dst_start:dst_end]``; everything between two edits is copied unchanged. Edits never
overlap, but they may touch: keeping a replaced letter and the punctuation glued to it as two
edits lets a word map to its own letters only. Every lookup is a binary search, and the maps of
successive passes compose into one.

Spans map *outward*: a span that begins or ends inside an edit grows to cover the whole edit on
the other side, so a normalized word always maps to the complete raw text it was made from.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

Edit = tuple[int, int, int, int]  # src_start, src_end, dst_start, dst_end


class OffsetMap:
    """Maps spans between a source text (``raw``) and its rewritten form (``norm``)."""

    __slots__ = ("_de", "_ds", "_pending", "_se", "_ss", "dst_len", "src_len")

    def __init__(self, edits: Iterable[Edit], src_len: int, dst_len: int) -> None:
        self._ss: list[int] = []
        self._se: list[int] = []
        self._ds: list[int] = []
        self._de: list[int] = []
        # Replacements not yet turned into edits (see from_replacements).
        self._pending: list[tuple[int, int, str]] | None = None
        for ss, se, ds, de in edits:
            if ss == se and ds == de:
                continue
            self._ss.append(ss)
            self._se.append(se)
            self._ds.append(ds)
            self._de.append(de)
        self.src_len = src_len
        self.dst_len = dst_len

    @classmethod
    def from_replacements(
        cls, replacements: list[tuple[int, int, str]], src_len: int, dst_len: int
    ) -> OffsetMap:
        """The map of replacing ``src[start:end]`` by ``new`` for each ``(start, end, new)``
        (in order, not overlapping, none empty on both sides).

        The edits are worked out on first use: most callers want only the rewritten text.
        """
        mapping = cls((), src_len, dst_len)
        mapping._pending = replacements
        return mapping

    def _settle(self) -> None:
        """Turn pending replacements into edits."""
        replacements, self._pending = self._pending, None
        if not replacements:
            return
        shift = 0  # how much longer the target is than the source so far
        for start, end, new in replacements:
            self._ss.append(start)
            self._se.append(end)
            self._ds.append(start + shift)
            shift += len(new) - (end - start)
            self._de.append(end + shift)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls((), length, length)

    @property
    def edits(self) -> list[Edit]:
        """The edits as ``(src_start, src_end, dst_start, dst_end)`` tuples, in order."""
        if self._pending is not None:
            self._settle()
        return list(zip(self._ss, self._se, self._ds, self._de, strict=True))

    def __bool__(self) -> bool:
        """True when the map changes anything."""
        return bool(self._ss or self._pending)

    def __repr__(self) -> str:
        if self._pending is not None:
            self._settle()
        return f"OffsetMap({len(self._ss)} edits, {self.src_len} -> {self.dst_len} chars)"

    # -- lookups -------------------------------------------------------------------------------

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span that the normalized span ``[start, end)`` came from."""
        if self._pending is not None:
            self._settle()
        return _map(start, end, self.dst_len, self._ds, self._de, self._ss, self._se)

    def to_norm(self, start: int, end: int) -> tuple[int, int]:
        """The normalized span that the raw span ``[start, end)`` became."""
        if self._pending is not None:
            self._settle()
        return _map(start, end, self.src_len, self._ss, self._se, self._ds, self._de)

    # -- composition ---------------------------------------------------------------------------

    def then(self, second: OffsetMap) -> OffsetMap:
        """The map of applying this pass and then ``second`` (whose source is our target)."""
        if not second:
            return self
        if not self:
            return second
        first_edits = self.edits
        second_edits = second.edits
        # Every edit of either pass, as an interval of the middle text; touching or overlapping
        # intervals fuse into one cluster, which becomes one edit of the composed map.
        marks = sorted(
            [(ds, de, 0, i) for i, (_, _, ds, de) in enumerate(first_edits)]
            + [(ss, se, 1, i) for i, (ss, se, _, _) in enumerate(second_edits)]
        )
        out: list[Edit] = []
        i = 0
        while i < len(marks):
            lo, hi = marks[i][0], marks[i][1]
            firsts = [marks[i][3]] if marks[i][2] == 0 else []
            seconds = [marks[i][3]] if marks[i][2] == 1 else []
            i += 1
            # Overlapping edits fuse, and so do two empty ones at one point (a deletion by the
            # first pass where the second inserts). Merely touching edits stay apart, so that a
            # word keeps its own span beside a deleted space.
            while i < len(marks) and (
                marks[i][0] < hi or (marks[i][0] == hi == lo and marks[i][1] == hi)
            ):
                hi = max(hi, marks[i][1])
                (firsts if marks[i][2] == 0 else seconds).append(marks[i][3])
                i += 1
            raw = _cluster_side(lo, hi, firsts, first_edits, (2, 3, 0, 1), self)
            norm = _cluster_side(lo, hi, seconds, second_edits, (0, 1, 2, 3), second)
            out.append((raw[0], raw[1], norm[0], norm[1]))
        return OffsetMap(out, self.src_len, second.dst_len)


def _map(
    start: int,
    end: int,
    length: int,
    a_start: list[int],
    a_end: list[int],
    b_start: list[int],
    b_end: list[int],
) -> tuple[int, int]:
    """Map the span ``[start, end)`` of side a (``length`` long) to side b, outward.

    One function for both ends (every reported span goes through it, so no helper calls): a
    start inside an edit moves to the edit's start, an end inside one to its end.
    """
    if not 0 <= start <= end <= length:
        raise IndexError(f"span ({start}, {end}) is outside a text of {length} characters")
    k = bisect_right(a_start, start) - 1
    if k < 0:
        s = start
    elif start < a_end[k]:
        s = b_start[k]
    else:
        s = start - a_end[k] + b_end[k]
    if end <= start:
        return s, s
    k = bisect_left(a_start, end) - 1
    if k < 0:
        e = end
    elif end <= a_end[k]:
        e = b_end[k]
    else:
        e = end - a_end[k] + b_end[k]
    return s, max(s, e)


def _cluster_side(
    lo: int,
    hi: int,
    members: list[int],
    edits: list[Edit],
    order: tuple[int, int, int, int],
    owner: OffsetMap,
) -> tuple[int, int]:
    """Where the middle-text interval ``[lo, hi)`` lies on the far side of one pass.

    ``order`` picks, from an edit tuple, (near start, near end, far start, far end), where
    "near" is the middle text.
    """
    ns, ne, fs, fe = order
    if members:
        first, last = edits[members[0]], edits[members[-1]]
        start = first[fs] if first[ns] == lo else _copy_shift(lo, owner, order)
        end = last[fe] if last[ne] == hi else _copy_shift(hi, owner, order)
        return start, end
    return _copy_shift(lo, owner, order), _copy_shift(hi, owner, order)


def _copy_shift(pos: int, owner: OffsetMap, order: tuple[int, int, int, int]) -> int:
    """Position ``pos`` of the middle text, lying in a copied stretch, on the far side."""
    if order[0] == 2:  # middle text is the target of ``owner``
        near_start, near_end, far_end = owner._ds, owner._de, owner._se
    else:
        near_start, near_end, far_end = owner._ss, owner._se, owner._de
    k = bisect_right(near_start, pos) - 1
    # Skip an edit that starts exactly at pos but is empty there (it belongs to the cluster).
    while k >= 0 and near_end[k] > pos:
        k -= 1
    if k < 0:
        return pos
    return pos - near_end[k] + far_end[k]


class Rewriter:
    """Collects edits against one text and applies them, returning the new text and its map.

    Edits must be added in order and must not overlap; an edit that changes nothing is dropped.
    """

    __slots__ = ("_edits", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._edits: list[tuple[int, int, str]] = []

    def replace(self, start: int, end: int, new: str) -> None:
        if self._text[start:end] != new:
            self._edits.append((start, end, new))

    def add(self, start: int, end: int, new: str) -> None:
        """An edit the caller knows to change the text (no comparison)."""
        self._edits.append((start, end, new))

    @property
    def replacements(self) -> list[tuple[int, int, str]]:
        """The edits collected so far, as ``(start, end, new)``."""
        return self._edits

    def apply(self) -> tuple[str, OffsetMap]:
        return apply_replacements(self._text, self._edits)


def apply_replacements(
    text: str, replacements: list[tuple[int, int, str]]
) -> tuple[str, OffsetMap]:
    """Replace ``text[start:end]`` by ``new`` for each ``(start, end, new)`` (in order, not
    overlapping, each a change); the new text and its map."""
    if not replacements:
        return text, OffsetMap.identity(len(text))
    parts: list[str] = []
    pos = 0
    for start, end, new in replacements:
        parts.append(text[pos:start])
        parts.append(new)
        pos = end
    parts.append(text[pos:])
    out = "".join(parts)
    return out, OffsetMap.from_replacements(replacements, len(text), len(out))
