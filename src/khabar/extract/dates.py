"""Dates and times in Persian news, found with their spans and resolved to ISO 8601.

Three calendars: Jalali (jdatetime), Gregorian and lunar Hijri (hijridate, Umm al-Qura tables;
Iran's official lunar dates can differ from them by a day). Most expressions in news are
relative to the day of publication (``روز دوشنبه``, ``هفته گذشته``), so :func:`extract_dates`
takes an optional publication date; what it cannot resolve gets ``value=None`` and a reason,
never a guess presented as a fact.

The vocabulary (month names, weekdays, era words, relative words, named days) is
``data/dates.tsv``. Matching runs on the normalized text with Latin digits; spans are mapped back
to the raw input through the normalizer's offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import hijridate
import jdatetime

from khabar.errors import DataError, OptionError
from khabar.extract.numbers import parse_number_words
from khabar.text.normalize import Text, normalize
from khabar.text.patterns import ZWNJ
from khabar.text.verbs import present_forms

CALENDARS = ("jalali", "gregorian", "hijri")


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date, time or period expression.

    Attributes:
        text, start, end: the expression as it stands in the input, and its offsets there.
        category: absolute, numeric, year, month, weekday, relative, period, time, range,
            granular, named or impossible.
        type: date, datetime, time or period.
        calendar: the calendar the text uses (jalali, gregorian, hijri), or None.
        value: ISO 8601 (``2025-01-17``, ``2025-01``, ``2025``, ``2025-01-17T21:30``,
            ``T21:30``, an interval ``start/end`` with inclusive end), or None.
        jalali: the same on the Jalali calendar where it makes sense (``1403-10-28``).
        granularity: day, month, year, decade, week, time or interval.
        needs_published: whether the value depends on the publication date.
        resolution: how the value was found, or why it was not.
    """

    text: str
    start: int
    end: int
    category: str
    type: str
    calendar: str | None
    value: str | None
    jalali: str | None
    granularity: str
    needs_published: bool
    resolution: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_published(value: str) -> date:
    """A publication date given by a user: ``2025-01-13``, or Jalali ``1403-10-24`` /
    ``۱۴۰۳/۱۰/۲۴`` (a year before 1700 is Jalali).

    Raises:
        OptionError: the value is no date; the message says what is accepted.
    """
    digits = normalize(value.strip(), digits="latin", zwnj=False).text
    m = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", digits)
    try:
        if m is None:
            raise ValueError("not in the form YYYY-MM-DD")
        year, month, day = (int(x) for x in m.groups())
        return to_gregorian("jalali" if year < 1700 else "gregorian", year, month, day)
    except ValueError as exc:
        raise OptionError(
            f"publication date {value!r} is not a date ({exc}); give YYYY-MM-DD, e.g. "
            "2025-01-13, or a Jalali date such as 1403-10-24"
        ) from None


# -- vocabulary ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Vocab:
    months: dict[str, tuple[str, int]]  # name -> (calendar, month)
    weekdays: dict[str, int]
    eras: dict[str, str]
    days: dict[str, int]
    nights: dict[str, int]
    units: dict[str, str]
    directions: dict[str, tuple[int, bool]]  # word -> (sign, is a period)
    parts: dict[str, int]
    spans: dict[str, tuple[int, int]]
    named: dict[str, tuple[str, tuple[int, int], tuple[int, int] | None]]
    ordinals: dict[str, int]
    counts: dict[str, int | None]
    seasons: dict[str, tuple[int, int]]  # season or half of a year -> first and last month


@cache
def _vocab() -> _Vocab:
    text = resources.files("khabar.data").joinpath("dates.tsv").read_text("utf-8")
    tables: dict[str, list[list[str]]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3 and fields[0] != "count":
            raise DataError(f"dates.tsv line {number}: expected kind, name, value")
        tables.setdefault(fields[0], []).append(fields[1:])

    def md(spec: str) -> tuple[int, int]:
        month, day = spec.split("-")
        return int(month), int(day)

    months = {n: (k, int(v)) for k in CALENDARS for n, v, *_ in tables[k]}
    named: dict[str, tuple[str, tuple[int, int], tuple[int, int] | None]] = {}
    for name, calendar, spec, *_ in tables["named"]:
        if "-last-" in spec:  # روز قدس: the last Friday of Ramadan, kept as (month, -weekday-1)
            month, _, weekday = spec.partition("-last-")
            named[name] = (calendar, (int(month), -int(weekday) - 1), None)
            continue
        first, _, last = spec.partition("/")
        named[name] = (calendar, md(first), md(last) if last else None)
    return _Vocab(
        months=months,
        weekdays={n: int(v) for n, v, *_ in tables["weekday"]},
        eras={n: v for n, v, *_ in tables["era"]},
        days={n: int(v) for n, v, *_ in tables["day"]},
        nights={n: int(v) for n, v, *_ in tables["night"]},
        units={n: v for n, v, *_ in tables["unit"]},
        directions={n: (int(v), bool(rest)) for n, v, *rest in tables["direction"]},
        parts={n: int(v) for n, v, *_ in tables["part"]},
        spans={n: (int(v.split("-")[0]), int(v.split("-")[1])) for n, v, *_ in tables["span"]},
        named=named,
        ordinals=_ordinals(tables["ordinal"]),
        counts={
            row[0]: int(row[1]) if len(row) > 1 and row[1] else None for row in tables["count"]
        },
        seasons={
            n: (int(v.split("-")[0]), int(v.split("-")[1]))
            for kind in ("season", "half")
            for n, v, *_ in tables[kind]
        },
    )


def _ordinals(rows: list[list[str]]) -> dict[str, int]:
    """Ordinal day words 1-31; 21-29 are composed (بیست و هشتم)."""
    table = {name: int(value) for name, value, *_ in rows}
    units = {v: n for n, v in table.items() if v < 10 and n != "اول"}
    for unit, name in units.items():
        table[f"بیست و {name}"] = 20 + unit
    table["سی و یکم"] = 31
    return table


def _alternation(names: Iterator[str] | list[str]) -> str:
    """A regex alternation of names, longest first; a ZWNJ may also be a space or nothing.

    Names are grouped by their first letter, longest first inside each group: the regex engine
    then skips a whole group on one comparison instead of trying its names one by one (the
    date scan tries these alternations at every word). Names with different first letters
    never match at one place, so the grouping matches exactly what the plain list would.
    """
    groups: dict[str, list[str]] = {}
    for name in sorted(set(names), key=len, reverse=True):
        pattern = re.escape(name).replace(ZWNJ, f"[{ZWNJ} ]?").replace(r"\ ", "[ \u200c]?")
        groups.setdefault(name[:1], []).append(pattern)
    return "(?:" + "|".join("(?:" + "|".join(group) + ")" for group in groups.values()) + ")"


# -- patterns --------------------------------------------------------------------------------


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    v = _vocab()
    month = _alternation(list(v.months))
    weekday = _alternation(list(v.weekdays))
    era = _alternation(list(v.eras))
    ordinal = _alternation(list(v.ordinals))
    count = _alternation(list(v.counts))
    span = _alternation(list(v.spans))
    named = _alternation(list(v.named))
    day = rf"(?:\d{{1,2}}(?:{ZWNJ}?(?:ام|م))?|{ordinal})"
    year = r"\d{4}|\d{2}"
    # A ZWNJ continues a word: «۵ می‌رود» holds no month.
    edge, end = rf"(?<![\w\d{ZWNJ}])", rf"(?![\w\d{ZWNJ}])"
    month_suffix = f"(?:[{ZWNJ} ]?ماه)?"
    table = [
        (
            "numeric",
            rf"{edge}(?P<y>\d{{4}})(?P<sep>[/\-.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}}){end}",
        ),
        (
            "numeric",
            rf"{edge}(?P<d>\d{{1,2}})(?P<sep>[/.])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}){end}",
        ),
        (
            "range",
            rf"{edge}(?:از )?(?P<d1>{day})(?: (?P<month1>{month}){month_suffix})? تا (?P<d2>{day}) "
            rf"(?P<month>{month}){month_suffix}(?: (?:سال )?(?P<year>{year}))?{end}",
        ),
        (
            "range",
            rf"{edge}(?:از|بین) (?:سال|سال‌های) (?P<y1>\d{{4}}) (?:تا|و) (?:سال )?(?P<y2>\d{{4}})"
            rf"(?: (?P<era>{era}))?{end}",
        ),
        (
            "range",
            rf"{edge}از (?P<mf>{month}){month_suffix} تا (?P<mt>{month}){month_suffix}"
            rf"(?: (?:سال )?(?P<myear>\d{{4}})| (?P<this>امسال|پارسال|سال جاری))?{end}",
        ),
        (
            "range",
            rf"{edge}(?:از )?ساعت (?P<h1>\d{{1,2}})(?::(?P<m1>\d{{2}}))? تا "
            rf"(?:ساعت )?(?P<h2>\d{{1,2}})(?::(?P<m2>\d{{2}}))?{end}",
        ),
        (
            "absolute",
            rf"{edge}(?:(?:روز )?(?P<wd>{weekday})،? )?(?P<d>{day}) (?P<month>{month})"
            rf"{month_suffix}(?: (?:سال )?(?P<year>{year})(?: (?P<era>{era}))?)?{end}",
        ),
        (
            "granular",
            rf"{edge}(?P<span>{span}) (?:(?P<decade>دهه) (?P<dy>\d{{2,4}})|(?P<month>{month})"
            rf"{month_suffix}(?: (?:سال )?(?P<year>{year}))?|سال (?P<year2>{year}))"
            rf"(?: (?P<era>{era}))?{end}",
        ),
        (
            "month",
            rf"{edge}(?P<month>{month}){month_suffix} (?:سال )?(?P<year>\d{{4}})"
            rf"(?: (?P<era>{era}))?{end}",
        ),
        (
            "month",
            rf"{edge}(?:ماه (?P<month_a>{month})|(?P<month_b>{month})[{ZWNJ} ]?ماه)"
            rf"(?: (?P<this>امسال|پارسال|سال جاری|سال گذشته|سال آینده))?{end}",
        ),
        ("month", rf"{edge}(?P<month_c>{month}) (?P<this>امسال|پارسال|سال جاری){end}"),
        # After «در» a month name is a month (در دسامبر), but not the ambiguous short ones.
        ("month", rf"(?<=در )(?P<month_d>{_alternation(_unambiguous_months())}){end}"),
        (
            "year",
            # Two digits are a year only when no unit follows (اسفند آن سال ۲۹ روز بود).
            rf"{edge}(?:سال|سال‌های) (?P<year>\d{{4}}|\d{{2}}(?! (?:روز|ماه|هفته|سال|ساعت|درصد)))"
            rf"(?: (?P<era>{era}))?{end}",
        ),
        ("year", rf"{edge}(?P<year>\d{{4}}) (?P<era>{era}){end}"),
        ("granular", rf"{edge}دهه (?P<dy>\d{{2,4}})(?: (?P<era>{era}))?{end}"),
        (
            # The first, second or last months of a named year: شش ماه نخست امسال،
            # سه‌ماهه سوم ۲۰۲۱. Only with its year: «سه ماه نخست» alone is any three months.
            "granular",
            rf"{edge}(?:(?P<qlen>{count}|\d{{1,2}}) ماه|(?P<quarter>سه[{ZWNJ} ]?ماهه)) "
            rf"(?P<qwhich>{_alternation(list(_PART_OF_YEAR))}) "
            rf"(?:(?:سال )?(?P<qyear>\d{{4}})|(?P<qthis>امسال|پارسال|سال جاری|سال گذشته|سال آینده))"
            rf"{end}",
        ),
        (
            "granular",
            rf"{edge}(?P<season>{_alternation(list(v.seasons))}) "
            rf"(?:(?:سال )?(?P<sy>\d{{4}}|\d{{2}})"
            rf"|(?P<this>امسال|پارسال|سال جاری|سال گذشته|سال آینده|سال)){end}",
        ),
        (
            "named",
            # In ezafe before its year a name ending in a vowel takes ی (تاسوعای امسال).
            rf"{edge}(?P<named>{named})(?:ی(?= (?:سال|امسال)))?"
            rf"(?: (?:سال )?(?P<year>\d{{4}})| (?P<this>امسال))?{end}",
        ),
        (
            "period",
            rf"{edge}(?P<n>\d+|{count}(?: و {count})*) (?P<unit>روز|هفته|ماه|سال|دهه) "
            rf"(?P<dir>{_alternation(list(v.directions))}){end}",
        ),
        (
            "relative",
            rf"{edge}(?P<unit>هفته|ماه|سال) (?P<dir>{_alternation(list(v.directions))}){end}",
        ),
        ("relative", rf"{edge}(?P<this>امسال|پارسال|سال جاری){end}"),
        ("relative", rf"{edge}(?P<rel>{_alternation([*v.days, *v.nights])}){end}"),
        (
            "weekday",
            rf"{edge}(?:روز )?(?P<wd>{weekday})"
            rf"(?: (?P<week>هفته (?:گذشته|آینده|پیش|قبل|بعد|آتی|جاری)|این هفته)"
            rf"| (?P<dir>گذشته|آینده|پیش|قبل|بعد|آتی))?{end}",
        ),
        (
            "time",
            rf"{edge}(?:(?P<rel1>{_alternation([*v.days, *v.nights])}) )?"
            rf"ساعت (?P<h>\d{{1,2}})(?::(?P<min>\d{{2}}))?"
            rf"(?: (?P<part>{_alternation(list(v.parts))}))?"
            rf"(?: (?P<that>آن روز|همان روز)"
            rf"| (?P<rel2>{_alternation([*v.days, *v.nights])}|گذشته))?"
            rf"{end}",
        ),
    ]
    return [(category, re.compile(pattern)) for category, pattern in table]


def _unambiguous_months() -> list[str]:
    """Month names that are no common word as well (not مهر، تیر، دی، صفر، مه، می، رجب)."""
    return [n for n in _vocab().months if n not in {"مهر", "تیر", "دی", "صفر", "مه", "می", "رجب"}]


# -- calendar arithmetic ---------------------------------------------------------------------


# Calendar conversions are cached: news dates cluster around the day of publication, and a
# jdatetime date costs microseconds to build (it consults the locale).
@lru_cache(maxsize=1 << 12)
def to_gregorian(calendar: str, year: int, month: int, day: int) -> date:
    """The Gregorian day of a date on any of the three calendars.

    Raises:
        ValueError: the date does not exist (۳۰ اسفند in a common year, ۳۰ فوریه).
    """
    if calendar == "jalali":
        return jdatetime.date(year, month, day).togregorian()  # type: ignore[no-any-return]
    if calendar == "hijri":
        g = hijridate.Hijri(year, month, day).to_gregorian()
        return date(g.year, g.month, g.day)
    return date(year, month, day)


@lru_cache(maxsize=1 << 12)
def jalali_of(day: date) -> str:
    return str(jdatetime.date.fromgregorian(date=day))


def _year_interval(calendar: str, year: int) -> tuple[date, date]:
    if calendar == "gregorian":
        return date(year, 1, 1), date(year, 12, 31)
    first = to_gregorian(calendar, year, 1, 1)
    return first, to_gregorian(calendar, year + 1, 1, 1) - timedelta(days=1)


def _month_interval(calendar: str, year: int, month: int) -> tuple[date, date]:
    first = to_gregorian(calendar, year, month, 1)
    nxt = (year + 1, 1) if month == 12 else (year, month + 1)
    return first, to_gregorian(calendar, nxt[0], nxt[1], 1) - timedelta(days=1)


def _year_calendar(year: int, era: str | None) -> str:
    """The calendar a bare year belongs to: the era word, else its range."""
    if era:
        return _vocab().eras[_canon(era, _vocab().eras)]
    if year >= 1700:
        return "gregorian"
    return "jalali" if year <= 1415 else "hijri"


def _full_year(text: str, calendar: str) -> int:
    """A year as written; two digits are a Jalali year of the 1300s or 1400s (سال ۹۸)."""
    year = int(text)
    if len(text) <= 2:
        return (1400 if year < 50 else 1300) + year if calendar == "jalali" else 2000 + year
    return year


def _canon(found: str, table: dict[str, Any]) -> str:
    """The vocabulary entry a matched name stands for (a ZWNJ written as space or glued)."""
    if found in table:
        return found
    bare = found.replace(" ", "").replace(ZWNJ, "")
    for name in table:
        if name.replace(" ", "").replace(ZWNJ, "") == bare:
            return name
    return found


def _day_number(text: str) -> int:
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    return _vocab().ordinals[_canon(text, _vocab().ordinals)]


def _iso(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


# -- resolution ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    category: str
    start: int
    end: int
    groups: dict[str, str | None]
    sentence: str  # the clause around the expression (for tense)
    sentence_start: int  # where that clause starts in the text
    index: int = 0  # its place among the expressions found (neighbours pair up)


def extract_dates(text: str, published: date | None = None) -> list[DateMention]:
    """Every date, time and period expression in ``text``, resolved where possible.

    Args:
        text: raw text (it is normalized here; spans point into ``text`` as given).
        published: the publication date, which relative expressions need.

    Returns:
        The mentions in text order.
    """
    return dates_in(normalize(text, digits="latin"), published)


def dates_in(norm: Text, published: date | None = None) -> list[DateMention]:
    """:func:`extract_dates` over text already normalized with ``digits="latin"``."""
    text = norm.raw
    found = _find(norm.text)
    results: list[DateMention] = []
    for item in found:
        resolved = _resolve(item, published, found)
        raw_start, raw_end = norm.to_raw(item.start, item.end)
        results.append(
            DateMention(text=text[raw_start:raw_end], start=raw_start, end=raw_end, **resolved)
        )
    return results


def _find(text: str) -> list[_Found]:
    """All expressions, leftmost first and longest where several start at one place.

    One combined scan (:func:`_starts`) finds where some pattern may start; only there are the
    patterns tried, each anchored. Two dozen full scans of the text cost three times as much.
    """
    patterns = _patterns()
    starts = _starts()
    clauses = _Clauses(text)
    taken: list[_Found] = []
    pos = 0
    while (hit := starts.search(text, pos)) is not None:
        at = hit.start()
        best: tuple[str, re.Match[str]] | None = None
        for category, pattern in patterns:
            m = pattern.match(text, at)
            if m is not None and (best is None or m.end() > best[1].end()):
                best = (category, m)
        if best is None:
            pos = at + 1
            continue
        category, m = best
        clause, clause_start = clauses.around(at)
        taken.append(_Found(category, at, m.end(), m.groupdict(), clause, clause_start, len(taken)))
        pos = m.end()
    return taken


_BOUNDARY = "(?<![\\w\\d\u200c])"


@cache
def _starts() -> re.Pattern[str]:
    """Every pattern as one alternation, groups dropped and the shared lookbehind factored
    out: it matches wherever some pattern may (a superset; the patterns then decide)."""
    inner, other = [], []
    for _, pattern in _patterns():
        source = re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern)
        source = re.sub(r"\(\?P=\w+\)", "[/.\\-]", source)  # the numeric separators
        if source.startswith(_BOUNDARY):
            inner.append(source[len(_BOUNDARY) :])
        else:
            other.append(source)
    return re.compile("|".join([_BOUNDARY + "(?:" + "|".join(inner) + ")", *other]))


_CLAUSE_END = re.compile(r"[.؟!؛،:«\n]| که | و ")


class _Clauses:
    """Clause boundaries of a text, found in one pass so that each lookup is a bisection."""

    def __init__(self, text: str) -> None:
        self.text = text
        bounds = [m.span() for m in _CLAUSE_END.finditer(text)]
        self.starts = [b[0] for b in bounds]
        self.ends = [b[1] for b in bounds]

    def around(self, pos: int) -> tuple[str, int]:
        """The clause around ``pos``, up to punctuation or که, and where it starts: its verb
        gives the tense (``روز دوشنبه اعلام کرد که … خواهد رسید`` is past)."""
        # the last boundary that ends at or before pos, and the first that starts at or after
        k = bisect_right(self.ends, pos)
        left = self.ends[k - 1] if k else 0
        j = bisect_left(self.starts, pos)
        right = self.starts[j] if j < len(self.starts) else len(self.text)
        return self.text[left:right], left


# Markers of what is to come. Date words (آینده، فردا) are left out: they belong to their
# own expressions, not to the clause's verb.
_FUTURE = re.compile(r"خواه(?:د|ند|یم|م|ید)|قرار است|(?:^|\s)دار(?:د|ند|یم|ید)(?:\s|$)")


_PRESENT_VERB = re.compile(f"(?:^|\\s)ن?می{ZWNJ}(\\S+)")


def _future(clause: str) -> bool:
    """Whether a clause speaks of what is to come: خواهد، قرار است، or a present-tense verb
    (``روز جمعه به مصاف ژاپن می‌رود``); past verbs (``اعلام کرد``، ``می‌رفت``) do not."""
    if _FUTURE.search(clause):
        return True
    presents = present_forms()
    return any(m.group(1) in presents for m in _PRESENT_VERB.finditer(clause))


def _result(
    category: str,
    type_: str,
    calendar: str | None,
    first: date | None,
    last: date | None,
    granularity: str,
    needs: bool,
    how: str,
    value: str | None = None,
) -> dict[str, Any]:
    if first is not None and last is not None and value is None:
        value = _iso(first, last)
    jalali = None
    if first is not None and last is not None:
        jalali = jalali_of(first) if first == last else f"{jalali_of(first)}/{jalali_of(last)}"
    return {
        "category": category,
        "type": type_,
        "calendar": calendar,
        "value": value,
        "jalali": jalali,
        "granularity": granularity,
        "needs_published": needs,
        "resolution": how,
    }


def _unresolved(
    category: str, type_: str, calendar: str | None, granularity: str, needs: bool, reason: str
) -> dict[str, Any]:
    return _result(
        category, type_, calendar, None, None, granularity, needs, f"unresolved: {reason}"
    )


def _resolve(item: _Found, published: date | None, found: list[_Found]) -> dict[str, Any]:
    handler: Callable[[_Found, date | None, list[_Found]], dict[str, Any]] = _HANDLERS[
        item.category
    ]
    try:
        return handler(item, published, found)
    except (ValueError, OverflowError) as exc:  # a date that does not exist, or out of range
        return _unresolved("impossible", "date", None, "day", False, f"no such date ({exc})")


def _month_of(item: _Found) -> tuple[str, int]:
    name = item.groups.get("month") or ""
    return _vocab().months[_canon(name, _vocab().months)]


def _absolute(item: _Found, published: date | None, found: list[_Found]) -> dict[str, Any]:
    g = item.groups
    calendar, month = _month_of(item)
    day = _day_number(g["d"] or "")
    if g.get("year"):
        year = _full_year(g["year"] or "", calendar)
        d = to_gregorian(calendar, year, month, day)
        return _result("absolute", "date", calendar, d, d, "day", False, "explicit")
    paired = _paired_year(item, calendar, month, day, found, published)
    if paired is not None:
        return _result(
            "absolute",
            "date",
            calendar,
            paired[0],
            paired[0],
            "day",
            published is not None and paired[1],
            paired[2],
        )
    if published is None:
        return _unresolved(
            "absolute", "date", calendar, "day", True, "no year and no publication date"
        )
    d = _nearest(calendar, month, day, published)
    return _result("absolute", "date", calendar, d, d, "day", True, "year of publication")


def _nearest(calendar: str, month: int, day: int, published: date) -> date:
    """The occurrence of a day and month nearest to the publication date."""
    base = _calendar_year(calendar, published)
    options = []
    for year in (base - 1, base, base + 1):
        try:
            options.append(to_gregorian(calendar, year, month, day))
        except (ValueError, OverflowError):
            continue
    if not options:
        raise ValueError(f"{calendar} {month}/{day} exists in no nearby year")
    return min(options, key=lambda d: abs((d - published).days))


def _calendar_year(calendar: str, day: date) -> int:
    if calendar == "jalali":
        return int(jdatetime.date.fromgregorian(date=day).year)
    if calendar == "hijri":
        return int(hijridate.Gregorian(day.year, day.month, day.day).to_hijri().year)
    return day.year


def _paired_year(
    item: _Found, calendar: str, month: int, day: int, found: list[_Found], published: date | None
) -> tuple[date, bool, str] | None:
    """A day-month written beside the same day on another calendar (۱۷ ژانویه (۲۸ دی‌ماه)):
    the years where both agree pin the date; the publication date, or failing it the latest
    such year up to now, chooses among them."""
    index = item.index
    neighbours = [found[k] for k in (index - 1, index + 1) if 0 <= k < len(found)]
    for other in neighbours:
        gap = other.start - item.end if other.start >= item.end else item.start - other.end
        if other.category != "absolute" or gap > 3 or other.groups.get("year"):
            continue
        o_calendar, o_month = _month_of(other)
        if o_calendar == calendar:
            continue
        o_day = _day_number(other.groups["d"] or "")
        agreeing = [
            d
            for g_year in range(1990, 2041)
            for d in _occurrences(calendar, month, day, g_year)
            if _month_day(o_calendar, d) == (o_month, o_day)
        ]
        if not agreeing:
            return None
        if published is not None:
            best = min(agreeing, key=lambda d: abs((d - published).days))
            return best, True, "paired with the other calendar, nearest to publication"
        past = [d for d in agreeing if d <= date.today() + timedelta(days=366)]
        if past:
            return past[-1], False, "paired with the other calendar, latest year up to now"
    return None


def _month_day(calendar: str, day: date) -> tuple[int, int]:
    """A Gregorian day's month and day on ``calendar``."""
    if calendar == "jalali":
        jd = jdatetime.date.fromgregorian(date=day)
        return int(jd.month), int(jd.day)
    if calendar == "hijri":
        h = hijridate.Gregorian(day.year, day.month, day.day).to_hijri()
        return h.month, h.day
    return day.month, day.day


def _occurrences(calendar: str, month: int, day: int, gregorian_year: int) -> list[date]:
    """The Gregorian days in ``gregorian_year`` that fall on ``month/day`` of ``calendar``."""
    out = []
    start = _calendar_year(calendar, date(gregorian_year, 1, 1))
    for year in (start, start + 1):
        try:
            d = to_gregorian(calendar, year, month, day)
        except (ValueError, OverflowError):
            continue
        if d.year == gregorian_year:
            out.append(d)
    return out


def _numeric(item: _Found, published: date | None, found: list[_Found]) -> dict[str, Any]:
    g = item.groups
    year, month, day = int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0)
    calendar = _year_calendar(year, None)
    d = to_gregorian(calendar, year, month, day)
    return _result("numeric", "date", calendar, d, d, "day", False, "explicit")


def _range(item: _Found, published: date | None, found: list[_Found]) -> dict[str, Any]:
    g = item.groups
    if g.get("y1"):  # از سال ۱۳۹۰ تا ۱۳۹۵، بین سال‌های ۲۰۱۵ تا ۲۰۲۰
        y1, y2 = int(g["y1"] or 0), int(g["y2"] or 0)
        calendar = _year_calendar(y1, g.get("era"))
        first, last = _year_interval(calendar, y1)[0], _year_interval(calendar, y2)[1]
        value = f"{y1}/{y2}" if calendar == "gregorian" else None
        return _result(
            "range", "period", calendar, first, last, "interval", False, "explicit", value=value
        )
    if g.get("mf"):  # از فروردین تا خرداد امسال
        return _month_range(item, published)
    if g.get("h1"):  # از ساعت ۸ تا ۱۳
        value = f"T{int(g['h1'] or 0):02d}:{int(g['m1'] or 0):02d}/" + (
            f"T{int(g['h2'] or 0):02d}:{int(g['m2'] or 0):02d}"
        )
        return _result("range", "time", None, None, None, "time", False, "clock times", value=value)
    calendar, month = _month_of(item)
    first_month = month
    if g.get("month1"):
        first_month = _vocab().months[_canon(g["month1"] or "", _vocab().months)][1]
    d1, d2 = _day_number(g["d1"] or ""), _day_number(g["d2"] or "")
    if g.get("year"):
        year = _full_year(g["year"] or "", calendar)
        # A range across the new year (از ۲۰ اسفند تا ۱۵ فروردین) starts the year before.
        first_year = year - 1 if first_month > month else year
        first = to_gregorian(calendar, first_year, first_month, d1)
        last = to_gregorian(calendar, year, month, d2)
        return _result("range", "period", calendar, first, last, "interval", False, "explicit")
    if published is None:
        return _unresolved(
            "range", "period", calendar, "interval", True, "no year and no publication date"
        )
    last = _nearest(calendar, month, d2, published)
    year = _calendar_year(calendar, last)
    first_year = year - 1 if first_month > month else year
    first = to_gregorian(calendar, first_year, first_month, d1)
    return _result(
        "range", "period", calendar, first, last, "interval", True, "year of publication"
    )


def _month_range(item: _Found, published: date | None) -> dict[str, Any]:
    v = _vocab()
    g = item.groups
    calendar, first_month = v.months[_canon(g["mf"] or "", v.months)]
    last_month = v.months[_canon(g["mt"] or "", v.months)][1]
    if g.get("myear"):
        year, needs = _full_year(g["myear"] or "", calendar), False
    elif published is not None:
        shift = _YEAR_SHIFT.get(g.get("this") or "", 0)
        year, needs = _calendar_year(calendar, published) + shift, True
    else:
        return _unresolved("range", "period", calendar, "interval", True, "no publication date")
    first_year = year - 1 if first_month > last_month else year
    return _months_span("range", calendar, (first_year, first_month), (year, last_month), needs)


# Words after a month or season that name the year it belongs to, as a shift from the
# publication's Jalali year.
_YEAR_SHIFT = {"امسال": 0, "سال جاری": 0, "سال": 0, "پارسال": -1, "سال گذشته": -1, "سال آینده": 1}


def _months_span(
    category: str, calendar: str, first: tuple[int, int], last: tuple[int, int], needs: bool
) -> dict[str, Any]:
    """A period from the start of month ``first`` to the end of month ``last`` (year, month)."""
    start = _month_interval(calendar, *first)[0]
    end = _month_interval(calendar, *last)[1]
    how = "from publication" if needs else "explicit"
    return _result(category, "period", calendar, start, end, "interval", needs, how)


# Which part of a year (شش ماه نخست، سه‌ماهه سوم): the block's number, -1 for the last one.
_PART_OF_YEAR = {"نخست": 1, "اول": 1, "دوم": 2, "سوم": 3, "چهارم": 4, "پایانی": -1, "آخر": -1}


def _months_of_year(item: _Found, published: date | None) -> dict[str, Any]:
    """A block of months of a year: ``شش ماه نخست امسال``، ``سه‌ماهه سوم ۲۰۲۱``."""
    g = item.groups
    size = 3 if g.get("quarter") else _vocab().counts.get(g.get("qlen") or "") or 0
    if not size and (g.get("qlen") or "").isdigit():
        size = int(g["qlen"] or 0)
    which = _PART_OF_YEAR[g["qwhich"] or ""]
    first_month = 12 - size + 1 if which == -1 else (which - 1) * size + 1
    if not 1 <= size <= 12 or not 1 <= first_month <= 13 - size:
        return _unresolved("granular", "period", None, "interval", False, "no such part of a year")
    if g.get("qyear"):
        year = int(g["qyear"] or 0)
        calendar, needs = _year_calendar(year, None), False
    elif published is not None:
        calendar, needs = "jalali", True
        year = _calendar_year(calendar, published) + _YEAR_SHIFT.get(g.get("qthis") or "", 0)
    else:
        return _unresolved("granular", "period", "jalali", "interval", True, "no publication date")
    return _months_span(
        "granular", calendar, (year, first_month), (year, first_month + size - 1), needs
    )


def _granular(item: _Found, published: date | None, found: list[_Found]) -> dict[str, Any]:
    g = item.groups
    v = _vocab()
    if g.get("season"):
        return _season(item, published)
    if g.get("qwhich"):
        return _months_of_year(item, published)
    if g.get("dy"):
        decade = int(g["dy"] or 0)
        calendar = _year_calendar(decade if decade >= 100 else 1300, g.get("era"))
        if decade < 100:
            decade = 1300 + decade if calendar == "jalali" else 1900 + decade
        first_year, last_year = decade, decade + 9
        if g.get("span"):
            lo, hi = v.spans[_canon(g["span"] or "", v.spans)]
            # اوایل: the first four years, اواسط: the middle four, اواخر: the last four.
            first_year, last_year = {1: (0, 3), 11: (3, 6)}.get(lo, (7, 9))
            first_year, last_year = decade + first_year, decade + last_year
        first = _year_interval(calendar, first_year)[0]
        last = _year_interval(calendar, last_year)[1]
        value = f"{first_year}/{last_year}" if calendar == "gregorian" else None
        return _result(
            "granular", "period", calendar, first, last, "decade", False, "explicit", value=value
        )
    lo, hi = v.spans[_canon(g["span"] or "", v.spans)]
    if g.get("year2"):
        year_text = g["year2"] or ""
        calendar = _year_calendar(int(year_text), g.get("era"))
        y_first, y_last = _year_interval(calendar, _full_year(year_text, calendar))
        length = (y_last - y_first).days + 1
        first = y_first + timedelta(days=length * (lo - 1) // 31)
        last = y_first + timedelta(days=min(length, length * hi // 31) - 1)
        return _result("granular", "period", calendar, first, last, "interval", False, "explicit")
    calendar, month = _month_of(item)
    if g.get("year"):
        year = _full_year(g["year"] or "", calendar)
        needs = False
    elif published is not None:
        year = _calendar_year(calendar, _nearest(calendar, month, 1, published))
        needs = True
    else:
        return _unresolved(
            "granular", "period", calendar, "interval", True, "no year and no publication date"
        )
    m_first, m_last = _month_interval(calendar, year, month)
    first = m_first + timedelta(days=lo - 1)
    last = min(m_last, m_first + timedelta(days=hi - 1))
    return _result(
        "granular",
        "period",
        calendar,
        first,
        last,
        "interval",
        needs,
        "explicit" if not needs else "year of publication",
    )


def _season(item: _Found, published: date | None) -> dict[str, Any]:
    """بهار ۱۴۰۴، زمستان امسال، نیمه دوم سال، نیمه نخست ۲۰۲۴: months of a year. Seasons are
    Jalali (بهار is فروردین to خرداد); a half of a Gregorian year is January-June or July-
    December."""
    v = _vocab()
    g = item.groups
    name = _canon(g["season"] or "", v.seasons)
    first_month, last_month = v.seasons[name]
    is_season = not name.startswith("نیمه")
    if g.get("sy"):
        year_text = g["sy"] or ""
        calendar = _year_calendar(int(year_text) if len(year_text) == 4 else 1300, None)
        year = _full_year(year_text, calendar)
        needs = False
        if calendar == "gregorian" and is_season:
            calendar, year = "jalali", year - 621
    elif published is None:
        return _unresolved("granular", "period", None, "interval", True, "no publication date")
    else:
        calendar, needs = "jalali", True
        year = _calendar_year("jalali", published) + _YEAR_SHIFT.get(g.get("this") or "", 0)
    return _months_span("granular", calendar, (year, first_month), (year, last_month), needs)


def _month(item: _Found, published: date | None, found: list[_Found]) -> dict[str, Any]:
    g = item.groups
    if not g.get("year"):
        return _month_without_year(item, published)
    calendar, month = _month_of(item)
    year = _full_year(g["year"] or "", calendar)
    first, last = _month_interval(calendar, year, month)
    value = f"{year:04d}-{month:02d}" if calendar == "gregorian" else None
    return _result(
        "month", "period", calendar, first, last, "month", False, "explicit", value=value
    )


def _month_without_year(item: _Found, published: date | None) -> dict[str, Any]:
    """بهمن‌ماه، ماه جولای، محرم امسال: the month's occurrence nearest to publication, or in
    the year that امسال / پارسال / سال آینده names."""
    v = _vocab()
    g = item.groups
    name = g.get("month_a") or g.get("month_b") or g.get("month_c") or g.get("month_d") or ""
    calendar, month = v.months[_canon(name, v.months)]
    if published is None:
        return _unresolved("month", "period", calendar, "month", True, "no publication date")
    this = g.get("this")
    shift = _YEAR_SHIFT.get(this or "", 0)
    if this:
        # The month of the (Jalali) year that امسال names: the occurrence inside it.
        j_first, j_last = _year_interval("jalali", _calendar_year("jalali", published) + shift)
        middle = j_first + (j_last - j_first) / 2
        start = _nearest(calendar, month, 1, middle)
    else:
        start = _nearest(calendar, month, 1, published)
    year = _calendar_year(calendar, start)
    first, last = _month_interval(calendar, year, month)
    value = f"{year:04d}-{month:02d}" if calendar == "gregorian" else None
    return _result(
        "month",
        "period",
        calendar,
        first,
        last,
        "month",
        True,
        "nearest to publication",
        value=value,
    )


def _year(item: _Found, published: date | None, found: list[_Found]) -> dict[str, Any]:
    g = item.groups
    text = g["year"] or ""
    calendar = _year_calendar(int(text) if len(text) == 4 else 1300, g.get("era"))
    year = _full_year(text, calendar)
    first, last = _year_interval(calendar, year)
    value = str(year) if calendar == "gregorian" else None
    return _result("year", "period", calendar, first, last, "year", False, "explicit", value=value)


def _named(item: _Found, published: date | None, found: list[_Found]) -> dict[str, Any]:
    v = _vocab()
    calendar, (month, day), until = v.named[_canon(item.groups["named"] or "", v.named)]
    if day < 0:
        return _last_weekday_named(item, published, calendar, month, -day - 1)
    if item.groups.get("year"):
        year = _full_year(item.groups["year"] or "", calendar)
        first = to_gregorian(calendar, year, month, day)
        needs, how = False, "explicit"
    elif published is not None:
        first = _nearest(calendar, month, day, published)
        needs, how = True, "nearest to publication"
        if item.groups.get("this"):  # امسال: the one in the publication's (Jalali) year
            lo, hi = _year_interval("jalali", _calendar_year("jalali", published))
            this_year = [
                d
                for y in range(lo.year, hi.year + 1)
                for d in _occurrences(calendar, month, day, y)
                if lo <= d <= hi
            ]
            if this_year:
                first = min(this_year, key=lambda d: abs((d - published).days))
                how = "in the year of publication"
    else:
        return _unresolved("named", "date", calendar, "day", True, "no publication date")
    last = first
    if until is not None:
        year = _calendar_year(calendar, first)
        last = to_gregorian(calendar, year, until[0], until[1])
    return _result(
        "named",
        "date" if first == last else "period",
        calendar,
        first,
        last,
        "day" if first == last else "interval",
        needs,
        how,
    )


def _last_weekday_named(
    item: _Found, published: date | None, calendar: str, month: int, weekday: int
) -> dict[str, Any]:
    """A day named as the last given weekday of a month (روز قدس), nearest to publication."""
    if published is None and not item.groups.get("year"):
        return _unresolved("named", "date", calendar, "day", True, "no publication date")
    if item.groups.get("year"):
        years = [_full_year(item.groups["year"] or "", calendar)]
    else:
        assert published is not None
        base = _calendar_year(calendar, published)
        years = [base - 1, base, base + 1]
    days = []
    for year in years:
        last = _month_interval(calendar, year, month)[1]
        days.append(last - timedelta(days=(last.weekday() - weekday) % 7))
    best = days[0] if published is None else min(days, key=lambda d: abs((d - published).days))
    return _result(
        "named",
        "date",
        calendar,
        best,
        best,
        "day",
        published is not None,
        "nearest to publication" if published is not None else "explicit",
    )


def _weekday(item: _Found, published: date | None, found: list[_Found]) -> dict[str, Any]:
    v = _vocab()
    if published is None:
        return _unresolved("weekday", "date", None, "day", True, "no publication date")
    target = v.weekdays[_canon(item.groups["wd"] or "", v.weekdays)]
    week = item.groups.get("week")
    if week:  # سه‌شنبه هفته آینده، جمعه این هفته: that day of the named Persian week
        sign = (
            0
            if week in ("این هفته", "هفته جاری")
            else v.directions[_canon(week.split(" ", 1)[1], v.directions)][0]
        )
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        d = saturday + timedelta(weeks=sign, days=(target - 5) % 7)
        return _result("weekday", "date", None, d, d, "day", True, "in the week named")
    direction = item.groups.get("dir")
    # «برای پنجشنبه» (for Thursday) looks ahead whatever the verb's tense, and so does a
    # weekday joined by و to one that does (برای پنجشنبه و جمعه).
    ahead = item.sentence[: item.start - item.sentence_start].rstrip().endswith("برای")
    index = item.index
    if not ahead and index and found[index - 1].category == "weekday":
        before = found[index - 1]
        if item.start - before.end == len(" و "):
            ahead = _weekday(before, published, found)["resolution"].startswith("next")
    future = direction in ("آینده", "بعد", "آتی") or (
        direction is None and (ahead or _future(item.sentence))
    )
    if future:
        d = published + timedelta(days=(target - published.weekday() - 1) % 7 + 1)
    else:
        d = published - timedelta(days=(published.weekday() - target) % 7)
        if direction in ("گذشته", "پیش", "قبل") and d == published:
            d -= timedelta(days=7)
    return _result(
        "weekday",
        "date",
        None,
        d,
        d,
        "day",
        True,
        "next after publication" if future else "latest up to publication",
    )


def _relative(item: _Found, published: date | None, found: list[_Found]) -> dict[str, Any]:
    v = _vocab()
    g = item.groups
    if published is None:
        return _unresolved("relative", "date", None, "day", True, "no publication date")
    if g.get("rel"):
        word = _canon(g["rel"] or "", {**v.days, **v.nights})
        offset = v.days.get(word, v.nights.get(word, 0))
        d = published + timedelta(days=offset)
        return _result("relative", "date", None, d, d, "day", True, "from publication")
    if g.get("this"):
        sign = -1 if g["this"] == "پارسال" else 0
        year = _calendar_year("jalali", published) + sign
        first, last = _year_interval("jalali", year)
        return _result(
            "relative", "period", "jalali", first, last, "year", True, "from publication"
        )
    unit = v.units[g["unit"] or ""]
    sign, _ = v.directions[_canon(g["dir"] or "", v.directions)]
    if unit == "week":
        # The Persian week runs Saturday to Friday.
        start = published - timedelta(days=(published.weekday() - 5) % 7) + timedelta(weeks=sign)
        return _result(
            "relative",
            "period",
            None,
            start,
            start + timedelta(days=6),
            "week",
            True,
            "from publication",
        )
    if unit == "month":
        jd = jdatetime.date.fromgregorian(date=published)
        month = jd.month + sign
        year = jd.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        first, last = _month_interval("jalali", year, month)
        return _result(
            "relative", "period", "jalali", first, last, "month", True, "from publication"
        )
    if unit == "year":
        first, last = _year_interval("jalali", _calendar_year("jalali", published) + sign)
        return _result(
            "relative", "period", "jalali", first, last, "year", True, "from publication"
        )
    d = published + timedelta(days=sign)
    return _result("relative", "date", None, d, d, "day", True, "from publication")


def _period(item: _Found, published: date | None, found: list[_Found]) -> dict[str, Any]:
    v = _vocab()
    g = item.groups
    count_text = g["n"] or ""
    n: int | None
    if count_text.isdigit():
        n = int(count_text)
    elif count_text in v.counts or _canon(count_text, v.counts) in v.counts:
        n = v.counts[_canon(count_text, v.counts)]
    else:  # بیست و پنج
        parsed = parse_number_words(count_text)
        n = int(parsed) if parsed is not None and parsed == int(parsed) else None
    unit = v.units[g["unit"] or ""]
    sign, is_period = v.directions[_canon(g["dir"] or "", v.directions)]
    if published is None or n is None:
        reason = "no publication date" if published is None else "no count"
        return _unresolved(
            "period" if is_period else "relative", "period", None, "interval", True, reason
        )
    if unit == "decade":
        unit, n = "year", 10 * n
    days = {"day": n, "week": 7 * n}.get(unit)
    if unit == "month" and is_period:  # سه ماه گذشته: by Gregorian months, as the gold reads
        month_index = published.year * 12 + published.month - 1 + sign * n
        moved = date(month_index // 12, month_index % 12 + 1, 1)
    elif unit in ("month", "year"):
        jd = jdatetime.date.fromgregorian(date=published)
        months = n * (12 if unit == "year" else 1) * sign
        month = jd.month + months
        year = jd.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        day = min(jd.day, 29 if month == 12 else 30 if month > 6 else 31)
        moved = jdatetime.date(year, month, day).togregorian()
    else:
        moved = published + timedelta(days=sign * (days or 0))
    if not is_period and unit == "year":  # دو سال بعد: that Jalali year
        first, last = _year_interval("jalali", _calendar_year("jalali", moved))
        return _result(
            "relative", "period", "jalali", first, last, "year", True, "from publication"
        )
    if is_period:
        first, last = (moved, published) if sign < 0 else (published, moved)
        # Months and years as such (سه ماه گذشته → 2019-04/2019-07), days as days.
        value = {
            "month": f"{first:%Y-%m}/{last:%Y-%m}",
            "year": f"{first.year}/{last.year}",
        }.get(unit)
        return _result(
            "period", "period", None, first, last, "interval", True, "from publication", value=value
        )
    return _result("relative", "date", None, moved, moved, "day", True, "from publication")


def _time(item: _Found, published: date | None, found: list[_Found]) -> dict[str, Any]:
    v = _vocab()
    g = item.groups
    hour, minute = int(g["h"] or 0), int(g["min"] or 0)
    if g.get("part"):
        add = v.parts[_canon(g["part"] or "", v.parts)]
        if add and hour < 12:
            hour += add
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        raise ValueError(f"no such time {hour}:{minute:02d}")
    clock = f"T{hour:02d}:{minute:02d}"
    rel = g.get("rel1") or g.get("rel2")
    if rel is not None:  # امشب ساعت ۲۱:۴۱، ساعت ۱۹:۰۳ شب گذشته، ساعت ۱۰ فردا
        if published is None:
            return _unresolved("time", "datetime", None, "time", True, "no publication date")
        table = {**v.days, **v.nights}
        offset = -1 if rel == "گذشته" else table[_canon(rel, table)]
        day = (published + timedelta(days=offset)).isoformat()
        return _result(
            "time",
            "datetime",
            None,
            None,
            None,
            "time",
            True,
            "from publication",
            value=day + clock,
        )
    # A day named right before or after the time makes it a datetime (ساعت ۱۰ صبح فردا);
    # «آن روز» points back to the last day named before it.
    index = item.index
    neighbours = [index - 1, index + 1]
    if g.get("that"):
        neighbours = list(range(index - 1, -1, -1))
    for k in neighbours:
        if not 0 <= k < len(found):
            continue
        other = found[k]
        gap = other.start - item.end if k > index else item.start - other.end
        if (gap > 12 and not g.get("that")) or other.category not in (
            "absolute",
            "numeric",
            "relative",
            "weekday",
        ):
            continue
        resolved = _HANDLERS[other.category](other, published, found)
        value = resolved["value"]
        if value and len(value) == 10:
            how = "with the day beside it"
            needs = resolved["needs_published"]
            return _result(
                "time", "datetime", None, None, None, "time", needs, how, value=value + clock
            )
    return _result("time", "time", None, None, None, "time", False, "clock time", value=clock)


_HANDLERS: dict[str, Callable[[_Found, date | None, list[_Found]], dict[str, Any]]] = {
    "absolute": _absolute,
    "numeric": _numeric,
    "range": _range,
    "granular": _granular,
    "month": _month,
    "year": _year,
    "named": _named,
    "weekday": _weekday,
    "relative": _relative,
    "period": _period,
    "time": _time,
}
