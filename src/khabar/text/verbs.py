"""Conjugated Persian verb forms, generated from the stems in ``data/lexicon/verbs.tsv``.

A word list never holds every conjugation (``می‌ورزند``, ``برنمی‌گشتیم``), so the half-space
repair asks this module instead: which strings may follow the prefix ``می``/``نمی`` (a *body*:
a stem with its personal ending, perhaps a participle with its auxiliary and an object clitic),
and which preverbs a verb takes. Bare stems are never bodies (``میسر``, ``میگو`` stay words).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from khabar.errors import DataError
from khabar.text.patterns import ZWNJ

PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
PAST_ENDINGS = ("م", "ی", "", "یم", "ید", "ند")
# Auxiliaries after a past participle (رفته‌ام … رفته‌اند); "است" is written apart.
PERFECT_ENDINGS = ("ام", "ای", "ایم", "اید", "اند")
OBJECT_CLITICS = ("م", "ت", "ش", "مان", "تان", "شان")
PREVERBS = ("بر", "در", "فرا", "باز", "وا", "فرو")
PREFIXES = ("می", "نمی")


@dataclass(frozen=True, slots=True)
class Verb:
    past: str
    present: str
    preverbs: tuple[str, ...]


def takes_glide(past: str, present: str) -> bool:
    """Whether a present stem ends in a vowel and takes ``ی`` before endings (آ → آید).

    After ``ا``/``آ`` always; after ``و`` only where it is the vowel u, which the past stem
    shows (``گفت``/``گو`` → ``گوید``, ``شست``/``شو`` → ``شوید``; but ``شد``/``شو`` → ``شود``).
    """
    if present[-1] in "اآ":
        return True
    return present[-1] == "و" and (past.endswith(("ست", "یید")) or past == "گفت")


def present_form(verb: Verb, person: int) -> str:
    """Present stem plus the personal ending of ``person`` 0..5 (1sg … 3pl)."""
    ending = PRESENT_ENDINGS[person]
    if takes_glide(verb.past, verb.present):
        ending = "یی" if ending == "ی" else "ی" + ending
    return verb.present + ending


@cache
def verbs() -> tuple[Verb, ...]:
    """The verbs of ``verbs.tsv``, loaded once."""
    text = resources.files("khabar.data").joinpath("lexicon/verbs.tsv").read_text("utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#") or line.startswith("past\t"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0] or not fields[1]:
            raise DataError(f"verbs.tsv line {number}: expected past, present, preverbs")
        preverbs = tuple(p for p in fields[2].split(",") if p)
        rows.append(Verb(fields[0], fields[1], preverbs))
    return tuple(rows)


@cache
def verb_bodies() -> dict[str, tuple[str, frozenset[str]]]:
    """Every body that may follow ``می``/``نمی``, glued, mapped to its written form and the
    preverbs its verbs take (``رفتهاند`` → (``رفته‌اند``, {…}))."""
    bodies: dict[str, tuple[str, set[str]]] = {}

    def add(written: str, preverbs: tuple[str, ...]) -> None:
        glued = written.replace(ZWNJ, "")
        entry = bodies.setdefault(glued, (written, set()))
        entry[1].update(preverbs)

    for verb in verbs():
        finite = [present_form(verb, p) for p in range(6)]
        finite += [verb.past + e for e in PAST_ENDINGS]
        participle = verb.past + "ه"
        perfect = [participle + ZWNJ + aux for aux in PERFECT_ENDINGS]
        for form in finite:
            add(form, verb.preverbs)
            for clitic in OBJECT_CLITICS:
                # After a vowel-final ending the clitic takes a glide (می‌گوییش is not written).
                if not form.endswith(("ی", "و")):
                    add(form + clitic, verb.preverbs)
        add(participle, verb.preverbs)
        for form in perfect:
            add(form, verb.preverbs)
    # The impersonal bare stem of توانستن is the one stem that stands alone after می.
    add("توان", ())
    return {g: (w, frozenset(p)) for g, (w, p) in bodies.items()}


@cache
def present_forms() -> frozenset[str]:
    """Present-tense bodies (``رود``, ``گویند``): after ``می`` in news they mostly speak of
    now or of what is planned, which tells a weekday's direction."""
    return frozenset(present_form(v, p) for v in verbs() for p in range(6))


@cache
def participles() -> frozenset[str]:
    """Past participles, with preverbs and negation (``رفته``, ``برگشته``, ``درنیامده``)."""
    forms: set[str] = set()
    for verb in verbs():
        negated = _negate(verb.past) + "ه"
        for preverb in ("", *verb.preverbs):
            forms.update((preverb + verb.past + "ه", preverb + negated))
    return frozenset(forms)


def _negate(stem: str) -> str:
    """The stem with the negative prefix: نرفت، نیامد (آمد)، نیفتاد (افتاد)."""
    if stem.startswith("آ"):
        return "نیا" + stem[1:]
    if stem.startswith("ا"):
        return "نی" + stem
    return "ن" + stem


# How far into a word a verb prefix can end: the longest preverb and نمی.
_PREFIX_REACH = max(map(len, PREVERBS)) + max(map(len, PREFIXES))


def split_verb(word: str) -> str | None:
    """The written form of a glued verb with ``می``/``نمی`` (``برنمیگشت`` → ``برنمی‌گشت``).

    Returns None when ``word`` is not such a verb form.
    """
    if "می" not in word[:_PREFIX_REACH]:
        return None  # most words: no prefix where one could stand
    bodies = verb_bodies()
    for preverb in ("", *PREVERBS):
        if not word.startswith(preverb):
            continue
        rest = word[len(preverb) :]
        for prefix in PREFIXES:
            if not rest.startswith(prefix):
                continue
            entry = bodies.get(rest[len(prefix) :])
            if entry is not None and (not preverb or preverb in entry[1]):
                return preverb + prefix + ZWNJ + entry[0]
    return None
