"""Which language a text is in: Persian, Arabic, English, other or undetermined.

Cheap and linear: letters by script, then within Arabic script the letters only Persian uses
(``پ چ ژ گ``) against those only Arabic uses (``ة``, ``ي`` final, ``ى``) and a few function
words of each language. Enough to keep the Persian analyzer off text it cannot read.
"""

from __future__ import annotations

import re

_ARABIC_SCRIPT = re.compile(
    r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC]"
)
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_PERSIAN_ONLY = re.compile(r"[پچژگ]|\u200c")
_ARABIC_ONLY = re.compile(r"[ةىأإؤ]|ي\b")
_PERSIAN_WORDS = re.compile(r"(?<!\S)(است|این|را|که|می‌?\S+|های|برای|با|شد|کرد)(?!\S)")
_ARABIC_WORDS = re.compile(r"(?<!\S)(في|من|على|إلى|التي|الذي|هذا|هذه|عن|أن|قد)(?!\S)")
_ENGLISH_WORDS = re.compile(r"(?i)\b(the|and|of|to|in|is|that|for|with|on)\b")
PERSIAN_ONLY = ("پ", "چ", "ژ", "گ", "\u200c")
PERSIAN_ENOUGH = 5  # occurrences of Persian-only letters that settle it
SAMPLE = 20_000  # characters looked at: a language shows itself long before


def detect_language(text: str) -> str:
    """``fa``, ``ar``, ``en``, ``other`` or ``und`` (no letters at all)."""
    sample = text[:SAMPLE]
    if sum(map(sample.count, PERSIAN_ONLY)) >= PERSIAN_ENOUGH:
        return "fa"  # the common case, settled in C: Arabic and English have none of these
    arabic_script = len(_ARABIC_SCRIPT.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic_script == 0 and latin == 0:
        return "other" if any(ch.isalpha() for ch in sample) else "und"
    if latin > arabic_script:
        return "en" if len(_ENGLISH_WORDS.findall(sample)) >= 2 else "other"
    persian = len(_PERSIAN_ONLY.findall(sample)) + 2 * len(_PERSIAN_WORDS.findall(sample))
    arabic = len(_ARABIC_ONLY.findall(sample)) + 2 * len(_ARABIC_WORDS.findall(sample))
    return "ar" if arabic > persian else "fa"
