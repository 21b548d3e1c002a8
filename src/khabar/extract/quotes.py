"""Quotations: direct speech in «…» and reported speech, each with its speaker and verb.

Per sentence: a speech verb (``گفت``, ``تأکید کرد``, ``اعلام کرد`` …, ``data/analysis/
speech_verbs.tsv``) has its speaker in the clause before it (a name, a pronoun, a role noun); a
«…» quotation in the same sentence is what was said, else the words after the verb (after
``:`` or ``که``). A frame (``به گفته X``, ``data/analysis/speech_frames.tsv``) puts the speaker
after it and the content in the rest of the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from khabar.extract.actors import PRONOUNS, Actors
from khabar.extract.document import Document
from khabar.extract.gazetteer import Entry, PhraseIndex, first_match, keys_of, read_rows

MIN_CONTENT_TOKENS = 3
# Verbs that go on with the previous speaker when no subject is given (وی افزود / ادامه داد).
_CONTINUING = frozenset({"add", "continue"})


@dataclass(slots=True)
class Quote:
    first: int  # token range of what was said
    last: int
    kind: str  # direct or reported
    verb_first: int  # token range of the speech verb or frame
    verb_last: int
    speaker: int  # entity index or -1


@cache
def speech_lexicon() -> tuple[PhraseIndex, PhraseIndex]:
    verbs = PhraseIndex()
    for phrase, kind in read_rows("analysis/speech_verbs.tsv", 2):
        for form in (phrase, *_past_perfect(phrase)):
            for keys in keys_of(form):
                verbs.add(keys, Entry("SPEECH", form, kind or "say", None))
    frames = PhraseIndex()
    for frame, slot in read_rows("analysis/speech_frames.tsv", 2):
        if frame.strip() in ("به گزارش",):
            continue  # a byline names the source, not a speaker
        for keys in keys_of(frame):
            frames.add(keys, Entry("FRAME", frame, slot or "after", None))
    return verbs, frames


def find_quotes(doc: Document, actors: Actors) -> list[Quote]:
    verbs, frames = speech_lexicon()
    keys = actors.keys
    quotes: list[Quote] = []
    last_speaker = -1
    speech_firsts = _speech_firsts()
    for first, last in doc.sentence_tokens:
        spans = _quotation_marks(doc, first, last)
        used = False
        k = first  # tokens before k are decided
        # Only where a speech verb or frame may begin is anything looked up.
        for start in [j for j in range(first, last) if keys[j] in speech_firsts]:
            if start < k:
                continue
            k = start
            verb = first_match(verbs.matches(keys, k))
            frame = None if verb else first_match(frames.matches(keys, k))
            if verb is None and frame is None:
                continue
            n, entries = verb or frame  # type: ignore[misc]
            if frame is not None:
                quote = _framed(actors, k, k + n, last, last_speaker)
            else:
                kind = entries[0].kind
                quote = _spoken(actors, spans, first, k, k + n, last, used, kind == "news")
                if quote is not None and quote.speaker < 0 and entries[0].kind in _CONTINUING:
                    quote.speaker = last_speaker
            if quote is not None:
                quotes.append(quote)
                used = used or quote.kind == "direct"
                if quote.speaker >= 0:
                    last_speaker = quote.speaker
                k = max(k + n, quote.last) if quote.first > k else k + n
            else:
                k += n
    return quotes


def _past_perfect(phrase: str) -> tuple[str, ...]:
    """The past perfect of a present perfect form (گفته است → گفته بود، اعلام کرده‌اند →
    اعلام کرده بودند): news uses it for what was said before the reported event."""
    if phrase.endswith("ه است"):
        return (phrase.removesuffix(" است") + " بود",)
    if phrase.endswith("ه‌اند"):
        return (phrase.removesuffix("‌اند") + " بودند",)
    return ()


@cache
def _speech_firsts() -> frozenset[str]:
    verbs, frames = speech_lexicon()
    return verbs.firsts() | frames.firsts()


def _quotation_marks(doc: Document, first: int, last: int) -> list[tuple[int, int]]:
    """Token ranges inside «…» pairs of a sentence that hold a few words at least."""
    spans: list[tuple[int, int]] = []
    if first >= last or doc.text.find("«", doc.tokens[first].start, doc.tokens[last - 1].end) < 0:
        return spans  # most sentences: no quotation mark to pair
    open_at = -1
    for k in range(first, last):
        text = doc.tokens[k].text
        if text == "«":
            open_at = k
        elif text == "»" and open_at >= 0:
            if k - open_at - 1 >= MIN_CONTENT_TOKENS:
                spans.append((open_at + 1, k))
            open_at = -1
    return spans


def _spoken(
    actors: Actors,
    spans: list[tuple[int, int]],
    first: int,
    verb_first: int,
    verb_last: int,
    last: int,
    used: bool,
    news_of: bool = False,
) -> Quote | None:
    """The quotation a speech verb introduces. With ``news_of`` (``X از … خبر داد``), what was
    said may stand before the verb, after the first ``از`` of its clause."""
    doc = actors.doc
    clause_start = _clause_start(actors, first, verb_first)
    speaker = actors.subject(clause_start, verb_first, skip_addressee=True)
    if speaker < 0 and clause_start > first:
        # X، که ریاست … را بر عهده داشت، اظهار داشت: the که clause was X's appositive.
        speaker = actors.subject(first, clause_start, skip_addressee=True)
    if spans and not used:
        inner_first, inner_last = spans[0]
        if inner_last < verb_first:
            # «…», X گفت — the speaker stands between the quotation and the verb.
            between = actors.subject(inner_last + 1, verb_first)
            speaker = between if between >= 0 else speaker
        return Quote(inner_first, inner_last, "direct", verb_first, verb_last, speaker)
    k = verb_last
    if k < last and doc.tokens[k].text in (":", "که"):
        k += 1
    end = last
    if end > k and doc.tokens[end - 1].kind == "punct":
        end -= 1
    if end - k < MIN_CONTENT_TOKENS and news_of:
        of = next((j for j in range(clause_start, verb_first) if actors.keys[j] == "از"), -1)
        if of >= 0 and verb_first - of - 1 >= MIN_CONTENT_TOKENS:
            return Quote(of + 1, verb_first, "reported", verb_first, verb_last, speaker)
    if end - k < MIN_CONTENT_TOKENS:
        return None
    return Quote(k, end, "reported", verb_first, verb_last, speaker)


def _clause_start(actors: Actors, first: int, verb_first: int) -> int:
    """Start of the clause a verb ends: after the last ``که`` or colon before it."""
    for k in range(verb_first - 1, first - 1, -1):
        if actors.keys[k] in ("که", ":", "؛"):
            return k + 1
    return first


def _framed(
    actors: Actors, frame_first: int, frame_last: int, last: int, last_speaker: int
) -> Quote | None:
    """``به گفته X، …``: the speaker right after the frame, then what was said; ``به گفته وی``
    goes on with the last speaker."""
    if frame_last < last and actors.keys[frame_last] in PRONOUNS:
        if last_speaker < 0:
            return None
        speaker, k = last_speaker, frame_last + 1
    else:
        found = actors.in_range(frame_last, min(frame_last + 4, last))
        if not found or found[0].first != frame_last:
            return None
        speaker, k = found[0].entity, found[0].last
    doc = actors.doc
    while k < last and doc.tokens[k].text != "،":
        k += 1  # skip the speaker's appositive
    k += 1
    end = last - 1 if last > 0 and doc.tokens[last - 1].kind == "punct" else last
    if end - k < MIN_CONTENT_TOKENS:
        return None
    return Quote(k, end, "reported", frame_first, frame_last, speaker)
