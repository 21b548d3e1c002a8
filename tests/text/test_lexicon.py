"""The language data behind half-space repair: well-formed, consistent, checked by its script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from khabar.text.lexicon import lexicon, well_formed
from khabar.text.patterns import ZWNJ
from khabar.text.verbs import verb_bodies, verbs

ROOT = Path(__file__).resolve().parents[2]


def test_verb_table_passes_its_check_script():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_verbs.py"), "--show", "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "0 problems" in result.stdout


def test_compounds_are_well_formed_and_never_solid():
    lex = lexicon()
    assert len(lex.compounds) > 500
    for glued, written in lex.compounds.items():
        assert well_formed(written), written
        assert glued not in lex.solid, written


@pytest.mark.parametrize(
    ("word", "ok"),
    [
        (f"کتاب{ZWNJ}ها", True),
        (f"بندر{ZWNJ}ها", False),
        (f"{ZWNJ}کتاب", False),
        (f"کتاب{ZWNJ}{ZWNJ}ها", False),
    ],
)
def test_well_formed(word, ok):
    assert well_formed(word) is ok


def test_frequency_list_is_folded_to_persian_letters():
    lex = lexicon()
    assert not any("ي" in w or "ك" in w for w in lex.freq)


def test_verb_generation_covers_persons_tenses_and_glides():
    bodies = verb_bodies()
    assert len(verbs()) > 300
    for glued, written in [
        ("گوید", "گوید"),
        ("آیند", "آیند"),
        ("شود", "شود"),
        ("رفتهاند", f"رفته{ZWNJ}اند"),
        ("کندش", "کندش"),
    ]:
        assert bodies[glued][0] == written
    assert "گو" not in bodies  # a bare stem is no form
