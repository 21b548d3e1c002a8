"""Reader of the analysis development set (format: tests/data/analyze/README.md).

Run as a script to check files: ``python eval/analyze/gold.py tests/data/analyze/*.txt``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

TYPES = ("PER", "ORG", "LOC", "FAC", "EVENT", "PRO")
CATEGORIES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "DISAPPROVE",
    "DEMAND",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "STATEMENT",
)
MODALITIES = ("asserted", "future", "announced", "negated", "hypothetical")
_MARK = re.compile(r"\[\[([A-Z]+)\|([^\[\]|]+)\]\]")
_STRAY = re.compile(r"\[\[|\]\]")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class GoldArticle:
    path: Path
    text: str
    published: str | None = None
    topic: str = ""
    entities: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, type)
    quotes: list[tuple[str, str, str]] = field(default_factory=list)  # (speaker, verb, kind)
    events: list[tuple[str, ...]] = field(default_factory=list)  # (cat, src, tgt, date, place, mod)


def _fields(value: str, count: int, what: str) -> list[str]:
    parts = [part.strip() for part in value.split("|")]
    if len(parts) != count:
        raise ValueError(f"{what} needs {count} fields separated by '|', got {len(parts)}")
    return parts


def read(path: Path) -> GoldArticle:
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n\n")
    if not sep:
        raise ValueError("no blank line between header and body")
    article = GoldArticle(path, "")
    for line in head.splitlines():
        key, _, value = line.removeprefix("# ").partition(":")
        value = value.strip()
        if key == "published":
            if not _ISO.match(value):
                raise ValueError(f"published is not an ISO date: {value!r}")
            article.published = value
        elif key == "topic":
            article.topic = value
        elif key == "quote":
            speaker, verb, kind = _fields(value, 3, "quote")
            if kind not in ("direct", "reported"):
                raise ValueError(f"quote kind must be direct or reported: {kind!r}")
            article.quotes.append((speaker, verb, kind))
        elif key == "event":
            event = _fields(value, 6, "event")
            if event[0] not in CATEGORIES:
                raise ValueError(f"unknown event category {event[0]!r}")
            if event[5] not in MODALITIES:
                raise ValueError(f"unknown modality {event[5]!r}")
            if event[3] != "-" and not _ISO.match(event[3]):
                raise ValueError(f"event date is not ISO or '-': {event[3]!r}")
            article.events.append(tuple(event))
        else:
            raise ValueError(f"unknown header line: {line!r}")
    pieces: list[str] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(body):
        kind, surface = m.group(1), m.group(2)
        if kind not in TYPES:
            raise ValueError(f"unknown entity type {kind!r} in {m.group(0)!r}")
        if surface != surface.strip():
            raise ValueError(f"space inside the brackets of {m.group(0)!r}")
        before = body[pos : m.start()]
        pieces.append(before)
        length += len(before)
        article.entities.append((length, length + len(surface), kind))
        pieces.append(surface)
        length += len(surface)
        pos = m.end()
    pieces.append(body[pos:])
    article.text = "".join(pieces)
    if _STRAY.search(article.text):
        raise ValueError("unbalanced [[ or ]] in the body")
    return article


def read_all(folder: Path) -> list[GoldArticle]:
    return [read(path) for path in sorted(folder.glob("*.txt"))]


def main(paths: list[str]) -> int:
    bad = 0
    for name in paths:
        try:
            article = read(Path(name))
        except (ValueError, UnicodeDecodeError) as error:
            print(f"{name}: {error}")
            bad += 1
            continue
        counts = {t: sum(1 for e in article.entities if e[2] == t) for t in TYPES}
        summary = " ".join(f"{t}={n}" for t, n in counts.items() if n)
        print(
            f"{name}: ok, {len(article.text)} chars, {summary}, "
            f"{len(article.quotes)} quotes, {len(article.events)} events"
        )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
