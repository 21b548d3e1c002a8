"""Stories: articles about the same event across sources, within a time window.

Two articles belong together when they share enough of what they are about — their people,
organizations, places and named events, and their keyphrases — weighted by how rare each is in
the corpus (every Iranian story names ``ایران``; few name ``زرند``), and were published within
``window`` days of each other. Candidate pairs come from an inverted index of these features,
so only articles that share something are compared; pairs above ``threshold`` are linked and
a story is a connected group. Near-duplicates join the story of their canonical article.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from khabar.corpus.store import Store, connection_of

DEFAULT_WINDOW_DAYS = 3
DEFAULT_THRESHOLD = 0.25
# A feature in more than this share of the corpus (or of more than MAX_DF articles) says
# nothing about which story it is; the cap also keeps the comparisons near-linear.
MAX_SHARE = 0.2
MAX_DF = 500
_ENTITY_TYPES = ("PER", "ORG", "LOC", "FAC", "EVENT", "PRO")


@dataclass
class Story:
    id: str
    title: str | None
    start: str | None
    end: str | None
    sources: list[str]
    articles: list[str]


@dataclass
class _Doc:
    id: str
    title: str | None
    source: str | None
    published: date | None
    features: set[str] = field(default_factory=set)


def features(analysis: dict[str, object] | None, title: str | None) -> set[str]:
    """What an article is about: its entities and keyphrases, as comparable keys."""
    out: set[str] = set()
    if analysis:
        for e in analysis.get("entities", ()):  # type: ignore[attr-defined]
            if e["type"] in _ENTITY_TYPES:
                out.add(f"{e['type']}:{e['name']}")
        for k in analysis.get("keywords", ()):  # type: ignore[attr-defined]
            out.add("K:" + k["text"].replace("\u200c", ""))
    if title:
        out.update("T:" + w for w in title.replace("\u200c", "").split() if len(w) > 3)
    return out


def _load(
    store: Store | sqlite3.Connection, since: date | None
) -> tuple[list[_Doc], dict[str, list[str]]]:
    docs = []
    copies: dict[str, list[str]] = defaultdict(list)
    sql = "SELECT id, title, source, published, analysis, duplicate_of FROM articles"
    args: list[object] = []
    if since is not None:
        sql += " WHERE published IS NULL OR published >= ?"
        args.append(since.isoformat())
    for article_id, title, source, published, analysis, duplicate_of in connection_of(
        store
    ).execute(sql, args):
        if duplicate_of:
            copies[duplicate_of].append(article_id)
            continue
        day = date.fromisoformat(published) if published else None
        docs.append(_Doc(article_id, title, source, day, features(_json(analysis), title)))
    return docs, copies


def _json(text: str | None) -> dict[str, object] | None:
    return json.loads(text) if text else None


def find_stories(
    store: Store | sqlite3.Connection,
    *,
    since: date | None = None,
    window: int = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
    singletons: bool = False,
) -> list[Story]:
    """The stories of the corpus, largest first."""
    docs, copies = _load(store, since)
    weight = _weights(d.features for d in docs)
    parent = list(range(len(docs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[str, list[int]] = defaultdict(list)
    for i, doc in enumerate(docs):
        for f in doc.features:
            if f in weight:
                index[f].append(i)
    for i, doc in enumerate(docs):
        candidates = {j for f in doc.features if f in weight for j in index[f] if j > i}
        for j in candidates:
            other = docs[j]
            if (
                doc.published
                and other.published
                and abs((doc.published - other.published).days) > window
            ):
                continue
            if _similarity(doc.features, other.features, weight) >= threshold:
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        groups[root(i)].append(i)
    stories = []
    for members in groups.values():
        ids = [docs[i].id for i in members]
        ids += [c for i in members for c in copies.get(docs[i].id, ())]
        if len(ids) < 2 and not singletons:
            continue
        days = sorted(d.published.isoformat() for i in members if (d := docs[i]).published)
        first = min(members, key=lambda i: (docs[i].published or date.max, docs[i].id))
        stories.append(
            Story(
                id="s" + min(ids),
                title=docs[first].title,
                start=days[0] if days else None,
                end=days[-1] if days else None,
                sources=sorted({s for i in members if (s := docs[i].source)}),
                articles=sorted(ids),
            )
        )
    stories.sort(key=lambda s: (-len(s.articles), s.start or "", s.id))
    return stories


def _weights(all_features: Iterable[set[str]]) -> dict[str, float]:
    """IDF of every feature shared by at least two articles and not by too many."""
    df: dict[str, int] = defaultdict(int)
    n = 0
    for feats in all_features:
        n += 1
        for f in feats:
            df[f] += 1
    limit = min(max(5, MAX_SHARE * n), MAX_DF)
    return {f: math.log(1 + n / c) for f, c in df.items() if 2 <= c <= limit}


def _similarity(a: set[str], b: set[str], weight: dict[str, float]) -> float:
    """Weighted Jaccard of two feature sets (features without weight count as nothing)."""
    shared = sum(weight.get(f, 0.0) for f in a & b)
    total = sum(weight.get(f, 0.0) for f in a | b)
    return shared / total if total else 0.0
