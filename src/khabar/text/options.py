"""The options of normalization: one typed object shared by the Python API and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any, Literal, get_args

from khabar.errors import OptionError

DigitScript = Literal["persian", "latin", "keep"]
DIGIT_SCRIPTS: tuple[str, ...] = get_args(DigitScript)


@dataclass(frozen=True, slots=True)
class NormalizeOptions:
    """How :func:`khabar.normalize` rewrites text.

    Attributes:
        digits: script for digits of numbers in Persian text: ``"persian"`` (default, for
            display), ``"latin"`` (for machine output; also turns ``٫ ٬`` into ``. ,``) or
            ``"keep"``. Digits inside Latin words, URLs, e-mails, hashtags and mentions, and
            numbers beside a Latin word (``iPhone 15``) are never converted.
        keep_diacritics: keep short-vowel marks (fatha, damma, kasra, sukun, shadda). Tanvin on
            alef (``اخیراً``) and hamza forms (``رؤسا``, ``خانهٔ``) are always kept.
        punctuation: use Persian ``، ؛ ؟`` in Persian text and fix spacing around punctuation.
        zwnj: restore half-spaces lost in glued (``میشود``) and spaced (``می شود``) words.
        join_compounds: also join compounds of two free words that arrive with a space
            (``پیش بینی`` → ``پیش‌بینی``, ``رئیس جمهور`` → ``رئیس‌جمهور``). Off by default:
            edited news accepts both spellings, and khabar keeps the writer's.
    """

    digits: DigitScript = "persian"
    keep_diacritics: bool = False
    punctuation: bool = True
    zwnj: bool = True
    join_compounds: bool = False

    def __post_init__(self) -> None:
        if self.digits not in DIGIT_SCRIPTS:
            raise OptionError(
                f"digits={self.digits!r} is not a digit script; use one of "
                f"{', '.join(DIGIT_SCRIPTS)}"
            )

    @classmethod
    def from_kwargs(
        cls, options: NormalizeOptions | None = None, **kwargs: Any
    ) -> NormalizeOptions:
        """Merge keyword overrides into ``options`` (or the defaults), rejecting unknown names."""
        if not kwargs:
            return options or _DEFAULTS
        try:
            return _merged(options or _DEFAULTS, tuple(sorted(kwargs.items())))
        except TypeError:  # an unhashable value: validated (and refused) the long way below
            pass
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(kwargs) - known)
        if unknown:
            raise OptionError(
                f"unknown normalize option {unknown[0]!r}; "
                f"known options: {', '.join(sorted(known))}"
            )
        base = options or cls()
        if not kwargs:
            return base
        values = {f.name: getattr(base, f.name) for f in fields(cls)}
        values.update(kwargs)
        return cls(**values)


_DEFAULTS = NormalizeOptions()


@lru_cache(maxsize=256)
def _merged(base: NormalizeOptions, overrides: tuple[tuple[str, Any], ...]) -> NormalizeOptions:
    """``base`` with ``overrides``; cached, since callers pass the same few per text."""
    known = {f.name for f in fields(NormalizeOptions)}
    for name, _ in overrides:
        if name not in known:
            raise OptionError(
                f"unknown normalize option {name!r}; known options: {', '.join(sorted(known))}"
            )
    values = {f.name: getattr(base, f.name) for f in fields(NormalizeOptions)}
    values.update(overrides)
    return NormalizeOptions(**values)
