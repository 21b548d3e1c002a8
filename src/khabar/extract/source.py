"""The outlet a text names as its source: ``به گزارش ایرنا``, ``منبع: …``, ``توسط site``."""

from __future__ import annotations

from dataclasses import dataclass

from khabar.extract.document import Document
from khabar.extract.entities import Mention

_LEADS = (("به", "گزارش"), ("منبع",), ("منبع", ":"), ("توسط",))
_URL_KINDS = frozenset({"url", "email"})
MAX_SOURCE_TOKENS = 4


@dataclass(frozen=True, slots=True)
class Source:
    first: int  # token range of the source's name
    last: int
    entity: int  # entity index when the source is a known organization, else -1


def find_source(doc: Document, mentions: list[Mention]) -> Source | None:
    """The first ``به گزارش X``/``منبع: X``, else a ``توسط site`` byline ending the text."""
    keys = doc.keys
    at = {m.first: m for m in mentions}
    byline: Source | None = None
    for k in range(len(keys)):
        for lead in _LEADS:
            n = len(lead)
            if tuple(keys[k : k + n]) != lead:
                continue
            j = k + n + (1 if k + n < len(keys) and keys[k + n] == ":" else 0)
            if j >= len(keys):
                continue
            if lead != ("توسط",):
                source = _name_at(doc, keys, j, at)
                if source is not None:
                    return source
            elif _byline(doc, k, j):
                byline = _name_at(doc, keys, j, at)
    return byline


def _byline(doc: Document, k: int, j: int) -> bool:
    """``توسط X`` as the last line of the article, X a site."""
    sentence = doc.tokens[k].sentence
    return (
        doc.tokens[k].start == doc.sentences[sentence].start
        and sentence == len(doc.sentences) - 1
        and doc.tokens[j].kind in _URL_KINDS | {"latin"}
    )


def _name_at(doc: Document, keys: list[str], j: int, at: dict[int, Mention]) -> Source | None:
    mention = at.get(j)
    if mention is not None and mention.type == "ORG":
        return Source(j, mention.last, mention.entity)
    tok = doc.tokens[j]
    if tok.kind in _URL_KINDS:
        return Source(j, j + 1, -1)
    end = j
    while (
        end < len(keys)
        and end - j < MAX_SOURCE_TOKENS
        and doc.tokens[end].kind in ("word", "latin")
        and doc.tokens[end].sentence == tok.sentence
        and keys[end] not in ("،", "و", "که")
    ):
        end += 1
        if doc.tokens[end - 1].kind == "latin" or end - j == 2:
            break
    return Source(j, end, -1) if end > j else None
