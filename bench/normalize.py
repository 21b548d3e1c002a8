"""Normalization speed: khabar beside hazm, parsivar and shekar on the same text, in one run.

The corpus (bench/damaged_text.py) is built once and split into paragraphs; every system normalizes
every paragraph with one call, ``--repeat`` times, after a short untimed warm-up. khabar runs in
this process (with ZWNJ restoration on, and off); each anchor runs in its own subprocess under the
anchors' virtual environment (bench/setup_anchors.sh) and times its own passes, so interpreter
start-up and loading are not counted. ``load s`` is shown apart: an anchor's import and
constructor, khabar's first call (its data loads lazily) in the first row that uses it.
Machines are shared and noisy: read the medians and the ratios to hazm, not one absolute time.

khabar's first pass meets most words for the first time (its per-word caches fill), the later
ones find them known: ``1st × hazm`` is the first pass alone, the cost on unseen text. khabar
runs twice more in a subprocess with ``KHABAR_PURE_PYTHON=1``: what an install without the
compiled scanning loops (no C compiler) gets.

    python bench/normalize.py                      # 1 MB, 5 passes, all anchors
    python bench/normalize.py --size 200000 --skip-anchors
    python bench/normalize.py --anchors hazm,shekar --json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from anchors import (  # noqa: E402  (the bench scripts are not a package)
    ANCHORS,
    AnchorUnavailable,
    parse_anchor_list,
    print_table,
    run_anchor,
)
from damaged_text import build_corpus  # noqa: E402

WARMUP = 20
ANCHOR_TIMEOUT_S = 3600.0


def import_khabar() -> object:
    """Import khabar, from the source tree when it is not installed."""
    try:
        import khabar
    except ImportError:
        sys.path.insert(0, str(HERE.parent / "src"))
        import khabar
    return khabar


@dataclass
class Row:
    """One system's measurement."""

    system: str
    version: str = ""
    settings: str = ""
    times: list[float] = field(default_factory=list)
    load_s: float | None = None
    chars_per_s: float | None = None
    ratio_to_hazm: float | None = None
    first_pass_ratio: float | None = None
    note: str = ""


def time_in_process(
    fn: Callable[[str], object], paragraphs: Sequence[str], repeat: int
) -> tuple[float, list[float]]:
    """Seconds of the first call (lazy loading) and of each pass of ``fn`` over all paragraphs."""
    start = time.perf_counter()
    fn(paragraphs[0])
    first = time.perf_counter() - start
    for p in paragraphs[1:WARMUP]:
        fn(p)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for p in paragraphs:
            fn(p)
        times.append(time.perf_counter() - start)
    return first, times


def measure(
    paragraphs: Sequence[str], anchors: Sequence[str], repeat: int, log: Callable[[str], None]
) -> list[Row]:
    """Time khabar (ZWNJ on and off) and each anchor on the same paragraphs."""
    khabar = import_khabar()
    version = str(getattr(khabar, "__version__", ""))
    rows: list[Row] = []
    normalize = khabar.normalize  # type: ignore[attr-defined]
    for zwnj in (True, False):
        name = f"khabar (zwnj {'on' if zwnj else 'off'})"
        log(f"timing {name} …")

        def run(p: str, z: bool = zwnj) -> object:
            return normalize(p, zwnj=z)

        try:
            first, times = time_in_process(run, paragraphs, repeat)
        except khabar.KhabarError as exc:  # type: ignore[attr-defined]  # e.g. an unknown option
            log(f"note: {name} failed: {exc}")
            rows.append(Row(name, version, note=f"failed: {exc}"))
            continue
        rows.append(Row(name, version, f"normalize(zwnj={zwnj})", times, load_s=first))
    for name in anchors:
        log(f"timing {name} (subprocess) …")
        try:
            res = run_anchor(name, paragraphs, repeat=repeat, timeout=ANCHOR_TIMEOUT_S)
        except AnchorUnavailable as exc:
            log(f"note: skipping {name}: {exc}")
            rows.append(Row(name, note=f"skipped: {exc}"))
            continue
        rows.append(Row(name, res.version, res.settings, res.times, load_s=res.load_s))
    return rows


def add_ratios(rows: Sequence[Row], chars: int) -> None:
    """Each row's median chars/s, and its speed (median and first pass) over hazm's median."""
    for row in rows:
        if row.times:
            row.chars_per_s = chars / statistics.median(row.times)
    hazm = next((r for r in rows if r.system == "hazm" and r.chars_per_s), None)
    if hazm is None or not hazm.chars_per_s:
        return
    for row in rows:
        if row.chars_per_s:
            row.ratio_to_hazm = row.chars_per_s / hazm.chars_per_s
            row.first_pass_ratio = chars / row.times[0] / hazm.chars_per_s


def measure_pure_python(args: argparse.Namespace, log: Callable[[str], None]) -> list[Row]:
    """khabar's rows again, measured in a subprocess without the compiled loops."""
    log("timing khabar in pure Python (subprocess) …")
    command = [sys.executable, str(Path(__file__).resolve()), "--skip-anchors", "--no-pure"]
    command += ["--json", f"--size={args.size}", f"--repeat={args.repeat}", f"--seed={args.seed}"]
    if args.spaced:
        command.append("--spaced")
    env = {**os.environ, "KHABAR_PURE_PYTHON": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        log(f"note: the pure-Python run failed: {done.stderr.strip()[-300:]}")
        return []
    rows = []
    for result in json.loads(done.stdout)["results"]:
        row = Row(**{k: v for k, v in result.items() if k in Row.__dataclass_fields__})
        row.system += ", pure Python"
        rows.append(row)
    return rows


def _fmt(value: float | None, spec: str) -> str:
    return "–" if value is None else format(value, spec)


def print_rows(rows: Sequence[Row], header: str) -> None:
    """Print the rows as a table."""
    cols = [
        "system",
        "version",
        "median chars/s",
        "× hazm",
        "1st × hazm",
        "min–max s",
        "load s",
        "settings",
    ]
    body = [
        [
            r.system,
            r.version,
            _fmt(r.chars_per_s, ",.0f"),
            _fmt(r.ratio_to_hazm, ".2f"),
            _fmt(r.first_pass_ratio, ".2f"),
            f"{min(r.times):.2f}–{max(r.times):.2f}" if r.times else "–",
            _fmt(r.load_s, ".2f"),
            r.settings or r.note,
        ]
        for r in rows
    ]
    print_table(header, cols, body, left={0, 1, 7})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="corpus characters")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes per system")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument(
        "--spaced", action="store_true", help="ZWNJ replaced by spaces instead of deleted"
    )
    parser.add_argument(
        "--anchors",
        type=parse_anchor_list,
        default=list(ANCHORS),
        help=f"comma-separated anchors (default {','.join(ANCHORS)}; also parsivar-stat)",
    )
    parser.add_argument("--skip-anchors", action="store_true", help="time khabar only")
    parser.add_argument(
        "--no-pure", action="store_true", help="skip the run without the compiled loops"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    text = build_corpus(args.size, glued=not args.spaced, seed=args.seed)
    paragraphs = text.split("\n\n")
    anchors = [] if args.skip_anchors else args.anchors
    log(f"corpus: {len(text):,} chars in {len(paragraphs):,} paragraphs, repeat {args.repeat}")
    rows = measure(paragraphs, anchors, max(1, args.repeat), log)
    if not args.no_pure:
        rows[2:2] = measure_pure_python(args, log)  # after khabar's own rows
    add_ratios(rows, len(text))
    if args.json:
        payload = {
            "corpus": {
                "chars": len(text),
                "paragraphs": len(paragraphs),
                "mode": "spaced" if args.spaced else "glued",
                "seed": args.seed,
            },
            "repeat": args.repeat,
            "results": [asdict(r) for r in rows],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        mode = "spaced" if args.spaced else "glued"
        print_rows(
            rows,
            f"normalization speed: {len(text):,} chars ({mode}), median of {args.repeat} passes",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
