"""The web reader: server-rendered pages (Jinja2, autoescaped), right to left, offline.

Everything shown from an article is escaped; highlights are built from the analysis' offsets
into the raw text, so the marks sit exactly on the words the analyzer found.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, HTTPException
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from khabar.serve import queries

HERE = Path(__file__).resolve().parent
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def both_calendars(iso: str | None) -> str:
    """``2025-01-17`` → ``۲۸ دی ۱۴۰۳ (2025-01-17)``: every date on both calendars."""
    if not iso or len(iso) < 10:
        return iso or "—"
    import jdatetime

    try:
        day = jdatetime.date.fromgregorian(
            year=int(iso[:4]), month=int(iso[5:7]), day=int(iso[8:10])
        )
    except ValueError:
        return iso
    month = jdatetime.date.j_months_fa[day.month - 1]
    jalali = f"{day.day} {month} {day.year}".translate(_PERSIAN_DIGITS)
    return f"{jalali} ({iso[:10]})"


def highlight(raw: str, analysis: dict[str, Any] | None) -> Markup:
    """The raw text as HTML, with entity, date and quote spans marked where they stand."""
    if not analysis:
        return Markup(escape(raw))
    spans: list[tuple[int, int, str, str]] = []  # start, end, tag, attributes
    for e in analysis.get("entities", ()):
        key = quote(queries.entity_key(e["type"], e["name"]), safe="")
        for m in e["mentions"]:
            attrs = f'class="ent {e["type"]}" href="/read/entity/{key}" title="{escape(e["name"])}"'
            spans.append((m["start"], m["end"], "a", attrs))
    for d in analysis.get("dates", ()):
        title = escape(both_calendars(d.get("value")) if d.get("value") else d["resolution"])
        spans.append((d["start"], d["end"], "time", f'class="date" title="{title}"'))
    for q in analysis.get("quotes", ()):
        s = q["span"]
        spans.append((s["start"], s["end"], "q", 'class="quote"'))
    # Outer spans first; a span that crosses one already placed is left out.
    spans.sort(key=lambda s: (s[0], -s[1]))
    placed: list[tuple[int, int, str, str]] = []
    for span in spans:
        if all(
            span[1] <= p[0]
            or span[0] >= p[1]
            or (p[0] <= span[0] and span[1] <= p[1])
            or (span[0] <= p[0] and p[1] <= span[1])
            for p in placed
        ):
            placed.append(span)
    events: list[tuple[int, int, str]] = []  # position, order, html
    for start, end, tag, attrs in placed:
        events.append((start, end - start and -(end - start), f"<{tag} {attrs}>"))
        events.append((end, 1, f"</{tag}>"))
    events.sort(key=lambda e: (e[0], e[1]))
    out, pos = [], 0
    for at, _, html in events:
        out.append(escape(raw[pos:at]))
        out.append(html)
        pos = at
    out.append(escape(raw[pos:]))
    return Markup("".join(out).replace("\n", "<br>\n"))


def timeline_svg(points: list[dict[str, Any]], width: int = 640, height: int = 160) -> Markup:
    """A bar chart of mentions per day, as inline SVG (no script, no network)."""
    points = [p for p in points if p["date"] != "?"]
    if not points:
        return Markup("<p>بدون تاریخ</p>")
    top = max(p["mentions"] for p in points)
    bar = max(2.0, (width - 20) / len(points) - 2)
    parts = [
        f'<svg class="timeline" role="img" viewBox="0 0 {width} {height + 30}" '
        f'width="{width}" height="{height + 30}" aria-label="timeline">'
    ]
    for i, p in enumerate(points):
        h = max(2.0, (height - 10) * p["mentions"] / top)
        x = 10 + i * (bar + 2)
        label = escape(f"{both_calendars(p['date'])}: {p['mentions']}")
        parts.append(
            f'<rect x="{x:.1f}" y="{height - h:.1f}" width="{bar:.1f}" height="{h:.1f}">'
            f"<title>{label}</title></rect>"
        )
    parts.append(f'<text x="10" y="{height + 20}">{escape(points[0]["date"])}</text>')
    parts.append(
        f'<text x="{width - 10}" y="{height + 20}" text-anchor="end">'
        f"{escape(points[-1]['date'])}</text></svg>"
    )
    return Markup("".join(parts))


class Pages:
    """Registers the reader's routes on an application."""

    def __init__(self, app: FastAPI, db: str, con: Callable[..., Any]) -> None:
        self.app = app
        self.db = db
        self.con = con
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"])
        )
        self.env.filters["calendars"] = both_calendars
        self.env.filters["urlkey"] = lambda key: quote(key, safe="")

    def render(self, name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(name).render(**context))

    def register(self) -> None:
        app, con = self.app, self.con

        @app.get("/", response_class=HTMLResponse, include_in_schema=False)
        def home(connection: Any = Depends(con)) -> HTMLResponse:
            from khabar.corpus.stories import find_stories

            return self.render(
                "home.html",
                stories=find_stories(connection)[:10],
                latest=queries.latest(connection, queries.Page(1, 15)),
                count=queries.count_articles(connection),
            )

        @app.get("/read/search", response_class=HTMLResponse, include_in_schema=False)
        def search_page(
            q: str = "", since: str = "", until: str = "", connection: Any = Depends(con)
        ) -> HTMLResponse:
            from khabar.corpus.search import search
            from khabar.extract.dates import parse_published

            hits, error = [], None
            if q.strip():
                try:
                    hits = search(
                        connection,
                        q,
                        limit=50,
                        since=parse_published(since) if since else None,
                        until=parse_published(until) if until else None,
                    )
                except Exception as err:  # a bad query or date is shown, not raised
                    error = str(err)
            return self.render(
                "search.html",
                q=q,
                since=since,
                until=until,
                hits=hits,
                error=error,
                snippet=_snippet,
            )

        @app.get("/read/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
        def article_page(article_id: str, connection: Any = Depends(con)) -> HTMLResponse:
            found = queries.article(connection, article_id)
            if found is None:
                raise HTTPException(404, f"no article {article_id}")
            analysis = found["analysis"]
            return self.render(
                "article.html",
                a=found,
                analysis=analysis or {},
                body=highlight(found["raw"], analysis),
            )

        @app.get("/read/entity/{key}", response_class=HTMLResponse, include_in_schema=False)
        def entity_page(key: str, connection: Any = Depends(con)) -> HTMLResponse:
            found = queries.entity(connection, key)
            if found is None:
                raise HTTPException(404, f"no entity {key}")
            return self.render("entity.html", e=found, chart=timeline_svg(found["timeline"]))

        @app.get("/read/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
        def story_page(story_id: str, connection: Any = Depends(con)) -> HTMLResponse:
            from khabar.corpus.stories import find_stories

            story = next((s for s in find_stories(connection) if s.id == story_id), None)
            if story is None:
                raise HTTPException(404, f"no story {story_id}")
            articles = [queries.article(connection, i) for i in story.articles]
            articles.sort(key=lambda a: (a or {}).get("published") or "")
            return self.render("story.html", s=story, articles=[a for a in articles if a])


def _snippet(text: str) -> Markup:
    """A search snippet: escaped, with the index's <mark> kept."""
    safe = escape(text).replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")
    return Markup(safe)
