"""One article prepared once for every extractor: normalized text, tokens, sentences.

Extractors read a :class:`Document` and never normalize or tokenize again. Offsets inside it
are offsets of the normalized text; :meth:`Document.to_raw` maps a span back to the input, which
is where every span khabar reports points.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from khabar.text.normalize import Text, normalize
from khabar.text.patterns import ZWNJ
from khabar.text.tokenize import tokens_and_sentences

# Token kinds that can be part of a name.
NAME_KINDS = frozenset({"word", "latin", "number"})


@dataclass(slots=True)
class Token:
    """A token of the normalized text; ``key`` is its text without half-spaces (for lookups)."""

    start: int
    end: int
    text: str
    kind: str
    key: str
    sentence: int


class Document:
    """The normalized article with its tokens and sentences.

    Digits are Latin inside (``digits="latin"``), so numbers, dates and gazetteer keys compare
    in one script; what khabar reports is always raw text, sliced through the offset map.
    """

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.norm: Text = normalize(raw, digits="latin")
        self.text = self.norm.text
        tokens, self.sentences = tokens_and_sentences(self.text)
        self.tokens: list[Token] = []
        # Tokens and sentences are both in text order: walk them together.
        bounds = [s.end for s in self.sentences]
        index = 0
        last = len(bounds) - 1
        for tok in tokens:
            while index < last and tok.start >= bounds[index]:
                index += 1
            key = tok.text.replace(ZWNJ, "") if tok.kind == "word" else tok.text
            self.tokens.append(Token(tok.start, tok.end, tok.text, tok.kind, key, index))

    @cached_property
    def sentence_tokens(self) -> list[tuple[int, int]]:
        """For each sentence, the range ``[first, last)`` of its tokens."""
        ranges = [(0, 0)] * len(self.sentences)
        first = 0
        for i in range(1, len(self.tokens) + 1):
            if i == len(self.tokens) or self.tokens[i].sentence != self.tokens[first].sentence:
                ranges[self.tokens[first].sentence] = (first, i)
                first = i
        return ranges

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.to_raw(start, end)

    def raw_span(self, start: int, end: int) -> tuple[int, int, str]:
        """``(start, end, text)`` of the raw text behind a normalized span."""
        s, e = self.norm.to_raw(start, end)
        return s, e, self.raw[s:e]

    def span_text(self, first: int, last: int) -> str:
        """Normalized text of tokens ``first .. last-1``."""
        return self.text[self.tokens[first].start : self.tokens[last - 1].end]
