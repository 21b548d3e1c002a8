"""Half-space (ZWNJ) restoration: the last normalization pass.

Scraped Persian loses its half-spaces two ways: glued (``میشود``, ``کتابها``, ``هستهای``) or
spaced (``می شود``, ``کتاب ها``, ``هسته ای``). This pass repairs both, word by word:

- a glued word is analysed as verb prefix + conjugated form (:mod:`khabar.text.verbs`), as stem
  + affix (``ها``, ``تر``, ``ای`` …, recursively), as stem + productive second element
  (``دهنده``, ``گیری`` …), or looked up among the compounds and attested written forms of the
  lexicon (:mod:`khabar.text.lexicon`); words on the solid list are never split;
- two words apart by one space are joined when the second is an affix (``ها``, ``ای`` after a
  silent ``ه``, ``تر``), the first a verb prefix before a verb form, or the pair a compound whose
  second part never stands alone (``گفت وگو``). Other spaced compounds (``رئیس جمهور``) keep
  their space: both spellings are accepted, and choosing is not khabar's business — unless
  the ``join_compounds`` option asks for the Academy's spelling everywhere.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import accumulate, compress, repeat
from typing import Literal, NamedTuple, TypeVar

from khabar.text import native
from khabar.text.lexicon import Affix, Lexicon, lexicon
from khabar.text.offsets import OffsetMap, Rewriter, apply_replacements
from khabar.text.options import NormalizeOptions
from khabar.text.patterns import (
    DOMAIN,
    EMAIL,
    HASHTAG,
    MENTION,
    NON_JOINING,
    PERSIAN_LETTERS,
    URL,
    ZWNJ,
)
from khabar.text.verbs import PREFIXES, PREVERBS, participles, split_verb, verb_bodies

# The compiled token table (see khabar.text.native); without it, dicts do the same.
TokenTable = native.scan.TokenTable if native.scan is not None else None

# A glued word this many times as frequent as its stem is a word of its own (تنها beside تن).
WHOLE_WORD_RATIO = 0.5
# An attested written form with a ZWNJ loses to its glued spelling when that is this many times
# more frequent (همچنین beside هم‌چنین): such pairs are solid words some writers split.
GLUED_DOMINANCE = 20.0
# A productive compound's first element must be a common word: rare "words" in the frequency
# list are often pieces of names (کومرسانت is no کوم + رسان + ت).
MIN_FIRST_ELEMENT = 5e-6
# Longer "words" (glued junk, a page's garbage) are left as they are: the longest written
# forms (غیرقابل‌پیش‌بینی‌ترین‌هایشان) stay well below it.
MAX_WORD_LENGTH = 40
# A comparative (تر، ترین) needs a stem of under five letters to be at least this frequent, and
# its glued form must be rarer than this share of the stem's frequency (see _affix_splits).
MIN_COMPARATIVE_STEM = 1e-5
COMPARATIVE_WHOLE_RATIO = 0.2
# How much likelier a participle with its auxiliary (رفته‌ایم) is than other readings.
PARTICIPLE_BONUS = 3.0
# Evidence weights of forms that are certain by construction.
_CERTAIN = 1.0
_RULE_WEIGHT = 1e-7  # a verb participle or form the frequency list does not know
# Copulas of the first and second person (see _affix_splits).
_FIRST_SECOND_PERSON = frozenset({"ام", "ایم", "اید"})
# Short function words that end in ه but never take ای/اند after a space (که ای کاش).
_NOT_SILENT_H_STEMS = frozenset({"که", "چه", "نه", "به", "ره", "مه", "ده", "سه", "شه"})

# Prefixes that are never words on their own when a space follows them.
_BOUND_PREFIXES = frozenset({"بی"})
# Prefixes split off an unknown glued word when the rest is a common word (بیپایه، کمدرآمد).
_GLUED_PREFIXES = ("بی", "کم")


_T = TypeVar("_T")


def _ends_non_joining(word: str) -> bool:
    """Whether the last letter of ``word`` joins nothing after it, marks on it aside (اً)."""
    return word.rstrip(_MARKS)[-1:] in NON_JOINING


class Analysis(NamedTuple):
    form: str  # the written form, with its half-spaces
    weight: float  # evidence that this is a word: a frequency, or a constant for rule forms
    compound: bool = False  # a compound (not an affixed word): solid suffixes may follow


def restore_zwnj(text: str, options: NormalizeOptions) -> tuple[str, OffsetMap]:
    """Put half-spaces back into glued and spaced words.

    The text is walked by space-separated tokens, each looked up in a per-token cache that
    knows its repair and whether it may join a neighbour; stretches that may join (``می شود``,
    ``سخت گیرانه تر``) go through the word-level sweep. This runs for every token of every
    text, so the lookups run in C: in the compiled token table (``_scan.c``) when it was
    built, else through ``map`` over a dict; Python code sees only the tokens that are new or
    may join a neighbour (and, without the table, the tokens that change).
    """
    if TokenTable is not None and _USE_TABLE:
        return _restore_with_table(text, options.join_compounds)
    return _restore_with_dict(text, options.join_compounds)


def _restore_with_table(text: str, join_compounds: bool) -> tuple[str, OffsetMap]:
    table = _TABLES[join_compounds]
    edits, stretches, unknown = table.scan(text)
    while unknown:  # tokens never seen: analyse them, then look again
        if len(table) + len(unknown) >= _REPAIRED_LIMIT:  # start afresh
            table.clear()
            unknown = table.scan(text)[2]
        triggers = _triggers(join_compounds)
        for start in unknown:
            token = text[start : _token_end(text, start)]
            entry = _token_entry(token, triggers)
            table.add(token, _table_flags(entry), entry[0], entry[1])
        # Again, until every token is known: another thread may have cleared the table.
        edits, stretches, unknown = table.scan(text)
    if stretches:
        rw = Rewriter(text)
        triggers = _triggers(join_compounds)
        for start, end in stretches:
            _sweep(text, start, end, rw, triggers, join_compounds)
        edits += rw.replacements
        edits.sort()  # two ordered runs: merged in one pass
    return apply_replacements(text, edits)


def _table_flags(entry: _Token) -> int:
    """The flags of a token as the compiled table reads them (see _scan.c)."""
    _, _, lead, tail, flags = entry
    if lead is not None:
        flags |= 8 | (32 if _takes_no_ezafe(lead) else 0)
    return flags | (16 if tail is not None else 0)


def _restore_with_dict(text: str, join_compounds: bool) -> tuple[str, OffsetMap]:
    cache = _TOKENS[join_compounds]
    tokens = text.split(" ")
    # A token that needs nothing is cached as 0, so that ``compress`` (in C) skips it; a new
    # one comes out as _NEW, which is truthy and is looked at below.
    entries = list(map(cache.get, tokens, repeat(_NEW)))
    flagged = list(compress(range(len(tokens)), entries))
    if not flagged:
        return text, OffsetMap.identity(len(text))
    edges = _EDGES[join_compounds]
    if len(cache) + len(flagged) >= _REPAIRED_LIMIT:  # start afresh: every token is new
        cache.clear()
        edges.clear()
        entries = [_NEW] * len(tokens)
        flagged = list(range(len(tokens)))
    fresh = False
    for k in flagged:
        if entries[k] is _NEW:
            entry = cache.get(tokens[k], _NEW)  # the same token may have come before
            if entry is _NEW:
                found = _token_entry(tokens[k], _triggers(join_compounds))
                edges[tokens[k]] = (found[2], found[3])
                entry = cache[tokens[k]] = found if found[4] else 0
            entries[k] = entry
            fresh = True
    if fresh:
        flagged = list(compress(range(len(tokens)), entries))
    # Where each token ends (cumulative lengths, spaces not counted), computed in C.
    ends = list(accumulate(map(len, tokens)))
    marked = {k: ((ends[k - 1] if k else 0) + k, entries[k]) for k in flagged}
    return apply_replacements(text, _repair_marked(text, marked, len(tokens), join_compounds))


def _token_end(text: str, start: int) -> int:
    end = text.find(" ", start)
    return len(text) if end < 0 else end


def _repair_marked(
    text: str,
    marked: dict[int, tuple[int, _Slot]],
    count: int,
    join_compounds: bool,
) -> list[tuple[int, int, str]]:
    """The edits of the marked tokens (index → start, cache entry) and of the stretches they
    join: every other token needs nothing on its own."""
    rw = Rewriter(text)
    edges = _EDGES[join_compounds]
    triggers = _triggers(join_compounds)

    def start_of(j: int) -> int:
        if j in marked:
            return marked[j][0]
        if j - 1 in marked:  # every token looked at here neighbours a marked one
            return _token_end(text, marked[j - 1][0]) + 1
        return text.rfind(" ", 0, marked[j + 1][0] - 1) + 1

    def entry_of(j: int) -> _Slot:
        m = marked.get(j)
        return m[1] if m else 0

    def edges_of(j: int) -> tuple[str | None, str | None]:
        start = start_of(j)
        token = text[start : _token_end(text, start)]
        found = edges.get(token)
        if found is None:  # cleared since (by another thread, at the size limit)
            entry = _token_entry(token, triggers)
            found = (entry[2], entry[3])
        return found

    def joins(i: int) -> bool:
        """Whether token i may join token i + 1 across their space."""
        if i + 1 >= count:
            return False
        a, b = entry_of(i), entry_of(i + 1)
        if a and a[4] & 2 and (b[2] if b else edges_of(i + 1)[0]) is not None:
            return True
        return bool(b and b[4] & 4 and (a[3] if a else edges_of(i)[1]) is not None)

    done = 0  # tokens before this one are written
    for k, (start, entry) in marked.items():
        if k < done or not entry:
            continue
        flags = entry[4]
        after = entry_of(k + 1)
        if flags == 1 and not (after and after[4] & 4):
            i = j = k  # the common case: a token that changes and joins nothing
        # A stretch that may join starts here, or at the token before (whose last word takes
        # this token's affix); the word-level sweep decides.
        elif joins(i := k - 1 if k - 1 >= done and joins(k - 1) else k):
            j = i + 1
            while joins(j):
                j += 1
        elif flags & 1:
            j = i = k
        else:
            continue
        if j > i:
            _sweep(text, start_of(i), _token_end(text, start_of(j)), rw, triggers, join_compounds)
            done = j + 1
            continue
        edits = entry[0]  # here i == k
        if entry[1] is not None:  # its last word reads both ways: look at the next token
            lead = None
            if k + 1 < count:
                lead = after[2] if after else edges_of(k + 1)[0]
            if lead is None or _takes_no_ezafe(lead):
                edits = entry[1]
        for rel_start, rel_end, written in edits or ():
            rw.add(start + rel_start, start + rel_end, written)
        done = k + 1
    return rw.replacements


def _triggers(join_compounds: bool) -> tuple[frozenset[str], frozenset[str]]:
    return _compound_triggers() if join_compounds else _pair_triggers()


def _sweep(
    text: str,
    lo: int,
    hi: int,
    rw: Rewriter,
    triggers: tuple[frozenset[str], frozenset[str]],
    join_compounds: bool,
) -> None:
    """Repair ``text[lo:hi]`` word by word, joining each word to the next when they attach.

    The same stretches come back again and again (``می شود``, ``کتاب ها``): their edits are
    cached by their text — and, when their last word is a glued ``های`` that reads both ways,
    by whether what follows them can continue a noun in ezafe."""
    key = (text[lo:hi], join_compounds)
    found = _SWEEPS.get(key)
    if found is None:
        if len(_SWEEPS) >= _REPAIRED_LIMIT:
            _SWEEPS.clear()
        found = _SWEEPS[key] = _sweep_stretch(key[0], False, triggers, join_compounds)
    edits, depends = found
    if depends and _no_ezafe_follows(text, hi):
        edits = _sweep_stretch(key[0], True, triggers, join_compounds)[0]
    for start, end, written in edits:
        rw.add(lo + start, lo + end, written)


# Per stretch and joining mode: its edits when an ezafe may follow, and whether what follows
# decides (then they are worked out again for the other case, which is rare).
_SWEEPS: dict[tuple[str, bool], tuple[list[tuple[int, int, str]], bool]] = {}


def _sweep_stretch(
    stretch: str,
    no_ezafe_after: bool,
    triggers: tuple[frozenset[str], frozenset[str]],
    join_compounds: bool,
) -> tuple[list[tuple[int, int, str]], bool]:
    """The edits of one stretch (see _sweep), relative to it, and whether they depend on
    ``no_ezafe_after`` (what follows the stretch)."""
    firsts, seconds = triggers
    found: list[tuple[int, int, str]] = []
    depends = False
    parts = _SPLIT_RE.split(stretch)  # separator, word, separator, word, …, separator
    last = len(parts) - 1
    pos = len(parts[0])
    i = 1
    while i < last:
        word = parts[i]
        start = pos
        written: str | None = None
        j = i  # the last word taken into this one
        while j + 2 < last and parts[j + 1] == " ":
            n_word = parts[j + 2]
            if not (word in firsts or n_word in seconds):
                break
            key = (word, n_word, join_compounds)
            joined = _PAIRS[key] if key in _PAIRS else _remember_pair(key)
            if joined is None:
                break
            written = joined[0] + joined[1] + joined[2]  # joined[0] covers the word so far
            word = word + joined[1] + n_word
            j += 2
        end = start + sum(map(len, parts[i : j + 1]))
        if written is None:
            entry = _REPAIRED.get(word) or _remember(word)
            if entry[1] is not None:  # reads both ways: what follows decides
                if end == len(stretch):
                    follows, depends = no_ezafe_after, True
                else:
                    follows = _no_ezafe_follows(stretch, end)
                written = entry[1] if follows else entry[0]
            else:
                written = entry[0]
        if written is not None and written != stretch[start:end]:
            found.append((start, end, written))
        pos = end + len(parts[j + 1])
        i = j + 2
    return found, depends


# How two words apart by one space are written (join_pair), per pair and joining mode.
_PAIRS: dict[tuple[str, str, bool], tuple[str, str, str] | None] = {}


def _remember_pair(key: tuple[str, str, bool]) -> tuple[str, str, str] | None:
    if len(_PAIRS) >= _REPAIRED_LIMIT:
        _PAIRS.clear()
    joined = _PAIRS[key] = join_pair(*key)
    return joined


# Per token (a space-separated piece of text) that needs a look: the edits that repair it,
# relative to the token (None when it is right as it is); the edits to use instead when no
# ezafe follows (None unless its last word reads both ways); its first and last words when the
# token starts or ends with one; and flags: 1 it changes, 2 its last word may join the next
# token (a verb prefix …), 4 its first word may join the previous one (an affix …). A token
# that needs nothing is cached as 0, with its first and last words in _EDGES (a neighbour may
# still join it). One cache per joining mode.
_Edits = tuple[tuple[int, int, str], ...]
_Token = tuple[_Edits | None, _Edits | None, str | None, str | None, int]
_Slot = _Token | Literal[0]
_TOKENS: dict[bool, dict[str, _Slot]] = {False: {}, True: {}}
_EDGES: dict[bool, dict[str, tuple[str | None, str | None]]] = {False: {}, True: {}}
_NEW: _Token = (None, None, None, None, 0)  # the marker of a token not yet cached
# The compiled tables, one per joining mode, when _scan.c was built.
_TABLES = {False: TokenTable(), True: TokenTable()} if TokenTable is not None else {}
_USE_TABLE = True  # tests switch the table off to compare both ways


def _token_entry(token: str, triggers: tuple[frozenset[str], frozenset[str]]) -> _Token:
    """What the pass needs to know of one token (see _Token). Words inside a link, an e-mail
    address or a hashtag are copied as they are (https://fa.wikipedia.org/wiki/کتابها)."""
    words = list(_WORD_IN_TOKEN.finditer(token))
    if _LINK_HINT.search(token):
        links = [(m.start(), m.end()) for m in _LINK_RE.finditer(token)]
        words = [w for w in words if not any(s < w.end() and w.start() < e for s, e in links)]
    edits: list[tuple[int, int, str]] = []
    alternative: _Edits | None = None
    for m in words:
        word = m.group()
        repaired, readings = _REPAIRED.get(word) or _remember(word)
        if readings is not None and m.end() == len(token):  # the next token decides
            alternative = (*edits, (m.start(), m.end(), readings))
        elif readings is not None:
            repaired = readings  # punctuation or a line break follows: no ezafe
        if repaired is not None:
            edits.append((m.start(), m.end(), repaired))
    lead = words[0].group() if words and words[0].start() == 0 else None
    tail = words[-1].group() if words and words[-1].end() == len(token) else None
    flags = (
        (1 if edits or alternative else 0)
        | (2 if tail is not None and tail in triggers[0] else 0)
        | (4 if lead is not None and lead in triggers[1] else 0)
    )
    return (tuple(edits) or None, alternative, lead, tail, flags)


def _takes_no_ezafe(word: str) -> bool:
    return word in lexicon().no_ezafe or word.startswith(("می" + ZWNJ, "نمی" + ZWNJ))


# Per word: its repaired form (None when unchanged) and, for a glued word in های that reads
# both ways, the silent-ه reading used before words that take no ezafe (see _hay_readings).
# A plain dict, looked up once per word of every text: a cache wrapper's overhead would
# dominate. Cleared when it grows too large.
_REPAIRED: dict[str, tuple[str | None, str | None]] = {}
_REPAIRED_LIMIT = 1 << 18


def _remember(word: str) -> tuple[str | None, str | None]:
    if len(_REPAIRED) >= _REPAIRED_LIMIT:
        _REPAIRED.clear()
    repaired = repair_word(word)
    readings = _hay_readings(word) if word.endswith("های") else None
    entry = _REPAIRED[word] = (
        repaired if repaired != word else None,
        readings[1] if readings is not None else None,
    )
    return entry


# Word characters: Persian letters, the marks that sit on them (اً، هٔ) and the ZWNJ.
_MARKS = "\u064b\u0654"
_L = PERSIAN_LETTERS + _MARKS + ZWNJ
_SPLIT_RE = re.compile(f"([{_L}]+)")
# Spans whose letters are never respelled (they are also copied as they are by the character
# passes): links, e-mail addresses, hashtags, mentions and bare domains.
_LINK_RE = re.compile(f"{URL}|{EMAIL}|{HASHTAG}|{MENTION}|{DOMAIN}")
_LINK_HINT = re.compile("[/@#.]")
_WORD_IN_TOKEN = re.compile(f"[{_L}]+")
_FOLLOWING = re.compile(f"[ \t]*([{_L}]+)")


@lru_cache(maxsize=1 << 14)
def _hay_readings(word: str) -> tuple[str, str] | None:
    """Both readings of a glued word in ``های`` when both are words: a plural (``زمین‌های``)
    and a silent-ه stem with ``ای`` (``زمینه‌ای``, also the adjective ``منطقه‌ای``); None
    when only one reading exists."""
    lex = lexicon()
    plural_stem, h_stem = word[:-3], word[:-2]
    if len(plural_stem) < 2 or word in lex.solid or word in lex.compounds:
        return None
    copula = next(a for a in lex.affixes if a.text == "ای" and a.after != "solid")
    plural, indefinite = analyze(plural_stem), analyze(h_stem)
    if plural is None or indefinite is None or not _may_attach(h_stem, copula, lex):
        return None
    if indefinite.weight < MIN_FIRST_ELEMENT:  # a rare "word" is likelier a typo (تنشه)
        return None
    if lex.freq.get(word, 0.0) >= WHOLE_WORD_RATIO * min(plural.weight, indefinite.weight):
        return None  # a word of its own (برای is no بر + ای)
    separator = "" if _ends_non_joining(plural_stem) else ZWNJ
    return plural.form + separator + "های", indefinite.form + ZWNJ + "ای"


def _no_ezafe_follows(text: str, end: int) -> bool:
    """Whether what follows ``text[:end]`` cannot continue a noun in ezafe."""
    nxt = _FOLLOWING.match(text, end)
    if nxt is None:
        return True  # the end of the text, or punctuation
    return _takes_no_ezafe(nxt.group(1))


@cache
def _pair_triggers() -> tuple[frozenset[str], frozenset[str]]:
    """Words that may join a neighbour across a space: verb prefixes and بی as the first word;
    affixes, productive second elements and bound compound parts as the second.
    """
    lex = lexicon()
    seconds = {a.text for a in lex.affixes if a.after != "solid"} | lex.spaced_second_elements
    for glued, form in (*lex.compounds.items(), *((g, w) for g, (w, _) in lex.written.items())):
        head, _, tail = form.rpartition(ZWNJ)
        if head and _bound_part(glued, tail, lex):
            seconds.add(tail)
    return _verb_prefix_words() | _BOUND_PREFIXES, frozenset(seconds)


@cache
def _compound_triggers() -> tuple[frozenset[str], frozenset[str]]:
    """The pair triggers, widened by the parts of every listed compound (join_compounds)."""
    firsts, seconds = _pair_triggers()
    heads, tails = set(firsts), set(seconds)
    for form in lexicon().compounds.values():
        head, _, tail = form.rpartition(ZWNJ)
        heads.add(head)
        tails.add(tail)
    return frozenset(heads), frozenset(tails)


def _participle_element(word: str, lex: Lexicon) -> bool:
    """A second element that after a space is a verb form of its own (شده، کرده)."""
    return word in lex.second_elements and word not in lex.spaced_second_elements


def _bound_part(glued: str, second: str, lex: Lexicon) -> bool:
    """Whether the second part of a compound is rarely a word on its own (گفت‌وگو، بین‌المللی):
    the compound is more frequent than the part alone, or the part is an Arabic ال form."""
    return lex.known(glued) > lex.freq.get(second, 0.0) or second.startswith("ال")


@lru_cache(maxsize=1 << 16)
def repair_word(word: str) -> str:
    """The written form of one word (``رئیسجمهوری`` → ``رئیس‌جمهوری``); unknown words as given."""
    if ZWNJ in word:
        return ZWNJ.join(repair_word(piece) if piece else piece for piece in word.split(ZWNJ))
    if word in lexicon().names:
        return word  # a listed name is never split (میدری is no verb)
    found = analyze(word)
    if found is None:
        return word
    # The pieces of a split are words too: repair them as the next pass would, so that a
    # second normalization never finds more to do (بیبیاند → بی‌بیاند → بی‌بی‌اند at once).
    return repair_word(found.form) if ZWNJ in found.form else found.form


@lru_cache(maxsize=1 << 16)
def analyze(word: str) -> Analysis | None:
    """The best reading of a glued word, or None when it is not a word khabar can vouch for."""
    if len(word) > MAX_WORD_LENGTH:
        return None  # no word (a run of glued junk): not read, and no deep recursion
    lex = lexicon()
    if word in lex.solid:
        return Analysis(word, _CERTAIN)
    if word in lex.compounds:
        return Analysis(lex.compounds[word], _CERTAIN, compound=True)
    verb = split_verb(word)
    if verb is not None:
        return Analysis(verb, _CERTAIN)
    glued = lex.freq.get(word, 0.0)
    attested = lex.written.get(word)
    if attested is not None and attested[1] * GLUED_DOMINANCE >= glued:
        return Analysis(attested[0], attested[1], compound=True)
    splits = _affix_splits(word, glued, lex) + _compound_splits(word, glued, lex)
    if not splits and glued == 0.0:
        splits = _prefix_splits(word, lex) + _reduplication(word)
    if splits:
        return max(splits, key=lambda a: a.weight)
    if glued > 0:
        return Analysis(word, glued)
    if word in participles():
        return Analysis(word, _RULE_WEIGHT)
    return None


def _affix_splits(word: str, glued: float, lex: Lexicon) -> list[Analysis]:
    """Readings of ``word`` as a known stem plus an affix written after a half-space."""
    found = []
    for affix in _ending_in(word, lex.affixes, _affix_endings()):
        if len(word) - len(affix.text) < 2:
            continue
        stem = word[: -len(affix.text)]
        if not _may_attach(stem, affix, lex):
            continue
        base = analyze(stem)
        if base is None or glued >= WHOLE_WORD_RATIO * base.weight:
            continue
        if affix.family == "comparative" and (
            (glued > 0 and len(stem) <= 2)
            or base.weight < MIN_FIRST_ELEMENT
            or (base.weight < MIN_COMPARATIVE_STEM and len(stem) < 5)
            or glued >= COMPARATIVE_WHOLE_RATIO * base.weight
        ):
            # A known word on a two-letter "stem" is a word of its own (پیتر، مستر، استر); a
            # short rare stem is likelier a piece of a name (دمیتری، داستر، هانتر); and a glued
            # form this common beside its stem is a word of its own (شوشتر، کلانتری، باختر):
            # comparatives are rare beside their adjectives, and the common ones are attested
            # with a half-space.
            continue
        if affix.text in _FIRST_SECOND_PERSON and glued > 0 and stem not in participles():
            # ام، ایم، اید after a noun (خسته‌ام) are rare in news: a glued form the frequency
            # list knows is a word of its own (پرهام is no پره + ام).
            continue
        if affix.after == "solid":
            if not base.compound:  # only a compound's half-space needs carrying over
                continue
            separator = ""
        else:
            separator = "" if _ends_non_joining(stem) else ZWNJ
        weight = base.weight * affix.weight
        if affix.after != "joining" and stem in participles():
            weight *= PARTICIPLE_BONUS  # گفته‌اند: a participle with its auxiliary
        found.append(Analysis(base.form + separator + affix.written, weight))
    return found


# Suffixes indexed by their text: per last letter, the lengths they come in; and the positions
# each holds in its list (several affixes share a text).
_Endings = tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]


def _endings(texts: list[str]) -> _Endings:
    positions: dict[str, list[int]] = {}
    lengths: dict[str, set[int]] = {}
    for i, text in enumerate(texts):
        positions.setdefault(text, []).append(i)
        lengths.setdefault(text[-1], set()).add(len(text))
    return (
        {last: tuple(sorted(ns)) for last, ns in lengths.items()},
        {t: tuple(p) for t, p in positions.items()},
    )


@cache
def _affix_endings() -> _Endings:
    return _endings([a.text for a in lexicon().affixes])


@cache
def _second_element_endings() -> _Endings:
    return _endings(list(lexicon().second_elements))


def _ending_in(word: str, items: tuple[_T, ...], endings: _Endings) -> list[_T]:
    """The items whose text ends ``word``, in their list's order (which breaks ties of weight)
    — a lookup per suffix length that ends in the word's last letter, not a test per item."""
    lengths, index = endings
    hits = [i for n in lengths.get(word[-1:], ()) for i in index.get(word[-n:], ())]
    return [items[i] for i in sorted(hits)] if hits else []


def _may_attach(stem: str, affix: Affix, lex: Lexicon) -> bool:
    """Whether ``affix`` can follow ``stem`` at all, before any frequency is consulted."""
    if affix.text == "است":  # glued شدهاست: the participle's auxiliary lost its half-space
        return stem in participles()
    if affix.after in {"vowel", "silent-h"}:
        if stem.endswith("ه"):
            # After ا or و the ه is pronounced (راه، دانشگاه، گروه): زادگاهشان stays solid.
            return stem not in _NOT_SILENT_H_STEMS and stem[-2:-1] not in ("ا", "و")
        # After ی only on longer stems, and not after the glide of ا/و (بقایای is بقایا + ی).
        return (
            affix.after == "vowel"
            and stem.endswith("ی")
            and len(stem) >= 3
            and (stem[-2] not in "او")
        )
    if affix.family == "comparative":
        return stem + "تر" not in lex.solid  # بیشتر، بیشتری، بیشترین stay solid
    return True


def _compound_splits(word: str, glued: float, lex: Lexicon) -> list[Analysis]:
    """Readings of ``word`` as a known word plus a productive second element (نشان‌دهنده)."""
    found = []
    for second in _ending_in(word, lex.second_elements, _second_element_endings()):
        first = word[: -len(second)]
        if len(first) < 3 or _ends_non_joining(first):
            continue
        base = analyze(first)
        if (
            base is None
            or base.weight < MIN_FIRST_ELEMENT
            or glued >= WHOLE_WORD_RATIO * base.weight
        ):
            continue
        found.append(Analysis(base.form + ZWNJ + second, base.weight))
    return found


_REDUPLICATED = re.compile("(.{2,})به\\1")


def _reduplication(word: str) -> list[Analysis]:
    """X + به + X (نقطهبهنقطه → نقطه‌به‌نقطه، روزبهروز → روزبه‌روز) for a known word X."""
    m = _REDUPLICATED.fullmatch(word)
    if m is None:
        return []
    base = analyze(m.group(1))
    if base is None or base.weight < MIN_FIRST_ELEMENT:
        return []
    head = base.form + ("" if _ends_non_joining(base.form) else ZWNJ)
    return [Analysis(f"{head}به{ZWNJ}{base.form}", base.weight, compound=True)]


def _prefix_splits(word: str, lex: Lexicon) -> list[Analysis]:
    """Readings of an unknown glued word as a bound prefix and a word (بیپایه → بی‌پایه).

    Only for words the frequency list has never seen, and only with common parts, so that rare
    names are not cut into pieces.
    """
    found = []
    for prefix in _GLUED_PREFIXES:
        rest = analyze(word[len(prefix) :]) if word.startswith(prefix) else None
        if rest is not None and len(word) - len(prefix) >= 3 and rest.weight >= MIN_FIRST_ELEMENT:
            found.append(Analysis(prefix + ZWNJ + rest.form, rest.weight, compound=True))
    return found


@cache
def _verb_prefix_words() -> frozenset[str]:
    """The words a spaced verb prefix can be: می، نمی، برمی، درنمی …"""
    return frozenset(p + m for p in ("", *PREVERBS) for m in PREFIXES)


def join_pair(first: str, second: str, join_compounds: bool = False) -> tuple[str, str, str] | None:
    """How two words apart by one space are written, when they are one word; else None.

    Returns the first word, the separator that replaces the space ("" or a ZWNJ) and the second.
    With ``join_compounds``, free-word compounds of ``compounds.txt`` are joined too
    (``پیش بینی`` → ``پیش‌بینی``), unless a function word begins them (``به دنبال``).
    """
    lex = lexicon()
    if ZWNJ in second:
        return None
    if first in _verb_prefix_words():
        body = verb_bodies().get(second)
        preverb = first[: -len("می")].removesuffix("ن")
        if body is not None and (not preverb or preverb in body[1]):
            return first, ZWNJ, body[0]
        return None
    # Decide on the first word as this pass writes it, so that a second pass decides alike.
    first = repair_word(first)
    glued = first.replace(ZWNJ, "") + second
    if glued in lex.solid:  # بیش تر → بیشتر
        return first, "", second
    separator = "" if _ends_non_joining(first) else ZWNJ
    stem = first.replace(ZWNJ, "")
    if not separator:
        # Glued, the pair must read as itself on a second pass (تر های is no تره‌ای).
        joined = first + second
        tail = joined.rsplit(ZWNJ, 1)[-1]
        if repair_word(joined) != joined or _hay_readings(tail) is not None:
            return None
    for affix in lex.affixes:
        if affix.text != second or affix.after == "solid" or len(stem) < 2:
            continue
        if affix.text == "است":  # ه است stays spaced
            continue
        if not _may_attach(stem, affix, lex) or (affix.after != "joining" and len(stem) < 3):
            continue
        if affix.family == "comparative" and (analyze(stem) is None or stem in verb_bodies()):
            continue  # تر after a verb (شود تر) is no comparative
        return first, separator, affix.written  # a two-part affix keeps its half-space
    if not separator:
        return None
    # Derivation rather than two free words: a productive second element (تأمین کننده), or a
    # compound whose second part is rarely a word on its own (گفت وگو، بین المللی) or whose
    # first part is a prefix (بی سابقه). Free-word compounds (رئیس جمهور) keep their space.
    if second in lex.spaced_second_elements and len(stem) >= 3 and analyze(stem) is not None:
        return first, ZWNJ, repair_word(second)  # written as a second pass would
    if (glued in lex.compounds or glued in lex.written) and (
        _bound_part(glued, second, lex) or stem in _BOUND_PREFIXES
    ):
        return first, ZWNJ, repair_word(second)  # written as a second pass would
    if (
        join_compounds
        and glued in lex.compounds
        and stem not in lex.phrase_heads
        and not _participle_element(second, lex)  # ثبت شده is a verb phrase
    ):
        return first, ZWNJ, repair_word(second)  # written as a second pass would
    return None
