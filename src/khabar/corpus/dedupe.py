"""Near-duplicates: MinHash signatures of word shingles, found through LSH (datasketch).

The same agency story reaches twenty sites with a new title, a sentence cut, a word changed:
their sets of three-word shingles overlap far more than two write-ups of the same event do.
Shingles are taken from the normalized text with half-spaces removed and punctuation dropped,
so spelling differences that normalization repairs do not count as edits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from khabar.errors import OptionError

# LSH with NUM_PERM permutations cannot band for a threshold above this.
MAX_THRESHOLD = 0.95
DEFAULT_THRESHOLD = 0.5  # estimated Jaccard similarity of shingle sets
NUM_PERM = 64
SHINGLE = 3
# The hashing scheme is part of a stored signature's meaning: fixed, so stored and new
# signatures always compare (datasketch ≥ 2 asks for it explicitly).
SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def check_threshold(threshold: float) -> None:
    """Refuse a similarity threshold LSH cannot band for (or one that links everything)."""
    if not 0.05 <= threshold <= MAX_THRESHOLD:
        raise OptionError(
            f"--threshold {threshold}: give a similarity from 0.05 to {MAX_THRESHOLD}, e.g. 0.5"
        )


def shingles(normalized: str) -> list[bytes]:
    words = _WORD.findall(normalized.replace("\u200c", ""))
    if len(words) < SHINGLE:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)]


def signature(normalized: str) -> MinHash:
    sig = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    found = shingles(normalized)
    if found:
        sig.update_batch(found)
    return sig


def to_bytes(sig: MinHash) -> bytes:
    return bytes(sig.hashvalues.astype("<u8").tobytes())


def from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype="<u8").astype(np.uint64)
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME)


class Deduper:
    """An LSH index of the canonical articles' signatures."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}

    def load(self, stored: Iterable[tuple[str, bytes]]) -> None:
        for article_id, data in stored:
            self.add(article_id, from_bytes(data))

    def add(self, article_id: str, sig: MinHash) -> None:
        if article_id not in self.signatures:
            self.lsh.insert(article_id, sig)
            self.signatures[article_id] = sig

    def match(self, sig: MinHash) -> tuple[str, float] | None:
        """The most similar canonical article at or above the threshold, if any."""
        best: tuple[str, float] | None = None
        for candidate in self.lsh.query(sig):
            similarity = sig.jaccard(self.signatures[candidate])
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (candidate, similarity)
        return best
