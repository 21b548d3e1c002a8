"""The README's first lines are the commands CI runs: keep them true."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    lines = (ROOT / "README.md").read_text("utf-8").splitlines()
    start = lines.index("```sh") + 1
    return lines[start : start + 2]


def test_readme_opens_with_the_run_and_test_commands():
    run, test = _readme_commands()
    assert run.startswith("pip install . && khabar ")
    assert test.startswith("pip install -e '.[test]' && ")


def test_ci_runs_exactly_the_readme_test_command():
    _, test = _readme_commands()
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert test in ci


def test_readme_sample_exists():
    run, _ = _readme_commands()
    sample = run.split()[-1]
    assert (ROOT / sample).is_file()
