"""One article prepared once for every extractor: normalized text, tokens, sentences.

Extractors read a :class:`Document` and never normalize or tokenize again. Offsets inside it
are offsets of the normalized text; :meth:`Document.to_raw` maps a span back to the input, which
is where every span khabar reports points.
"""

from __future__ import annotations

from dataclasses import dataclass

from khabar.text.normalize import Text, normalize
from khabar.text.patterns import ZWNJ
from khabar.text.tokenize import FIXED_KINDS, Sentence, scan_lines, token_kind

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
        text = self.text = self.norm.text
        self.tokens: list[Token] = []
        self.keys: list[str] = []  # the tokens' keys, which most extractors index by position
        self.sentences: list[Sentence] = []
        # For each sentence, the range ``[first, last)`` of its tokens.
        self.sentence_tokens: list[tuple[int, int]] = []
        # Tokens are made here, straight from the tokenizer's scan: wrapping its own tokens
        # cost a second object per word.
        tokens = self.tokens
        append = tokens.append
        add_key = self.keys.append
        fixed_kind = FIXED_KINDS.get
        for toks, bounds in scan_lines(text):
            offset = len(tokens)
            for first, last in bounds:
                index = len(self.sentences)
                start, end = toks[first][1], toks[last][2]
                self.sentences.append(Sentence(start, end, text[start:end]))
                self.sentence_tokens.append((offset + first, offset + last + 1))
                for group, a, b in toks[first : last + 1]:
                    piece = text[a:b]
                    kind = fixed_kind(group) or token_kind(group, piece)
                    key = piece.replace(ZWNJ, "") if kind == "word" else piece
                    append(Token(a, b, piece, kind, key, index))
                    add_key(key)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.to_raw(start, end)

    def raw_span(self, start: int, end: int) -> tuple[int, int, str]:
        """``(start, end, text)`` of the raw text behind a normalized span."""
        s, e = self.norm.to_raw(start, end)
        return s, e, self.raw[s:e]

    def span_text(self, first: int, last: int) -> str:
        """Normalized text of tokens ``first .. last-1``."""
        return self.text[self.tokens[first].start : self.tokens[last - 1].end]
