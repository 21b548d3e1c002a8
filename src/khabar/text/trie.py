"""Regular expressions for large word lists, built as a trie.

Python's ``re`` tries the branches of an alternation one by one, so ``(?:w1|w2|…)`` over
thousands of words is slow. Nesting the words by shared prefixes (``ب(?:ه(?:طور|ویژه)|ی…)``)
makes each match attempt follow one path, as fast as a single word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""


def trie_pattern(words: Iterable[str]) -> str:
    """A regex (no capture groups) that matches exactly the given words, longest first."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _node_pattern(root) if root else "(?!)"


def _node_pattern(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    optional = _END in node
    if not branches:
        return ""
    if len(branches) == 1 and not optional:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if optional else body
