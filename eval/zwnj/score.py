"""Score ZWNJ (half-space) restoration: khabar beside hazm, parsivar and shekar on our gold set.

Gold: ``eval/zwnj/sentences_*.txt`` (sentences that need ZWNJs) and ``eval/zwnj/controls.txt``
(sentences where a careless rule would add a wrong one), one sentence per line, ``#`` lines are
comments. Each gold sentence gives two inputs: "glued" (every ZWNJ deleted) and "spaced" (every
ZWNJ replaced by a space). Every system normalizes every input; khabar runs in this process, each
anchor in its own subprocess (bench/anchors.py) and is skipped with a note if its environment is
missing.

Alignment: gold and output are both folded (Arabic ي ى ك → ی ک, every digit → Latin, kashida and
diacritics dropped) and reduced to a skeleton of their letters and digits. Each gap between two
skeleton characters is labelled ``z`` (only ZWNJ in it), ``s`` (a space or punctuation) or ``""``
(joined). A system that changes other characters is still aligned; one that changes letters is
aligned on the skeletons with difflib, and gold ZWNJs in the unaligned stretches count as missed,
its own as wrong. Scores: precision, recall and F1 over ZWNJ gaps, and the share of sentences whose
every gap is right ("exact": a missing, extra or misplaced space counts too).

    python eval/zwnj/score.py                     # khabar and every anchor
    python eval/zwnj/score.py --systems khabar --errors 20
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from anchors import (  # noqa: E402  (bench/ is not a package)
    ANCHORS,
    EXTRA_ANCHORS,
    AnchorUnavailable,
    print_table,
    run_anchor,
)

ZWNJ = "\u200c"
VARIANTS: dict[str, Callable[[str], str]] = {
    "glued": lambda s: s.replace(ZWNJ, ""),
    "spaced": lambda s: s.replace(ZWNJ, " "),
}
SYSTEMS = ("khabar", "khabar-join", *ANCHORS)
KASHIDA = "\u0640"
_FOLD = {ord("ي"): "ی", ord("ى"): "ی", ord("ك"): "ک", ord("ة"): "ه", ord(KASHIDA): None}


# --------------------------------------------------------------------------------------------
# Alignment and counting


def fold(ch: str) -> str:
    """One character as compared: Persian letters for Arabic look-alikes, digits as Latin."""
    ch = ch.translate(_FOLD)
    if ch.isdigit():
        return str(unicodedata.digit(ch, 0))
    return ch


def skeleton(text: str) -> tuple[str, list[str]]:
    """The letters and digits of ``text`` (folded), and the label of each gap between them.

    ``gaps[i]`` is what stands between skeleton characters ``i`` and ``i + 1``: ``"z"`` when the
    gap holds ZWNJs and nothing else, ``"s"`` when it holds anything else (space, punctuation), and
    ``""`` when the two are joined. Diacritics, kashida and invisible marks other than ZWNJ are
    dropped, not counted as gaps.
    """
    chars: list[str] = []
    gaps: list[str] = []
    pending = ""  # what stands since the last skeleton character
    for raw in text:
        ch = fold(raw)
        if not ch or (ch != ZWNJ and unicodedata.category(ch) in ("Mn", "Cf")):
            continue  # diacritics, direction marks and other invisibles are not gaps
        if ch.isalnum():
            if chars:
                gaps.append(_label(pending))
            chars.append(ch)
            pending = ""
        else:
            pending += ch
    return "".join(chars), gaps


def _label(between: str) -> str:
    if not between:
        return ""
    if set(between) == {ZWNJ}:
        return "z"
    return "s"


@dataclass
class Counts:
    """ZWNJ gap counts and sentence exact matches."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0
    sentences: int = 0
    misaligned: int = 0

    def add(self, other: Counts) -> None:
        for name in ("tp", "fp", "fn", "exact", "sentences", "misaligned"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)

    @property
    def exact_rate(self) -> float | None:
        return self.exact / self.sentences if self.sentences else None

    def summary(self) -> dict[str, float | int | None]:
        return {
            **asdict(self),
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "exact_rate": self.exact_rate,
        }


# What follows a ZWNJ as an inflection (or precedes it as a verb prefix): a space there is a
# spelling error. Every other ZWNJ joins two words of a compound, which design.md lets stand
# spaced ("both are accepted"); the "spaced-accepted" variant scores them so.
INFLECTIONS = frozenset(
    [
        "ها",
        "های",
        "هایی",
        "هایم",
        "هایت",
        "هایش",
        "هایمان",
        "هایتان",
        "هایشان",
        "هاست",
        "هایند",
        "ای",
        "ام",
        "ات",
        "اش",
        "ایم",
        "اید",
        "اند",
        "است",
        "ی",
        "یم",
        "یت",
        "یش",
        "یمان",
        "یتان",
        "یشان",
        "تر",
        "ترین",
        "تری",
        "ترها",
        "ترینها",
        "ترهای",
        "ترینهای",
    ]
)
VERB_PREFIXES = frozenset({"می", "نمی", "همی"})


def compound_zwnjs(gold: str) -> list[bool]:
    """For each ZWNJ of ``gold`` in order: does it join two words of a compound?"""
    flags = []
    for word in gold.split():
        parts = word.split(ZWNJ)
        for k in range(1, len(parts)):
            before = re.sub(r"\W", "", parts[k - 1])
            after = re.sub(r"\W", "", ZWNJ.join(parts[k:]))
            inflection = after in INFLECTIONS or re.sub(r"\W", "", parts[k]) in INFLECTIONS
            flags.append(not inflection and before not in VERB_PREFIXES)
    return flags


def compare(gold: str, output: str, optional: Sequence[bool] = ()) -> Counts:
    """Count ZWNJ agreements between one gold sentence and one system output.

    ``optional[k]`` says the gold's k-th ZWNJ may also stay a space (a spaced compound).
    """
    g_chars, g_gaps = skeleton(gold)
    if optional:
        flags = iter(optional)
        g_gaps = ["c" if lab == "z" and next(flags, False) else lab for lab in g_gaps]
    o_chars, o_gaps = skeleton(output)
    c = Counts(sentences=1)
    if g_chars == o_chars:
        pairs = list(zip(g_gaps, o_gaps, strict=True))
        unaligned_gold: list[str] = []
        unaligned_out: list[str] = []
    else:
        c.misaligned = 1
        pairs = []
        g_seen: set[int] = set()
        o_seen: set[int] = set()
        matcher = difflib.SequenceMatcher(None, g_chars, o_chars, autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size - 1):  # gaps inside a matching block are aligned
                pairs.append((g_gaps[block.a + k], o_gaps[block.b + k]))
                g_seen.add(block.a + k)
                o_seen.add(block.b + k)
        unaligned_gold = [lab for i, lab in enumerate(g_gaps) if i not in g_seen]
        unaligned_out = [lab for i, lab in enumerate(o_gaps) if i not in o_seen]
    for g, o in pairs:
        if g in ("z", "c") and o == "z":
            c.tp += 1
        elif o == "z":
            c.fp += 1
        elif g == "z" or (g == "c" and o == ""):
            c.fn += 1
    c.fn += unaligned_gold.count("z") + unaligned_gold.count("c")
    c.fp += unaligned_out.count("z")
    if not c.misaligned and all(g == o or (g == "c" and o in ("z", "s")) for g, o in pairs):
        c.exact = 1
    return c


# --------------------------------------------------------------------------------------------
# Gold, systems, report


def read_gold(path: Path) -> list[str]:
    """The sentences of one gold file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def gold_groups(gold_dir: Path) -> dict[str, list[str]]:
    """Gold sentences by group: "sentences" (all sentences_*.txt) and "controls"."""
    groups: dict[str, list[str]] = {}
    sentence_files = sorted(gold_dir.glob("sentences_*.txt"))
    if sentence_files:
        groups["sentences"] = [s for f in sentence_files for s in read_gold(f)]
    controls = gold_dir / "controls.txt"
    if controls.exists():
        groups["controls"] = read_gold(controls)
    return groups


def import_khabar() -> object:
    """Import khabar, from the source tree when it is not installed."""
    try:
        import khabar
    except ImportError:
        sys.path.insert(0, str(ROOT / "src"))
        import khabar
    return khabar


class SystemUnavailable(Exception):
    """A system cannot be scored here (missing environment, or it failed)."""


def run_system(name: str, inputs: list[str]) -> tuple[list[str], str]:
    """Outputs of one system for ``inputs`` and a description of it.

    Raises:
        SystemUnavailable: the system cannot run here; the message says why.
    """
    if name in ("khabar", "khabar-join"):
        khabar = import_khabar()
        normalize = khabar.normalize  # type: ignore[attr-defined]
        join = name == "khabar-join"  # spaced free-word compounds joined as well
        try:
            outputs = [normalize(s, join_compounds=join).text for s in inputs]
        except khabar.KhabarError as exc:  # type: ignore[attr-defined]  # e.g. data not there yet
            raise SystemUnavailable(f"khabar failed: {exc}") from exc
        suffix = " join_compounds=True" if join else ""
        return outputs, f"khabar {getattr(khabar, '__version__', '')}{suffix}"
    try:
        res = run_anchor(name, inputs, repeat=1, outputs=True, timeout=1800)
    except AnchorUnavailable as exc:
        raise SystemUnavailable(str(exc)) from exc
    return res.outputs, f"{name} {res.version} {res.settings}"


@dataclass
class Error:
    """One sentence khabar got wrong."""

    variant: str
    group: str
    gold: str
    input: str
    output: str
    counts: dict[str, int | float | None] = field(default_factory=dict)


def score(
    groups: dict[str, list[str]],
    systems: Sequence[str],
    log: Callable[[str], None],
    max_errors: int = 0,
) -> tuple[list[dict[str, object]], list[Error], dict[str, str]]:
    """Score every system on every variant and group.

    Returns:
        rows (system, variant, group and the counts), khabar's first errors, and the notes that
        describe or skip each system.
    """
    inputs: list[str] = []
    keys: list[tuple[str, str, str]] = []  # (variant, group, gold) per input
    for variant, derive in VARIANTS.items():
        for group, sentences in groups.items():
            for gold in sentences:
                inputs.append(derive(gold))
                keys.append((variant, group, gold))
    rows: list[dict[str, object]] = []
    errors: list[Error] = []
    notes: dict[str, str] = {}
    for system in systems:
        try:
            outputs, about = run_system(system, inputs)
        except SystemUnavailable as exc:
            notes[system] = f"skipped: {exc}"
            log(f"note: skipping {system}: {exc}")
            continue
        notes[system] = about
        totals: dict[tuple[str, str], Counts] = {}
        for (variant, group, gold), inp, out in zip(keys, inputs, outputs, strict=True):
            c = compare(gold, out)
            totals.setdefault((variant, group), Counts()).add(c)
            if variant == "spaced":
                accepted = compare(gold, out, compound_zwnjs(gold))
                totals.setdefault(("spaced-accepted", group), Counts()).add(accepted)
            if system == "khabar" and not c.exact and len(errors) < max_errors:
                errors.append(Error(variant, group, gold, inp, out, c.summary()))
        for (variant, group), c in totals.items():
            rows.append({"system": system, "variant": variant, "group": group, **c.summary()})
    return rows, errors, notes


def _pct(value: object) -> str:
    return "–" if not isinstance(value, float) else f"{100 * value:.1f}"


def print_report(rows: list[dict[str, object]], notes: dict[str, str]) -> None:
    """A table per group, then what each system was (or why it was skipped)."""
    cols = ["system", "variant", "P", "R", "F1", "exact %", "TP", "FP", "FN", "n", "misaligned"]
    for group in dict.fromkeys(str(r["group"]) for r in rows):
        body = [
            [
                str(r["system"]),
                str(r["variant"]),
                _pct(r["precision"]),
                _pct(r["recall"]),
                _pct(r["f1"]),
                _pct(r["exact_rate"]),
                str(r["tp"]),
                str(r["fp"]),
                str(r["fn"]),
                str(r["sentences"]),
                str(r["misaligned"]),
            ]
            for r in rows
            if r["group"] == group
        ]
        title = f"ZWNJ restoration — {group}"
        if group == "controls":
            title += " (precision and FP matter most here)"
        print_table(title, cols, body, left={0, 1})
    for system, note in notes.items():
        print(f"{system}: {note}")


def print_errors(errors: list[Error]) -> None:
    for i, e in enumerate(errors, 1):
        c = e.counts
        print(f"\n[{i}] {e.variant}/{e.group}  TP {c['tp']} FP {c['fp']} FN {c['fn']}")
        print(f"  gold:   {e.gold}")
        print(f"  input:  {e.input}")
        print(f"  output: {e.output}")
        print(f"  diff:   {word_diff(e.gold, e.output)}")


def word_diff(gold: str, output: str) -> str:
    """The words that differ, gold → output, with ZWNJ shown as ‹›."""
    show = str.maketrans({ZWNJ: "‹›"})
    g, o = gold.translate(show).split(), output.translate(show).split()
    parts = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, g, o, autojunk=False).get_opcodes():
        if tag != "equal":
            parts.append(f"{' '.join(g[a1:a2]) or '∅'} → {' '.join(o[b1:b2]) or '∅'}")
    return "; ".join(parts) or "(only characters outside words differ)"


def parse_systems(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    known = ("khabar", "khabar-join", *ANCHORS, *EXTRA_ANCHORS)
    bad = [n for n in names if n not in known]
    if bad:
        raise argparse.ArgumentTypeError(
            f"unknown system(s) {', '.join(bad)}; choose from {', '.join(known)}"
        )
    return names


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--systems",
        type=parse_systems,
        default=list(SYSTEMS),
        help=f"comma-separated (default {','.join(SYSTEMS)}; also parsivar-stat)",
    )
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="show N khabar errors")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--gold-dir", type=Path, default=HERE, help="where the gold files are")
    args = parser.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    groups = gold_groups(args.gold_dir)
    if not groups:
        log(f"no gold files (sentences_*.txt, controls.txt) in {args.gold_dir}")
        return 2
    log(", ".join(f"{g}: {len(s)} sentences" for g, s in groups.items()))
    rows, errors, notes = score(groups, args.systems, log, args.errors)
    if args.json:
        payload = {
            "gold": {g: len(s) for g, s in groups.items()},
            "systems": notes,
            "results": rows,
            "errors": [asdict(e) for e in errors],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print_report(rows, notes)
    if errors:
        print_errors(errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
