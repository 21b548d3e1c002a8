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
from khabar.extract.names import names

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
    for suffix in _PLURALS:
        if text.endswith("\u200c" + suffix):
            return key[: -len(suffix)]
    return key


def content_runs(doc: Document, names_at: dict[int, tuple[int, str]]) -> list[tuple[int, int]]:
    """Maximal runs of content words inside sentences; a name (``names_at``: first token ->
    end) is a run of its own, so ``عباس عراقچی دیدار`` gives the name and ``دیدار``."""
    stop = names().stopwords
    runs = []
    start = -1
    tokens = doc.tokens
    k = 0
    while k < len(tokens):
        end = names_at[k][0] if k in names_at else None
        if end is not None:
            if start >= 0:
                runs.append((start, k))
                start = -1
            runs.append((k, end))
            k = end
            continue
        tok = tokens[k]
        content = (
            tok.kind == "word"
            and len(tok.key) > 1
            and tok.key not in stop
            and not _verb_like(tok.key)
            and (start < 0 or tokens[k - 1].sentence == tok.sentence)
        )
        if content:
            if start < 0:
                start = k
        elif start >= 0:
            runs.append((start, k))
            start = -1
        k += 1
    if start >= 0:
        runs.append((start, len(tokens)))
    return runs


def _units(doc: Document, a: int, b: int, names_at: dict[int, tuple[int, str]]) -> list[str]:
    """The lemmas of a run: one per word, or one for a whole name (``@`` + canonical)."""
    if a in names_at:
        return [NAME_MARK + names_at[a][1]]
    return [_lemma(t.key, t.text) for t in doc.tokens[a:b]]


def word_weights(
    doc: Document, runs: list[tuple[int, int]], names_at: dict[int, tuple[int, str]]
) -> dict[str, float]:
    """Weight of each word: (1 + log of its count) times its rarity in Persian at large. A
    name counts once per mention whatever its form and weighs as a middling word: rare as
    its letters are, a name is what the article is about only as often as it recurs."""
    counts = Counter(u for a, b in runs for u in _units(doc, a, b, names_at))
    return {
        w: (1 + math.log(c))
        * (NAME_RARITY if w[0] == NAME_MARK else max(CEILING_ZIPF - zipf(w), 0.5))
        for w, c in counts.items()
    }


def keywords(
    doc: Document,
    runs: list[tuple[int, int]],
    weights: dict[str, float],
    names_at: dict[int, tuple[int, str]],
    limit: int = 10,
) -> list[Keyword]:
    scores: dict[tuple[str, ...], float] = {}
    counts: Counter[tuple[str, ...]] = Counter()
    surfaces: dict[tuple[str, ...], Counter[str]] = {}
    firsts: dict[tuple[str, ...], tuple[int, int]] = {}
    for a, b in runs:
        if a in names_at:
            lemma = (NAME_MARK + names_at[a][1],)
            spans = [(a, b, lemma, names_at[a][1])]
        else:
            spans = [
                (s, s + n, tuple(_lemma(t.key, t.text) for t in doc.tokens[s : s + n]), None)
                for n in range(1, MAX_PHRASE + 1)
                if n == 1 or b - a == n  # phrases are whole runs; words come from every run
                for s in range(a, b - n + 1)
            ]
        for s, e, lemma, surface in spans:
            counts[lemma] += 1
            scores[lemma] = sum(weights.get(w, 0.0) for w in lemma)
            surfaces.setdefault(lemma, Counter())[surface or doc.span_text(s, e)] += 1
            firsts.setdefault(lemma, (s, e))

    def rank(p: tuple[str, ...]) -> float:
        return scores[p] * (1 + math.log(counts[p]))

    ranked = sorted(scores, key=lambda p: (-rank(p), firsts[p][0]))[:limit]
    if not ranked:
        return []
    top = rank(ranked[0])
    return [
        Keyword(surfaces[p].most_common(1)[0][0], round(rank(p) / top, 3), counts[p], *firsts[p])
        for p in ranked
    ]


def summarize(doc: Document, weights: dict[str, float], size: int = 3) -> list[int]:
    """Indices of the summary sentences, lead first, in text order."""
    stop = names().stopwords
    scored = []
    for index, (a, b) in enumerate(doc.sentence_tokens):
        words = [t for t in doc.tokens[a:b] if t.kind == "word"]
        if len(words) < 5:
            continue  # headings, bylines, fragments
        weight = sum(weights.get(_lemma(t.key, t.text), 0.0) for t in words if t.key not in stop)
        scored.append((weight / math.sqrt(len(words)), index))
    if not scored:
        return []
    lead = scored[0][1]
    rest = sorted((s for s in scored if s[1] != lead), reverse=True)[: size - 1]
    return sorted([lead, *(index for _, index in rest)])
