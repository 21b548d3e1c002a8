"""Build the benchmark input: about a megabyte of Persian text with the defects of web text.

The text comes only from what the repository holds: every ``*.txt`` sentence file under
``eval/zwnj/`` (one sentence per line, ``#`` lines are comments) and ``samples/*.txt`` if any.
Sentences are shuffled deterministically into paragraphs (blank line between them), repeated as
often as the size asks, and then given the defects scraped news really has, all chosen by a seeded
random generator so the same arguments always give the same text:

* every ZWNJ deleted (``glued=True``, as most web text arrives) or replaced by a space;
* in some paragraphs Arabic ``ي ك`` for Persian ``ی ک`` (typed on an Arabic layout);
* in some paragraphs Latin or Arabic-Indic digits for Persian ones;
* stray spaces before some punctuation marks.

Run ``python bench/damaged_text.py --size 2000`` to see a sample.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZWNJ = "\u200c"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
TO_LATIN = str.maketrans(PERSIAN_DIGITS, "0123456789")
TO_ARABIC_INDIC = str.maketrans(PERSIAN_DIGITS, "٠١٢٣٤٥٦٧٨٩")
TO_ARABIC_LETTERS = str.maketrans("یک", "يك")
PUNCTUATION = "،.؛؟!:»)"

# Share of paragraphs given each defect; numbers a reader of scraped news would find plausible.
ARABIC_LETTER_SHARE = 0.2
LATIN_DIGIT_SHARE = 0.25
ARABIC_DIGIT_SHARE = 0.1
STRAY_SPACE_SHARE = 0.3  # of punctuation marks
SENTENCES_PER_PARAGRAPH = (3, 9)


def source_files(root: Path = ROOT) -> list[Path]:
    """The repository's text files the corpus is drawn from, in a stable order."""
    files = sorted((root / "eval" / "zwnj").rglob("*.txt"))
    files += sorted((root / "samples").glob("*.txt"))
    return files


def read_sentences(paths: Iterable[Path]) -> list[str]:
    """Non-empty, non-comment lines of the given files."""
    sentences: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                sentences.append(line)
    return sentences


def _paragraphs(sentences: list[str], size_chars: int, rng: random.Random) -> list[str]:
    """Shuffle sentences into paragraphs until about ``size_chars`` characters are used."""
    pool: list[str] = []
    paragraphs: list[str] = []
    total = 0
    while total < size_chars:
        n = rng.randint(*SENTENCES_PER_PARAGRAPH)
        chosen: list[str] = []
        for _ in range(n):
            if not pool:  # reshuffle for every pass through the sentences
                pool = sentences[:]
                rng.shuffle(pool)
            chosen.append(pool.pop())
        paragraph = " ".join(chosen)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return paragraphs


def _stray_spaces(text: str, rng: random.Random) -> str:
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in PUNCTUATION and i > 0 and text[i - 1] != " " and rng.random() < STRAY_SPACE_SHARE:
            out.append(" ")
        out.append(ch)
    return "".join(out)


def damage(paragraph: str, rng: random.Random, *, glued: bool = True) -> str:
    """Give one paragraph the defects of web text (see the module docstring)."""
    text = paragraph.replace(ZWNJ, "" if glued else " ")
    if rng.random() < ARABIC_LETTER_SHARE:
        text = text.translate(TO_ARABIC_LETTERS)
    roll = rng.random()
    if roll < LATIN_DIGIT_SHARE:
        text = text.translate(TO_LATIN)
    elif roll < LATIN_DIGIT_SHARE + ARABIC_DIGIT_SHARE:
        text = text.translate(TO_ARABIC_INDIC)
    return _stray_spaces(text, rng)


def build_corpus(
    size_chars: int = 1_000_000,
    *,
    glued: bool = True,
    seed: int = 0,
    root: Path = ROOT,
) -> str:
    """Build about ``size_chars`` chars of damaged Persian text, paragraphs split by blank lines.

    Args:
        size_chars: the size to reach (the text ends at the first paragraph end after it).
        glued: delete every ZWNJ (True) or replace each by a space (False, "spaced" text).
        seed: the random seed; the same arguments always give the same text.
        root: the repository root whose files are read.

    Raises:
        FileNotFoundError: the repository holds no sentences to build from.
    """
    files = source_files(root)
    sentences = read_sentences(files)
    if not sentences:
        raise FileNotFoundError(
            f"no sentences under {root / 'eval' / 'zwnj'} or {root / 'samples'}; "
            "the corpus is built from the repository's own *.txt sentence files"
        )
    rng = random.Random(seed)
    paragraphs = _paragraphs(sentences, size_chars, rng)
    return "\n\n".join(damage(p, rng, glued=glued) for p in paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description="Print the benchmark corpus (or its size).")
    parser.add_argument("--size", type=int, default=2000, help="characters (default 2000)")
    parser.add_argument("--spaced", action="store_true", help="ZWNJ replaced by spaces")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stats", action="store_true", help="print sizes, not the text")
    args = parser.parse_args()
    text = build_corpus(args.size, glued=not args.spaced, seed=args.seed)
    if args.stats:
        files = source_files()
        print(f"{len(files)} source files, {len(read_sentences(files))} sentences")
        print(f"{len(text)} chars, {text.count(chr(10) * 2) + 1} paragraphs")
    else:
        sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
