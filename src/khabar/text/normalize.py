"""``normalize``: raw Persian text to the orthography khabar writes, with an exact offset map.

The passes run in order, each rewriting the previous one's output and reporting its edits; their
offset maps compose into one map from the normalized text back to the raw text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from khabar.text.chars import fold_characters, strip_invisibles
from khabar.text.offsets import OffsetMap
from khabar.text.options import NormalizeOptions
from khabar.text.spacing import fix_spacing
from khabar.text.zwnj import restore_zwnj

Pass = Callable[[str, NormalizeOptions], tuple[str, OffsetMap]]

PASSES: tuple[Pass, ...] = (strip_invisibles, fold_characters, fix_spacing, restore_zwnj)


class Text:
    """Normalized text together with the raw text it came from and the map between them.

    Attributes:
        raw: the text as it was given.
        text: the normalized text.
        offsets: maps spans of ``text`` to spans of ``raw`` (``offsets.to_raw``) and back.
            Composed from the passes' maps on first use, so callers that only want the text
            do not pay for it.
    """

    __slots__ = ("_offsets", "_steps", "raw", "text")

    def __init__(self, raw: str, text: str, steps: tuple[OffsetMap, ...]) -> None:
        self.raw = raw
        self.text = text
        self._steps = steps
        self._offsets: OffsetMap | None = None

    @property
    def offsets(self) -> OffsetMap:
        if self._offsets is None:
            mapping = OffsetMap.identity(len(self.raw))
            for step in self._steps:
                mapping = mapping.then(step)
            self._offsets = mapping
        return self._offsets

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Text({self.text!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return (self.raw, self.text) == (other.raw, other.text)

    def __hash__(self) -> int:
        return hash((self.raw, self.text))

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``raw`` that ``text[start:end]`` was made from."""
        return self.offsets.to_raw(start, end)

    def raw_slice(self, start: int, end: int) -> str:
        """The raw text behind ``text[start:end]``."""
        s, e = self.offsets.to_raw(start, end)
        return self.raw[s:e]


def normalize(text: str, options: NormalizeOptions | None = None, **overrides: Any) -> Text:
    """Rewrite raw Persian text into khabar's orthography.

    Args:
        text: raw text, as scraped.
        options: a :class:`NormalizeOptions`; keyword ``overrides`` replace single fields
            (``normalize(t, digits="latin")``).

    Returns:
        A :class:`Text` with the normalized text and its offset map to ``text``.

    Raises:
        OptionError: an unknown option or a value outside the allowed ones.

    Example:
        >>> normalize("كتاب  جديد ، 12").text
        'کتاب جدید، ۱۲'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() takes a str, not {type(text).__name__}")
    opts = NormalizeOptions.from_kwargs(options, **overrides)
    current = text
    steps = []
    for step in PASSES:
        if step is restore_zwnj and not opts.zwnj:
            continue
        current, step_map = step(current, opts)
        if step_map:
            steps.append(step_map)
    return Text(text, current, tuple(steps))
