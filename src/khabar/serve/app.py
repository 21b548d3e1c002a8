"""The FastAPI application: a JSON API under the root paths and the web reader's pages.

Reads go through read-only connections (:mod:`khabar.serve.queries`); the one write endpoint,
``POST /articles``, needs ``Authorization: Bearer <token>`` with the token from
``KHABAR_API_TOKEN`` — without that variable, writes are off. Every error, from validation to
a missing article, has one JSON shape: ``{"error": {"status", "message"}}``.
"""

from __future__ import annotations

import os
import queue
import secrets
import threading
from collections import OrderedDict
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from khabar._version import __version__
from khabar.errors import KhabarError
from khabar.serve import queries
from khabar.serve.pages import Pages

MAX_BODY_BYTES = 2_000_000
MAX_BATCH = 500
HERE = Path(__file__).resolve().parent


class AnalyzeIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_BODY_BYTES)
    published: str | None = None


class ArticleIn(BaseModel):
    text: str | None = Field(default=None, max_length=MAX_BODY_BYTES)
    body: str | None = Field(default=None, max_length=MAX_BODY_BYTES)
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_BATCH)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    from khabar.extract.dates import parse_published

    try:
        return parse_published(value)
    except KhabarError as err:
        raise HTTPException(422, f"{name}: {err}") from None


def _page(
    page: int = Query(1, ge=1, le=10_000), size: int = Query(20, ge=1, le=100)
) -> queries.Page:
    return queries.Page(page, size)


def create_app(db: str, token: str | None = None) -> FastAPI:
    """The application for the corpus in ``db``; ``token`` defaults to ``KHABAR_API_TOKEN``."""
    token = token if token is not None else os.environ.get("KHABAR_API_TOKEN") or None
    app = FastAPI(
        title="khabar",
        version=__version__,
        description="Persian news corpus: search, articles with their analysis, entities, "
        "stories and events.",
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    results = SearchCache()

    pool: queue.SimpleQueue[Any] = queue.SimpleQueue()  # idle read-only connections

    def con() -> Any:
        # A connection serves one request at a time and goes back to the pool after it:
        # opening one per request costs more than most answers.
        try:
            connection = pool.get_nowait()
        except queue.Empty:
            if not Path(db).is_file():
                raise HTTPException(503, f"no database at {db}; ingest articles first") from None
            connection = queries.connect(db)
        try:
            yield connection
        finally:
            pool.put(connection)

    @app.middleware("http")
    async def limit_size(request: Request, call_next: Any) -> Any:
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > MAX_BODY_BYTES:
            return _error(413, f"request body over {MAX_BODY_BYTES} bytes")
        return await call_next(request)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _error(422, f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(KhabarError)
    async def khabar_error(_: Request, exc: KhabarError) -> JSONResponse:
        return _error(422, str(exc))

    @app.get("/health", tags=["meta"])
    def health(connection: Any = Depends(con)) -> dict[str, Any]:
        return {
            "status": "ok",
            "version": __version__,
            "articles": queries.count_articles(connection),
        }

    @app.post("/analyze", tags=["analysis"])
    def analyze(body: AnalyzeIn) -> dict[str, Any]:
        from khabar.pipeline import analyze as run

        return run(body.text, _day(body.published, "published")).to_dict()

    @app.get("/search", tags=["corpus"])
    def search(
        q: str = Query(min_length=1, max_length=500),
        from_: str | None = Query(None, alias="from"),
        to: str | None = None,
        source: str | None = None,
        entity: str | None = None,
        page: queries.Page = Depends(_page),
        connection: Any = Depends(con),
    ) -> JSONResponse:
        key = (q, _day(from_, "from"), _day(to, "to"), source, entity, page.size, page.offset)
        hits = results.get(connection, key)
        # Already plain JSON types: skip FastAPI's encoder, which costs more than the lookup.
        return JSONResponse({"query": q, "page": page.number, "size": page.size, "hits": hits})

    @app.get("/articles/{article_id}", tags=["corpus"])
    def article(article_id: str, connection: Any = Depends(con)) -> dict[str, Any]:
        found = queries.article(connection, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        return found

    @app.get("/entities", tags=["corpus"])
    def entities(
        q: str | None = Query(None, max_length=200),
        page: queries.Page = Depends(_page),
        connection: Any = Depends(con),
    ) -> dict[str, Any]:
        return {"page": page.number, "entities": queries.entities(connection, q, page)}

    @app.get("/entities/{key}", tags=["corpus"])
    def entity(key: str, connection: Any = Depends(con)) -> dict[str, Any]:
        found = queries.entity(connection, key)
        if found is None:
            raise HTTPException(404, f"no entity {key}; ids look like PER:name")
        return found

    @app.get("/stories", tags=["corpus"])
    def stories(
        since: str | None = None,
        page: queries.Page = Depends(_page),
        connection: Any = Depends(con),
    ) -> dict[str, Any]:
        from khabar.corpus.stories import find_stories

        found = find_stories(connection, since=_day(since, "since"))
        chosen = found[page.offset : page.offset + page.size]
        return {"page": page.number, "total": len(found), "stories": [s.__dict__ for s in chosen]}

    @app.get("/stories/{story_id}", tags=["corpus"])
    def story(story_id: str, connection: Any = Depends(con)) -> dict[str, Any]:
        from khabar.corpus.stories import find_stories

        for found in find_stories(connection):
            if found.id == story_id:
                return found.__dict__
        raise HTTPException(404, f"no story {story_id}")

    @app.get("/events", tags=["corpus"])
    def events(
        category: str | None = Query(None, max_length=20),
        actor: str | None = Query(None, max_length=200),
        from_: str | None = Query(None, alias="from"),
        to: str | None = None,
        page: queries.Page = Depends(_page),
        connection: Any = Depends(con),
    ) -> dict[str, Any]:
        since, until = _day(from_, "from"), _day(to, "to")
        found = queries.events(
            connection,
            category=category,
            actor=actor,
            page=page,
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
        )
        return {"page": page.number, "events": found}

    @app.post("/articles", tags=["corpus"], status_code=201)
    def add_articles(
        body: ArticlesIn | ArticleIn, authorization: str | None = Header(None)
    ) -> dict[str, Any]:
        if token is None:
            raise HTTPException(
                403, "writes are disabled: start the server with KHABAR_API_TOKEN set"
            )
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "give Authorization: Bearer <token>")
        return _ingest(db, body.articles if isinstance(body, ArticlesIn) else [body])

    Pages(app, db, con).register()
    return app


class SearchCache:
    """Recent search results, for as long as the corpus does not change.

    Popular queries repeat; ranking them again costs far more than remembering them. The
    corpus' newest row id is part of every key, so an ingest makes old entries unreachable.
    """

    SIZE = 2048

    def __init__(self) -> None:
        self.entries: OrderedDict[tuple[Any, ...], list[dict[str, Any]]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, connection: Any, key: tuple[Any, ...]) -> list[dict[str, Any]]:
        from khabar.corpus.search import search

        version = connection.execute("SELECT max(rowid) FROM articles").fetchone()[0]
        full = (version, *key)
        with self.lock:
            found = self.entries.get(full)
            if found is not None:
                self.entries.move_to_end(full)
                return found
        q, since, until, source, entity, size, offset = key
        hits = [
            asdict(h)
            for h in search(
                connection,
                q,
                since=since,
                until=until,
                source=source,
                entity=entity,
                limit=size,
                offset=offset,
            )
        ]
        with self.lock:
            self.entries[full] = hits
            while len(self.entries) > self.SIZE:
                self.entries.popitem(last=False)
        return hits


def from_environment() -> FastAPI:
    """The application for ``$KHABAR_DB`` (how ``khabar serve`` starts its workers)."""
    return create_app(os.environ.get("KHABAR_DB", "khabar.db"))


def _ingest(db: str, items: list[ArticleIn]) -> dict[str, Any]:
    from khabar.corpus.ingest import ingest_items
    from khabar.corpus.store import Store
    from khabar.ingest.readers import Failure
    from khabar.model import Article

    articles: list[Article | Failure] = []
    for number, item in enumerate(items, 1):
        text = item.body or item.text
        if not text or not text.strip():
            articles.append(Failure(f"article {number}", "no text: give body or text"))
            continue
        articles.append(
            Article(
                text=text,
                title=item.title,
                url=item.url,
                source=item.source,
                published=_day(item.published, f"articles.{number}.published"),
                origin=f"api:{number}",
            )
        )
    done: list[dict[str, str]] = []
    with Store(db) as store:
        summary = ingest_items(
            articles,
            store,
            on_item=lambda status, p: done.append({"status": status, "id": getattr(p, "id", "")}),
        )
    return {
        "new": summary.new,
        "duplicates": summary.duplicates,
        "existing": summary.existing,
        "failed": [{"origin": f.origin, "reason": f.reason} for f in summary.failures],
        "articles": [d for d in done if d["status"] != "failed"],
    }
