"""Articles per second of ``khabar.analyze`` on ~3 KB Persian news articles, on one core.

The articles are the development set's (tests/data/analyze, markup removed): their paragraphs
joined, in order, into articles of at least ``--size`` bytes of UTF-8 (3,000 by default: a
3 KB file, about 1,650 Persian characters; the set's own articles average 2.7 KB). Resources
load once, before timing (their load time is printed apart); characters per second are printed
too, so runs at other sizes compare. No offline anchor does what analyze does, so the anchors'
row is the least any Persian pipeline does on the same articles — hazm's ``Normalizer`` alone —
to put khabar's full analysis in proportion.

    python bench/analyze.py                 # 3 KB articles, 3 passes, hazm as reference
    python bench/analyze.py --size 6500 --skip-anchors --repeat 5
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
ARTICLE_BYTES = 3000
_MARK = re.compile(r"\[\[[A-Z]+\|([^\]]+)\]\]")


def articles(size: int = ARTICLE_BYTES) -> list[str]:
    """Development-set paragraphs, markup removed, joined into articles of ``size`` bytes or
    a little more (a paragraph is never cut)."""
    paragraphs = []
    for path in sorted(GOLD.glob("*.txt")):
        body = _MARK.sub(r"\1", path.read_text(encoding="utf-8").partition("\n\n")[2])
        paragraphs += [line.strip() for line in body.splitlines() if line.strip()]
    out, current = [], ""
    for paragraph in paragraphs * 2:
        current = f"{current}\n\n{paragraph}" if current else paragraph
        if len(current.encode("utf-8")) >= size:
            out.append(current)
            current = ""
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes (median reported)")
    parser.add_argument("--skip-anchors", action="store_true", help="time khabar only")
    parser.add_argument("--size", type=int, default=ARTICLE_BYTES, help="article bytes (UTF-8)")
    args = parser.parse_args(argv)
    texts = articles(args.size)
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
    mean_kb = sum(len(t.encode("utf-8")) for t in texts) / len(texts) / 1000
    mean_chars = sum(len(t) for t in texts) / len(texts)
    khabar_rate = len(texts) / statistics.median(times)
    print(
        f"{len(texts)} articles of {mean_kb:.1f} KB (UTF-8; {mean_chars:,.0f} characters) "
        f"on average, {args.repeat} passes"
    )
    print(f"{'system':38} {'articles/s':>11} {'chars/s':>10} {'ratio':>7}")
    label = f"khabar {khabar.__version__} analyze()"
    print(f"{label:38} {khabar_rate:11.1f} {khabar_rate * mean_chars:10,.0f} {'':>7}")
    print(f"  (first call, loading every resource: {load:.2f} s)")
    if not args.skip_anchors:
        try:
            res = run_anchor("hazm", texts, repeat=max(1, args.repeat), timeout=600)
        except AnchorUnavailable as exc:
            print(f"hazm skipped: {exc}")
        else:
            rate = len(texts) / statistics.median(res.times)
            label = f"hazm {res.version} Normalizer() only"
            print(f"{label:38} {rate:11.1f} {rate * mean_chars:10,.0f} {khabar_rate / rate:7.2f}")
            print("  (ratio: khabar's full analysis rate over hazm's normalization rate)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
