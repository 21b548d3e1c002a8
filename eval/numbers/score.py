"""Score khabar's number extractor on a gold set: precision, recall and F1 per kind.

Gold: JSON Lines, one news sentence per line with the numbers it holds (``text``, ``kind``,
``value``, ``unit``); see ``eval/numbers/heldout.jsonl``. A gold number counts as found when
khabar reports a mention overlapping its text with the same kind, value and unit. What khabar
reports beyond the gold is a false positive (dates, times, Latin codes and the article یک are
not numbers).

    python eval/numbers/score.py
    python eval/numbers/score.py --gold other.jsonl --errors 20
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
GOLD = ROOT / "eval" / "numbers" / "heldout.jsonl"


def _spans(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Where each piece stands in ``text`` as a whole word (۲ is not the ۲ of ۲۸), repeated
    pieces taken in order."""
    out, seen = [], Counter()
    for piece in pieces:
        pattern = re.compile(rf"(?<![\w\u200c]){re.escape(piece)}(?![\w\u200c])")
        found = list(pattern.finditer(text))
        m = found[min(seen[piece], len(found) - 1)] if found else None
        seen[piece] += 1
        out.append((m.start(), m.end()) if m else (-1, -1))
    return out


def _same_value(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))


def score(rows: list[dict]) -> tuple[Counter, Counter, Counter, list[str]]:
    try:
        from khabar.extract.numbers import extract_numbers
    except ImportError:
        sys.path.insert(0, str(ROOT / "src"))
        from khabar.extract.numbers import extract_numbers
    tp, fp, fn = Counter(), Counter(), Counter()
    errors = []
    for row in rows:
        text, gold = row["text"], row["numbers"]
        found = list(extract_numbers(text))
        used = [False] * len(found)
        for g, (start, end) in zip(gold, _spans(text, [g["text"] for g in gold]), strict=True):
            hit = next(
                (
                    i
                    for i, m in enumerate(found)
                    if not used[i]
                    and m.start < end
                    and m.end > start
                    and m.kind == g["kind"]
                    and _same_value(m.value, g["value"])
                    and (m.unit or None) == g["unit"]
                ),
                -1,
            )
            if hit >= 0:
                used[hit] = True
                tp[g["kind"]] += 1
            else:
                fn[g["kind"]] += 1
                errors.append(f"{row['id']} missed {g} in: {text}")
        for i, m in enumerate(found):
            if not used[i]:
                fp[m.kind] += 1
                errors.append(
                    f"{row['id']} extra {m.text!r} {m.kind} {float(m.value):g} {m.unit} in: {text}"
                )
    return tp, fp, fn, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="show N errors")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.gold.read_text("utf-8").splitlines() if line.strip()]
    tp, fp, fn, errors = score(rows)
    print(f"{'kind':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for kind in [*sorted(set(tp) | set(fp) | set(fn)), "all"]:
        t, f, n = (
            (sum(tp.values()), sum(fp.values()), sum(fn.values()))
            if kind == "all"
            else (tp[kind], fp[kind], fn[kind])
        )
        p = t / (t + f) if t + f else 0.0
        r = t / (t + n) if t + n else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind:<10} {p:6.3f} {r:6.3f} {f1:6.3f} {t + n:5d}")
    for line in errors[: args.errors]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
