"""Score khabar's date extractor on the gold set: exact-value accuracy per category.

Gold: ``tests/data/dates_gold.jsonl``, one news sentence per line with its publication date and
the expected date expressions (``text``, ``category``, ``value``). A gold expression counts as
right when khabar finds a mention with the same text (or overlapping it) and the same value
(``null`` included). Mentions khabar finds that the gold does not list are counted apart.

    python eval/dates/score.py
    python eval/dates/score.py --errors 20 --json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "dates_gold.jsonl"


def load(path: Path = GOLD) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def score(rows: list[dict[str, object]]) -> dict[str, object]:
    """Per-category totals and right answers, spurious mentions, and the errors."""
    try:
        from khabar.extract.dates import extract_dates
    except ImportError:
        sys.path.insert(0, str(ROOT / "src"))
        from khabar.extract.dates import extract_dates
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    spurious = 0
    errors = []
    for row in rows:
        text = str(row["text"])
        published = date.fromisoformat(str(row["published"])) if row.get("published") else None
        mentions = extract_dates(text, published)
        used = set()
        for gold in row["dates"]:  # type: ignore[attr-defined]
            category = gold["category"]
            total[category] += 1
            start = text.find(gold["text"])
            end = start + len(gold["text"])
            match = next((m for m in mentions if m.text == gold["text"]), None) or next(
                (m for m in mentions if m.start < end and m.end > start), None
            )
            if match is not None:
                used.add(id(match))
            if match is not None and match.value == gold["value"]:
                right[category] += 1
            else:
                errors.append(
                    {
                        "id": row["id"],
                        "text": gold["text"],
                        "category": category,
                        "gold": gold["value"],
                        "found": None if match is None else match.text,
                        "value": None if match is None else match.value,
                        "resolution": None if match is None else match.resolution,
                    }
                )
        spurious += sum(1 for m in mentions if id(m) not in used)
    return {"total": dict(total), "right": dict(right), "spurious": spurious, "errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="show N errors")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = score(load(args.gold))
    total, right = result["total"], result["right"]
    assert isinstance(total, dict) and isinstance(right, dict)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"{'category':12} {'right':>6} {'total':>6} {'accuracy':>9}")
    for category in sorted(total):
        n, k = total[category], right.get(category, 0)
        print(f"{category:12} {k:6d} {n:6d} {k / n:9.1%}")
    n, k = sum(total.values()), sum(right.values())
    print(
        f"{'all':12} {k:6d} {n:6d} {k / max(n, 1):9.1%}   spurious mentions: {result['spurious']}"
    )
    for error in result["errors"][: args.errors]:  # type: ignore[index]
        print(json.dumps(error, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
