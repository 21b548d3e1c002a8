"""A bounded memo of a function of one word, for tests asked of every token of every article.

``memo[word]`` is a plain dictionary lookup once the word has been seen (the lookup runs in C;
only a new word runs Python code), which is what makes it cheaper than a cache decorator in the
extractors' per-token loops. The memo empties itself when it grows too large: a corpus run
meets ever new words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

V = TypeVar("V")

LIMIT = 1 << 18


class WordMemo(dict[str, V]):
    """``memo[word] == func(word)``, each word computed once (until the memo is full)."""

    __slots__ = ("func", "limit")

    def __init__(self, func: Callable[[str], V], limit: int = LIMIT) -> None:
        super().__init__()
        self.func = func
        self.limit = limit

    def __missing__(self, word: str) -> V:
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.func(word)
        return value
