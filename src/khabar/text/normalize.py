"""``normalize``: raw Persian text to the orthography khabar writes, with an exact offset map.

The passes run in order, each rewriting the previous one's output and reporting its edits; their
offset maps compose into one map from the normalized text back to the raw text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from khabar.text.chars import fold_characters, strip_invisibles
from khabar.text.offsets import OffsetMap
from khabar.text.options import NormalizeOptions
from khabar.text.spacing import fix_spacing
from khabar.text.zwnj import restore_zwnj

Pass = Callable[[str, NormalizeOptions], tuple[str, OffsetMap]]

PASSES: tuple[Pass, ...] = (strip_invisibles, fold_characters, fix_spacing, restore_zwnj)


@dataclass(frozen=True, slots=True)
class Text:
    """Normalized text together with the raw text it came from and the map between them.

    Attributes:
        raw: the text as it was given.
        text: the normalized text.
        offsets: maps spans of ``text`` to spans of ``raw`` (``offsets.to_raw``) and back.
    """

    raw: str
    text: str
    offsets: OffsetMap

    def __str__(self) -> str:
        return self.text

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
    mapping = OffsetMap.identity(len(text))
    for step in PASSES:
        if step is restore_zwnj and not opts.zwnj:
            continue
        current, step_map = step(current, opts)
        mapping = mapping.then(step_map)
    return Text(raw=text, text=current, offsets=mapping)
