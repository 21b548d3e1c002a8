"""Word tokenization and sentence splitting of Persian news text.

One compiled master regex, scanned with ``finditer``, cuts text into tokens. It is built from
the patterns of :mod:`khabar.text.patterns`, so a URL, an e-mail address, a number or a Latin
word is exactly the span the normalizer protects, plus the abbreviations listed in
``data/abbreviations.txt`` and initials (``ع. رضایی``). Whatever no pattern claims becomes a
one-character ``punct`` or ``symbol`` token, so no character but whitespace is ever dropped.

The sentence splitter reads the same token stream: a period that belongs to a number, a URL,
a domain, an abbreviation or an initial is inside a token, so only free-standing terminators
(and runs of them, ``?!``, ``...``) can end a sentence. A line break always ends one.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from khabar.errors import DataError, InputError
from khabar.text.patterns import (
    ANY_DIGIT,
    ARABIC_SCRIPT,
    DOMAIN,
    EMAIL,
    HASHTAG,
    LATIN_WORD,
    MENTION,
    NUMBER,
    URL,
    ZWJ,
    ZWNJ,
)

__all__ = [
    "Sentence",
    "Token",
    "iter_tokens",
    "scan_lines",
    "split_sentences",
    "token_kind",
    "tokenize",
    "tokens_and_sentences",
]


@dataclass(frozen=True, slots=True)
class Token:
    """A token: ``text == source[start:end]``.

    ``kind`` is one of ``word`` (Arabic-script word, inner ZWNJs included), ``latin`` (a word
    in Latin or another non-Arabic script), ``number``, ``date``, ``time``, ``url`` (bare
    domains included), ``email``, ``hashtag``, ``mention``, ``punct`` or ``symbol``.
    """

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text == source[start:end]``, without surrounding whitespace."""

    start: int
    end: int
    text: str


# Characters that end a sentence; a run of them (?! ... !!!) is one token.
TERMINATORS = ".!?؟…۔‼⁇⁈⁉"
# Spaces allowed between an initial and the name it abbreviates (never a line break).
_INLINE_SPACE = " \t\u00a0\u2009\u202f"
# Line breaks, as str.splitlines() knows them: each one ends a sentence.
_LINE_RE = re.compile("[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_KASHIDA = "\u0640"

# Master-regex group -> token kind. Groups missing here ("other") are decided per character.
_KINDS = {
    "abbr_fa": "word",
    "init_fa": "word",
    "word": "word",
    "url": "url",
    "email": "email",
    "hashtag": "hashtag",
    "mention": "mention",
    "domain": "url",
    "abbr_lat": "latin",
    "init_lat": "latin",
    "foreign": "latin",
    "latin": "latin",
    "number": "number",
    "term": "punct",
}


@cache
def _abbreviations() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Read ``abbreviations.txt`` once: (Persian entries, Latin entries), longest first."""
    try:
        raw = resources.files("khabar.data").joinpath("abbreviations.txt").read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(
            f"cannot read khabar/data/abbreviations.txt ({exc}); reinstall khabar"
        ) from exc
    persian: set[str] = set()
    latin: set[str] = set()
    for number, line in enumerate(raw.splitlines(), 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if any(c.isspace() for c in entry) or "." not in entry:
            raise DataError(
                f"abbreviations.txt line {number}: {entry!r} must be one word with a period;"
                " fix the data file"
            )
        if entry.isascii():
            latin.add(entry)
        elif all(c == "." or unicodedata.category(c).startswith("L") for c in entry):
            persian.add(entry)
        else:
            raise DataError(
                f"abbreviations.txt line {number}: {entry!r} mixes scripts or holds symbols;"
                " fix the data file"
            )

    def order(entries: set[str]) -> tuple[str, ...]:
        return tuple(sorted(entries, key=lambda e: (-len(e), e)))

    return order(persian), order(latin)


def _ranges(spec: str) -> Iterator[int]:
    """Code points of a regex character-class body made of ranges and single characters."""
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            yield from range(ord(spec[i]), ord(spec[i + 2]) + 1)
            i += 3
        else:
            yield ord(spec[i])
            i += 1


def _char_class(chars: str) -> str:
    return "".join(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}" for c in chars)


@cache
def _master() -> re.Pattern[str]:
    """Compile the token regex once; alternatives are ordered so that the longest reading wins."""
    arabic = [chr(cp) for cp in _ranges(ARABIC_SCRIPT)]
    letters = _char_class(
        "".join(c for c in arabic if unicodedata.category(c)[0] == "L" and c != _KASHIDA)
    )
    marks = _char_class("".join(c for c in arabic if unicodedata.category(c)[0] == "M"))
    glue = f"{_KASHIDA}{marks}"  # inside or after a word; alone or leading it is a symbol
    # A word: letter runs joined by ZWNJ (or ZWJ): می‌شود، رئیس‌جمهوری. It starts with a letter,
    # so a long run of kashidas or marks is not rescanned from each of its characters.
    word = f"[{letters}][{letters}{glue}]*(?:[{ZWNJ}{ZWJ}]+[{glue}]*[{letters}][{letters}{glue}]*)*"
    not_letter_after = f"(?![{letters}{glue}{ZWNJ}{ZWJ}])"

    # An empty list must match nothing, not the empty string.
    persian, latin = ("|".join(map(re.escape, e)) or "(?!)" for e in _abbreviations())
    alternatives = [
        # A period after a Persian abbreviation is its own (ق.م.): Persian puts the verb last,
        # so a sentence rarely ends on an abbreviation.
        (
            "abbr_fa",
            f"(?:{persian})(?:\\.(?![{re.escape(TERMINATORS)}])|{not_letter_after})",
        ),
        # A lone letter and a period before a name: an initial (دکتر ع. رضایی، م.کاظمی).
        ("init_fa", f"[{letters}]\\.(?=[{_INLINE_SPACE}]*[{glue}]*[{letters}])"),
        ("word", word),
        # The bounded look-aheads before URL, EMAIL and DOMAIN (a scheme of at most 32
        # characters, a local part of at most 64, a host name of at most 253) change nothing
        # for real addresses but stop junk such as "a+a+a+…" or "-----…" from being rescanned
        # to its end from each of its characters, which made a scan quadratic.
        ("url", f"(?=[a-zA-Z][a-zA-Z0-9+.-]{{0,31}}://|www\\.){URL}"),
        ("email", f"(?=[A-Za-z0-9._%+-]{{1,64}}@){EMAIL}"),
        ("hashtag", HASHTAG),
        ("mention", MENTION),
        ("domain", f"(?=[A-Za-z0-9.-]{{1,253}}(?![A-Za-z0-9.-])){DOMAIN}"),
        ("abbr_lat", f"(?:{latin})(?![A-Za-z0-9])"),
        ("init_lat", f"[A-Z]\\.(?=[{_INLINE_SPACE}]+[A-Z])"),
    ]
    # A word of another script or with non-ASCII letters (Erdoğan, Jean-François, Москва):
    # tried before LATIN_WORD, which would stop at the first non-ASCII letter. The first such
    # letter must come within 64 characters (the bound keeps the look-ahead cheap).
    other = f"[^\\W_{ARABIC_SCRIPT}]"
    non_ascii = f"[^\\W\\d_A-Za-z{ARABIC_SCRIPT}]"
    joiner = "[-_.'’]"
    alternatives += [
        (
            "foreign",
            f"(?=(?:{other}|{joiner}(?={other})){{0,64}}?{non_ascii}){other}+(?:{joiner}{other}+)*",
        ),
        ("latin", LATIN_WORD),
        ("number", NUMBER),
        ("term", f"[{re.escape(TERMINATORS)}]+"),
        ("other", r"\S"),
    ]
    # The leading (?=\S) lets the scan skip whitespace without trying every alternative there:
    # it halves the time of a scan.
    body = "|".join(f"(?P<{name}>{body})" for name, body in alternatives if body)
    return re.compile(f"(?=\\S)(?:{body})")


_D = f"[{ANY_DIGIT}]"
_DATE_RE = re.compile(
    f"(?P<y1>{_D}{{4}})([/.-])(?P<m1>{_D}{{1,2}})\\2(?P<d1>{_D}{{1,2}})"
    f"|(?P<d2>{_D}{{1,2}})([/.-])(?P<m2>{_D}{{1,2}})\\6(?P<y2>{_D}{{4}})"
)
_TIME_RE = re.compile(f"({_D}{{1,2}}):({_D}{{2}})(?::({_D}{{2}}))?")


def _number_kind(text: str) -> str:
    """Tell dates and clock times from other numbers by shape and range (int() reads ۰-۹)."""
    m = _DATE_RE.fullmatch(text)
    if m:
        if m["y1"]:
            month, day = int(m["m1"]), int(m["d1"])
        else:  # day/month/year, or the American month/day/year
            month, day = sorted((int(m["m2"]), int(m["d2"])))
        return "date" if 1 <= month <= 12 and 1 <= day <= 31 else "number"
    m = _TIME_RE.fullmatch(text)
    if m and int(m[1]) <= 24 and int(m[2]) < 60 and int(m[3] or 0) < 60:
        return "time"
    return "number"


def _check(text: object, func: str) -> None:
    if not isinstance(text, str):
        raise InputError(f"{func}() takes a str, got {type(text).__name__}; decode bytes first")


# Tokens are built without the dataclass __init__, whose frozen-attribute guard costs as much as
# the whole regex scan; the slot descriptors set the same four fields (see the tests).
_new = object.__new__
_set_start = vars(Token)["start"].__set__
_set_end = vars(Token)["end"].__set__
_set_text = vars(Token)["text"].__set__
_set_kind = vars(Token)["kind"].__set__


# The groups whose kind does not depend on the text matched (all but numbers and "other"): a
# caller making many tokens looks these up and calls token_kind only for the rest.
FIXED_KINDS = {group: kind for group, kind in _KINDS.items() if kind != "number"}


def token_kind(group: str, piece: str) -> str:
    """The kind of the token ``piece`` that the master regex matched with ``group``."""
    kind = _KINDS.get(group)
    if kind is None:
        return "punct" if unicodedata.category(piece)[0] == "P" else "symbol"
    if kind == "number":
        return _number_kind(piece)
    return kind


def _token(m: re.Match[str]) -> Token:
    piece = m.group()
    kind = token_kind(m.lastgroup or "", piece)
    tok = _new(Token)
    _set_start(tok, m.start())
    _set_end(tok, m.end())
    _set_text(tok, piece)
    _set_kind(tok, kind)
    return tok


def iter_tokens(text: str) -> Iterator[Token]:
    """Yield the tokens of ``text`` lazily, in order (see :func:`tokenize`)."""
    _check(text, "iter_tokens")
    return map(_token, _master().finditer(text))


def tokenize(text: str) -> list[Token]:
    """Cut ``text`` into tokens covering every non-whitespace character.

    >>> [t.text for t in tokenize("او می‌گوید: ۳٫۵ درصد.")]
    ['او', 'می‌گوید', ':', '۳٫۵', 'درصد', '.']
    """
    _check(text, "tokenize")
    return list(map(_token, _master().finditer(text)))


# --- sentences ---------------------------------------------------------------------------

_OPEN_CLOSE = {"«": "»", "(": ")", "[": "]", "{": "}", "“": "”", "‹": "›"}
_CLOSERS = frozenset(_OPEN_CLOSE.values()) | {'"'}
# Closers that may follow a terminator across a space; a straight quote must touch it, since
# after a space it more likely opens the next sentence.
_LOOSE_CLOSERS = frozenset("»)]}”›")
# After a quotation ending in a terminator, these go on with the same sentence:
# «...نمی‌کنیم.» و سپس رفت. — a handful of function words, kept here with the rule they serve.
_GOES_ON_WORDS = frozenset({"و", "که", "را", "تا", "یا"})
_GOES_ON_PUNCT = frozenset("،,؛;:-–—")

_Tok = tuple[str, int, int]  # master-regex group, start, end


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; every non-whitespace character lands in exactly one.

    A sentence ends after a free terminator (``. ! ? ؟ …`` or a run of them) and the closing
    quotes or brackets that follow it, and at every line break. Terminators inside a matched
    «…», (…), […] or "…" on the same line do not end the sentence around them; when the
    quotation itself ends in one, the sentence ends after it unless the text goes on
    (``«…نمی‌کنیم.» و سپس رفت.``).

    >>> [s.text for s in split_sentences("دکتر ع. رضایی آمد. او در ۳.۵ ساعت رفت!")]
    ['دکتر ع. رضایی آمد.', 'او در ۳.۵ ساعت رفت!']
    """
    _check(text, "split_sentences")
    master = _master()
    sentences: list[Sentence] = []
    for line in _LINE_RE.finditer(text):
        toks = [
            (m.lastgroup or "", m.start(), m.end()) for m in master.finditer(text, *line.span())
        ]
        for first, last in _split_line(text, toks):
            start, end = toks[first][1], toks[last][2]
            sentences.append(Sentence(start, end, text[start:end]))
    return sentences


def tokens_and_sentences(text: str) -> tuple[list[Token], list[Sentence]]:
    """:func:`tokenize` and :func:`split_sentences` in one scan (what the analyzer needs)."""
    _check(text, "tokens_and_sentences")
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    for toks, bounds in scan_lines(text):
        for group, start, end in toks:
            piece = text[start:end]
            tok = _new(Token)
            _set_start(tok, start)
            _set_end(tok, end)
            _set_text(tok, piece)
            _set_kind(tok, token_kind(group, piece))
            tokens.append(tok)
        for first, last in bounds:
            start, end = toks[first][1], toks[last][2]
            sentences.append(Sentence(start, end, text[start:end]))
    return tokens, sentences


def scan_lines(text: str) -> Iterator[tuple[list[_Tok], list[tuple[int, int]]]]:
    """Per line of ``text``: its tokens as (master-regex group, start, end), and its
    sentences as (first, last) token indices, last included. The one scan behind
    :func:`tokens_and_sentences`, for callers that build tokens of their own (see
    :func:`token_kind`) and would otherwise pay for a :class:`Token` per word twice."""
    master = _master()
    for line in _LINE_RE.finditer(text):
        toks = [
            (m.lastgroup or "", m.start(), m.end()) for m in master.finditer(text, *line.span())
        ]
        if toks:
            yield toks, _split_line(text, toks)


def _pairs(text: str, toks: list[_Tok]) -> list[tuple[int, int]]:
    """Matched bracket and quote pairs of one line, as (open, close) token indices."""
    stack: list[tuple[int, str]] = []  # (token index, the closer it waits for)
    waiting = dict.fromkeys(_CLOSERS, 0)  # openers on the stack, by closer: skip hopeless scans
    pairs: list[tuple[int, int]] = []
    for i, (group, start, _end) in enumerate(toks):
        if group != "other":
            continue
        ch = text[start]
        if ch == '"' and stack and stack[-1][1] == '"':
            pairs.append((stack.pop()[0], i))
            waiting[ch] -= 1
        elif ch == '"' or ch in _OPEN_CLOSE:
            closer = _OPEN_CLOSE.get(ch, '"')
            stack.append((i, closer))
            waiting[closer] += 1
        elif ch in _CLOSERS and waiting[ch]:
            # Close the nearest opener of the same kind; openers above it stay unmatched.
            depth = len(stack) - 1
            while stack[depth][1] != ch:
                depth -= 1
            pairs.append((stack[depth][0], i))
            for _, closer in stack[depth:]:
                waiting[closer] -= 1
            del stack[depth:]
    return pairs


def _split_line(text: str, toks: list[_Tok]) -> list[tuple[int, int]]:
    """Sentence bounds of one line, as (first, last) token indices."""
    n = len(toks)
    if n == 0:
        return []
    pairs = sorted(_pairs(text, toks))
    opens: list[int] = []
    closes: list[int] = []
    for o, c in pairs:  # keep the outermost pairs: they are disjoint and sorted
        if not closes or o > closes[-1]:
            opens.append(o)
            closes.append(c)
    openers = {o for o, _ in pairs}

    def is_closer(k: int) -> bool:
        group, start, _end = toks[k]
        return group == "other" and text[start] in _CLOSERS and k not in openers

    def absorb(k: int) -> tuple[int, bool]:
        """Extend a sentence end over the closers and terminators right after token ``k``."""
        more_terms = False
        while k + 1 < n:
            group, start, _end = toks[k + 1]
            touching = start == toks[k][2]
            if group == "term" and touching:
                more_terms = True
            elif not (is_closer(k + 1) and (touching or text[start] in _LOOSE_CLOSERS)):
                break
            k += 1
        return k, more_terms

    def goes_on(k: int) -> bool:
        group, start, end = toks[k]
        if group == "other":
            return text[start] in _GOES_ON_PUNCT
        if group in ("word", "abbr_fa"):
            return text[start:end] in _GOES_ON_WORDS
        return group in ("latin", "foreign") and text[start].islower()

    candidates = [i for i, t in enumerate(toks) if t[0] == "term"]
    candidates = sorted(candidates + closes)
    bounds: list[tuple[int, int]] = []
    first = 0
    content = 0  # the first token of the sentence that is not a terminator
    for i in candidates:
        if i < first:
            continue  # already absorbed into the previous sentence
        p = bisect_right(opens, i) - 1
        if p >= 0 and opens[p] < i < closes[p]:
            continue  # inside a quotation or brackets
        group, start, end = toks[i]
        if group == "term":
            content = max(content, first)
            while content < i and toks[content][0] == "term":
                content += 1
            if content == i:
                continue  # a sentence of terminators alone: keep them with what follows
            if (
                i == first + 1
                and i + 1 < n
                and toks[first][0] == "number"
                and toks[first][2] - toks[first][1] <= 2
                and end - start == 1
                and text[start] == "."
                and toks[first][2] == start
            ):
                continue  # a list number: "۱. مقدمه"
            last, _more = absorb(i)
        else:  # the closer of an outermost pair: did the quotation end a sentence?
            k = i - 1
            while k > opens[p] and is_closer(k):
                k -= 1
            if toks[k][0] != "term" or k - 1 <= opens[p]:
                continue
            last, more_terms = absorb(i)
            if not more_terms and last + 1 < n and goes_on(last + 1):
                continue
        bounds.append((first, last))
        first = last + 1
    if first < n:
        bounds.append((first, n - 1))
    return bounds
