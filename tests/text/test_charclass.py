"""Character sets found in texts: the compiled CharClass and its regex twin agree."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.text import charclass
from khabar.text.charclass import RegexCharClass, char_class, expand_ranges

Compiled = charclass._CompiledCharClass
needs_compiled = pytest.mark.skipif(Compiled is None, reason="the C module was not built")

# Persian, Latin, digits, invisible marks and spaces: the characters the passes look for.
_ALPHABET = "ابپتکگیيكهة ۰۱2aZ،.«»\u200c\u200f\u00a0\t\n\ufeff\u064b"
bmp_text = st.text(alphabet=_ALPHABET, max_size=60) | st.text(
    alphabet=st.characters(max_codepoint=0x10FFFF), max_size=30
)


@pytest.mark.parametrize("make", [RegexCharClass, char_class])
def test_find_and_positions(make):
    cls = make("،.\u200c")
    text = "سلام، دنیا.\u200c"
    assert cls.find(text) == 4
    assert cls.find(text, 5) == 10
    assert cls.find(text, 12) == -1
    assert cls.find(text, -3) == 4  # a negative start counts from 0
    assert cls.positions(text) == [4, 10, 11]
    assert cls.positions(text, 11) == [11]
    assert make("").positions(text) == []
    assert make("ا").followed_by("سلام، دنیا.", make("م،")) == [2]
    assert make(" ").followed_by("a  b ،", make(" ،")) == [1, 4]


@pytest.mark.parametrize("make", [RegexCharClass, char_class])
def test_characters_past_the_basic_plane_are_refused(make):
    with pytest.raises(ValueError, match="U\\+FFFF"):
        make("a😀")


@needs_compiled
@given(st.text(alphabet=_ALPHABET, max_size=8), bmp_text, st.integers(-2, 70))
def test_compiled_and_regex_classes_agree(chars, text, start):
    compiled, regex = Compiled(chars), RegexCharClass(chars)
    assert compiled.find(text, start) == regex.find(text, start)
    assert compiled.positions(text, start) == regex.positions(text, start)
    after = chars[::-1] + " "
    assert compiled.followed_by(text, Compiled(after)) == regex.followed_by(
        text, RegexCharClass(after)
    )


def test_expand_ranges():
    assert expand_ranges("a-cx\u0660-\u0662") == "abcx\u0660\u0661\u0662"
