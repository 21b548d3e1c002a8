"""Load on ``khabar serve``: search requests against a 10k-article corpus on loopback.

Builds (or reuses) a database of synthetic articles (bench/synth.py) ingested with analysis,
starts ``khabar serve`` on loopback in its own process, and sends search requests for a fixed
time: with wrk (Debian's package, in C) when it is installed — as many as ``--connections``
keep-alive connections can carry, so the achieved rate is the server's capacity — else from an
asyncio client at a fixed rate (open loop: a slow answer does not slow the
sending, up to 64 requests in flight). Bounded in count and time: rate × seconds requests,
each with a 10 s timeout.

    python bench/serve.py                          # 200 requests/s for 60 s
    python bench/serve.py --rate 50 --seconds 10 --articles 2000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
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
        # At most this many requests in flight: when the server falls behind, the sending
        # slows down (and the achieved rate says so) instead of flooding the client's own pool.
        in_flight = asyncio.Semaphore(64)

        async def one(query: str) -> None:
            nonlocal errors
            async with in_flight:
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


_WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def load_wrk(base: str, queries: list[str], seconds: float, connections: int) -> dict[str, float]:
    """Closed-loop load from wrk (C, so the client does not steal the server's cores)."""
    import re
    from urllib.parse import quote

    paths = ", ".join(f'"/search?q={quote(q)}"' for q in queries)
    script = Path(tempfile.mkdtemp()) / "queries.lua"
    script.write_text(_WRK_SCRIPT % paths, encoding="utf-8")
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{int(seconds)}s",
            "--latency",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label: str) -> float:
        m = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out)
        if m is None:
            return float("nan")
        value, unit = float(m.group(1)), m.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 1)

    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "client": "wrk",
        "connections": connections,
        "requests": requests,
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "none",
        "achieved_per_s": round(requests / seconds, 1),
        "p50_ms": ms("50"),
        "p99_ms": ms("99"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=60.0)
    # One process: its threads share one result cache, and SQLite ranks with the GIL released,
    # so both cores work; two processes keep two caches and rank every query twice.
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--db", type=Path, default=None, help="reuse or keep this database")
    parser.add_argument("--connections", type=int, default=8, help="wrk's open connections")
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
        base = f"http://127.0.0.1:{port}"
        if shutil.which("wrk"):
            result = load_wrk(base, queries, args.seconds, args.connections)
        else:
            result = asyncio.run(load(base, queries, args.rate, args.seconds))
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
