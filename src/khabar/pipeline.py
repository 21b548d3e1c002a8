"""``analyze``: one article from raw text to :class:`~khabar.model.Analysis`.

The article is normalized and tokenized once (:class:`~khabar.extract.document.Document`);
then entities, roles, dates, quotes, events, keywords, summary and source are read off it in
that order, each stage using what the earlier ones found. Spans are converted to raw offsets
only here, at the end.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from typing import Any

from khabar.errors import InputError
from khabar.extract import events as ev
from khabar.extract.actors import Actors
from khabar.extract.dates import DateMention, dates_in, parse_published
from khabar.extract.document import Document
from khabar.extract.entities import Entity as FoundEntity
from khabar.extract.entities import recognize
from khabar.extract.gazetteer import people
from khabar.extract.keywords import content_runs, keywords, lemmas, summarize, word_weights
from khabar.extract.language import detect_language
from khabar.extract.quotes import find_quotes
from khabar.extract.roles import Role as FoundRole
from khabar.extract.roles import find_roles
from khabar.extract.source import find_source
from khabar.model import (
    Actor,
    Analysis,
    Article,
    Entity,
    Event,
    Keyword,
    Quote,
    Role,
    SourceName,
    Span,
)


def analyze(text_or_article: str | Article, published: date | str | None = None) -> Analysis:
    """Analyze one Persian news article.

    Args:
        text_or_article: the raw text, or an :class:`~khabar.model.Article`.
        published: the publication date (a ``date`` or ISO text); relative dates need it.
            Defaults to the article's own.

    Raises:
        InputError: the input is not text, or ``published`` is not a date.
    """
    return analyze_with_text(text_or_article, published)[0]


def analyze_with_text(
    text_or_article: str | Article, published: date | str | None = None
) -> tuple[Analysis, str | None]:
    """:func:`analyze`, and the normalized text (Latin digits) it analyzed — None when the
    text was not analyzed — so that a caller storing it need not normalize twice."""
    article = _article(text_or_article)
    when = _published(published if published is not None else article.published)
    raw = article.text
    language = detect_language(raw)
    if language != "fa":
        note = "no letters" if language == "und" else f"not Persian ({language}); not analyzed"
        return Analysis(language, len(raw), article.id, when, notes=(note,)), None
    doc = Document(raw)
    return _Builder(doc, article, when).build(language), doc.text


def _article(value: object) -> Article:
    if isinstance(value, Article):
        return value
    if isinstance(value, str):
        return Article(value)
    raise InputError(f"analyze() takes a str or an Article, got {type(value).__name__}")


def _published(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_published(value)
    raise InputError(f"published must be a date or an ISO date string, got {value!r}")


class _Builder:
    """Runs the stages over one document and converts their findings to raw spans."""

    def __init__(self, doc: Document, article: Article, published: date | None) -> None:
        self.doc = doc
        self.article = article
        self.published = published
        self.ids: list[str] = []

    def span(self, first: int, last: int) -> Span:
        tokens = self.doc.tokens
        return Span(*self.doc.raw_span(tokens[first].start, tokens[last - 1].end))

    def build(self, language: str) -> Analysis:
        doc = self.doc
        mentions, found = recognize(doc)
        self.found = found
        self.ids = [f"E{i + 1}" for i in range(len(found))]
        roles = find_roles(doc, mentions, found)
        self.roles = roles
        dates = dates_in(doc.norm, self.published)
        actors = Actors(doc, mentions, found, roles)
        quotes = find_quotes(doc, actors)
        events = ev.find_events(doc, actors, self._date_tokens(dates), self.published)
        names_at = {m.first: (m.last, found[m.entity].name) for m in mentions}
        runs = content_runs(doc, names_at)
        lemma_at = lemmas(doc, runs, names_at)
        weights = word_weights(runs, lemma_at, names_at)
        source = find_source(doc, mentions)
        return Analysis(
            language=language,
            length=len(doc.raw),
            id=self.article.id,
            published=self.published,
            source=None
            if source is None
            else SourceName(
                doc.span_text(source.first, source.last),
                self.span(source.first, source.last),
                self.ids[source.entity] if source.entity >= 0 else None,
            ),
            entities=tuple(self._entity(i, e) for i, e in enumerate(found)),
            dates=tuple(dates),
            quotes=tuple(
                Quote(
                    q.kind,
                    self.span(q.first, q.last),
                    self.span(q.verb_first, q.verb_last),
                    self._actor(q.speaker),
                )
                for q in quotes
            ),
            events=tuple(self._event(e) for e in events),
            keywords=tuple(
                Keyword(k.text, k.score, k.count)
                for k in keywords(doc, runs, lemma_at, weights, names_at)
            ),
            summary=tuple(
                Span(*doc.raw_span(doc.sentences[i].start, doc.sentences[i].end))
                for i in summarize(doc, lemma_at, weights)
            ),
        )

    def _date_tokens(self, dates: list[DateMention]) -> list[tuple[int, int, DateMention]]:
        """Dates with the token range they cover (dates come back in raw offsets)."""
        offsets = self.doc.norm.offsets
        starts = [t.start for t in self.doc.tokens]
        ends = [t.end for t in self.doc.tokens]
        out = []
        for d in dates:
            start, end = offsets.to_norm(d.start, d.end)
            first = bisect_left(ends, start + 1)
            last = bisect_right(starts, end - 1)
            if first < last:
                out.append((first, last, d))
        return out

    def _country(self, index: int) -> str | None:
        entity = self.found[index]
        role = self.roles.get(index)
        if role is not None and role.country:
            return role.country
        return entity.country

    def _actor(self, index: int) -> Actor | None:
        if index < 0:
            return None
        entity = self.found[index]
        return Actor(self.ids[index], entity.name, entity.type, self._country(index))

    def _entity(self, index: int, entity: FoundEntity) -> Entity:
        role = self._role(index, entity)
        return Entity(
            id=self.ids[index],
            type=entity.type,
            name=entity.name,
            mentions=tuple(self.span(m.first, m.last) for m in entity.mentions),
            kind=entity.kind or None if entity.type != "PER" else None,
            country=(role.country if role and role.country else entity.country),
            role=role,
        )

    def _role(self, index: int, entity: FoundEntity) -> Role | None:
        if entity.type != "PER":
            return None
        found: FoundRole | None = self.roles.get(index)
        if found is not None:
            of = found.of
            return Role(
                title=found.title,
                span=self.span(found.first, found.last),
                modifiers=tuple(found.modifiers),
                of=self.ids[of] if of >= 0 else None,
                of_name=self.found[of].name if of >= 0 else None,
                country=found.country,
            )
        known = _known_role(entity.name)
        if known is None:
            return None
        title, country = known
        return Role(title=title, span=None, country=country, source="lexicon")

    def _event(self, e: ev.Event) -> Event:
        tokens = self.doc.tokens
        first, last = self.doc.sentence_tokens[e.sentence]
        sentence = self.doc.sentences[e.sentence]
        return Event(
            category=e.category,
            cameo=e.cameo,
            trigger=self.span(e.first, e.last),
            modality=e.modality,
            source=self._actor(e.source),
            target=self._actor(e.target),
            place=self._actor(e.place),
            date=e.date,
            sentence=Span(*self.doc.raw_span(sentence.start, sentence.end))
            if first < last and tokens
            else None,
            references=tuple(self.span(a, b) for a, b in e.mentions),
        )


def _known_role(name: str) -> tuple[str, str | None] | None:
    """The role khabar's lexicon of well-known people gives ``name``, if any."""
    from khabar.extract.gazetteer import keys_of

    for keys in keys_of(name):
        for n, entries in people().matches(list(keys), 0):
            if n == len(keys) and entries[0].kind:
                return entries[0].kind, entries[0].country
    return None


def analysis_dict(text: str, published: str | None = None, **extra: Any) -> dict[str, Any]:
    """``analyze(text, published).to_dict()`` with ``extra`` keys first (batch output)."""
    return {**extra, **analyze(text, published).to_dict()}
