"""The name lexicons: given names, surnames, surname endings, titles, head words, stop words.

All files live under ``data/names`` and ``data/analysis``; each says where it came from. They
load once, on first use, and are shared read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from khabar.extract.gazetteer import PhraseIndex, fold, keys_of, read_rows, zipf

# A word this frequent is an ordinary word, not a surname, unless a list says otherwise.
COMMON_ZIPF = 4.0
_GLUED_PREFIXES = ("سید", "میر")
# Two glued given names (محمدکاظم، غلامحسین) are never longer than this.
_LONGEST_COMPOUND_GIVEN = 20
MEMO_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class GivenName:
    gender: str
    origin: str
    ambiguous: bool


@dataclass(frozen=True, slots=True)
class Names:
    given: dict[str, GivenName]
    surnames: frozenset[str]
    ambiguous_surnames: frozenset[str]
    suffixes: tuple[tuple[str, float], ...]  # longest first
    prefixes: tuple[tuple[str, float], ...]
    titles: PhraseIndex
    heads: PhraseIndex  # head word -> Entry(type, kind=strength)
    stopwords: frozenset[str]
    compound_given: dict[str, bool]  # memo of is_given for words not in the list
    light_verbs: frozenset[str]
    title_heads: dict[str, str]  # head key -> entity type of a «title» after it
    descriptive_heads: frozenset[str]

    def surname_score(self, key: str) -> float:
        """How much a token looks like a surname: 1 listed, a pattern's weight, or rarity."""
        if key in self.surnames:
            return 1.0
        if key in self.stopwords or key in self.ambiguous_surnames:
            return 0.0
        best = 0.0
        for suffix, weight in self.suffixes:
            if key.endswith(suffix) and len(key) > len(suffix) + 1:
                best = max(best, weight)
                break
        for prefix, weight in self.prefixes:
            if key.startswith(prefix) and len(key) > len(prefix) + 1:
                best = max(best, weight)
                break
        frequency = zipf(key)
        if frequency >= COMMON_ZIPF:
            return best * 0.5
        return max(best, 0.7 if frequency < 3.0 else 0.55)

    def is_given(self, key: str) -> bool:
        """A given name, also glued to ``سید``/``میر`` (سیدمحسن) or to another given name
        (حمیدرضا, محمدکاظم), as compound names are usually written."""
        if key in self.given:
            return True
        known = self.compound_given.get(key)
        if known is None:
            if len(self.compound_given) > MEMO_LIMIT:
                self.compound_given.clear()  # bounded: a corpus run meets ever new words
            known = self.compound_given[key] = self._compound_given(key)
        return known

    def _compound_given(self, key: str) -> bool:
        if len(key) > _LONGEST_COMPOUND_GIVEN:
            return False  # no name; and a long run of letters would cost a split per letter
        for prefix in _GLUED_PREFIXES:
            if key.startswith(prefix) and key[len(prefix) :] in self.given:
                return True
        given = self.given
        return any(
            key[:k] in given
            and key[k:] in given
            and not given[key[:k]].ambiguous
            and not given[key[k:]].ambiguous
            for k in range(3, len(key) - 2)
        )

    def given_ambiguous(self, key: str) -> bool:
        name = self.given.get(key)
        return name is not None and name.ambiguous


def _bool(cell: str) -> bool:
    return cell.strip().lower() in {"yes", "y", "1", "true"}


@cache
def names() -> Names:
    from khabar.extract.gazetteer import Entry

    given: dict[str, GivenName] = {}
    for name, gender, origin, ambiguous in read_rows("names/given_names.tsv", 4):
        for keys in keys_of(name):
            if len(keys) == 1:
                given.setdefault(keys[0], GivenName(gender, origin, _bool(ambiguous)))
    surnames: set[str] = set()
    ambiguous_surnames: set[str] = set()
    for name, ambiguous in read_rows("names/surnames.tsv", 2):
        target = ambiguous_surnames if _bool(ambiguous) else surnames
        target.update(keys[0] for keys in keys_of(name) if len(keys) == 1)
    suffixes: list[tuple[str, float]] = []
    prefixes: list[tuple[str, float]] = []
    for pattern, position, weight in read_rows("names/surname_patterns.tsv", 3):
        try:
            value = float(weight)
        except ValueError:
            continue
        (prefixes if position == "prefix" else suffixes).append((fold(pattern), value))
    # A role noun (وزیر, سفیر) takes a complement before any name (وزیر میراث فرهنگی), so it
    # is left to the role rules even where titles.tsv lists it.
    roles = {keys for row in read_rows("analysis/roles.tsv", 1) for keys in keys_of(row[0])}
    titles = PhraseIndex()
    for title, kind in read_rows("names/titles.tsv", 2):
        for keys in keys_of(title):
            if keys not in roles:
                titles.add(keys, Entry("TITLE", title, kind, None))
    heads = PhraseIndex()
    for head, entry_type, strength in read_rows("gazetteer/heads.tsv", 3):
        for keys in keys_of(head):
            heads.add(keys, Entry(entry_type, head, strength or "strong", None))
    stop = {fold(row[0]).replace("\u200c", "") for row in read_rows("analysis/stopwords.txt", 1)}
    return Names(
        given=given,
        surnames=frozenset(surnames),
        ambiguous_surnames=frozenset(ambiguous_surnames - surnames),
        suffixes=tuple(sorted(suffixes, key=lambda s: -len(s[0]))),
        prefixes=tuple(sorted(prefixes, key=lambda s: -len(s[0]))),
        titles=titles,
        heads=heads,
        stopwords=frozenset(stop),
        compound_given={},
        light_verbs=_keys_of_lines("analysis/light_verbs.txt"),
        title_heads={
            fold(head).replace("\u200c", ""): kind
            for head, kind in read_rows("gazetteer/title_heads.tsv", 2)
        },
        descriptive_heads=_keys_of_lines("gazetteer/descriptive_heads.txt"),
    )


def _keys_of_lines(name: str) -> frozenset[str]:
    """The one-word entries of a one-column data file, as token keys."""
    return frozenset(fold(row[0]).replace("\u200c", "") for row in read_rows(name, 1))
