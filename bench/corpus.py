"""The corpus engine at scale: ingest rate, search latency and dedupe time.

Synthetic articles from our templates (bench/synth.py: stories told by several sources,
near-duplicates, glued and Arabic-letter text) are ingested with analysis into a fresh SQLite
file by ``khabar.corpus.ingest`` with every core; then a few hundred queries (words, phrases,
names, glued spellings) are timed; then near-duplicate detection alone is timed over all the
articles. One run per size; figures go to the README.

    python bench/corpus.py --sizes 10000            # about two minutes on 2 cores
    python bench/corpus.py --sizes 10000,100000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import generate  # noqa: E402

QUERIES = 300


def _queries(articles: list[dict[str, str]], rng: random.Random) -> list[str]:
    """Single words, two-word phrases and glued spellings taken from the articles."""
    out = []
    for _ in range(QUERIES):
        words = rng.choice(articles)["body"].split()
        k = rng.randrange(max(1, len(words) - 2))
        kind = rng.random()
        if kind < 0.5:
            out.append(words[k])
        elif kind < 0.8:
            out.append(f'"{words[k]} {words[k + 1]}"')
        else:
            out.append(words[k].replace("\u200c", ""))
    return out


def run(size: int, workers: int, seed: int, threshold: float) -> dict[str, float]:
    from khabar.corpus import dedupe
    from khabar.corpus.ingest import ingest
    from khabar.corpus.search import search
    from khabar.corpus.store import Store

    articles = list(generate(size, seed=seed))
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for article in articles:
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
        db = Path(tmp) / "corpus.db"
        with Store(db) as store:
            start = time.perf_counter()
            summary = ingest([str(source)], store, workers=workers, threshold=threshold)
            ingest_s = time.perf_counter() - start
            rng = random.Random(seed)
            latencies = []
            for query in _queries(articles, rng):
                start = time.perf_counter()
                search(store, query, limit=20)
                latencies.append(time.perf_counter() - start)
        start = time.perf_counter()
        deduper = dedupe.Deduper(threshold)
        for number, article in enumerate(articles):
            sig = dedupe.signature(article["body"])
            if deduper.match(sig) is None:
                deduper.add(str(number), sig)
        dedupe_s = time.perf_counter() - start
        db_mb = db.stat().st_size / 1e6
    latencies.sort()
    return {
        "articles": size,
        "new": summary.new,
        "duplicates": summary.duplicates,
        "failed": len(summary.failures),
        "ingest_s": round(ingest_s, 1),
        "ingest_per_s": round(size / ingest_s, 1),
        "search_p50_ms": round(1000 * statistics.median(latencies), 2),
        "search_p95_ms": round(1000 * latencies[int(0.95 * len(latencies))], 2),
        "dedupe_s": round(dedupe_s, 1),
        "db_mb": round(db_mb, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated corpus sizes")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=0)
    # Two fillings of one template share half their shingles (bench/README.md), far more than
    # two real articles do: a high threshold keeps them apart, so nearly every article is
    # analyzed, as in a real corpus.
    parser.add_argument("--threshold", type=float, default=0.9)
    args = parser.parse_args()
    print(f"workers: {args.workers}")
    for size in (int(s) for s in args.sizes.split(",")):
        print(json.dumps(run(size, args.workers, args.seed, args.threshold)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
