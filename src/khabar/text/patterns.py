"""Character classes and token patterns shared by the normalizer and the tokenizer.

Every regular expression that decides what a URL, an e-mail address, a number or a Latin word is
lives here, so that normalization (which must leave such tokens byte for byte intact) and
tokenization (which must keep them whole) can never disagree.
"""

from __future__ import annotations

import re

ZWNJ = "\u200c"
ZWJ = "\u200d"

# Persian letters (Arabic block letters used in Persian plus پ چ ژ گ ک ی) and the hamza forms.
PERSIAN_LETTERS = "ءآأؤإئابتثجحخدذرزسشصضطظعغفقلمنهوپچژکگیةۀ"
# Letters that never join the following letter: a ZWNJ after them is meaningless.
NON_JOINING = "ءآأؤإادذرزژوۀة"
# Letters that join the next letter (so a ZWNJ after them changes the written form).
JOINING = "".join(c for c in PERSIAN_LETTERS if c not in NON_JOINING)

LATIN_DIGITS = "0123456789"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
ANY_DIGIT = f"0-9{PERSIAN_DIGITS}{ARABIC_DIGITS}"

# Arabic-script letter (base Arabic block + Persian/Urdu extensions + presentation forms).
ARABIC_SCRIPT = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"

# Letters of Latin (with its accented extensions), Greek and Cyrillic: foreign words and names
# (Erdoğan, Jean-François, Москва) are protected like English ones.
FOREIGN_LETTER = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff\u1e00-\u1eff"
)
_ALNUM = f"{FOREIGN_LETTER}0-9"

# Each pattern may start only where a run of its characters starts (the look-behinds), and its
# open-ended parts are bounded, so that long junk runs ("-----", "a--a--") stay linear.
# Invisible format characters (bidi marks, ZWSP, BOM) end a URL: scraped pages put them right
# after links, and they are never part of one.
_URL_STOP = "\\s<>«»\"'(){}\\[\\]،؛\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_URL_TAIL = rf"[^{_URL_STOP}]+(?<![.,!?:;)])"
URL = rf"(?<![A-Za-z0-9+.-])(?:[a-zA-Z][a-zA-Z0-9+.-]{{0,31}}://|www\.){_URL_TAIL}"
EMAIL = (
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}"
    r"@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,}"
)
HASHTAG = rf"#[\w{ZWNJ}]+"
MENTION = r"@[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*"
# A domain written bare (jahankhabari.ir, bbc.co.uk/news/12): Latin labels joined by dots, and
# perhaps a path.
DOMAIN = (
    r"(?<![A-Za-z0-9-])[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})*"
    rf"\.[A-Za-z]{{2,}}\b(?:/{_URL_TAIL})?"
)
# A foreign word: an alphanumeric run with at least one letter, joined inside by - _ . ' ’
# (COVID-19, H2O, iPhone, U.S, O'Brien, 5G, Erdoğan).
LATIN_WORD = rf"(?<![{_ALNUM}])[0-9]*[{FOREIGN_LETTER}][{_ALNUM}]*(?:[-_.'’][{_ALNUM}]+)*"
# A number in any digit script with its inner separators (3.5, ۱۲٫۵, 1,200, ۱۴۰۲/۰۱/۱۲, ۲۱:۳۰,
# 2025-01-17) and an optional percent sign.
NUMBER_SEPARATORS = ".,٫٬/:-"
NUMBER = rf"[{ANY_DIGIT}]+(?:[{re.escape(NUMBER_SEPARATORS)}][{ANY_DIGIT}]+)*(?:[%٪])?"

# Spans the normalizer must copy unchanged (only spacing around them may change).
PROTECTED_RE = re.compile(f"{URL}|{EMAIL}|{HASHTAG}|{MENTION}|{DOMAIN}|{LATIN_WORD}")
NUMBER_RE = re.compile(NUMBER)
