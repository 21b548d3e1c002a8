"""Validate tests/data/dates_gold.jsonl, the gold set for date/time extraction (issue 4).

Each line: {"id", "published" (YYYY-MM-DD or null), "text",
"dates": [{"text", "category", "value"}]}.
Checks: JSON per line, unique ids, every date text is a substring of the sentence (non-overlapping),
known category, value is null or ISO 8601 in one of the forms below, weekday values fall on the
named weekday, relative values are null when there is no publication date, Persian letters only.
Prints counts per category and exits 1 on any error.

Value forms: day 2025-01-17, month 2025-01, year 2025, datetime 2025-01-17T21:30, time T21:30,
interval start/end (inclusive, both ends the same form, start <= end).

Conventions the values follow (values were computed with jdatetime and hijridate, Umm al-Qura):
- Jalali months, Jalali years and lunar months/years are Gregorian day intervals.
- Weeks are Saturday..Friday; هفته گذشته is the week before the publication week.
- Bare weekdays: past tense -> latest on or before publication; future -> next strictly after;
  "X گذشته" -> strictly before publication.
- امسال/پارسال/سال آینده/N سال بعد are Jalali years; ماه گذشته/آینده are Jalali months.
- Periods (N سال/ماه/هفته/روز گذشته/اخیر): years "Y-N/Y", months "YYYY-MM/YYYY-MM",
  weeks/days "pub-N days/pub"; future periods (N روز آینده) "pub/pub+N days".
- اوایل/اواسط/اواخر a month: days 1-10 / 11-20 / 21-end; of a decade: years 0-3 / 4-6 / 7-9.
- Named days: nearest past occurrence in past tense, next in future tense.
  نوروز = 1 Farvardin, یلدا = 30 Azar, دهه فجر = 12-22 Bahman, روز قدس = last Friday of Ramadan.

Usage: python scripts/check_dates_gold.py [path]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path

CATEGORIES = (
    "absolute",
    "numeric",
    "year",
    "month",
    "weekday",
    "relative",
    "period",
    "time",
    "range",
    "granular",
    "named",
    "impossible",
)
DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "dates_gold.jsonl"

# Python's date.weekday(): Monday=0 ... Sunday=6.  Longest names first so سه‌شنبه beats شنبه.
WEEKDAYS = {
    "چهارشنبه": 2,
    "پنج\u200cشنبه": 3,
    "پنجشنبه": 3,
    "سه\u200cشنبه": 1,
    "یکشنبه": 6,
    "دوشنبه": 0,
    "جمعه": 4,
    "شنبه": 5,
}

FORMS = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "year": re.compile(r"\d{4}"),
    "datetime": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"),
    "time": re.compile(r"T\d{2}:\d{2}"),
}


def parse_point(s: str) -> tuple[str, tuple]:
    """Return (form, sortable key) for one ISO point, or raise ValueError."""
    for form, rx in FORMS.items():
        if rx.fullmatch(s):
            if form == "day":
                return form, (date.fromisoformat(s),)
            if form == "month":
                return form, (datetime.strptime(s, "%Y-%m"),)
            if form == "year":
                return form, (int(s),)
            if form == "datetime":
                return form, (datetime.strptime(s, "%Y-%m-%dT%H:%M"),)
            return form, (datetime.strptime(s, "T%H:%M").time(),)
    raise ValueError(f"not an ISO 8601 point: {s!r}")


def parse_value(v: str) -> str:
    """Return the form of a value ('day', ..., 'interval:day', ...) or raise ValueError."""
    if "/" in v:
        a, b = v.split("/")
        fa, ka = parse_point(a)
        fb, kb = parse_point(b)
        if fa != fb:
            raise ValueError(f"interval ends differ in form: {v!r}")
        if ka > kb:
            raise ValueError(f"interval start after end: {v!r}")
        return "interval:" + fa
    return parse_point(v)[0]


def weekday_of(text: str) -> int | None:
    for name, wd in WEEKDAYS.items():
        if name in text:
            return wd
    return None


def check(path: Path) -> int:
    errors: list[str] = []
    cats: Counter[str] = Counter()
    forms: Counter[str] = Counter()
    years: Counter[str] = Counter()
    ids: set[str] = set()
    latin = arabic = nulls = sentences = 0
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"line {n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{where}: bad JSON ({e})")
            continue
        sentences += 1
        rid = rec.get("id")
        where = f"line {n} ({rid})"
        if not isinstance(rid, str) or rid in ids:
            errors.append(f"{where}: missing or duplicate id")
        ids.add(rid)
        pub = rec.get("published")
        pub_date = None
        if pub is None:
            nulls += 1
        else:
            try:
                pub_date = date.fromisoformat(pub)
                years[pub[:4]] += 1
            except (TypeError, ValueError):
                errors.append(f"{where}: bad published {pub!r}")
        text = rec.get("text", "")
        if re.search("[يك]", text):
            errors.append(f"{where}: Arabic ي or ك in text")
        if re.search("[0-9]", text):
            latin += 1
        if re.search("[٠-٩]", text):
            arabic += 1
        dates = rec.get("dates")
        if not dates:
            errors.append(f"{where}: no dates")
            continue
        spans: list[tuple[int, int]] = []
        for d in dates:
            t, cat, val = d.get("text"), d.get("category"), d.get("value")
            if not t or t not in text:
                errors.append(f"{where}: date text {t!r} not in sentence")
                continue
            start = text.find(t)
            while any(s < start + len(t) and start < e for s, e in spans) and start >= 0:
                start = text.find(t, start + 1)
            if start < 0:
                errors.append(f"{where}: date text {t!r} overlaps another")
            else:
                spans.append((start, start + len(t)))
            if cat not in CATEGORIES:
                errors.append(f"{where}: unknown category {cat!r}")
            cats[cat] += 1
            if val is None:
                forms["null"] += 1
                continue
            if cat == "impossible":
                errors.append(f"{where}: impossible date {t!r} must have value null")
            if pub_date is None and cat in ("relative", "period"):
                errors.append(f"{where}: {t!r} is relative but there is no publication date")
            try:
                form = parse_value(val)
            except ValueError as e:
                errors.append(f"{where}: {t!r}: {e}")
                continue
            forms[form] += 1
            if cat == "weekday":
                wd = weekday_of(t)
                if form != "day" or wd is None or date.fromisoformat(val).weekday() != wd:
                    errors.append(f"{where}: weekday {t!r} does not match value {val}")
    for e in errors:
        print("ERROR", e)
    total = sum(cats.values())
    print(f"{sentences} sentences, {total} date expressions, {len(errors)} errors")
    print("categories: " + ", ".join(f"{c}={cats[c]}" for c in CATEGORIES))
    print("value forms: " + ", ".join(f"{k}={v}" for k, v in sorted(forms.items())))
    print(f"published: null={nulls}, " + ", ".join(f"{y}={c}" for y, c in sorted(years.items())))
    print(f"sentences with Latin digits={latin}, Arabic-Indic digits={arabic}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(check(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT))
