"""Check src/khabar/data/lexicon/verbs.tsv and print a few forms generated from it to eyeball.

Usage: python scripts/check_verbs.py [--show N] [--seed S] [VERB ...]

Exits 1 and lists every problem when a row is malformed: wrong column count, a character that is
not a Persian letter (Arabic ي/ك, ZWNJ, spaces, digits), a preverb outside the allowed set or out of
order, a duplicate past/present pair, or rows out of Persian alphabetical order.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # the generator itself, so the script shows what khabar makes

from khabar.text.verbs import PAST_ENDINGS, Verb, present_form  # noqa: E402

VERBS = ROOT / "src/khabar/data/lexicon/verbs.tsv"
HEADER = ["past", "present", "preverbs"]
PREVERBS = ["بر", "در", "فرا", "باز", "وا", "فرو"]
# Persian alphabetical order; also the set of letters a stem may contain.
ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
ZWNJ = "\u200c"

Row = tuple[str, str, list[str]]


def collation_key(word: str) -> list[int]:
    """Sort key in Persian alphabetical order (code-point order puts پ چ ژ گ last)."""
    return [ALPHABET.index(c) if c in ALPHABET else len(ALPHABET) for c in word]


def read_rows(path: Path) -> tuple[list[Row], list[str]]:
    """Parse the file; return the rows and a list of problems found."""
    rows: list[Row] = []
    problems: list[str] = []
    seen_header = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not seen_header:
            seen_header = True
            if fields != HEADER:
                problems.append(f"line {number}: header must be {HEADER}, got {fields}")
            continue
        if len(fields) != 3:
            problems.append(f"line {number}: expected 3 tab-separated fields, got {len(fields)}")
            continue
        past, present, preverb_field = fields
        preverbs = preverb_field.split(",") if preverb_field else []
        for name, value in (
            ("past", past),
            ("present", present),
            *(("preverb", p) for p in preverbs),
        ):
            if not value:
                problems.append(f"line {number}: empty {name}")
            elif ZWNJ in value:
                problems.append(f"line {number}: ZWNJ in {name} {value!r}")
            elif any(c not in ALPHABET for c in value):
                bad = sorted({f"U+{ord(c):04X}" for c in value if c not in ALPHABET})
                problems.append(f"line {number}: non-Persian letters {bad} in {name} {value!r}")
        if past and past[-1] not in "دت":
            problems.append(f"line {number}: past stem {past!r} should end in د or ت")
        unknown = [p for p in preverbs if p not in PREVERBS]
        if unknown:
            problems.append(f"line {number}: preverbs {unknown} not in {PREVERBS}")
        elif preverbs != sorted(set(preverbs), key=PREVERBS.index):
            problems.append(f"line {number}: preverbs must be unique and in the order {PREVERBS}")
        rows.append((past, present, preverbs))
    if not seen_header:
        problems.append("no header row")
    pairs = [(past, present) for past, present, _ in rows]
    duplicates = sorted({pair for pair in pairs if pairs.count(pair) > 1})
    problems.extend(f"duplicate row {past}/{present}" for past, present in duplicates)
    keys = [(collation_key(past), collation_key(present)) for past, present in pairs]
    for (before, after), pair in zip(itertools.pairwise(keys), pairs[1:], strict=True):
        if after < before:
            problems.append(f"row {pair[0]}/{pair[1]} is out of Persian alphabetical order")
    return rows, problems


def samples(row: Row) -> list[str]:
    """A few forms of one verb: می+present+ند، نمی+past+یم، and each preverb+می+present+د."""
    past, present, preverbs = row
    verb = Verb(past, present, tuple(preverbs))
    forms = [
        f"می{ZWNJ}{present_form(verb, 2)}",
        f"می{ZWNJ}{present_form(verb, 5)}",
        f"نمی{ZWNJ}{past}{PAST_ENDINGS[3]}",
    ]
    forms += [f"{p}می{ZWNJ}{present_form(verb, 2)}" for p in preverbs]
    return forms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("verbs", nargs="*", help="past stems whose forms to print")
    parser.add_argument("--show", type=int, default=12, help="random rows to print (default 12)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    rows, problems = read_rows(VERBS)
    for problem in problems:
        print(f"{VERBS.name}: {problem}", file=sys.stderr)
    with_preverbs = sum(1 for row in rows if row[2])
    print(f"{len(rows)} verbs, {with_preverbs} with preverbs, {len(problems)} problems")
    chosen = [row for row in rows if row[0] in args.verbs]
    if not args.verbs:
        chosen = random.Random(args.seed).sample(rows, min(args.show, len(rows)))
    for row in chosen:
        print(f"{row[0]}/{row[1]}: " + "  ".join(samples(row)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
