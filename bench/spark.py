"""The Spark job's scaling: the same synthetic articles with ``local[1]`` and ``local[2]``.

Prints articles/s for each, the speed-up, and the single-process ``khabar.analyze`` rate on
the same articles for comparison (per core).

    python bench/spark.py --articles 20000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import generate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    # Template-made articles share half their shingles: at the default threshold LSH would
    # compare nearly every pair (see bench/README.md), which real news does not do.
    parser.add_argument("--threshold", type=float, default=0.9)
    args = parser.parse_args()
    from khabar import analyze
    from khabar.spark import _records, run

    articles = list(generate(args.articles, seed=2))
    folder = Path(tempfile.mkdtemp())
    source = folder / "in.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps(a, ensure_ascii=False) + "\n")
    sample = articles[: min(2000, len(articles))]
    analyze(sample[0]["body"])
    start = time.perf_counter()
    for a in sample:
        analyze(a["body"])
    single = len(sample) / (time.perf_counter() - start)
    # What each executor does per article in Python (analysis, its JSON and table rows,
    # shingles), timed the same way: the rest of the job's time is Spark's.
    lines = [(json.dumps(a, ensure_ascii=False), i) for i, a in enumerate(sample)]
    start = time.perf_counter()
    for _ in _records(lines, source.name):
        pass
    python_share = len(sample) / (time.perf_counter() - start)
    rates = {}
    for cores in (1, 2):
        start = time.perf_counter()
        run(
            str(source),
            str(folder / f"out{cores}"),
            master=f"local[{cores}]",
            partitions=8,
            threshold=args.threshold,
        )
        rates[cores] = args.articles / (time.perf_counter() - start)
    print(
        json.dumps(
            {
                "articles": args.articles,
                "single_process_analyze_per_s": round(single, 1),
                "single_process_job_python_per_s": round(python_share, 1),
                "spark_local1_per_s": round(rates[1], 1),
                "spark_local2_per_s": round(rates[2], 1),
                "speedup": round(rates[2] / rates[1], 2),
                "spark_per_core_local2": round(rates[2] / 2, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
