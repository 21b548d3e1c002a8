"""Gazetteers: known names of places, organizations, facilities, events, products and people.

Each data file under ``data/gazetteer`` (and ``data/names/people.tsv``) lists surfaces with a
canonical name, a kind and a country. They are loaded once into a :class:`PhraseIndex` keyed by
token keys, so a name matches however its half-spaces arrived (``ایران‌خودرو``, ``ایرانخودرو``,
``ایران خودرو``).

An entry whose single word is also a frequent ordinary word (``مهر`` the agency and the month,
``جوان`` the newspaper and the adjective) is *weak*: it is a name only where its context says
so (a head word such as ``خبرگزاری`` before it, or a byline ``به گزارش``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from khabar.errors import DataError
from khabar.extract.memo import WordMemo
from khabar.text.lexicon import lexicon
from khabar.text.patterns import ZWNJ
from khabar.text.tokenize import tokenize

# file -> entity type
FILES = {
    "gazetteer/places.tsv": "LOC",
    "gazetteer/places_extra.tsv": "LOC",
    "gazetteer/capitals.tsv": "LOC",
    "gazetteer/organizations.tsv": "ORG",
    "gazetteer/facilities.tsv": "FAC",
    "gazetteer/named_events.tsv": "EVENT",
    "gazetteer/products.tsv": "PRO",
}
# Kinds listed for reference that khabar does not report as entities: named agreements and
# laws (برجام) are topics and holidays (نوروز) dates, not one of the six types
# (tests/data/analyze/README.md).
UNMARKED_KINDS = frozenset({"agreement", "treaty", "law", "holiday"})
# A short form of a person's name at or above this Zipf frequency may be an ordinary word.
WEAK_ZIPF = 4.2
# Kinds of place whose names stay names even when listed as ambiguous (ایران the newspaper).
STRONG_PLACE_KINDS = frozenset({"country", "province"})
_FOLD = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ە": "ه", "ۀ": "ه", "\u0654": None, "\u0640": None}
    | {chr(0x06F0 + d): str(d) for d in range(10)}
    | {chr(0x0660 + d): str(d) for d in range(10)}
)


def fold(text: str) -> str:
    """Letters and digits as the analyzer sees them (Persian letters, Latin digits)."""
    return text.translate(_FOLD)


def keys_of(surface: str) -> list[tuple[str, ...]]:
    """Token-key sequences under which ``surface`` is found (as written and half-space spaced)."""
    folded = fold(surface)
    variants = {folded, folded.replace(ZWNJ, " ")}
    out = []
    for variant in variants:
        keys = tuple(
            t.text.replace(ZWNJ, "") if t.kind == "word" else t.text for t in tokenize(variant)
        )
        if keys:
            out.append(keys)
    return out


def zipf(word: str) -> float:
    """Zipf frequency of a word (any spelling of its half-spaces), 0 when unseen."""
    return _ZIPF[word]


def _zipf(word: str) -> float:
    f = lexicon().known(word.replace(ZWNJ, ""))
    return math.log10(f * 1e9) if f > 0 else 0.0


# Several extractors ask for the same words of every article.
_ZIPF: WordMemo[float] = WordMemo(_zipf)


@dataclass(frozen=True, slots=True)
class Entry:
    type: str
    canonical: str
    kind: str
    country: str | None
    weak: bool = False


_NONE: list[tuple[int, list[Entry]]] = []


class _Node:
    """A node of a :class:`PhraseIndex`: the phrases that end here, and the keys that go on."""

    __slots__ = ("entries", "next")

    def __init__(self) -> None:
        self.entries: list[Entry] | None = None
        self.next: dict[str, _Node] = {}

    def all_entries(self) -> Iterator[Entry]:
        """The entries of every phrase at or below this node."""
        yield from self.entries or ()
        for child in self.next.values():
            yield from child.all_entries()


class PhraseIndex:
    """Longest-match lookup of multiword names over token keys.

    Phrases are stored as a tree of keys: a lookup follows the article's keys only as far as
    some phrase goes, usually one or two dictionary probes, however many names of however many
    lengths share a first word (``سازمان …`` has hundreds).
    """

    def __init__(self) -> None:
        self._first: dict[str, _Node] = {}

    def add(self, keys: tuple[str, ...], entry: Entry) -> None:
        node = self._first.setdefault(keys[0], _Node())
        for key in keys[1:]:
            node = node.next.setdefault(key, _Node())
        if node.entries is None:
            node.entries = []
        if entry not in node.entries:
            node.entries.append(entry)

    def matches(self, keys: Sequence[str], i: int) -> list[tuple[int, list[Entry]]]:
        """``(length, entries)`` of every name starting at ``keys[i]``, longest first."""
        node = self._first.get(keys[i])
        if node is None:
            return _NONE  # the common case, kept cheap: every token of every article asks
        found = []
        end = len(keys)
        j = i  # node is the phrase keys[i : j + 1]
        while node is not None:
            j += 1
            if node.entries is not None:
                found.append((j - i, node.entries))
            node = node.next.get(keys[j]) if j < end else None
        found.reverse()
        return found

    def starts(self, keys: Sequence[str], first: int, last: int) -> list[int]:
        """Positions in ``[first, last)`` where some phrase may begin: the only places where
        :meth:`matches` finds anything, so a scan need not call it at every token."""
        by_first = self._first
        return [k for k in range(first, last) if keys[k] in by_first]

    def firsts(self) -> frozenset[str]:
        """Keys that begin some phrase of the index."""
        return frozenset(self._first)

    def first_keys_of(self, wanted: Callable[[Entry], bool]) -> frozenset[str]:
        """Keys that begin some phrase with an entry ``wanted`` accepts."""
        return frozenset(
            first for first, node in self._first.items() if any(map(wanted, node.all_entries()))
        )

    def __contains__(self, keys: tuple[str, ...]) -> bool:
        node = self._first.get(keys[0])
        for key in keys[1:]:
            if node is None:
                return False
            node = node.next.get(key)
        return node is not None and node.entries is not None


def first_match(found: list[tuple[int, list[Entry]]]) -> tuple[int, list[Entry]] | None:
    """The longest of :meth:`PhraseIndex.matches`, or None."""
    return found[0] if found else None


def read_rows(name: str, columns: int) -> list[list[str]]:
    """Rows of a tab-separated data file, comments and blank lines skipped, padded with ''."""
    try:
        text = resources.files("khabar.data").joinpath(name).read_text("utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"khabar's data file {name} is missing; reinstall khabar") from exc
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        rows.append((cells + [""] * columns)[:columns])
    return rows


def _weak(keys: tuple[str, ...], entry_type: str, kind: str, listed: frozenset[str]) -> bool:
    if len(keys) != 1:
        return False
    if keys[0] in listed:
        return not (entry_type == "LOC" and kind in STRONG_PLACE_KINDS)
    # Frequency does not make a name a word (ایرنا, سپاه are frequent names): only the listed
    # words are weak, and blocs (غرب), which are directions as often (see entities._bloc).
    return entry_type == "LOC" and kind == "bloc"


@cache
def gazetteer() -> PhraseIndex:
    """Every gazetteer file, indexed once."""
    index = PhraseIndex()
    listed = _ambiguous_names()
    for name, entry_type in FILES.items():
        for surface, canonical, kind, country, flag in read_rows(name, 5):
            if not surface or kind in UNMARKED_KINDS:
                continue
            for keys in keys_of(surface):
                weak = flag == "ambiguous" or _weak(keys, entry_type, kind, listed)
                entry = Entry(entry_type, canonical or surface, kind, _country(country), weak)
                index.add(keys, entry)
    return index


@cache
def people() -> PhraseIndex:
    """Well-known people: full names, and short forms that are not ordinary words."""
    index = PhraseIndex()
    for full, country, role, short in read_rows("names/people.tsv", 4):
        if not full:
            continue
        entry = Entry("PER", full, role, _country(country))
        for keys in keys_of(full):
            index.add(keys, entry)
        if short:
            for keys in keys_of(short):
                index.add(keys, Entry("PER", full, role, _country(country), _weak_name(keys)))
    return index


def _weak_name(keys: tuple[str, ...]) -> bool:
    """A short form (ترامپ, روحانی) that is also a frequent word not listed as a surname, or
    a word listed as ambiguous (برنز the medal, کروز the missile)."""
    from khabar.extract.names import names  # names builds on this module

    if len(keys) != 1:
        return False
    if keys[0] in _ambiguous_names():
        return True
    return keys[0] not in names().surnames and zipf(keys[0]) >= WEAK_ZIPF


@cache
def _ambiguous_names() -> frozenset[str]:
    return frozenset(fold(row[0]) for row in read_rows("gazetteer/ambiguous.txt", 1))


def _country(code: str) -> str | None:
    return code if len(code) == 2 and code.isalpha() else None
