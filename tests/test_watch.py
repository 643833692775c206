"""Feed polling against a local HTTP server whose feed changes between polls."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storyline.cli import main
from storyline.config import load_settings
from storyline.errors import InputError
from storyline.pipeline.watch import parse_every, poll_feed, watch
from storyline.store import Store, open_store

PLACES = ["Lisbon", "Gdansk", "Porto", "Tallinn"]


def _page(n: int) -> bytes:
    place = PLACES[n % len(PLACES)]
    paragraphs = "".join(
        f"<p>The harbour authority of {place} said on Tuesday that work on pier {n} would start in May, "
        f"after a vote of the council that took {n + 3} months. Residents of {place} welcomed item {n}.</p>"
        for _ in range(3)
    )
    return (
        f"<html><head><title>{place} pier {n} approved</title></head><body><article>"
        f"<h1>{place} pier {n} approved</h1>{paragraphs}</article></body></html>"
    ).encode()


class FeedSite:
    """A feed and the pages it links to; records every request as (path, status, validators sent)."""

    def __init__(self, etag: bool = True) -> None:
        self.items = [1, 2]
        self.garbage = ""  # appended to every entry's summary
        self.etag = etag
        self.requests: list[tuple[str, int, str | None]] = []

    def feed(self, base: str) -> bytes:
        entries = "".join(
            f"<item><title>Pier {n}</title><link>{base}/a{n}.html</link><guid>{base}/a{n}.html</guid>"
            f"<description>Pier {n} summary.{self.garbage}</description>"
            f"<pubDate>Tue, 0{n} Apr 2024 09:00:00 GMT</pubDate></item>"
            for n in reversed(self.items)
        )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>'
            f"<link>{base}/</link><description>d</description>{entries}</channel></rss>"
        ).encode()

    def validators(self, base: str) -> dict[str, str]:
        body = self.feed(base)
        found = {"Last-Modified": formatdate(1_700_000_000 + 3600 * len(self.items), usegmt=True)}
        if self.etag:
            found["ETag"] = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        return found


@pytest.fixture
def site() -> Iterator[tuple[FeedSite, str]]:
    state = FeedSite()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{self.server.server_address[1]}"  # type: ignore[index]
            sent = self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since")
            if self.path == "/feed.xml":
                self._feed(base, sent)
            elif self.path.startswith("/a") and self.path.endswith(".html"):
                self._answer(200, _page(int(self.path[2:-5])), "text/html; charset=utf-8", {}, sent)
            else:
                self._answer(404, b"", "text/plain", {}, sent)

        def _feed(self, base: str, sent: str | None) -> None:
            validators = state.validators(base)
            fresh = self.headers.get("If-None-Match") == validators.get("ETag") or (
                not state.etag and self.headers.get("If-Modified-Since") == validators["Last-Modified"]
            )
            if sent and fresh:
                self._answer(304, b"", "application/rss+xml", validators, sent)
            else:
                self._answer(200, state.feed(base), "application/rss+xml", validators, sent)

        def _answer(
            self, status: int, body: bytes, kind: str, headers: dict[str, str], sent: str | None
        ) -> None:
            state.requests.append((self.path, status, sent))
            self.send_response(status)
            for name, value in {"Content-Type": kind, "Content-Length": str(len(body)), **headers}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(str(tmp_path / "store.db"))
    yield opened
    opened.close()


def test_every_takes_units() -> None:
    assert parse_every("10m") == 600
    assert parse_every("30s") == parse_every("30") == 30
    assert parse_every("1.5h") == 5400
    with pytest.raises(InputError, match="positive duration"):
        parse_every("soon")


def test_polls_fetch_only_new_items_and_honour_304(site: tuple[FeedSite, str], store: Store) -> None:
    state, base = site
    settings, feed = load_settings(progress=False, allow_private=True), f"{base}/feed.xml"

    first = poll_feed(feed, store, settings)
    assert (first.status, first.entries, first.new, first.pages_fetched) == (200, 2, 2, 2)
    assert sorted(p for p, _, _ in state.requests) == ["/a1.html", "/a2.html", "/feed.xml"]
    assert len(store.article_ids()) == 2

    state.requests.clear()
    unchanged = poll_feed(feed, store, settings)
    assert (unchanged.status, unchanged.new, unchanged.pages_fetched) == (304, 0, 0)
    assert state.requests == [("/feed.xml", 304, state.validators(base)["ETag"])]

    state.items.append(3)
    state.requests.clear()
    third = poll_feed(feed, store, settings)
    assert (third.status, third.entries, third.new, third.pages_fetched) == (200, 3, 1, 1)
    assert [p for p, _, _ in state.requests] == ["/feed.xml", "/a3.html"]
    assert len(store.article_ids()) == 3
    assert {a.url for a in store.articles()} == {f"{base}/a{n}.html" for n in (1, 2, 3)}


def test_last_modified_alone_is_honoured(site: tuple[FeedSite, str], store: Store) -> None:
    state, base = site
    state.etag = False
    settings, feed = load_settings(progress=False, allow_private=True), f"{base}/feed.xml"
    assert poll_feed(feed, store, settings, fetch_links=False).new == 2
    state.requests.clear()
    assert poll_feed(feed, store, settings, fetch_links=False).status == 304
    assert state.requests == [("/feed.xml", 304, state.validators(base)["Last-Modified"])]


def test_the_watch_command_polls_and_reports(
    site: tuple[FeedSite, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, base = site
    db = str(tmp_path / "watched.db")
    argv = [
        "watch",
        f"{base}/feed.xml",
        "--every",
        "0s",
        "--polls",
        "2",
        "--db",
        db,
        "--quiet",
        "--allow-private",
    ]
    assert main(argv) == 1  # 0s is not a positive duration
    assert main([*argv[:3], "0.01s", *argv[4:]]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{base}/feed.xml: HTTP 200, 2 entries, 2 new, 2 pages fetched",
        f"{base}/feed.xml: not modified, 0 new, 0 pages fetched",
    ]


def test_a_feed_that_breaks_its_reader_does_not_stop_the_watch(
    site: tuple[FeedSite, str], store: Store
) -> None:
    state, base = site
    state.garbage = "<![CDATA[<p>\x0e</p>]]>"  # a control character, which lxml once refused
    feeds = [f"{base}/feed.xml", f"{base}/missing.xml"]
    rounds = watch(feeds, store, load_settings(allow_private=True), every=0, polls=1)
    [[broken, missing]] = list(rounds)
    assert broken.new == 2 or [r.reason for r in broken.rejections] == ["feed-failed"]
    assert (missing.status, missing.new) == (404, 0)
