"""Keyphrases and an extractive summary, both from one weighting of the article's words.

A word weighs its count in the article times how rare it is in Persian at large (Zipf frequency
from wordfreq, so ``توافق`` outweighs ``کشور``). Keyphrase candidates are the runs of content
words between stop words and punctuation (``توافق مشارکت راهبردی``), up to four words; a
phrase scores the sum of its words' weights. A sentence scores the weight of its words per
square root of its length; the summary is the lead sentence and the best of the rest, in text
order.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from khabar.extract.document import Document
from khabar.extract.entities import _verb_like
from khabar.extract.gazetteer import zipf
from khabar.extract.memo import WordMemo
from khabar.extract.names import names
from khabar.text.verbs import verb_bodies

MAX_PHRASE = 4
# Zipf frequency above which a word carries no weight (Persian's most common words sit near 7).
CEILING_ZIPF = 7.0
_PLURALS = ("های", "ها")
NAME_MARK = "@"
NAME_RARITY = 2.5


@dataclass(frozen=True, slots=True)
class Keyword:
    text: str  # the most frequent surface, normalized
    score: float  # 0..1, the best keyword is 1
    count: int
    first: int  # token range of its first occurrence
    last: int


def _lemma(key: str, text: str) -> str:
    """Grouping key: a plural written with a half-space counts as its singular."""
    if "\u200c" not in text:
        return key  # most words: no half-space, no written plural
    for suffix in _PLURALS:
        if text.endswith("\u200c" + suffix):
            return key[: -len(suffix)]
    return key


def _verbal(key: str) -> bool:
    """A verb form (``می‌رود``, ``برسد``, ``نکرده``): never a keyword."""
    if _verb_like(key):
        return True
    bodies = verb_bodies()
    return key in bodies or (key[0] in "بن" and key[1:] in bodies)


def _content_key(key: str) -> bool:
    """Whether a word with this key may be part of a keyphrase, whatever its neighbours."""
    return len(key) > 1 and key not in names().stopwords and not _verbal(key)


# Asked for every word of every article.
_CONTENT: WordMemo[bool] = WordMemo(_content_key)


def content_runs(doc: Document, names_at: dict[int, tuple[int, str]]) -> list[tuple[int, int]]:
    """Maximal runs of content words inside sentences; a name (``names_at``: first token ->
    end) is a run of its own, so ``عباس عراقچی دیدار`` gives the name and ``دیدار``."""
    light = names().light_verbs
    runs = []
    start = -1
    tokens = doc.tokens
    keys = doc.keys
    count = len(tokens)
    content_key = _CONTENT
    # May each token be in a run, whatever its neighbours? A content word, unless a light verb
    # follows it (وارد شد). Listed up front, at comprehension speed.
    free = [t.kind == "word" and content_key[t.key] for t in tokens]
    for k in [k for k in range(count - 1) if keys[k + 1] in light]:
        free[k] = False
    k = 0
    while k < count:
        if k in names_at:
            end = names_at[k][0]
            if start >= 0:
                runs.append((start, k))
                start = -1
            runs.append((k, end))
            k = end
            continue
        if free[k] and (start < 0 or tokens[k - 1].sentence == tokens[k].sentence):
            if start < 0:
                start = k
        elif start >= 0:
            runs.append((start, k))
            start = -1
        k += 1
    if start >= 0:
        runs.append((start, count))
    return runs


def lemmas(
    doc: Document, runs: list[tuple[int, int]], names_at: dict[int, tuple[int, str]]
) -> dict[int, str]:
    """Token index -> grouping lemma, for the content words of ``runs`` (names excluded)."""
    out: dict[int, str] = {}
    tokens = doc.tokens
    for a, b in runs:
        if a not in names_at:
            for k in range(a, b):
                tok = tokens[k]
                out[k] = _lemma(tok.key, tok.text)
    return out


def word_weights(
    runs: list[tuple[int, int]], lemma_at: dict[int, str], names_at: dict[int, tuple[int, str]]
) -> dict[str, float]:
    """Weight of each word: (1 + log of its count) times its rarity in Persian at large. A
    name counts once per mention whatever its form and weighs as a middling word: rare as
    its letters are, a name is what the article is about only as often as it recurs."""
    counts = Counter(lemma_at.values())
    counts.update(NAME_MARK + names_at[a][1] for a, _ in runs if a in names_at)
    return {
        w: (1 + math.log(c))
        * (NAME_RARITY if w[0] == NAME_MARK else max(CEILING_ZIPF - zipf(w), 0.5))
        for w, c in counts.items()
    }


def keywords(
    doc: Document,
    runs: list[tuple[int, int]],
    lemma_at: dict[int, str],
    weights: dict[str, float],
    names_at: dict[int, tuple[int, str]],
    limit: int = 10,
) -> list[Keyword]:
    # Plain dicts, not Counters: a Counter calls Python code for every new key.
    counts: dict[tuple[str, ...], int] = {}
    firsts: dict[tuple[str, ...], tuple[int, int]] = {}
    for a, b in runs:
        if a in names_at:
            _tally(counts, firsts, (NAME_MARK + names_at[a][1],), a, b)
            continue
        for k in range(a, b):  # every word
            lemma = (lemma_at[k],)
            if lemma in counts:
                counts[lemma] += 1
            else:
                counts[lemma] = 1
                firsts[lemma] = (k, k + 1)
        if 1 < b - a <= MAX_PHRASE:  # and the whole run as a phrase
            _tally(counts, firsts, tuple(lemma_at[k] for k in range(a, b)), a, b)

    weight, log = weights.get, math.log
    scored = {
        # One word (most lemmas) weighs its word's weight: the same float the sum gives.
        p: (weight(p[0], 0.0) if len(p) == 1 else sum([weight(w, 0.0) for w in p])) * (1 + log(c))
        for p, c in counts.items()
    }
    ranked = sorted(scored, key=lambda p: (-scored[p], firsts[p][0]))[:limit]
    if not ranked:
        return []
    top = scored[ranked[0]]
    return [
        Keyword(
            _surface(doc, p, firsts[p], names_at), round(scored[p] / top, 3), counts[p], *firsts[p]
        )
        for p in ranked
    ]


def _tally(
    counts: dict[tuple[str, ...], int],
    firsts: dict[tuple[str, ...], tuple[int, int]],
    lemma: tuple[str, ...],
    first: int,
    last: int,
) -> None:
    """Count one occurrence of ``lemma`` at tokens ``[first, last)``; keep the first's span."""
    if lemma in counts:
        counts[lemma] += 1
    else:
        counts[lemma] = 1
        firsts[lemma] = (first, last)


def _surface(
    doc: Document,
    lemma: tuple[str, ...],
    span: tuple[int, int],
    names_at: dict[int, tuple[int, str]],
) -> str:
    """How a keyword is shown: a name by its canonical form, words as first written."""
    if lemma[0][0] == NAME_MARK:
        return lemma[0][1:]
    return doc.span_text(*span)


def summarize(
    doc: Document, lemma_at: dict[int, str], weights: dict[str, float], size: int = 3
) -> list[int]:
    """Indices of the summary sentences, lead first, in text order."""
    scored = []
    tokens = doc.tokens
    weight_of = weights.get
    for index, (a, b) in enumerate(doc.sentence_tokens):
        words = [t.kind for t in tokens[a:b]].count("word")
        if words < 5:
            continue  # headings, bylines, fragments
        weight = sum([weight_of(lemma_at[k], 0.0) for k in range(a, b) if k in lemma_at])
        scored.append((weight / math.sqrt(words), index))
    if not scored:
        return []
    lead = scored[0][1]
    rest = sorted((s for s in scored if s[1] != lead), reverse=True)[: size - 1]
    return sorted([lead, *(index for _, index in rest)])
