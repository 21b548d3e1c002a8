"""The offset map: lookups, composition of passes, and the Rewriter that builds maps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.text.offsets import OffsetMap, Rewriter


def _rewrite(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    rw = Rewriter(text)
    for start, end, new in edits:
        rw.replace(start, end, new)
    return rw.apply()


@pytest.mark.parametrize(
    ("raw", "edits", "norm", "span", "raw_span"),
    [
        # a deleted mark between letters: the word still maps to the whole raw word
        ("كتاب\u200fها", [(4, 5, "")], "كتابها", (0, 6), (0, 7)),
        # a replaced letter maps one to one
        ("كتاب", [(0, 1, "ک")], "کتاب", (0, 1), (0, 1)),
        # an inserted half-space maps to the empty raw span where it was inserted
        ("میشود", [(2, 2, "\u200c")], "می\u200cشود", (2, 3), (2, 2)),
        # a span that ends inside an expansion grows to the whole raw character
        ("ﻻ بود", [(0, 1, "لا")], "لا بود", (0, 1), (0, 1)),
        # a span after an edit is shifted by the length change
        ("تهـــران است", [(2, 5, "")], "تهران است", (6, 9), (9, 12)),
    ],
)
def test_to_raw_maps_spans_back(raw, edits, norm, span, raw_span):
    text, mapping = _rewrite(raw, edits)
    assert text == norm
    assert mapping.to_raw(*span) == raw_span


def test_identity_map_changes_nothing():
    mapping = OffsetMap.identity(10)
    assert not mapping
    assert mapping.to_raw(3, 7) == (3, 7)
    assert mapping.to_norm(3, 7) == (3, 7)


def test_span_outside_text_is_an_index_error():
    with pytest.raises(IndexError, match="outside a text of 4"):
        OffsetMap.identity(4).to_raw(2, 9)


# -- properties ------------------------------------------------------------------------------

_ALPHABET = "ابپتسشکگی ،.\u200c"


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = draw(st.text(alphabet=_ALPHABET, max_size=30))
    return text, draw(edits_for(text))


@st.composite
def edits_for(draw: st.DrawFn, text: str) -> list[tuple[int, int, str]]:
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = []
    pos = 0
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a < pos:
            continue
        edits.append((a, b, draw(st.text(alphabet=_ALPHABET, max_size=3))))
        pos = b + 1  # edits of one pass never touch
    return edits


def _chars_copied(text: str, edits: list[tuple[int, int, str]]) -> list[int | None]:
    """For every output character, the input position it was copied from (None if edited)."""
    origin: list[int | None] = []
    pos = 0
    for start, end, new in edits:
        origin.extend(range(pos, start))
        origin.extend([None] * len(new))
        pos = end
    origin.extend(range(pos, len(text)))
    return origin


@given(text_and_edits(), st.data())
def test_composed_map_agrees_with_the_passes(first, data):
    raw, edits1 = first
    mid, map1 = _rewrite(raw, edits1)
    edits2 = data.draw(edits_for(mid))
    norm, map2 = _rewrite(mid, edits2)
    composed = map1.then(map2)
    assert composed.src_len == len(raw) and composed.dst_len == len(norm)
    # A character copied through both passes maps exactly onto the raw character.
    o1 = _chars_copied(raw, [e for e in edits1 if raw[e[0] : e[1]] != e[2]])
    o2 = _chars_copied(mid, [e for e in edits2 if mid[e[0] : e[1]] != e[2]])
    for i, j in enumerate(o2):
        if j is not None and o1[j] is not None:
            s, e = composed.to_raw(i, i + 1)
            assert raw[s:e] == norm[i]
    # Every span maps outward: it covers at least what the passes map it to one by one.
    for s in range(len(norm) + 1):
        for e in range(s, len(norm) + 1):
            cs, ce = composed.to_raw(s, e)
            ss, se = map1.to_raw(*map2.to_raw(s, e))
            assert (cs <= ss and se <= ce) or e == s


@given(text_and_edits())
def test_maps_are_monotone_and_in_bounds(case):
    raw, edits = case
    norm, mapping = _rewrite(raw, edits)
    starts = [mapping.to_raw(i, min(i + 1, len(norm)))[0] for i in range(len(norm) + 1)]
    assert starts == sorted(starts)
    for s in range(len(norm) + 1):
        for e in range(s, len(norm) + 1):
            rs, re_ = mapping.to_raw(s, e)
            assert 0 <= rs <= re_ <= len(raw)
            ns, ne = mapping.to_norm(rs, re_)
            assert 0 <= ns <= ne <= len(norm)
