"""Run one anchor toolkit's normalizer in its own process, and the client that starts it.

The anchors (hazm, parsivar, shekar) live in a separate virtual environment made by
``bench/setup_anchors.sh``, never in khabar's. This file has two halves:

* the **worker** (``python anchors.py run NAME`` with the anchors' interpreter): loads one
  normalizer, reads a JSON list of texts on stdin, normalizes every text ``--repeat`` times after a
  small untimed warm-up, and prints one JSON object: version, load time, the elapsed seconds of each
  pass (timed inside the worker, so start-up is not counted) and, with ``--outputs``, the outputs of
  the last pass. ``python anchors.py check`` loads every anchor and prints which ones work.
* the **client** (:func:`run_anchor`, imported by bench/normalize.py and eval/zwnj/score.py under
  khabar's Python), which finds the anchors' interpreter and runs the worker as a subprocess.

Standard library only, and Python 3.11-compatible, so both interpreters can load it.

Each anchor runs with its ZWNJ/affix handling switched on (read from the installed sources):

* hazm: ``Normalizer()``; its defaults ``correct_spacing=True`` (joins spaced affixes and compounds
  from its word list) and ``seperate_mi=True`` (puts ZWNJ into glued ``می``/``نمی`` verbs) are on.
* parsivar: ``Normalizer()``; its default rule-and-dictionary ``space_correction`` joins spaced
  affixes. ``parsivar-stat`` is ``Normalizer(statistical_space_correction=True)``, its shipped
  token-merger classifier, instead of the rules.
* shekar: ``Normalizer()``; its default pipeline includes ``SpacingNormalizer`` (spaced and glued
  affixes, ``می`` verbs, compounds from its word list).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ANCHORS: tuple[str, ...] = ("hazm", "parsivar", "shekar")
"""The anchors run by default."""

EXTRA_ANCHORS: tuple[str, ...] = ("parsivar-stat",)
"""Anchor configurations available by name but not run by default."""

SETTINGS: dict[str, str] = {
    "hazm": "Normalizer() [correct_spacing, seperate_mi on]",
    "parsivar": "Normalizer() [rule space_correction]",
    "parsivar-stat": "Normalizer(statistical_space_correction=True)",
    "shekar": "Normalizer() [SpacingNormalizer on]",
}

HERE = Path(__file__).resolve().parent
ANCHORS_DIR = HERE / ".anchors"
WARMUP_TEXTS = 20


# --------------------------------------------------------------------------------------------
# Worker side: runs under the anchors' interpreter.


def _load(name: str) -> tuple[Callable[[str], str], str]:
    """Build one anchor's normalizer; return its normalize function and the package version."""
    from importlib.metadata import version

    if name == "hazm":
        import hazm

        norm = hazm.Normalizer()
        return norm.normalize, version("hazm")
    if name in ("parsivar", "parsivar-stat"):
        import parsivar

        norm = parsivar.Normalizer(statistical_space_correction=name == "parsivar-stat")
        if name == "parsivar-stat" and not hasattr(norm, "token_merger_model"):
            # parsivar silently skips the model when its pickle is missing; say so instead.
            raise RuntimeError("parsivar's TokenMerger.pckl is missing from the installed package")
        return norm.normalize, version("parsivar")
    if name == "shekar":
        import shekar

        norm = shekar.Normalizer()
        return norm.normalize, version("shekar")
    raise ValueError(f"unknown anchor {name!r}; choose from {', '.join(ANCHORS + EXTRA_ANCHORS)}")


def _worker_run(name: str, repeat: int, outputs: bool) -> dict[str, object]:
    texts = json.load(sys.stdin)
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise SystemExit("anchors.py run: stdin must be a JSON list of strings")
    t0 = time.perf_counter()
    normalize, ver = _load(name)
    load_s = time.perf_counter() - t0
    for text in texts[:WARMUP_TEXTS]:  # first calls may fill lazy caches; keep them out of timing
        normalize(text)
    times: list[float] = []
    result: list[str] = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = [normalize(text) for text in texts]
        times.append(time.perf_counter() - start)
    report: dict[str, object] = {
        "anchor": name,
        "version": ver,
        "python": sys.version.split()[0],
        "settings": SETTINGS.get(name, ""),
        "load_s": load_s,
        "times": times,
        "chars": sum(len(t) for t in texts),
    }
    if outputs:
        report["outputs"] = result
    return report


def _worker_check(names: Sequence[str]) -> int:
    """Load each anchor and normalize one sentence; print a JSON line per anchor."""
    failed = 0
    for name in names:
        try:
            t0 = time.perf_counter()
            normalize, ver = _load(name)
            sample = normalize("ما میخواهیم کتابها را بخوانیم")
            print(
                json.dumps(
                    {
                        "anchor": name,
                        "ok": True,
                        "version": ver,
                        "load_s": round(time.perf_counter() - t0, 3),
                        "sample": sample,
                    },
                    ensure_ascii=False,
                )
            )
        except Exception as exc:  # report any failure of a third-party package, then go on
            failed += 1
            print(json.dumps({"anchor": name, "ok": False, "error": repr(exc)}, ensure_ascii=False))
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Anchor normalizer worker (runs in the anchor venv)."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="normalize a JSON list of texts read on stdin")
    run.add_argument("anchor", choices=ANCHORS + EXTRA_ANCHORS)
    run.add_argument("--repeat", type=int, default=1, help="timed passes over all texts")
    run.add_argument("--outputs", action="store_true", help="include the last pass's outputs")
    check = sub.add_parser("check", help="load every anchor and say which ones work")
    check.add_argument("anchors", nargs="*", default=list(ANCHORS + EXTRA_ANCHORS))
    args = parser.parse_args(argv)
    if args.command == "check":
        return _worker_check(args.anchors)
    real_stdout = sys.stdout
    with contextlib.redirect_stdout(sys.stderr):  # anchors that print must not spoil the JSON
        report = _worker_run(args.anchor, max(1, args.repeat), args.outputs)
    real_stdout.write(json.dumps(report, ensure_ascii=False))
    return 0


# --------------------------------------------------------------------------------------------
# Client side: runs under khabar's interpreter.


class AnchorUnavailable(Exception):
    """The anchor cannot run here (no venv, not installed, or it failed); the message says why."""


@dataclass
class AnchorResult:
    """What one worker run reported."""

    anchor: str
    version: str
    python: str
    settings: str
    load_s: float
    times: list[float]
    chars: int
    outputs: list[str] = field(default_factory=list)


def anchor_python(name: str) -> Path:
    """The interpreter that has ``name`` installed.

    Order: ``$KHABAR_ANCHORS_PYTHON``, a per-anchor venv ``bench/.anchors/<name>/`` (made when two
    anchors conflict), then the shared ``bench/.anchors/venv/``.

    Raises:
        AnchorUnavailable: no such interpreter exists; run bench/setup_anchors.sh.
    """
    env = os.environ.get("KHABAR_ANCHORS_PYTHON")
    if env:
        if not Path(env).exists():
            raise AnchorUnavailable(f"KHABAR_ANCHORS_PYTHON={env} does not exist")
        return Path(env)
    base = name.split("-")[0]
    for venv in (ANCHORS_DIR / base, ANCHORS_DIR / "venv"):
        python = venv / "bin" / "python"
        if python.exists():
            return python
    raise AnchorUnavailable(
        f"no anchor environment at {ANCHORS_DIR / 'venv'}; run `bash bench/setup_anchors.sh`"
    )


def run_anchor(
    name: str,
    texts: Sequence[str],
    *,
    repeat: int = 1,
    outputs: bool = False,
    timeout: float | None = None,
) -> AnchorResult:
    """Normalize ``texts`` with one anchor in a subprocess.

    Args:
        name: an anchor from ANCHORS or EXTRA_ANCHORS.
        texts: the texts, each normalized by one call.
        repeat: timed passes over all texts (after an untimed warm-up).
        outputs: also return the outputs of the last pass.
        timeout: seconds before the worker is stopped.

    Raises:
        AnchorUnavailable: the anchor's environment is missing or the worker failed.
    """
    python = anchor_python(name)
    cmd = [str(python), str(Path(__file__).resolve()), "run", name, "--repeat", str(repeat)]
    if outputs:
        cmd.append("--outputs")
    try:
        proc = subprocess.run(
            cmd,
            input=json.dumps(list(texts), ensure_ascii=False),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise AnchorUnavailable(f"{name}: worker timed out after {timeout} s") from exc
    except OSError as exc:
        raise AnchorUnavailable(f"{name}: cannot start {python}: {exc}") from exc
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        last = lines[-1] if lines else f"exit code {proc.returncode}"
        raise AnchorUnavailable(f"{name}: worker failed: {last}")
    data = json.loads(proc.stdout)
    return AnchorResult(
        anchor=data["anchor"],
        version=data["version"],
        python=data["python"],
        settings=data["settings"],
        load_s=data["load_s"],
        times=data["times"],
        chars=data["chars"],
        outputs=data.get("outputs", []),
    )


def parse_anchor_list(value: str) -> list[str]:
    """Split a comma-separated anchor list and check each name."""
    names = [v.strip() for v in value.split(",") if v.strip()]
    known = ANCHORS + EXTRA_ANCHORS
    bad = [n for n in names if n not in known]
    if bad:
        raise argparse.ArgumentTypeError(
            f"unknown anchor(s) {', '.join(bad)}; choose from {', '.join(known)}"
        )
    return names


def print_table(
    title: str, cols: Sequence[str], body: Sequence[Sequence[str]], left: Collection[int]
) -> None:
    """Print a table with rich when khabar's environment has it, else as aligned plain text.

    Columns whose index is in ``left`` are left-aligned, the rest (numbers) right-aligned.
    """
    try:
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table
    except ImportError:
        print(title)
        widths = [max(len(c), *(len(b[i]) for b in body)) for i, c in enumerate(cols)]
        for line in [cols, *body]:
            print("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)))
        print()
        return
    table = Table(title=escape(title))
    for i, c in enumerate(cols):
        table.add_column(escape(c), justify="left" if i in left else "right")
    for b in body:
        table.add_row(*(escape(v) for v in b))
    Console(width=None if sys.stdout.isatty() else 160).print(table)


if __name__ == "__main__":
    sys.exit(main())
