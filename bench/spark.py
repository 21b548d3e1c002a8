"""The Spark job's scaling: the same synthetic articles with ``local[1]`` and ``local[2]``.

Each run is a fresh process pinned to as many CPUs as Spark has task threads (``local[1]`` on
one CPU, ``local[2]`` on two), so the speed-up is the job's scaling with cores. Prints
articles/s for each (the median of ``--repeat`` alternated runs; a job's wall time includes
starting Spark), the speed-up, and the single-process ``khabar.analyze`` rate on the same
articles for comparison (per core). Needs a machine with two CPUs or more (Linux).

    python bench/spark.py --articles 20000
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import generate  # noqa: E402


def _job(source: Path, output: Path, cores: int, args: argparse.Namespace) -> float:
    """Articles/s of one run of the job in a fresh process (a fresh JVM: no run inherits
    another's compiled code) pinned to ``cores`` CPUs. Unpinned, ``local[1]`` is not one core:
    its Python worker, the JVM's task thread and its compiler threads run side by side."""
    code = (
        "import os, sys, time, json; from khabar.spark import run\n"
        f"os.sched_setaffinity(0, set(range({cores})))\n"
        "start = time.perf_counter()\n"
        f"run({str(source)!r}, {str(output)!r}, master='local[{cores}]', partitions=8,"
        f" threshold={args.threshold})\n"
        "print(json.dumps(time.perf_counter() - start))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return args.articles / float(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    # Template-made articles share half their shingles: at the default threshold LSH would
    # compare nearly every pair (see bench/README.md), which real news does not do.
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (median reported)")
    args = parser.parse_args()
    from khabar import analyze
    from khabar.spark import _records

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
    rates: dict[int, list[float]] = {1: [], 2: []}
    for run_number in range(args.repeat):  # alternated, so a noisy moment hits both
        for cores in (1, 2):
            rates[cores].append(_job(source, folder / f"out{cores}-{run_number}", cores, args))
    one, two = statistics.median(rates[1]), statistics.median(rates[2])
    print(
        json.dumps(
            {
                "articles": args.articles,
                "single_process_analyze_per_s": round(single, 1),
                "single_process_job_python_per_s": round(python_share, 1),
                "runs": args.repeat,
                "spark_local1_per_s": round(one, 1),
                "spark_local2_per_s": round(two, 1),
                "speedup": round(two / one, 2),
                "spark_per_core_local2": round(two / 2, 1),
                "all_runs_per_s": {f"local[{k}]": [round(r) for r in v] for k, v in rates.items()},
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
