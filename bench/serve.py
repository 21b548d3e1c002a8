"""Load on ``khabar serve``: search requests at a fixed rate against a 10k-article corpus.

Builds (or reuses) a database of synthetic articles (bench/synth.py) ingested with analysis,
starts ``khabar serve`` on loopback in its own process, and sends search requests at a fixed
rate for a fixed time from an asyncio client (open loop: a slow answer does not slow the
sending). Bounded in count and time: rate × seconds requests, each with a 10 s timeout.

    python bench/serve.py                          # 200 requests/s for 60 s
    python bench/serve.py --rate 50 --seconds 10 --articles 2000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import generate  # noqa: E402


def build(db: Path, articles: int) -> list[str]:
    """The database (made once) and query words taken from the articles."""
    sample = list(generate(articles, seed=1))
    if not db.exists():
        from khabar.corpus.ingest import ingest
        from khabar.corpus.store import Store

        source = db.with_suffix(".jsonl")
        with source.open("w", encoding="utf-8") as out:
            for a in sample:
                out.write(json.dumps(a, ensure_ascii=False) + "\n")
        with Store(db) as store:
            ingest([str(source)], store, workers=os.cpu_count() or 1, threshold=0.9)
    rng = random.Random(0)
    words = [w for a in sample[:500] for w in a["body"].split() if len(w) > 3]
    return [rng.choice(words) for _ in range(1000)]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def load(base: str, queries: list[str], rate: float, seconds: float) -> dict[str, float]:
    import httpx

    latencies: list[float] = []
    errors = 0
    total = int(rate * seconds)
    async with httpx.AsyncClient(
        base_url=base, timeout=10.0, limits=httpx.Limits(max_connections=200)
    ) as client:

        async def one(query: str) -> None:
            nonlocal errors
            start = time.perf_counter()
            try:
                response = await client.get("/search", params={"q": query})
                if response.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - start)

        tasks = []
        begin = time.perf_counter()
        for k in range(total):
            delay = begin + k / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(queries[k % len(queries)])))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - begin
    latencies.sort()
    return {
        "requests": total,
        "errors": errors,
        "achieved_per_s": round(total / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p99_ms": round(1000 * latencies[int(0.99 * (len(latencies) - 1))], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes")
    parser.add_argument("--db", type=Path, default=None, help="reuse or keep this database")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    db = args.db or folder / f"serve-{args.articles}.db"
    queries = build(db, args.articles)
    port = _port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "khabar",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import httpx

        for _ in range(200):
            try:
                httpx.get(f"http://127.0.0.1:{port}/health", timeout=1.0)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        result = asyncio.run(load(f"http://127.0.0.1:{port}", queries, args.rate, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(
        json.dumps(
            {
                "articles": args.articles,
                "rate": args.rate,
                "seconds": args.seconds,
                "server_workers": args.workers,
                **result,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
