"""No fetch reaches the user's own network: 40+ spellings of loopback, private and special addresses
through every fetching path (CLI URLs, the API's reader, feeds, ``watch`` and its feed items,
redirects, the web form). Each is refused, and a loopback listener on the port they name counts the
requests that reach it: none may.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpcore
import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.config import Settings
from storyline.errors import InputError
from storyline.models import Rejection
from storyline.pipeline.watch import poll_feed
from storyline.sources import read_sources
from storyline.sources.addresses import is_public
from storyline.sources.fetch import Fetcher, system_resolver
from storyline.sources.web import fetch_url, url_problem
from storyline.store import open_store

# numeric and local spellings the system resolver reads without a network
SPELLINGS = [
    "127.0.0.1", "127.1", "127.0.1", "2130706433", "0x7f000001", "0x7f.0x0.0x0.0x1", "0177.0.0.1",
    "017700000001", "127.255.255.254", "0", "0.0.0.0", "localhost", "LOCALHOST", "10.0.0.1",
    "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "198.18.0.1", "192.0.0.8",
    "224.0.0.1", "240.0.0.1", "255.255.255.255",
    "[::1]", "[0:0:0:0:0:0:0:1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:0001]",
    "[::127.0.0.1]", "[::7f00:1]", "[::ffff:0:7f00:1]", "[64:ff9b::7f00:1]", "[64:ff9b::127.0.0.1]",
    "[64:ff9b:1::7f00:1]", "[2002:7f00:1::]", "[2002:7f00:0001::1]", "[2002:a00:1::]", "[fec0::1]",
    "[fe80::1]", "[fc00::1]", "[fd12:3456::1]", "[ff02::1]", "[::]", "[2001:db8::1]", "[2001::1]",
]  # fmt: skip
# DNS names, answered by the test resolver below
NAMES = {
    "loopback.test": ["127.0.0.1"],
    "v6-loopback.test": ["::1"],
    "mixed.test": ["93.184.215.14", "127.0.0.1"],  # one bad answer is enough to refuse
    "nat64.test": ["64:ff9b::7f00:1"],
    "mapped.test": ["::ffff:127.0.0.1"],
    "private.test": ["10.1.2.3"],
    "sixtofour.test": ["2002:7f00:1::1"],
    "site-local.test": ["fec0::1"],
}
PUBLIC = "public.test"  # resolves to a public address; the test network routes it to the "site" server
PUBLIC_ADDRESS = "93.184.215.14"
# "bad-url": a spelling httpx will not parse (``0177.0.0.1``) is refused before any connection
REFUSED = {"private-address", "bad-url"}


class Listener(BaseHTTPRequestHandler):
    """The loopback service a hostile URL aims at: it counts every request that reaches it."""

    hits: list[str] = []  # noqa: RUF012 - shared by the handler's instances on purpose

    def do_GET(self) -> None:
        Listener.hits.append(self.path)
        body = b"<html><body><p>secret local admin page of the harbour office</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        return None


@dataclass
class Site:
    """What the "public" host serves: a redirect to ``?to=``, and a feed whose items link ``links``."""

    links: list[str] = field(default_factory=list)


def _site_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path == "/redirect":
                self.send_response(302)
                self.send_header("Location", parse_qs(parts.query)["to"][0])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = _feed(site.links).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return None

    return Handler


def _feed(links: Iterable[str]) -> str:
    items = "".join(
        f"<item><title>Item {n}</title><link>{link}</link><guid>{link}</guid>"
        f"<description>The harbour office said item {n} was approved on Monday.</description></item>"
        for n, link in enumerate(links)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'


class V6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def _serve(handler: type[BaseHTTPRequestHandler], host: str, port: int = 0) -> ThreadingHTTPServer:
    if ":" in host:
        server: ThreadingHTTPServer = V6Server((host, port), handler)
    else:
        server = ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def listener_port() -> Iterator[int]:
    v4 = _serve(Listener, "127.0.0.1")
    port = v4.server_address[1]
    v6 = _serve(Listener, "::1", port)  # [::1] and friends aim at the same port
    yield port
    for server in (v4, v6):
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[Site, int]]:
    state = Site()
    server = _serve(_site_handler(state), "127.0.0.1")
    yield state, server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_hits_so_far() -> Iterator[None]:
    Listener.hits.clear()
    yield
    assert Listener.hits == [], f"requests reached the loopback listener: {Listener.hits}"


class FakeNetwork(httpcore.SyncBackend):
    """The network as the fetcher's transport sees it: the public address leads to the site server;
    anything else is connected to for real (so a refusal the guard missed would reach the listener)."""

    def __init__(self, site_port: int) -> None:
        self.site_port = site_port

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        if host == PUBLIC_ADDRESS:
            host, port = "127.0.0.1", self.site_port
        return super().connect_tcp(host, port, timeout, local_address, socket_options)


def resolver(host: str, port: int) -> list[str]:
    if host == PUBLIC:
        return [PUBLIC_ADDRESS]
    return NAMES.get(host) or system_resolver(host, port)


def fetcher(site_port: int, **options: Any) -> Fetcher:
    return Fetcher(resolver=resolver, backend=FakeNetwork(site_port), timeout=3, **options)


def hostile_urls(port: int) -> list[str]:
    return [f"http://{host}:{port}/admin" for host in [*SPELLINGS, *NAMES]]


def numeric_urls(port: int) -> list[str]:
    return [f"http://{host}:{port}/admin" for host in SPELLINGS]


def _reasons(results: Iterable[Any]) -> dict[str, str]:
    return {r.origin: r.reason for r in results if isinstance(r, Rejection)}


def test_the_table_is_long_and_every_spelling_is_special() -> None:
    assert len(SPELLINGS) + len(NAMES) >= 40
    for host in SPELLINGS:
        bare = host.strip("[]")
        if bare.replace(".", "").isdigit() and bare.count(".") == 3:
            assert not is_public(bare), host
    for answers in NAMES.values():
        assert not all(is_public(a) for a in answers)
    assert is_public(PUBLIC_ADDRESS) and is_public("2606:2800:220:1:248:1893:25c8:1946")
    assert is_public("64:ff9b::5db8:d70e") and is_public("2002:5db8:d70e::1")  # public v4 inside


def test_the_api_reader_refuses_every_spelling(listener_port: int) -> None:
    unparsed = [url for url in numeric_urls(listener_port) if url_problem(url)]
    urls = [url for url in numeric_urls(listener_port) if url not in unparsed]
    results = list(read_sources(urls, Settings(fetch_timeout=3)))
    assert not [r for r in results if not isinstance(r, Rejection)]
    reasons = _reasons(results)
    assert set(reasons) == set(urls) and set(reasons.values()) == {"private-address"}, reasons
    for url in unparsed:  # an address the URL parser refuses is an input error before anything is read
        with pytest.raises(InputError, match="not a valid URL"):
            list(read_sources([url], Settings()))


def test_names_that_resolve_to_special_addresses_are_refused(
    listener_port: int, site: tuple[Site, int]
) -> None:
    guarded = fetcher(site[1])
    for url in hostile_urls(listener_port):
        reasons = _reasons(fetch_url(url, guarded))
        assert set(reasons) == {url} and reasons[url] in REFUSED, reasons


def test_allow_private_reaches_the_listener_so_the_table_can_fail(listener_port: int) -> None:
    results = list(read_sources([f"http://127.0.0.1:{listener_port}/ok"], Settings(allow_private=True)))
    assert any(not isinstance(r, Rejection) for r in results)
    assert Listener.hits == ["/ok"]
    Listener.hits.clear()


def test_redirects_to_every_spelling_are_refused(listener_port: int, site: tuple[Site, int]) -> None:
    guarded = fetcher(site[1])
    for target in hostile_urls(listener_port):
        url = f"http://{PUBLIC}/redirect?to={target}"
        reasons = _reasons(fetch_url(url, guarded))
        # a Location httpx cannot parse fails the fetch before any connection
        expected = {"fetch-failed"} if url_problem(target) else {"private-address"}
        assert set(reasons) == {url} and reasons[url] in expected, reasons


def test_the_cli_refuses_every_spelling(listener_port: int, tmp_path: Path) -> None:
    urls = [url for url in numeric_urls(listener_port) if not url_problem(url)]
    exe = str(Path(sys.executable).with_name("storyline"))
    run = subprocess.run(
        [exe, "brief", *urls, "--format", "json", "--quiet"], capture_output=True, text=True, timeout=120
    )
    rejected = {r["origin"]: r["reason"] for r in json.loads(run.stdout)["rejections"]}
    assert set(rejected) == set(urls) and set(rejected.values()) == {"private-address"}, run.stderr


def test_watch_refuses_feeds_at_every_spelling(
    listener_port: int, site: tuple[Site, int], tmp_path: Path
) -> None:
    store = open_store(str(tmp_path / "w.db"))
    try:
        for url in hostile_urls(listener_port):
            polled = poll_feed(url, store, Settings(), fetcher=fetcher(site[1]))
            assert polled.status == 0 and [r.reason for r in polled.rejections] in (
                ["private-address"],
                ["bad-url"],
            )
    finally:
        store.close()


def test_watch_refuses_feed_items_at_every_spelling(
    listener_port: int, site: tuple[Site, int], tmp_path: Path
) -> None:
    state, site_port = site
    via_redirect = f"http://{PUBLIC}/redirect?to=http://127.0.0.1:{listener_port}/via-redirect"
    state.links = [*hostile_urls(listener_port), via_redirect]
    store = open_store(str(tmp_path / "w.db"))
    try:
        polled = poll_feed(f"http://{PUBLIC}/feed.xml", store, Settings(), fetcher=fetcher(site_port))
    finally:
        store.close()
    assert polled.status == 200 and polled.entries == len(state.links)
    assert polled.pages_fetched == len(state.links)  # asked, refused: each entry kept its own text


@pytest.fixture()
def form_client(tmp_path: Path, site: tuple[Site, int]) -> Iterator[Any]:
    pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'storyline[web]'")
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    calls: list[list[str]] = []

    def ingest(inputs: list[str], db: str, reporter: Any) -> Any:
        from storyline.web.worker import IngestSummary

        calls.append(sorted(p.name for p in Path(inputs[0]).iterdir()))
        return IngestSummary(article_ids=(), new_ids=(), rejections=(), story_ids=())

    app = create_app(str(tmp_path / "web.db"), guard=fetcher(site[1]), runner_options={"ingest": ingest})
    with TestClient(app, base_url="http://127.0.0.1") as client:
        client.calls = calls
        yield client


def _post(client: Any, form: dict[str, str]) -> dict[str, Any]:
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get("/add").text)
    assert token is not None
    answer = client.post(
        "/add", data={**form, "csrf_token": token.group(1)}, headers={"Accept": "application/json"}
    )
    assert answer.status_code == 202, answer.text
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/jobs/{answer.json()['id']}.json").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.02)
    raise AssertionError("the job did not finish")


def test_the_web_form_refuses_every_spelling_url_feed_and_redirect(
    listener_port: int, form_client: Any
) -> None:
    urls = hostile_urls(listener_port)
    for page, feed in zip(urls, [*urls[1:], urls[0]], strict=True):
        job = _post(form_client, {"url": page, "feed_url": f"http://{PUBLIC}/redirect?to={feed}"})
        assert job["state"] == "failed", job
        assert len(job["rejections"]) == 2, job
        assert {r["reason"] for r in job["rejections"]} <= {*REFUSED, "fetch-failed"}, job
    assert form_client.calls == []


def test_the_watch_command_refuses_feeds_at_every_spelling(listener_port: int, tmp_path: Path) -> None:
    feeds = [url for url in numeric_urls(listener_port) if not url_problem(url)]
    exe = str(Path(sys.executable).with_name("storyline"))
    db = str(tmp_path / "watch.db")
    run = subprocess.run(
        [exe, "watch", *feeds, "--polls", "1", "--every", "1s", "--db", db, "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    refused = [line for line in run.stdout.splitlines() if line.strip().startswith("rejected")]
    assert len(refused) == len(feeds) and all("private-address" in line for line in refused), run.stdout


SPECIAL_V4 = ["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
              "100.64.0.0/10", "0.0.0.0/8", "224.0.0.0/4", "240.0.0.0/4", "192.0.0.0/24"]  # fmt: skip


def _embeddings(v4: ipaddress.IPv4Address) -> list[str]:
    """Every IPv6 form that carries ``v4``: mapped, compatible, translated, NAT64, local NAT64, 6to4."""
    n = int(v4)
    return [
        f"::ffff:{v4}",
        f"::{v4}",
        f"::ffff:0:{v4}",
        str(ipaddress.IPv6Address((0x64FF9B << 96) | n)),
        str(ipaddress.IPv6Address((0x64FF9B0001 << 80) | n)),
        str(ipaddress.IPv6Address((0x2002 << 112) | (n << 80) | 1)),
    ]


@given(st.sampled_from(SPECIAL_V4).flatmap(lambda net: st.ip_addresses(v=4, network=net)))
def test_no_embedding_of_a_special_ipv4_address_is_public(v4: ipaddress.IPv4Address) -> None:
    assert not is_public(str(v4))
    for form in _embeddings(v4):
        assert not is_public(form), form


@given(st.ip_addresses(v=4))
def test_a_public_ipv4_address_stays_public_inside_nat64_and_6to4(v4: ipaddress.IPv4Address) -> None:
    if is_public(str(v4)):
        for form in (f"::ffff:{v4}", _embeddings(v4)[3], _embeddings(v4)[5]):
            assert is_public(form), form
