"""The JSON API through FastAPI's test client: every endpoint, the token rule, clean errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.serve.app import MAX_BODY_BYTES, create_app

TOKEN = "test-token-123"


@pytest.fixture(scope="module")
def client(corpus_db: Path) -> TestClient:
    return TestClient(create_app(str(corpus_db), token=TOKEN))


def _error(response: object) -> dict[str, object]:
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message"}
    return body["error"]  # type: ignore[no-any-return]


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["articles"] >= 10


def test_analyze(client: TestClient) -> None:
    text = "سرگئی لاوروف، وزیر امور خارجه روسیه، روز دوشنبه به تهران سفر کرد."
    body = client.post("/analyze", json={"text": text, "published": "2025-01-15"}).json()
    assert body["schema_version"] == "1.0"
    assert {e["name"] for e in body["entities"]} >= {"سرگئی لاوروف", "تهران"}
    assert body["dates"][0]["value"] == "2025-01-13"


def test_search_finds_glued_spelling_with_pages(client: TestClient) -> None:
    body = client.get("/search", params={"q": "میشود", "size": 1}).json()
    assert body["page"] == 1 and len(body["hits"]) == 1
    second = client.get("/search", params={"q": "میشود", "size": 1, "page": 2}).json()
    assert second["hits"] and second["hits"][0]["id"] != body["hits"][0]["id"]
    assert "<mark>" in body["hits"][0]["snippet"]
    jalali = client.get("/search", params={"q": "زلزله", "from": "1404-03-01", "to": "2025-12-31"})
    assert jalali.status_code == 200 and jalali.json()["hits"]


def test_article_with_analysis_and_duplicates(client: TestClient, corpus_db: Path) -> None:
    con = sqlite3.connect(corpus_db)
    original = con.execute(
        "SELECT duplicate_of FROM articles WHERE duplicate_of IS NOT NULL LIMIT 1"
    ).fetchone()[0]
    con.close()
    body = client.get(f"/articles/{original}").json()
    assert body["raw"] and body["text"] and body["analysis"]["entities"]
    assert body["duplicates"]
    assert client.get("/articles/nope").status_code == 404


def test_entities_and_one_entity(client: TestClient) -> None:
    listed = client.get("/entities", params={"q": "کرمان"}).json()["entities"]
    assert listed and listed[0]["id"].endswith("کرمان")
    one = client.get("/entities/" + quote(listed[0]["id"], safe="")).json()
    assert one["timeline"] and one["articles"] and "cooccurring" in one
    assert client.get("/entities/" + quote("PER:هیچ‌کس", safe="")).status_code == 404


def test_stories_and_one_story(client: TestClient) -> None:
    body = client.get("/stories").json()
    assert body["total"] == 3
    first = body["stories"][0]
    assert client.get(f"/stories/{first['id']}").json()["articles"] == first["articles"]
    assert client.get("/stories/s-none").status_code == 404


def test_events_filters(client: TestClient) -> None:
    every = client.get("/events").json()["events"]
    assert every
    category = every[0]["category"]
    only = client.get("/events", params={"category": category.lower()}).json()["events"]
    assert only and all(e["category"] == category for e in only)


def test_writes_need_the_token(corpus_db: Path, client: TestClient) -> None:
    article = {
        "title": "خبر تازه",
        "body": "وزیر نیرو امروز از سد کرج بازدید کرد و گفت آب تهران تأمین است.",
    }
    assert client.post("/articles", json=article).status_code == 401
    wrong = client.post("/articles", json=article, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and _error(wrong)["status"] == 401
    closed = TestClient(create_app(str(corpus_db), token=None))
    assert (
        closed.post(
            "/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"}
        ).status_code
        == 403
    )
    ok = client.post(
        "/articles",
        json={"articles": [article, {"title": "بی‌متن"}]},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert ok.status_code == 201
    body = ok.json()
    assert body["new"] == 1 and len(body["failed"]) == 1
    again = client.post("/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["existing"] == 1


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("get", "/search", {"params": {"q": ""}}, 422),
        ("get", "/search", {"params": {"q": "خبر", "from": "13/01/2025"}}, 422),
        ("get", "/search", {"params": {"q": "..."}}, 422),
        ("get", "/search", {"params": {"q": "خبر", "page": 0}}, 422),
        ("post", "/analyze", {"json": {"text": ""}}, 422),
        ("post", "/analyze", {"json": {"text": "خبر", "published": "دیروز"}}, 422),
        (
            "post",
            "/analyze",
            {
                "content": b"x" * (MAX_BODY_BYTES + 1),
                "headers": {"content-type": "application/json"},
            },
            413,
        ),
        ("get", "/events", {"params": {"from": "2025-13-40"}}, 422),
    ],
)
def test_bad_requests_are_clean_4xx(
    client: TestClient, method: str, path: str, kwargs: dict[str, object], status: int
) -> None:
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status
    assert _error(response)["status"] == status


def test_openapi_describes_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/health",
        "/analyze",
        "/search",
        "/articles/{article_id}",
        "/entities",
        "/entities/{key}",
        "/stories",
        "/stories/{story_id}",
        "/events",
        "/articles",
    ):
        assert path in paths
    assert client.get("/docs").status_code == 200


def test_reads_never_write(client: TestClient, corpus_db: Path) -> None:
    before = (
        corpus_db.stat().st_mtime_ns,
        sqlite3.connect(corpus_db).execute("SELECT count(*) FROM articles").fetchone(),
    )
    for path in ("/health", "/search?q=زلزله", "/entities", "/stories", "/events", "/"):
        client.get(path)
    after = (
        corpus_db.stat().st_mtime_ns,
        sqlite3.connect(corpus_db).execute("SELECT count(*) FROM articles").fetchone(),
    )
    assert after[1] == before[1]


_text = st.text(alphabet=st.sampled_from(list("ابپتثجکگیوه ‌۱2-:\"*()<>&'%?/؟")), max_size=30)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=_text, since=_text, page=st.integers(min_value=-3, max_value=20000), key=_text)
def test_no_input_makes_a_server_error(
    client: TestClient, q: str, since: str, page: int, key: str
) -> None:
    for path, params in (
        ("/search", {"q": q, "from": since, "page": page}),
        ("/entities", {"q": q, "page": page}),
        ("/events", {"category": q, "actor": key, "to": since}),
        ("/stories", {"since": since}),
    ):
        assert client.get(path, params=params).status_code < 500
    for path in (
        f"/entities/{quote(key, safe='')}",
        f"/articles/{quote(key, safe='')}",
        f"/read/search?q={quote(q)}&since={quote(since)}",
    ):
        assert client.get(path).status_code < 500
    assert (
        client.post("/analyze", json={"text": q or "x", "published": since or None}).status_code
        < 500
    )


def test_search_sees_new_articles_at_once(client: TestClient) -> None:
    word = "زرشکستان"
    assert client.get("/search", params={"q": word}).json()["hits"] == []
    article = {"title": "خبر باغ", "body": f"باغداران {word} امسال محصول بیشتری برداشت کردند."}
    client.post("/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    assert len(client.get("/search", params={"q": word}).json()["hits"]) == 1
