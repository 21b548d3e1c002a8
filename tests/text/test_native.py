"""The compiled scanning loops (_scan.c) and their pure-Python twins.

Both ways must give byte-identical text and offsets; the token table is also checked on its own
contract: tokens split as ``str.split(" ")`` splits them, unknown ones reported, edits placed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import normalize
from khabar.text import zwnj

TokenTable = zwnj.TokenTable
needs_table = pytest.mark.skipif(TokenTable is None, reason="the C token table was not built")
Z = "\u200c"
ROOT = Path(__file__).resolve().parents[2]


def both_ways(text: str, **options) -> tuple[tuple, tuple]:
    """(text, offsets) through the table and through the dicts."""
    results = []
    for use_table in (True, False):
        zwnj._USE_TABLE = use_table
        try:
            n = normalize(text, **options)
        finally:
            zwnj._USE_TABLE = True
        results.append((n.text, n.offsets.edits))
    return results[0], results[1]


def _sentences() -> list[str]:
    lines = []
    for name in ("sentences_a.txt", "controls.txt", "heldout_d.txt"):
        lines += (ROOT / "eval" / "zwnj" / name).read_text("utf-8").splitlines()[:120]
    lines.append((ROOT / "samples" / "article.txt").read_text("utf-8"))
    return [line for line in lines if line.strip() and not line.startswith("#")]


@needs_table
@pytest.mark.parametrize("join_compounds", [False, True])
@pytest.mark.parametrize("damage", ["none", "glued", "spaced"])
def test_table_and_dicts_agree_on_written_sentences(damage, join_compounds):
    for sentence in _sentences():
        text = {
            "none": sentence,
            "glued": sentence.replace(Z, ""),
            "spaced": sentence.replace(Z, " "),
        }[damage]
        with_table, with_dicts = both_ways(text, join_compounds=join_compounds)
        assert with_table == with_dicts, text


_PURE_RUN = """
import json, sys
from khabar import normalize
from khabar.text import native
assert native.scan is None
out = [[n.text, n.offsets.edits] for n in map(normalize, json.load(sys.stdin))]
print(json.dumps(out))
"""


@needs_table
def test_the_whole_pass_chain_gives_the_same_without_the_compiled_module():
    texts = [t.replace(Z, "") for t in _sentences()] + [
        "ﻛﺘﺎﺏ  ها ، 2024\u00a0و «می شود»\t. iPhone 15",
        "\u200f\ufeffسلام\u200c\u200c ،دنيا ؟!",
        "میشود😀 کتاب ها 😀 و هستهای",  # characters past U+FFFF: a four-byte text
    ]
    run = subprocess.run(
        [sys.executable, "-c", _PURE_RUN],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "KHABAR_PURE_PYTHON": "1"},
    )
    pure = json.loads(run.stdout)
    compiled = [[n.text, [list(e) for e in n.offsets.edits]] for n in map(normalize, texts)]
    assert pure == compiled


_PIECES = [
    "می",
    "نمی",
    "شود",
    "میشود",
    "کتاب",
    "ها",
    "های",
    "کتابها",
    "هسته",
    "ای",
    "هستهای",
    "سخت",
    "گیرانه",
    "تر",
    "ترین",
    "رئیسجمهوری",
    "رئیس",
    "جمهور",
    "زمینهای",
    "گفته",
    "اند",
    "است",
    "شده",
    "بی",
    "سابقه",
    "گفت",
    "وگو",
    "بین",
    "المللی",
    "به",
    "طور",
    "و",
    "که",
    "تهران",
    "2024",
    "iPhone",
    "۱۴۰۳",
    "،",
    "«",
    "»",
    ".",
    "(",
    ")",
    "",
]


@needs_table
@settings(max_examples=300)
@given(
    st.lists(
        st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", "", Z, "  ", "\n"])),
        max_size=16,
    ),
    st.booleans(),
)
def test_table_and_dicts_agree_on_shuffled_pieces(pieces, join_compounds):
    text = "".join(word + sep for word, sep in pieces)
    with_table, with_dicts = both_ways(text, join_compounds=join_compounds)
    assert with_table == with_dicts


@needs_table
def test_scan_splits_like_str_split_and_reports_unknown_tokens():
    table = TokenTable()
    text = "کتاب  ها 2024 x"
    edits, stretches, unknown = table.scan(text)
    starts = [0]
    for token in text.split(" ")[:-1]:
        starts.append(starts[-1] + len(token) + 1)
    assert unknown == starts  # every token, the empty one between two spaces included
    assert (edits, stretches) == ([], [])


@needs_table
def test_scan_places_edits_and_finds_stretches():
    table = TokenTable()
    has_lead, has_tail = 8, 16
    word = has_lead | has_tail
    table.add("کتابها", 1 | word, ((0, 6, f"کتاب{Z}ها"),), None)
    table.add("کتاب", word, None, None)
    table.add("ها", 4 | word, None, None)  # an affix: may join the token before
    table.add("و", word, None, None)
    # "2024" is stored narrow (one byte a character) but found inside Persian text.
    table.add("2024", 0, None, None)
    text = "و کتابها و کتاب ها 2024"
    edits, stretches, unknown = table.scan(text)
    assert unknown == []
    assert edits == [(2, 8, f"کتاب{Z}ها")]
    assert stretches == [(11, 18)]  # «کتاب ها»
    assert text[11:18] == "کتاب ها"


@needs_table
def test_table_grows_clears_and_refuses_bad_edits():
    table = TokenTable()
    for n in range(5000):  # past the first capacity: the table grows and keeps every token
        table.add(f"واژه{n}", 0, None, None)
    assert len(table) == 5000
    assert table.scan("واژه0 واژه4999")[2] == []
    table.clear()
    assert len(table) == 0
    assert table.scan("واژه0")[2] == [0]
    with pytest.raises(TypeError):
        table.add("واژه", 1, ((0, "x", "y"),), None)
    with pytest.raises(TypeError):
        table.scan(b"bytes")
