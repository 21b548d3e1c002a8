"""khabar's data model for one article: :class:`Article` in, :class:`Analysis` out.

Every span is a ``start``/``end`` pair of offsets into the article text as given (the raw
input), with the ``text`` found there, so ``raw[start:end] == text`` always holds. The JSON form
(:meth:`Analysis.to_dict`) is versioned by ``schema_version`` and described in
``docs/analysis.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any

from khabar.extract.dates import DateMention

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read: its text and what is known about it."""

    text: str
    id: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    origin: str | None = None  # where it was read: a path, path:line, a feed item, a URL


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Role:
    """A person's office: ``title`` (role noun), the whole phrase, whose office, modifiers."""

    title: str
    span: Span | None  # None when the role comes from khabar's lexicon of known people
    modifiers: tuple[str, ...] = ()
    of: str | None = None  # entity id of the organization or place
    of_name: str | None = None
    country: str | None = None
    source: str = "text"  # text or lexicon


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str  # PER, ORG, LOC, FAC, EVENT, PRO
    name: str  # canonical name
    mentions: tuple[Span, ...]
    kind: str | None = None  # finer kind where a gazetteer knows it (country, city, agency, …)
    country: str | None = None  # ISO 3166 alpha-2
    role: Role | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    entity: str
    name: str
    type: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    kind: str  # direct or reported
    span: Span  # what was said
    verb: Span  # the speech verb or frame
    speaker: Actor | None


@dataclass(frozen=True, slots=True)
class Event:
    category: str  # PLOVER
    cameo: str
    trigger: Span
    modality: str  # asserted, future, announced, negated, hypothetical
    source: Actor | None = None
    target: Actor | None = None
    place: Actor | None = None
    date: DateMention | None = None
    sentence: Span | None = None
    references: tuple[Span, ...] = ()  # later triggers that refer back (این توافق)


@dataclass(frozen=True, slots=True)
class Keyword:
    text: str
    score: float
    count: int


@dataclass(frozen=True, slots=True)
class SourceName:
    name: str
    span: Span
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything khabar found in one article."""

    language: str
    length: int
    id: str | None = None
    published: date | None = None
    source: SourceName | None = None
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    keywords: tuple[Keyword, ...] = ()
    summary: tuple[Span, ...] = ()
    schema_version: str = SCHEMA_VERSION
    notes: tuple[str, ...] = field(default=())

    def entities_of(self, type_: str) -> list[Entity]:
        return [e for e in self.entities if e.type == type_]

    def to_dict(self) -> dict[str, Any]:
        """The JSON document (``docs/analysis.schema.json``); ``id`` only when known."""
        data = _plain(self)
        data["published"] = self.published.isoformat() if self.published else None
        if self.id is None:
            del data["id"]
        ordered = {"schema_version": data.pop("schema_version")}
        ordered.update(data)
        return ordered


_FIELDS: dict[type, tuple[str, ...]] = {}
_LEAVES = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """``dataclasses.asdict`` for the model's own values, several times faster: they are
    immutable, so nothing needs a deep copy."""
    kind = type(value)
    if kind in _LEAVES:
        return value
    if kind is tuple:
        return tuple([_plain(v) for v in value])
    if kind is list:
        return [_plain(v) for v in value]
    names = _FIELDS.get(kind)
    if names is None:
        if not is_dataclass(value):
            return value
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    return {name: _plain(getattr(value, name)) for name in names}
