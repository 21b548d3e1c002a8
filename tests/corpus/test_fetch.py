"""Pages and feeds by URL, from a local HTTP server; offline and oversized answers."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.ingest import readers
from khabar.ingest.readers import Failure, read_inputs
from khabar.model import Article

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def guess_type(self, path: str) -> str:  # type: ignore[override]
        return "application/rss+xml" if path.endswith(".xml") else "text/html; charset=utf-8"

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    handler = functools.partial(_Handler, directory=str(CORPUS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_page_and_a_feed_by_url(base: str) -> None:
    page = list(read_inputs([f"{base}/page.html"]))
    assert len(page) == 1 and isinstance(page[0], Article)
    assert page[0].url == f"{base}/page.html" and str(page[0].published) == "2025-06-02"
    feed = list(read_inputs([f"{base}/feed.xml"]))
    assert len(feed) == 4 and all(isinstance(a, Article) and a.url for a in feed)


def test_missing_page_offline_and_oversized(base: str, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = list(read_inputs([f"{base}/nothing.html"]))
    assert isinstance(missing[0], Failure) and "404" in missing[0].reason
    offline = list(read_inputs(["http://127.0.0.1:9/none"]))  # nothing listens on port 9
    assert isinstance(offline[0], Failure) and "offline" in offline[0].reason
    monkeypatch.setattr(readers, "MAX_FETCH_BYTES", 1000)
    big = list(read_inputs([f"{base}/page.html"]))
    assert isinstance(big[0], Failure) and "larger than" in big[0].reason
