"""An ingest killed with SIGKILL mid-batch leaves a sound database holding all it reported."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "analyze"


def _articles(path: Path, copies: int) -> int:
    """JSON Lines of our development articles, each under several distinct URLs."""
    bodies = [p.read_text("utf-8").partition("\n\n")[2] for p in sorted(GOLD.glob("*.txt"))]
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for number, body in enumerate(bodies):
                text = body.replace("[[", "").replace("]]", "")
                record = {
                    "title": f"خبر {number} نسخه {copy}",
                    "body": f"{text}\nنسخه {copy}",
                    "url": f"https://example.ir/news/{copy}/{number}",
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    return count


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_mid_ingest_loses_nothing_committed(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    total = _articles(source, copies=8)
    db = tmp_path / "corpus.db"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    cmd = [
        sys.executable,
        "-m",
        "khabar",
        "ingest",
        str(source),
        "--db",
        str(db),
        "-v",
        "--workers",
        "1",
        "--threshold",
        "0.9",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    reported = []
    for line in proc.stdout:
        reported.append(line.decode().split("\t")[1])
        if len(reported) == 25:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    reported += [line.decode().split("\t")[1] for line in proc.stdout.read().splitlines()]
    assert proc.returncode == -signal.SIGKILL
    assert 25 <= len(reported) < total

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in con.execute("SELECT id FROM articles")}
    assert set(reported) <= stored
    # Every stored article is whole: its search row and its analysis rows are there too.
    rows = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert con.execute("SELECT count(*) FROM article_search").fetchone()[0] == rows
    con.close()

    # Running again finishes the job without touching what was stored.
    done = subprocess.run(cmd, capture_output=True, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stderr.decode()
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == total
    con.close()
