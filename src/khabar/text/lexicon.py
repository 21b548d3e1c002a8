"""The word knowledge of half-space repair: frequencies, written forms, affixes, exceptions.

Sources, all loaded once on first use and shared read-only:

- Persian word frequencies from the ``wordfreq`` package, folded to Persian letters. Its list is
  built from web text, so it holds glued misspellings (``میشود``) beside the correct forms:
  a form's presence is evidence, not proof.
- ``data/lexicon/compounds.txt``: compounds edited news writes with a half-space.
- ``data/lexicon/solid.txt``: words that stay solid although a rule would split them.
- ``data/names``: one-word surnames and given names, never split (میدری، جمالزاده).
- ``data/lexicon/affixes.tsv`` and ``second_elements.tsv``: what attaches after a half-space.
- ``data/lexicon/no_ezafe.txt``: words after which a glued ``های`` is ``ه`` + ``ای``.
- ``data/lexicon/verbs.tsv`` through :mod:`khabar.text.verbs`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from khabar.errors import DataError
from khabar.text.patterns import NON_JOINING, ZWNJ

# Arabic letter variants that occur in the frequency list.
_FOLD_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ە": "ه", "ۀ": "ه"})


def _read_lines(name: str) -> list[str]:
    """The non-comment lines of a data file under ``data/lexicon``."""
    try:
        text = resources.files("khabar.data").joinpath(f"lexicon/{name}").read_text("utf-8")
    except FileNotFoundError as exc:  # a packaging bug, not a user error
        raise DataError(f"khabar's data file lexicon/{name} is missing; reinstall khabar") from exc
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _listed_names() -> frozenset[str]:
    """One-word surnames and given names as the name lists spell them without a half-space:
    names are never split (میدری is no verb, کمالوند no کم + الوند)."""
    names: set[str] = set()
    for name in ("surnames.tsv", "given_names.tsv"):
        text = resources.files("khabar.data").joinpath(f"names/{name}").read_text("utf-8")
        for line in text.splitlines():
            word = line.split("\t")[0].strip()
            if word and not line.startswith("#") and ZWNJ not in word and " " not in word:
                names.add(word)
    return frozenset(names)


def well_formed(word: str) -> bool:
    """A written form whose every ZWNJ sits between a joining letter and a letter."""
    if word.startswith(ZWNJ) or word.endswith(ZWNJ) or ZWNJ + ZWNJ in word:
        return False
    return all(word[i - 1] not in NON_JOINING for i, c in enumerate(word) if c == ZWNJ)


@dataclass(frozen=True, slots=True)
class Affix:
    family: str
    text: str  # as it stands glued in a word (ترینها)
    written: str  # as it is written (ترین‌ها)
    after: str  # joining, silent-h, vowel (silent ه or ی), solid (no ZWNJ; after compounds)
    weight: float  # how readily the affix is read into an ambiguous word


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything half-space repair knows about words."""

    freq: dict[str, float]  # glued form -> frequency of the glued spelling
    written: dict[str, tuple[str, float]]  # glued form -> (form with ZWNJ, its frequency)
    compounds: dict[str, str]  # glued form -> compound with ZWNJ, from compounds.txt
    solid: frozenset[str]
    names: frozenset[str]  # one-word names as the name lists write them: never split
    affixes: tuple[Affix, ...]  # longest first
    second_elements: tuple[str, ...]  # longest first
    spaced_second_elements: frozenset[str]  # those a space before also becomes a ZWNJ
    no_ezafe: frozenset[str]  # words that cannot follow a noun in ezafe
    phrase_heads: frozenset[str]  # function words that begin phrases, not compounds

    def known(self, word: str) -> float:
        """How often ``word`` (glued) occurs in any spelling; 0 when never seen."""
        return self.freq.get(word, 0.0) + self.written.get(word, ("", 0.0))[1]


@cache
def lexicon() -> Lexicon:
    """Load and index every source of the lexicon, once."""
    import wordfreq  # heavy-ish: imported on first use only

    freq: dict[str, float] = {}
    written: dict[str, tuple[str, float]] = {}
    for raw_word, f in wordfreq.get_frequency_dict("fa").items():
        word = raw_word.translate(_FOLD_LETTERS)
        if ZWNJ not in word:
            freq[word] = freq.get(word, 0.0) + f
        elif well_formed(word):
            glued = word.replace(ZWNJ, "")
            best = written.get(glued)
            if best is None or f > best[1]:
                written[glued] = (word, f + (best[1] if best else 0.0))
    compounds = {}
    for word in _read_lines("compounds.txt"):
        if not well_formed(word):
            raise DataError(f"compounds.txt: {word!r} has a half-space where none can stand")
        compounds[word.replace(ZWNJ, "")] = word
    affixes = []
    for line in _read_lines("affixes.tsv"):
        family, text, after, weight = [*line.split("\t"), "", "", ""][:4]
        if family == "family":
            continue
        if not well_formed(text):
            raise DataError(f"affixes.tsv: {text!r} has a half-space where none can stand")
        if after not in {"joining", "silent-h", "vowel", "solid"}:
            raise DataError(f"affixes.tsv: {line!r}: 'after' is joining/silent-h/vowel/solid")
        try:
            affixes.append(Affix(family, text.replace(ZWNJ, ""), text, after, float(weight)))
        except ValueError:
            raise DataError(f"affixes.tsv: {line!r} needs a numeric weight") from None
    affixes.sort(key=lambda a: -len(a.text))
    rows = [line.split("\t") for line in _read_lines("second_elements.tsv")[1:]]
    if any(len(row) != 2 or row[1] not in {"yes", "no"} for row in rows):
        raise DataError("second_elements.tsv: each row is an element and yes or no")
    seconds = sorted((row[0] for row in rows), key=len, reverse=True)
    return Lexicon(
        freq=freq,
        written=written,
        compounds=compounds,
        solid=frozenset(_read_lines("solid.txt")),
        names=_listed_names(),
        affixes=tuple(affixes),
        second_elements=tuple(seconds),
        spaced_second_elements=frozenset(row[0] for row in rows if row[1] == "yes"),
        no_ezafe=frozenset(_read_lines("no_ezafe.txt")),
        phrase_heads=frozenset(_read_lines("phrase_heads.txt")),
    )
