"""Score ``khabar.analyze`` on the analysis development set.

Entities: exact span and type, P/R/F1 per type and overall (micro). Quotes: a predicted quote
matches a gold one of the same kind whose speaker it names. Events: a predicted event matches a
gold one of the same category sharing an actor; matched events also report how often date,
place and modality agree.

    python eval/analyze/score.py [--gold-dir tests/data/analyze] [--errors] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold import TYPES, GoldArticle, read_all

from khabar import analyze
from khabar.model import Actor, Analysis, Event

ROOT = Path(__file__).resolve().parents[2]


def _fold(name: str) -> str:
    return name.replace("\u200c", "").replace(" ", "").replace("ي", "ی").replace("ك", "ک")


def same_name(predicted: str | None, gold: str) -> bool:
    """Names agree when equal, or when one is the other's last word (surname) or contained."""
    if not predicted or gold == "-":
        return False
    p, g = _fold(predicted), _fold(gold)
    if p == g or (len(p) >= 3 and p in g) or (len(g) >= 3 and g in p):
        return True
    return predicted.split()[-1] == gold.split()[-1]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Tally:
    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()

    def row(self, key: str) -> tuple[float, float, float, int]:
        p, r, f = prf(self.tp[key], self.fp[key], self.fn[key])
        return p, r, f, self.tp[key] + self.fn[key]

    def total(self) -> tuple[float, float, float, int]:
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        return (*prf(tp, fp, fn), tp + fn)


def score_entities(article: GoldArticle, result: Analysis, tally: Tally, errors: list[str]) -> None:
    gold = set(article.entities)
    predicted = {(m.start, m.end, e.type) for e in result.entities for m in e.mentions}
    for item in predicted & gold:
        tally.tp[item[2]] += 1
    for item in predicted - gold:
        tally.fp[item[2]] += 1
        errors.append(f"  FP {item[2]:5} {article.text[item[0] : item[1]]}")
    for item in gold - predicted:
        tally.fn[item[2]] += 1
        errors.append(f"  FN {item[2]:5} {article.text[item[0] : item[1]]}")


def _actor_name(actor: Actor | None) -> str | None:
    return actor.name if actor else None


def score_quotes(article: GoldArticle, result: Analysis, tally: Tally, errors: list[str]) -> None:
    unmatched = list(result.quotes)
    for speaker, _verb, kind in article.quotes:
        hit = next(
            (q for q in unmatched if q.kind == kind and same_name(_actor_name(q.speaker), speaker)),
            None,
        )
        if hit is None:
            tally.fn[kind] += 1
            errors.append(f"  FN quote {kind} {speaker}")
        else:
            tally.tp[kind] += 1
            unmatched.remove(hit)
    for q in unmatched:
        tally.fp[q.kind] += 1
        errors.append(f"  FP quote {q.kind} {_actor_name(q.speaker)}: {q.span.text[:40]}")


def _shares(event: Event, gold: tuple[str, str]) -> bool:
    names = [_actor_name(event.source), _actor_name(event.target)]
    return any(same_name(n, g) for n in names for g in gold if g != "-")


def score_events(
    article: GoldArticle, result: Analysis, tally: Tally, fields: Counter[str], errors: list[str]
) -> None:
    unmatched = list(result.events)
    for category, source, target, day, place, modality in article.events:
        hit = next(
            (e for e in unmatched if e.category == category and _shares(e, (source, target))),
            None,
        )
        if hit is None:
            tally.fn[category] += 1
            errors.append(f"  FN event {category} {source} → {target}")
            continue
        tally.tp[category] += 1
        unmatched.remove(hit)
        fields["matched"] += 1
        value = hit.date.value if hit.date else None
        fields["date"] += (value or "-") == day or bool(
            value and day != "-" and value.startswith(day)
        )
        fields["place"] += (place == "-" and hit.place is None) or same_name(
            _actor_name(hit.place), place
        )
        fields["modality"] += hit.modality == modality
    for e in unmatched:
        tally.fp[e.category] += 1
        errors.append(
            f"  FP event {e.category} {_actor_name(e.source)} → {_actor_name(e.target)} "
            f"({e.trigger.text})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=ROOT / "tests/data/analyze")
    parser.add_argument("--errors", action="store_true", help="list every miss per article")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    articles = read_all(args.gold_dir)
    entities, quotes, events = Tally(), Tally(), Tally()
    fields: Counter[str] = Counter()
    for article in articles:
        result = analyze(article.text, article.published)
        errors: list[str] = []
        score_entities(article, result, entities, errors)
        score_quotes(article, result, quotes, errors)
        score_events(article, result, events, fields, errors)
        if args.errors and errors:
            print(article.path.name)
            print("\n".join(errors))
    report = {
        "articles": len(articles),
        "entities": {t: entities.row(t) for t in TYPES} | {"all": entities.total()},
        "quotes": {k: quotes.row(k) for k in ("direct", "reported")} | {"all": quotes.total()},
        "events": {
            c: events.row(c) for c in sorted(set(events.tp) | set(events.fn) | set(events.fp))
        }
        | {"all": events.total()},
        "event_fields": {k: fields[k] / fields["matched"] for k in ("date", "place", "modality")}
        if fields["matched"]
        else {},
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print(f"{len(articles)} articles")
    for section in ("entities", "quotes", "events"):
        print(f"\n{section:12}  P      R      F1     gold")
        for key, (p, r, f, n) in report[section].items():
            print(f"{key:12} {p:6.3f} {r:6.3f} {f:6.3f} {n:5d}")
    if report["event_fields"]:
        agree = ", ".join(f"{k} {v:.2f}" for k, v in report["event_fields"].items())
        print(f"\nmatched events agree on: {agree}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
