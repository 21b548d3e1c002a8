"""A readable terminal rendering of an :class:`~khabar.model.Analysis` (``khabar analyze``)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from khabar.model import Actor, Analysis, Entity

_TYPE_TITLES = {
    "PER": "People",
    "ORG": "Organizations",
    "LOC": "Places",
    "FAC": "Facilities",
    "EVENT": "Named events",
    "PRO": "Products and works",
}


def _actor(actor: Actor | None) -> str:
    if actor is None:
        return "—"
    return escape(actor.name) + (f" ({actor.country})" if actor.country else "")


def _role(entity: Entity) -> str:
    role = entity.role
    if role is None:
        return ""
    text = role.span.text if role.span else role.title
    extra = [*role.modifiers, *([role.country] if role.country else [])]
    if role.source == "lexicon":
        extra.append("known")
    return escape(text) + (f" [dim]({', '.join(extra)})[/]" if extra else "")


def render_analysis(result: Analysis, console: Console) -> None:
    published = result.published.isoformat() if result.published else "unknown"
    console.print(
        f"[bold]language[/] {result.language}   [bold]published[/] {published}   "
        f"[bold]source[/] {escape(result.source.name) if result.source else '—'}"
    )
    for note in result.notes:
        console.print(f"[yellow]{escape(note)}[/]")
    for type_, title in _TYPE_TITLES.items():
        found = result.entities_of(type_)
        if not found:
            continue
        table = Table(
            "name",
            "mentions",
            "role" if type_ == "PER" else "kind",
            title=title,
            title_justify="left",
            box=None,
        )
        for e in found:
            detail = _role(e) if type_ == "PER" else escape(e.kind or "")
            table.add_row(escape(e.name), str(len(e.mentions)), detail)
        console.print(table)
    if result.dates:
        table = Table("text", "value", "jalali", title="Dates", title_justify="left", box=None)
        for d in result.dates:
            table.add_row(escape(d.text), d.value or "—", d.jalali or "—")
        console.print(table)
    if result.events:
        table = Table(
            "category",
            "cameo",
            "trigger",
            "source",
            "target",
            "date",
            "place",
            "modality",
            title="Events",
            title_justify="left",
            box=None,
        )
        for ev in result.events:
            table.add_row(
                ev.category,
                ev.cameo,
                escape(ev.trigger.text),
                _actor(ev.source),
                _actor(ev.target),
                ev.date.value if ev.date and ev.date.value else "—",
                _actor(ev.place),
                ev.modality,
            )
        console.print(table)
    if result.quotes:
        table = Table(
            "speaker", "verb", "kind", "quote", title="Quotes", title_justify="left", box=None
        )
        for q in result.quotes:
            table.add_row(_actor(q.speaker), escape(q.verb.text), q.kind, escape(q.span.text))
        console.print(table)
    if result.keywords:
        console.print("[bold]Keywords[/] " + "، ".join(escape(k.text) for k in result.keywords))
    if result.summary:
        console.print("[bold]Summary[/]")
        for sentence in result.summary:
            console.print("  " + escape(sentence.text))
