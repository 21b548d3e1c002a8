"""False half-spaces in proper names: every name of khabar's gazetteers, its half-spaces
deleted, through ``normalize``; a half-space the output has and the listed name does not is a
false split (``شوشتر`` → ``شوش‌تر``). Names are where a ZWNJ restorer is most tempted to split.

    python eval/zwnj/names.py            # counts and the first 40 false splits
    python eval/zwnj/names.py --all
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ZWNJ = "\u200c"
SOURCES = [
    "gazetteer/places.tsv",
    "gazetteer/places_extra.tsv",
    "gazetteer/organizations.tsv",
    "gazetteer/facilities.tsv",
    "gazetteer/products.tsv",
    "names/people.tsv",
    "names/given_names.tsv",
    "names/surnames.tsv",
]


def names() -> list[str]:
    found: set[str] = set()
    for source in SOURCES:
        for line in (ROOT / "src" / "khabar" / "data" / source).read_text("utf-8").splitlines():
            name = line.split("\t")[0].strip()
            latin = any(c.isascii() and c.isalpha() for c in name)
            if name and not line.startswith("#") and not latin:
                found.add(name)
    return sorted(found)


def half_spaces(text: str) -> set[int]:
    """Positions of the half-spaces, counted in the other characters."""
    spots, k = set(), 0
    for ch in text:
        if ch == ZWNJ:
            spots.add(k)
        else:
            k += 1
    return spots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", action="store_true", help="list every false split")
    args = parser.parse_args(argv)
    try:
        from khabar import normalize
    except ImportError:
        sys.path.insert(0, str(ROOT / "src"))
        from khabar import normalize
    listed = names()
    false_splits, missed = [], 0
    for name in listed:
        out = normalize(name.replace(ZWNJ, "")).text
        if out.replace(ZWNJ, "") != name.replace(ZWNJ, ""):
            continue  # other normalization (letters, digits): not about half-spaces
        if half_spaces(out) - half_spaces(name):
            false_splits.append((name, out))
        missed += bool(half_spaces(name) - half_spaces(out))
    print(f"{len(listed)} names: {len(false_splits)} with a false half-space, {missed} missing one")
    for name, out in false_splits if args.all else false_splits[:40]:
        print(f"  {name} → {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
