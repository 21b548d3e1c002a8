"""Named entities without a downloaded model: gazetteers, name lexicons, patterns, coreference.

The recognizer walks the tokens of a :class:`~khabar.extract.document.Document` once. At each
position it weighs what the gazetteers know (longest match), a head word that opens a name
(``وزارت …``, ``فرودگاه …``), and the shape of a person's name (a title, given names, a
surname); the longest reading wins. Titles in quotation marks after a head (``روزنامه روسی
«کومرسانت»``, ``فیلم «…»``) are found first. A last pass links mentions into entities: a lone
surname joins the full name it belongs to, and later occurrences of a known surname are
mentions too.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import cache

from khabar.extract.document import NAME_KINDS, Document
from khabar.extract.gazetteer import (
    Entry,
    PhraseIndex,
    gazetteer,
    keys_of,
    people,
    read_rows,
    zipf,
)
from khabar.extract.memo import WordMemo
from khabar.extract.names import Names, names

TYPES = ("PER", "ORG", "LOC", "FAC", "EVENT", "PRO")
# Preference among entries of one surface when the context does not decide.
_TYPE_ORDER = {"LOC": 0, "ORG": 1, "PER": 2, "FAC": 3, "EVENT": 4, "PRO": 5}
MAX_NAME_TOKENS = 7
# Words that introduce a source or a quotation's origin: a weak ORG name after them is a name.
# Words before a medium's name (به گزارش مهر، به خبرنگار مهر گفت، در گفت‌وگو با مهر): a
# listed name that is also a common word is the medium there (keys: half-spaces removed).
_BYLINE = (
    ("به", "گزارش"),
    ("به", "نقل", "از"),
    ("منبع",),
    ("خبرنگار",),
    ("گفتوگو", "با"),
    ("گفت", "وگو", "با"),
    ("مصاحبه", "با"),
)
# Words before a weak bloc name (غرب) that make it a direction instead.
_DIRECTION_BEFORE = frozenset({"شمال", "جنوب", "شرق", "غرب", "سمت", "طرف", "سوی", "مناطق"})
# Common nouns before a place name that stay outside its span (استان زنجان → زنجان).
GENERIC_PLACE_HEADS = frozenset({"استان", "شهر", "شهرستان", "روستای", "روستا", "بخش"})
_DIRECTION_AFTER = frozenset({"کشور", "استان", "شهر", "منطقه", "شهرستان", "آسیا", "اروپا"})


@dataclass(slots=True)
class Mention:
    first: int  # token range [first, last)
    last: int
    type: str
    canonical: str
    country: str | None = None
    kind: str = ""
    entity: int = -1  # index into the entity list, set when entities are linked
    unit: bool = False  # a descriptive unit name, kept only before its organization's name


@dataclass(slots=True)
class Entity:
    type: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None
    kind: str = ""


def recognize(doc: Document) -> tuple[list[Mention], list[Entity]]:
    """Every entity mention of ``doc`` in text order, and the entities they belong to."""
    lex = names()
    keys = doc.keys
    taken = [False] * len(keys)
    mentions = _quoted_titles(doc, keys, lex, taken)
    titles = list(mentions)
    may_start = _MAY_START
    # Only where some rule may begin a name is anything tried: one token in eight.
    starts = [i for i, t in enumerate(doc.tokens) if t.kind in NAME_KINDS and may_start[t.key]]
    i = 0  # tokens before i are decided
    for start in starts:
        if start < i or taken[start]:
            continue
        found = _best_at(doc, keys, start, lex, taken)
        if found is None:
            continue
        mentions.append(found)
        for k in range(found.first, found.last):
            taken[k] = True
        i = found.last
    _one_sense(doc, mentions, titles)
    mentions.sort(key=lambda m: m.first)
    mentions = _merge_routes(doc, keys, _merge_units(doc, mentions))
    entities = _link(doc, keys, mentions, taken)
    return mentions, entities


def _one_sense(doc: Document, mentions: list[Mention], titles: list[Mention]) -> None:
    """A «title» typed by its head (مدل زبانی با نام «دماوند») names the same thing when its
    words come back unquoted: those mentions take its type (دماوند the model, not the
    mountain)."""
    typed = {m.canonical: m for m in titles}
    for m in mentions:
        title = typed.get(doc.span_text(m.first, m.last))
        if title is not None and m.type != title.type:
            m.type, m.canonical, m.country, m.kind = title.type, title.canonical, None, ""


def _merge_units(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """An organization right after another is the unit it belongs to: ``قرارگاه قدس`` +
    ``نیروی زمینی سپاه``, ``مؤسسه ژئوفیزیک`` + ``دانشگاه تهران`` make one name (the outer one
    is marked, never the parts); so does a state's official name after an organization
    (``فدراسیون فوتبال`` + ``جمهوری اسلامی ایران``)."""
    merged: list[Mention] = []
    for m in mentions:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.type == "ORG"
            and (
                m.type == "ORG"
                or (m.type == "LOC" and m.last - m.first > 1 and m.kind == "country")
            )
            and prev.last == m.first
            and _same_sentence(doc, prev.first, m.first)
        ):
            prev.last = m.last
            prev.canonical = doc.span_text(prev.first, m.last)
            prev.country = prev.country or m.country
            prev.unit = m.unit
            continue
        if prev is not None and prev.unit:
            merged.pop()  # a unit without its organization is a description after all
        merged.append(m)
    if merged and merged[-1].unit:
        merged.pop()
    return merged


@cache
def _phrase_list(name: str) -> PhraseIndex:
    """A one-column data file of words and phrases, to look up in token keys."""
    index = PhraseIndex()
    for (phrase,) in read_rows(name, 1):
        for phrase_keys in keys_of(phrase):
            index.add(phrase_keys, Entry("LIST", phrase, name, None))
    return index


def _merge_routes(doc: Document, keys: list[str], mentions: list[Mention]) -> list[Mention]:
    """A route named by its two ends is one facility: ``راه‌آهن`` + ``رشت`` + ``-`` +
    ``آستارا``; the head may have been read as an organization of its own (راه‌آهن)."""
    heads = _phrase_list("gazetteer/route_heads.txt")
    out: list[Mention] = []
    for m in mentions:
        out.append(m)
        if len(out) < 2 or m.type != "LOC" or out[-2].type != "LOC":
            continue
        first, second = out[-2], out[-1]
        if second.first != first.last + 1 or doc.tokens[first.last].text != "-":
            continue
        # The head ends where the first place begins: one or two words before it.
        head_first = next(
            (
                k
                for k in range(max(0, first.first - 2), first.first)
                if any(k + n == first.first for n, _ in heads.matches(keys, k))
            ),
            -1,
        )
        if head_first < 0:
            continue
        del out[-2:]
        if out and out[-1].last > head_first:
            out.pop()  # راه‌آهن taken for the railway company
        route = doc.span_text(head_first, second.last)
        out.append(Mention(head_first, second.last, "FAC", route, first.country))
    return out


# --- candidates at one position ----------------------------------------------------------


def _best_at(
    doc: Document, keys: list[str], i: int, lex: Names, taken: list[bool]
) -> Mention | None:
    known, head, person = _RULES[keys[i]]  # a rule that cannot apply here finds nothing
    candidates = [
        _gazetteer_at(doc, keys, i, lex) if known else None,
        _head_at(doc, keys, i, lex) if head else None,
        _person_at(doc, keys, i, lex) if person else None,
    ]
    best: Mention | None = None
    for cand in candidates:
        if cand is None or True in taken[cand.first : cand.last]:
            continue
        if best is None or cand.last - cand.first > best.last - best.first:
            best = cand
        if cand is candidates[0] and cand.last - cand.first > 1:
            break  # a known multiword name beats a head word's guess at its extent
    if best is not None and best.type == "ORG":
        _trim_country(keys, best, lex)
    if best is not None and best.type == "EVENT":
        _widen_event(doc, keys, best, taken)
    return best


def _widen_event(doc: Document, keys: list[str], mention: Mention, taken: list[bool]) -> None:
    """A named event takes its edition and year: ``چهل‌وسومین جشنواره … فجر``, ``جام جهانی
    ۲۰۲۶``, ``هفتمین دوره انتخابات …``."""
    first = mention.first
    if first > 0 and keys[first - 1] == "دوره" and first > 1 and keys[first - 2].endswith("مین"):
        first -= 2
    elif first > 0 and keys[first - 1].endswith("مین") and doc.tokens[first - 1].kind == "word":
        first -= 1
    free = True not in taken[first : mention.first]
    if first < mention.first and free and _same_sentence(doc, first, mention.first):
        mention.first = first
    last = mention.last
    year = last < len(keys) and doc.tokens[last].kind == "number" and len(keys[last]) == 4
    if year and _same_sentence(doc, mention.first, last):
        mention.last = last + 1


def _trim_country(keys: list[str], mention: Mention, lex: Names) -> None:
    """``وزارت امور خارجه روسیه``: the country after a descriptive head is its own entity."""
    if keys[mention.first] not in lex.descriptive_heads or mention.last - mention.first < 3:
        return
    if any(
        k + _official_country_at(keys, k) == mention.last
        for k in range(mention.first + 1, mention.last - 1)
    ):
        return  # ارتش جمهوری اسلامی ایران: the official name of the state is the name's
    for n, entries in gazetteer().matches(keys, mention.last - 1):
        if n == 1 and any(e.type == "LOC" and e.kind == "country" for e in entries):
            mention.last -= 1
            if mention.canonical and " " in mention.canonical:
                mention.canonical = mention.canonical.rsplit(" ", 1)[0]
            return


def _same_sentence(doc: Document, i: int, j: int) -> bool:
    return doc.tokens[i].sentence == doc.tokens[j].sentence


def _context_types(doc: Document, keys: list[str], i: int, lex: Names) -> set[str]:
    """Entity types the words right before position ``i`` call for."""
    types: set[str] = set()
    for back in (1, 2):
        j = i - back
        if j < 0 or not _same_sentence(doc, i, j):
            break
        for n, entries in lex.heads.matches(keys, j):
            if j + n == i:
                types.update(e.type for e in entries)
    for phrase in _BYLINE:
        n = len(phrase)
        if i - n >= 0 and tuple(keys[i - n : i]) == phrase:
            types.add("ORG")
    if _sport_report(doc):
        types.add("club")  # a kind: _choose takes a club's name that is also a common word
    return types


_SPORT: weakref.WeakKeyDictionary[Document, bool] = weakref.WeakKeyDictionary()


def _sport_report(doc: Document) -> bool:
    """Whether the article is a sports report (data/gazetteer/sport_cues.txt), once per text."""
    found = _SPORT.get(doc)
    if found is None:
        cues = _phrase_list("gazetteer/sport_cues.txt")
        keys = doc.keys
        found = _SPORT[doc] = any(cues.matches(keys, k) for k in cues.starts(keys, 0, len(keys)))
    return found


def _choose(entries: list[Entry], wanted: set[str]) -> Entry | None:
    for entry in entries:
        if entry.type in wanted or entry.kind in wanted:
            return entry
    strong = [e for e in entries if not e.weak]
    if not strong:
        return None
    return min(strong, key=lambda e: _TYPE_ORDER.get(e.type, 9))


def _gazetteer_at(doc: Document, keys: list[str], i: int, lex: Names) -> Mention | None:
    wanted: set[str] | None = None
    for index in (gazetteer(), people()):
        for n, entries in index.matches(keys, i):
            if not _same_sentence(doc, i, i + n - 1):
                continue
            if wanted is None:
                wanted = _context_types(doc, keys, i, lex)
            entry = _choose(entries, wanted)
            if entry is None and n == 1:
                entry = _bloc(doc, keys, i, entries)
            if (
                entry is not None
                and n == 2
                and keys[i] in lex.descriptive_heads
                and _is_country(keys, i + 1)
            ):
                return None  # ارتش عراق، دولت ایران: a description; the country is the name
            if entry is not None:
                start = i + 1 if n > 1 and keys[i] in GENERIC_PLACE_HEADS else i
                return Mention(start, i + n, entry.type, entry.canonical, entry.country, entry.kind)
    return None


def _bloc(doc: Document, keys: list[str], i: int, entries: list[Entry]) -> Entry | None:
    """A weak bloc name (غرب) is a place unless a neighbour makes it a direction."""
    bloc = next((e for e in entries if e.type == "LOC" and e.kind == "bloc"), None)
    if bloc is None:
        return None
    if i > 0 and keys[i - 1] in _DIRECTION_BEFORE:
        return None
    if i + 1 < len(keys) and (keys[i + 1] in _DIRECTION_AFTER or keys[i + 1] in place_firsts()):
        return None
    return bloc


@cache
def place_firsts() -> frozenset[str]:
    """Keys that begin some place name (used to tell ``غرب تهران`` from ``غرب``)."""
    return gazetteer().first_keys_of(lambda e: e.type == "LOC" and not e.weak)


def _rules(key: str) -> tuple[bool, bool, bool]:
    """Which rules may find a name that starts at a token with this key: a gazetteer's or the
    list of people's, a head word's, a person's (a title or a given name)."""
    lex = names()
    return (
        key in _known_firsts(),
        key in _head_firsts(),
        key in _title_firsts() or lex.is_given(key),
    )


@cache
def _known_firsts() -> frozenset[str]:
    return gazetteer().firsts() | people().firsts()


@cache
def _head_firsts() -> frozenset[str]:
    return names().heads.firsts()


@cache
def _title_firsts() -> frozenset[str]:
    return names().titles.firsts()


# Asked of every token: _RULES for the rules that may apply, _MAY_START whether any does.
_RULES: WordMemo[tuple[bool, bool, bool]] = WordMemo(_rules)
_MAY_START: WordMemo[bool] = WordMemo(lambda key: any(_RULES[key]))


def _nameish(doc: Document, keys: list[str], j: int, lex: Names) -> bool:
    """Could token ``j`` continue a name (a word, not a function word or a verb)?"""
    tok = doc.tokens[j]
    if tok.kind not in NAME_KINDS:
        return False
    key = keys[j]
    return key not in lex.stopwords and not _verb_like(key)


def _verb_like(key: str) -> bool:
    return key.startswith(("می", "نمی")) and len(key) > 4 and key.endswith(("د", "ند", "م", "ید"))


def _head_at(doc: Document, keys: list[str], i: int, lex: Names) -> Mention | None:
    for n, entries in lex.heads.matches(keys, i):
        entry = next((e for e in entries if e.kind == "strong"), None)
        if entry is None:
            continue
        j = i + n
        if keys[i] in GENERIC_PLACE_HEADS:
            # استان X, شهر X: the common noun stays outside; an unknown name is one word.
            verb = j + 1 < len(keys) and keys[j + 1] in lex.light_verbs
            if j < len(keys) and _nameish(doc, keys, j, lex) and _same_sentence(doc, i, j):
                return None if verb else Mention(j, j + 1, "LOC", doc.span_text(j, j + 1))
            return None
        if any(doc.tokens[k].text == "«" for k in range(j, min(j + 2, len(keys)))):
            return None  # روزنامه روسی «کومرسانت»: the quoted title is the name
        if (
            keys[i] in lex.descriptive_heads
            and j < len(keys)
            and _is_country(keys, j)
            and _official_country_at(keys, j) <= 1
        ):
            return None  # ارتش عراق، دولت ایران: a description; the country is the name
        if j < len(keys) and _nationality(keys[j]):
            # شرکت آمریکایی ورتکس: the head and the adjective describe; the name follows —
            # a listed one whole (شرکت آمریکایی اوپن ای آی).
            listed = _gazetteer_at(doc, keys, j + 1, lex) if j + 1 < len(keys) else None
            if listed is not None and listed.type == entry.type:
                return listed
            k = j + 1
            while k < len(keys) and k - j <= 3 and _propername(doc, keys, k, lex):
                k += 1
            return Mention(j + 1, k, entry.type, doc.span_text(j + 1, k)) if k > j + 1 else None
        end = j
        titled = False  # فرودگاه امام خمینی: a title lets a person's name into the name
        while end < len(keys) and end - i < MAX_NAME_TOKENS and _same_sentence(doc, i, end):
            if (
                keys[end] == "و"
                and entry.type == "ORG"
                and end > j
                and end + 1 < len(keys)
                and _nameish(doc, keys, end + 1, lex)
                and not lex.heads.matches(keys, end + 1)
            ):
                end += 1  # صندوق نوآوری و شکوفایی
                continue
            official = _official_country_at(keys, end)
            if official:
                end += official  # شرکت راه‌آهن جمهوری اسلامی ایران
                break
            if not _nameish(doc, keys, end, lex) or (lex.is_given(keys[end]) and not titled):
                break
            titled = bool(lex.titles.matches(keys, end))
            if end > j and entry.type == "FAC" and _is_place(keys, end):
                break  # بیمارستان نمازی شیراز: the city is where it stands, not its name
            if end + 1 < len(keys) and keys[end + 1] in lex.light_verbs:
                break  # ارسال شود: the word belongs to the verb
            if end > j and _is_country(keys, end):
                end += 1  # a country ends a name; _trim_country gives it back where descriptive
                break
            if end > j and lex.heads.matches(keys, end):
                break
            end += 1
        while end > j and keys[end - 1] == "و":
            end -= 1
        # A head followed by common words only is a description (شرکت پیمانکار, کمیته فنی),
        # unless it is a gazetteer's name, which has already been tried…
        if end > j and any(_propername(doc, keys, k, lex) for k in range(j, end)):
            return Mention(i, end, entry.type, doc.span_text(i, end))
        # …or a unit of the organization named next (دانشکده حقوق دانشگاه تهران), which holds
        # only if that name is found (see _merge_units).
        if end > j and entry.type == "ORG" and end < len(keys) and lex.heads.matches(keys, end):
            return Mention(i, end, "ORG", doc.span_text(i, end), unit=True)
    return None


# Below this Zipf frequency a word is more likely part of a name than a common word.
PROPER_ZIPF = 3.6


def _propername(doc: Document, keys: list[str], k: int, lex: Names) -> bool:
    """Does token ``k`` look like (part of) a proper name rather than a common word?"""
    tok = doc.tokens[k]
    if tok.kind in ("latin", "number"):
        return True
    if tok.kind != "word" or keys[k] in lex.stopwords:
        return False
    return (
        bool(gazetteer().matches(keys, k))
        or keys[k] in lex.surnames
        or lex.is_given(keys[k])
        or zipf(keys[k]) < PROPER_ZIPF
    )


@cache
def _places_by_key() -> frozenset[str]:
    return gazetteer().first_keys_of(
        lambda e: e.type == "LOC" and e.kind in ("country", "city", "capital")
    )


def _nationality(key: str) -> bool:
    """An adjective of nationality or origin: روسی, آمریکایی, فرانسوی, ترکیه‌ای, ژاپنی."""
    if not key.endswith("ی") or len(key) < 4:
        return False
    places = _places_by_key()
    # روسی ← روسیه, آمریکایی ← آمریکا, فرانسوی ← فرانسه, ترکیه‌ای ← ترکیه, ژاپنی ← ژاپن
    stems = (key[:-1], key[:-2], key[:-1] + "ه", key[:-1] + "یه", key[:-2] + "ه")
    return any(stem in places for stem in stems)


def _official_country_at(keys: list[str], k: int) -> int:
    """Tokens of a country's official long name starting at ``k`` (``جمهوری اسلامی ایران``,
    ``پادشاهی متحده``), or 0."""
    for n, entries in gazetteer().matches(keys, k):
        if n > 1 and any(e.type == "LOC" and e.kind == "country" for e in entries):
            return n
    return 0


def _is_place(keys: list[str], j: int) -> bool:
    return any(
        e.type == "LOC" and not e.weak
        for _, entries in gazetteer().matches(keys, j)
        for e in entries
    )


def _is_country(keys: list[str], j: int) -> bool:
    for _, entries in gazetteer().matches(keys, j):
        if any(e.type == "LOC" and e.kind == "country" for e in entries):
            return True
    return False


def _person_at(doc: Document, keys: list[str], i: int, lex: Names) -> Mention | None:
    j = i
    titled = False
    while j < len(keys):
        step = next((n for n, _ in lex.titles.matches(keys, j)), 0)
        if not step:
            break
        if titled and step == 1 and lex.is_given(keys[j]) and _surname_follows(doc, keys, j, lex):
            break  # سرلشکر امیر حاتمی: امیر is the given name here, not a second title
        titled = True
        j += step
    start = j
    if titled and start < len(keys):
        # دریادار شهرام ایرانی: a known person after a title, whatever their surname looks like
        for n, entries in people().matches(keys, start):
            entry = next((e for e in entries if e.type == "PER"), None)
            if entry is not None and _same_sentence(doc, start, start + n - 1):
                return Mention(start, start + n, "PER", entry.canonical, entry.country)
    given = 0
    while j < len(keys) and lex.is_given(keys[j]) and given < 3 and _nameish(doc, keys, j, lex):
        given += 1
        j += 1
    if (
        given == 0
        and j + 1 < len(keys)
        and lex.is_given(keys[j])
        and doc.tokens[j].kind in NAME_KINDS
        and _nameish(doc, keys, j + 1, lex)
        and _role_after(doc, keys, j + 2)
    ):
        # A given name that is also a common word (بهمن، آذر) before a surname and an
        # appositive role: «بهمن کیانی، مدیرعامل …».
        return Mention(j, j + 2, "PER", doc.span_text(j, j + 2))
    if given == 0:
        if titled and j < len(keys) and _nameish(doc, keys, j, lex) and lex.surname_score(keys[j]):
            return Mention(start, j + 1, "PER", doc.span_text(start, j + 1))
        return None
    # Arabic patronymics: محمد بن سلمان
    if j + 1 < len(keys) and keys[j] in ("بن", "ابن") and _nameish(doc, keys, j + 1, lex):
        j += 2
    if j < len(keys) and _same_sentence(doc, start, j) and _nameish(doc, keys, j, lex):
        score = lex.surname_score(keys[j])
        needed = 0.3 if titled else 0.5
        if lex.given_ambiguous(keys[start]) and not titled:
            needed = 0.9
        if score >= needed or _role_after(doc, keys, j + 1):
            j += 1
            if j < len(keys) and keys[j] in lex.surnames and _same_sentence(doc, start, j):
                j += 1  # two-word surnames: هاشمی رفسنجانی
            return Mention(start, j, "PER", doc.span_text(start, j))
    unambiguous = not any(lex.given_ambiguous(k) for k in keys[start:j])
    if titled or (given >= 2 and unambiguous):
        return Mention(start, j, "PER", doc.span_text(start, j))
    return None


def _role_after(doc: Document, keys: list[str], k: int) -> bool:
    """Whether an appositive role follows at ``k`` (``، رئیس سازمان …``): the word before it
    is then the surname of the given name before that, whatever the word looks like."""
    from khabar.extract.roles import role_at  # roles builds on this module

    return (
        k + 1 < len(keys)
        and keys[k] == "،"
        and _same_sentence(doc, k, k + 1)
        and role_at(doc, keys, k + 1) is not None
    )


def _surname_follows(doc: Document, keys: list[str], j: int, lex: Names) -> bool:
    k = j + 1
    return k < len(keys) and _nameish(doc, keys, k, lex) and lex.surname_score(keys[k]) >= 0.5


# --- quoted titles ----------------------------------------------------------------------


def _quoted_titles(doc: Document, keys: list[str], lex: Names, taken: list[bool]) -> list[Mention]:
    """«Titles» after a head that types them (فیلم «…»), and the same title quoted again
    elsewhere in the text without one (سیمرغ به «…» رسید)."""
    found: list[Mention] = []
    if "«" not in doc.text:
        return found
    bare: list[tuple[int, int]] = []  # titles no head types, typed by a namesake below
    for a, tok in enumerate(doc.tokens):
        if tok.text != "«":
            continue
        b = a + 1
        while b < len(keys) and b - a <= MAX_NAME_TOKENS and doc.tokens[b].text != "»":
            b += 1
        if b >= len(keys) or doc.tokens[b].text != "»" or b == a + 1:
            continue
        if not all(
            doc.tokens[k].kind in NAME_KINDS or doc.tokens[k].text in "-:" for k in range(a + 1, b)
        ):
            continue
        entry_type = _title_head(keys, a, lex)
        if entry_type is None and found and a >= 2 and keys[a - 1] == "و":
            previous = found[-1]
            if previous.last + 1 == a - 1:  # «قدیر» و «نصیر»
                entry_type = previous.type
        if entry_type is None:
            bare.append((a + 1, b))
            continue
        found.append(Mention(a + 1, b, entry_type, doc.span_text(a + 1, b)))
    typed = {m.canonical: m.type for m in found}
    for first, last in bare:
        text = doc.span_text(first, last)
        if text in typed:
            found.append(Mention(first, last, typed[text], text))
    found.sort(key=lambda m: m.first)
    for m in found:
        for k in range(m.first, m.last):
            taken[k] = True
    return found


def _title_head(keys: list[str], a: int, lex: Names) -> str | None:
    """The type a head gives the «title» at ``a``: up to three words back, over adjectives
    (ماهواره سنجشی «…»), in plural or ezafe form (موشک‌های کروز «…», خودروی «…»); a title
    coordinated with one before it (``«قدیر» و «نصیر»``) shares its type; ``با نام «…»``
    names a work."""
    for back in (1, 2, 3, 4):
        j = a - back
        if j < 0:
            return None
        key = keys[j]
        for form in (key, key.removesuffix("های"), key.removesuffix("ها"), key.removesuffix("ی")):
            if form in lex.title_heads:
                return lex.title_heads[form]
        if key in ("نام", "عنوان") and back == 1:
            return "PRO"
        if key in lex.stopwords and key != "و":
            return None
    return None


# --- linking ----------------------------------------------------------------------------


def _link(
    doc: Document, keys: list[str], mentions: list[Mention], taken: list[bool]
) -> list[Entity]:
    entities: list[Entity] = []
    by_name: dict[tuple[str, str], int] = {}
    surnames: dict[str, int] = {}
    mentions.sort(key=lambda m: (-(m.last - m.first) if m.type == "PER" else 0, m.first))
    for m in mentions:
        if m.type == "PER":
            index = _person_entity(m, keys, entities, surnames)
        else:
            index = by_name.get((m.type, m.canonical), -1)
        if index < 0:
            index = len(entities)
            entities.append(Entity(m.type, m.canonical, country=m.country, kind=m.kind))
            by_name[(m.type, m.canonical)] = index
            if m.type == "PER" and m.last - m.first >= 2:
                surnames.setdefault(keys[m.last - 1], index)
        m.entity = index
        entities[index].mentions.append(m)
    # Later bare surnames of people named in full are mentions as well.
    for k in [k for k, key in enumerate(keys) if key in surnames]:
        index = surnames[keys[k]]
        if not taken[k] and doc.tokens[k].kind == "word":
            m = Mention(k, k + 1, "PER", entities[index].name, entity=index)
            mentions.append(m)
            entities[index].mentions.append(m)
            taken[k] = True
    _link_short_heads(doc, keys, entities, mentions, taken)
    for entity in entities:
        entity.mentions.sort(key=lambda m: m.first)
    return entities


@cache
def _short_heads() -> frozenset[str]:
    return frozenset(row[0] for row in read_rows("gazetteer/short_heads.txt", 1))


def _link_short_heads(
    doc: Document,
    keys: list[str],
    entities: list[Entity],
    mentions: list[Mention],
    taken: list[bool],
) -> None:
    """A bare «آژانس» after the full name is that organization (data/gazetteer/short_heads.txt):
    when exactly one organization named before it begins with the head."""
    heads = _short_heads()
    for k in [k for k, key in enumerate(keys) if key in heads and not taken[k]]:
        named = {
            m.entity
            for m in mentions
            if m.type == "ORG" and m.last <= k and keys[m.first] == keys[k] and m.last - m.first > 1
        }
        if len(named) != 1 or doc.tokens[k].kind != "word":
            continue
        index = named.pop()
        m = Mention(k, k + 1, "ORG", entities[index].name, entity=index)
        mentions.append(m)
        entities[index].mentions.append(m)
        taken[k] = True


def _person_entity(
    m: Mention, keys: list[str], entities: list[Entity], surnames: dict[str, int]
) -> int:
    last = keys[m.last - 1]
    index = surnames.get(last, -1)
    if index >= 0:
        return index
    for index, entity in enumerate(entities):
        if entity.type == "PER" and entity.name == m.canonical:
            return index
    return -1
