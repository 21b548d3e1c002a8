"""Articles per second of ``khabar.analyze`` on ~3 KB Persian news articles, on one core.

The articles are the development set's (tests/data/analyze, markup removed), joined to about
3 KB each. Resources load once, before timing (their load time is printed apart). No offline
anchor does what analyze does, so the anchors' row is the least any Persian pipeline does on
the same articles — hazm's ``Normalizer`` alone — to put khabar's full analysis in proportion.

    python bench/analyze.py                 # 3 passes, hazm as reference
    python bench/analyze.py --skip-anchors --repeat 5
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from anchors import AnchorUnavailable, run_anchor  # noqa: E402

GOLD = HERE.parent / "tests/data/analyze"
ARTICLE_CHARS = 3000
_MARK = re.compile(r"\[\[[A-Z]+\|([^\]]+)\]\]")


def articles(size: int = ARTICLE_CHARS) -> list[str]:
    """Development-set bodies, markup removed, joined into articles of about ``size`` chars."""
    bodies = []
    for path in sorted(GOLD.glob("*.txt")):
        body = path.read_text(encoding="utf-8").partition("\n\n")[2]
        bodies.append(_MARK.sub(r"\1", body).strip())
    out, current = [], ""
    for body in bodies * 2:
        current = f"{current}\n\n{body}" if current else body
        if len(current) >= size:
            out.append(current)
            current = ""
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes (median reported)")
    parser.add_argument("--skip-anchors", action="store_true", help="time khabar only")
    args = parser.parse_args(argv)
    texts = articles()
    if not texts:
        print(f"no articles under {GOLD}", file=sys.stderr)
        return 2
    import khabar

    start = time.perf_counter()
    khabar.analyze(texts[0])
    load = time.perf_counter() - start
    times = []
    for _ in range(max(1, args.repeat)):
        start = time.perf_counter()
        for text in texts:
            khabar.analyze(text)
        times.append(time.perf_counter() - start)
    mean_kb = sum(len(t) for t in texts) / len(texts) / 1000
    khabar_rate = len(texts) / statistics.median(times)
    print(f"{len(texts)} articles of {mean_kb:.1f} KB on average, {args.repeat} passes")
    print(f"{'system':38} {'articles/s':>11} {'ratio':>7}")
    print(f"{'khabar ' + khabar.__version__ + ' analyze()':38} {khabar_rate:11.1f} {'':>7}")
    print(f"  (first call, loading every resource: {load:.2f} s)")
    if not args.skip_anchors:
        try:
            res = run_anchor("hazm", texts, repeat=max(1, args.repeat), timeout=600)
        except AnchorUnavailable as exc:
            print(f"hazm skipped: {exc}")
        else:
            rate = len(texts) / statistics.median(res.times)
            label = f"hazm {res.version} Normalizer() only"
            print(f"{label:38} {rate:11.1f} {khabar_rate / rate:7.2f}")
            print("  (ratio: khabar's full analysis rate over hazm's normalization rate)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
