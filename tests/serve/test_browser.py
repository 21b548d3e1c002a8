"""The web reader in real headless Chromium (Debian's package), driven by Playwright.

The server runs in a thread on a free loopback port; screenshots are kept under
``test-artifacts/`` (or ``$KHABAR_ARTIFACTS``) for a human to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
ARTIFACTS = Path(
    os.environ.get("KHABAR_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts")
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(corpus_db: Path) -> Iterator[str]:
    import uvicorn

    from khabar.serve.app import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(str(corpus_db)), host="127.0.0.1", port=port, log_level="error"
    )
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(100):
        if instance.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(locale="fa-IR")
        yield page
        browser.close()


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_read_search_open_entity(page: Any, server: str) -> None:
    p = page
    p.goto(server + "/")
    assert p.locator("html").get_attribute("dir") == "rtl"
    assert p.locator("ul.stories li").count() == 3
    _shot(p, "home")
    p.fill("header input[name=q]", "میشود")  # glued spelling
    p.click("header button")
    p.wait_for_url("**/read/search**")
    assert p.locator("ol.hits li").count() >= 3
    assert p.locator("ol.hits mark").count() >= 1
    _shot(p, "search")
    p.click("ol.hits a.hit >> nth=0")
    p.wait_for_url("**/read/article/**")
    assert p.locator(".body a.ent").count() >= 2
    assert p.locator(".body time.date").count() >= 1
    _shot(p, "article")
    p.click(".body a.ent.LOC >> nth=0")
    p.wait_for_url("**/read/entity/**")
    assert p.locator("svg.timeline rect").count() >= 1
    _shot(p, "entity")


def test_script_in_an_article_renders_as_text(page: Any, server: str, corpus_db: Path) -> None:
    import sqlite3

    con = sqlite3.connect(corpus_db)
    article_id = con.execute(
        "SELECT id FROM articles WHERE url = 'https://example.ir/xss'"
    ).fetchone()[0]
    con.close()
    p = page
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.goto(f"{server}/read/article/{article_id}")
    body = p.locator(".body").inner_text()
    assert "<script>" in body and "<b>" in body
    assert p.locator(".body script").count() == 0
    assert "<script>" in p.locator("h1").inner_text()
    assert dialogs == []
    _shot(p, "script-as-text")
