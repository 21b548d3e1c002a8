"""Events coded in PLOVER categories with a CAMEO code: who did what to whom, when, where.

A trigger from ``data/analysis/triggers.tsv`` opens an event (one per category and sentence).
Its actors come from the clause around it: ``بین X و Y`` names both; a name right after a noun
trigger is its agent (``تحریم‌های غرب``, ``سفر پزشکیان``); otherwise the clause's subject is the
source, and a name after ``با``, ``علیه``, ``به``, ``از`` the target. A place is a city or
country after ``در``/``به`` that is not an actor; the date is the nearest resolved date in the
sentence. Modality comes from cues (``data/analysis/modality.tsv``) and the verb's negation;
an event dated after publication is future. ``این توافق`` in a later sentence refers back: it
completes the last event of its category instead of opening a new one.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import pairwise

from khabar.extract.actors import Actors
from khabar.extract.dates import DateMention
from khabar.extract.document import Document
from khabar.extract.entities import Mention
from khabar.extract.gazetteer import Entry, PhraseIndex, first_match, keys_of, read_rows
from khabar.extract.names import names

_TARGET_MARKERS = frozenset({"با", "علیه", "به", "از", "بر", "ضد", "برای", "درباره"})
_PLACE_MARKERS = frozenset({"در", "به", "وارد"})
_PAIR_MARKERS = frozenset({"بین", "میان"})
_ANAPHORA = frozenset({"این", "آن", "همین"})
# Strength order of modalities when several cues are present.
_MODALITY_ORDER = ("negated", "hypothetical", "future", "announced", "asserted")


@dataclass(slots=True)
class Event:
    category: str
    cameo: str
    first: int  # trigger token range
    last: int
    sentence: int
    source: int = -1  # entity indices
    target: int = -1
    place: int = -1
    date: DateMention | None = None
    modality: str = "asserted"
    mentions: list[tuple[int, int]] = field(default_factory=list)  # later triggers referring back
    clause: tuple[int, int] = (0, 0)  # token range of the trigger's clause


@cache
def trigger_lexicon() -> PhraseIndex:
    index = PhraseIndex()
    for trigger, category, cameo, strength in read_rows("analysis/triggers.tsv", 4):
        if not trigger or not category:
            continue
        for keys in keys_of(trigger):
            index.add(keys, Entry(category, cameo, strength or "strong", None))
    return index


@cache
def modality_lexicon() -> PhraseIndex:
    index = PhraseIndex()
    for cue, modality, scope in read_rows("analysis/modality.tsv", 3):
        for keys in keys_of(cue):
            index.add(keys, Entry("MODALITY", modality, scope, None))
    return index


def find_events(
    doc: Document,
    actors: Actors,
    dates: list[tuple[int, int, DateMention]],
    published: date | None,
) -> list[Event]:
    """Events of ``doc``; ``dates`` are the date mentions with their token ranges."""
    triggers = trigger_lexicon()
    keys = actors.keys
    events: list[Event] = []
    latest: dict[str, Event] = {}
    for sentence, (first, last) in enumerate(doc.sentence_tokens):
        seen: set[str] = set()
        found_here: list[Event] = []
        inherited: DateMention | None = None  # the date of an event this sentence refers back to
        k = first  # tokens before k are decided
        for start in triggers.starts(keys, first, last):
            if start < k:
                continue
            k = start
            match = first_match(triggers.matches(keys, k))
            if match is None:
                continue
            n, entries = match
            entry = entries[0]
            category, cameo = entry.type, entry.canonical
            if category == "AGREE" and _withdrawn_from(keys, k, k + n, last):
                category, cameo = "REJECT", _WITHDRAWAL_CAMEO  # از توافق … خارج شد
            earlier = latest.get(category)
            if earlier is not None and k > first and keys[k - 1] in _ANAPHORA:
                _complete(earlier, actors, dates, first, last, k, k + n)
                earlier.mentions.append((k, k + n))
                seen.add(category)
                inherited = inherited or earlier.date
            elif category not in seen:
                event = _event(actors, dates, category, cameo, first, last, k, k + n)
                verbal = (
                    keys[k + n - 1] in names().light_verbs
                    or entry.kind == "verb"
                    or _before_light_verb(keys, k + n, last)
                )
                if _attested(event, actors, verbal, entry.kind == "weak"):
                    event.sentence = sentence
                    if verbal:
                        _drop_governed(found_here, event, keys)
                    found_here.append(event)
                    latest[category] = event
                    seen.add(category)
            k += n
        events.extend(found_here)
        _share_dates(found_here, inherited)
    for event in events:
        event.modality = _modality(actors, event, published)
    return events


# Leaving an agreement (از توافق … خارج شد) rejects it: CAMEO 127, reject plan or agreement.
_WITHDRAWAL_CAMEO = "127"
_WITHDRAWAL_WINDOW = 8
# Forms of شدن after خارج, as token keys (half-spaces removed).
_BECOME = frozenset(
    {"شد", "شدند", "شود", "شوند", "شده", "نشد", "نشدند", "نشود", "نشوند", "خواهد", "خواهند"}
    | {"میشود", "میشوند", "نمیشود", "نمیشوند", "شدهاند", "شدهاست"}
)


def _withdrawn_from(keys: list[str], t_first: int, t_last: int, last: int) -> bool:
    """Whether an agreement trigger is what someone leaves: ``از`` before it and ``خارج شد``
    (or another form of leaving) a few words after it, in the same clause."""
    if t_first == 0 or keys[t_first - 1] != "از":
        return False
    for j in range(t_last, min(last - 1, t_last + _WITHDRAWAL_WINDOW)):
        if keys[j] in _CLAUSE_BREAKS:
            return False
        if keys[j] == "خارج" and keys[j + 1] in _BECOME:
            return True
    return False


def _event(
    actors: Actors,
    dates: list[tuple[int, int, DateMention]],
    category: str,
    cameo: str,
    first: int,
    last: int,
    t_first: int,
    t_last: int,
) -> Event:
    event = Event(category, cameo, t_first, t_last, 0)
    keys = actors.keys
    clause, clause_end = _clause(keys, first, last, t_first, t_last)
    mentions = actors.in_range(clause, clause_end)
    place = _place(keys, mentions, t_last)
    if place is not None:
        event.place = place.entity
    candidates = [m for m in mentions if m is not place]
    pair = _pair(keys, candidates, clause, t_first)
    if pair is not None:
        event.source, event.target = pair
    else:
        agent = next((m for m in candidates if m.first == t_last), None)
        if agent is not None:
            event.source = agent.entity
        else:
            exclude = (place,) if place else ()
            event.source = actors.subject(clause, t_first, exclude=exclude)
            if event.source < 0 and clause > first:
                # The clause has no subject of its own: it shares the sentence's
                # (عراق اعلام کرد که توافق را امضا نکرد).
                event.source = actors.subject(first, clause, skip_addressee=True, exclude=exclude)
        event.target = _target(keys, candidates, t_last, event.source)
        if event.target < 0:
            event.target = _object(keys, candidates, clause, t_first, event.source)
    if event.target == event.source:
        event.target = -1
    event.date = _nearest_date(dates, clause, clause_end, t_first, keys) or _nearest_date(
        dates, first, last, t_first, keys
    )
    event.clause = (clause, clause_end)
    return event


def _attested(event: Event, actors: Actors, verbal: bool, weak: bool) -> bool:
    """Is there enough around a trigger to call it an event?

    A noun with nobody acting is a topic (``توافق قبلی``); a weak noun (``نشست``, ``همکاری``)
    needs someone acting on someone. A statement is an institution's (کرملین اعلام کرد) or an
    office holder's; what anyone else says is a quotation.
    """
    if event.category == "STATEMENT":
        if event.source < 0:
            return False
        source = actors.entities[event.source]
        return source.type in ("ORG", "LOC") or event.source in actors.roles
    if event.source < 0:
        return False
    return verbal or not weak or event.target >= 0


def _before_light_verb(keys: list[str], k: int, last: int) -> bool:
    """Does a light verb follow (``امضا کرد``, ``امضا خواهند کرد``, ``به امضا رسید``)?"""
    light = names().light_verbs
    return any(keys[j] in light or keys[j][1:] in light for j in range(k, min(k + 2, last)))


def _drop_governed(events: list[Event], verbal: Event, keys: list[str]) -> None:
    """Noun triggers of other categories that a verbal trigger governs are its objects.

    ``از توافق هسته‌ای خارج شد``: the agreement is what was left, not an agreement event.
    """
    start = verbal.clause[0]
    events[:] = [
        e
        for e in events
        if not (
            e.category != verbal.category
            and start <= e.first < verbal.first
            and e.last - e.first == 1
        )
    ]


def _complete(
    event: Event,
    actors: Actors,
    dates: list[tuple[int, int, DateMention]],
    first: int,
    last: int,
    t_first: int,
    t_last: int,
) -> None:
    """Fill what a later anaphoric mention (``این توافق``) adds to an earlier event."""
    mentions = actors.in_range(first, last)
    if event.place < 0:
        place = _place(actors.keys, mentions, first)
        if place is not None and place.entity not in (event.source, event.target):
            event.place = place.entity
    if event.date is None:
        event.date = _nearest_date(dates, first, last, t_first, actors.keys)


_DATE_MARKERS = frozenset({"در", "از", "تا", "،", "که"})
_CLAUSE_BREAKS = frozenset({"که", ":", "؛", "تا"})


def _clause(keys: list[str], first: int, last: int, t_first: int, t_last: int) -> tuple[int, int]:
    """The clause around a trigger: between the nearest ``که``, colons or semicolons."""
    start, end = first, last
    for k in range(t_first - 1, first - 1, -1):
        if keys[k] in _CLAUSE_BREAKS:
            start = k + 1
            break
    for k in range(t_last, last):
        if keys[k] in _CLAUSE_BREAKS:
            end = k
            break
    return start, end


def _place(keys: list[str], mentions: list[Mention], after: int) -> Mention | None:
    """A city (or failing that any place) right after ``در``/``به``; cities first."""
    best = None
    for m in mentions:
        if m.type != "LOC" or m.first == 0 or keys[m.first - 1] not in _PLACE_MARKERS:
            continue
        if m.kind in ("city", "capital"):
            return m
        if best is None and m.kind not in ("country", "bloc"):
            best = m
    return best


def _pair(
    keys: list[str], mentions: list[Mention], clause: int, trigger: int
) -> tuple[int, int] | None:
    """Two actors at once: ``بین X و Y``, or ``X و Y`` opening the clause before its trigger
    (``ایران و عراق … به توافق رسیدند``)."""
    for a, b in pairwise(mentions):
        joined = b.first == a.last + 1 and keys[a.last] == "و" and a.entity != b.entity
        if not joined:
            continue
        if a.first > 0 and keys[a.first - 1] in _PAIR_MARKERS:
            return a.entity, b.entity
        if a.first == clause and b.last <= trigger:
            return a.entity, b.entity
    return None


def _target(keys: list[str], mentions: list[Mention], after: int, source: int) -> int:
    """The first name after a target marker (با, علیه, به …): after the trigger for a noun
    (``دیدار با X``), anywhere in the clause for a verb (``با X دیدار کرد``)."""
    marked = [
        m
        for m in mentions
        if m.entity != source and m.first > 0 and keys[m.first - 1] in _TARGET_MARKERS
    ]
    after_trigger = [m for m in marked if m.first >= after]
    best = after_trigger or marked
    return best[0].entity if best else -1


def _object(
    keys: list[str], mentions: list[Mention], clause: int, t_first: int, source: int
) -> int:
    """The direct object of a trigger: the name right before ``را`` ahead of it, or before
    the appositive that precedes ``را`` (پلیس X، مدیرعامل …، را دستگیر کرد)."""
    marker = next((k for k in range(t_first - 1, clause - 1, -1) if keys[k] == "را"), -1)
    if marker <= clause:
        return -1
    end = marker
    if keys[end - 1] == "،":  # an appositive: the name ends where it begins
        end = next((k for k in range(end - 2, clause - 1, -1) if keys[k] == "،"), -1)
    return next(
        (m.entity for m in mentions if m.last == end and m.entity != source),
        -1,
    )


def _nearest_date(
    dates: list[tuple[int, int, DateMention]], first: int, last: int, pos: int, keys: list[str]
) -> DateMention | None:
    """The date of a clause ``[first, last)`` nearest to token ``pos``; ``dates`` are sorted."""
    best = None
    best_rank = (0, 0)
    for d_first, d_last, mention in dates[bisect_left(dates, (first,)) :]:
        if d_first >= last:
            break
        if d_last > last or mention.value is None:
            continue
        # An adverbial date (در سال ۲۰۱۸, روز دوشنبه) dates the clause's event; one that follows
        # a noun (توافق سال ۲۰۱۵) dates that noun.
        adverbial = d_first == 0 or keys[d_first - 1] in _DATE_MARKERS or keys[d_first] == "روز"
        rank = (0 if adverbial else 1, min(abs(d_first - pos), abs(d_last - pos)))
        if best is None or rank < best_rank:
            best, best_rank = mention, rank
    return best


def _share_dates(events: list[Event], inherited: DateMention | None) -> None:
    """Undated events of a sentence take the date another event of it has, or the date of
    the event the sentence refers back to (``این توافق در جریان سفر … امضا می‌شود``)."""
    dated = next((e.date for e in events if e.date is not None), inherited)
    for event in events:
        if event.date is None:
            event.date = dated


def _modality(actors: Actors, event: Event, published: date | None) -> str:
    first, last = event.clause
    keys = actors.keys
    found: set[str] = set()
    cues = modality_lexicon()
    for k in cues.starts(keys, first, last):
        for _, entries in cues.matches(keys, k):
            found.add(entries[0].canonical)
            break
    if _negated(keys, event.last, last):  # last: the clause's end
        found.add("negated")
    if "future" not in found and published is not None and event.date is not None:
        value = event.date.value or ""
        if len(value) == 10 and value > published.isoformat():
            found.add("future")
    for modality in _MODALITY_ORDER:
        if modality in found:
            return modality
    return "asserted"


def _negated(keys: list[str], after: int, last: int) -> bool:
    """Is the verb that completes the trigger negated (``امضا نکرد``, ``نمی‌کند``)?

    The verb is the first light verb (or ``می``-verb) after the trigger in its clause.
    """
    light = names().light_verbs
    for k in range(after, last):
        key = keys[k]
        if key.startswith("نمی") or (key.startswith("ن") and key[1:] in light):
            return True
        if key in light or key.startswith("می"):
            return False
    return False
