"""The web app through Starlette's TestClient, over a hand-built store (see ``web_fixtures``)."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpcore
import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'storyline[web]'")
import itertools

from fastapi.testclient import TestClient

from storyline.store import SQLiteStore
from storyline.web import create_app
from storyline.web.adding import safe_name
from storyline.web.fetchguard import FetchGuard, FetchRefused, is_public
from storyline.web.jobs import Job, JobReporter
from storyline.web.marks import Mark, parse_range, segments
from storyline.web.reader import MAX_ENTRIES, Reader, file_fingerprint
from storyline.web.views import Hit
from storyline.web.worker import IngestFailed, IngestSummary, ProcessIngest
from web_fixtures import HOSTILE, STORY_ID, TEXTS, make_db

BASE = "http://127.0.0.1"


class FakeIngest:
    """Stands in for ``api.ingest``: records what it was given and reports one stage."""

    def __init__(self) -> None:
        self.calls: list[list[Path]] = []
        self.contents: dict[str, bytes] = {}  # by file name: the folder is gone once the job ends

    def __call__(self, inputs: list[str], db: str, reporter: JobReporter) -> IngestSummary:
        files = sorted(p for p in Path(inputs[0]).iterdir())
        self.calls.append(files)
        self.contents.update({p.name: p.read_bytes() for p in files})
        advance = reporter.stage("annotate", len(files))
        advance(len(files))
        return IngestSummary(article_ids=("x",), new_ids=("x",), rejections=(), story_ids=())


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return make_db(tmp_path / "store.db")


@pytest.fixture()
def fake_ingest() -> FakeIngest:
    return FakeIngest()


@pytest.fixture()
def client(db: str, fake_ingest: FakeIngest) -> Iterator[TestClient]:
    app = create_app(db, runner_options={"ingest": fake_ingest})
    with TestClient(app, base_url=BASE) as c:
        yield c


def wait_for_job(client: TestClient, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/jobs/{job_id}.json").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} did not finish")


def csrf_token(client: TestClient) -> str:
    page = client.get("/add").text
    found = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page)
    assert found, "the add page carries a token"
    return found.group(1)


# -- pages and JSON twins ---------------------------------------------------------------------------


def test_stories_page_and_twin(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert f'href="/stories/{STORY_ID}"' in page.text
    body = client.get("/stories.json").json()
    assert [s["id"] for s in body["stories"]] == [STORY_ID]
    assert body["facets"]["outlets"] == sorted(body["facets"]["outlets"])
    assert "Ana Ruiz" in body["facets"]["actors"]


def test_search_finds_the_story_through_fts(client: TestClient) -> None:
    body = client.get("/stories.json", params={"q": "ferry workers"}).json()
    assert [s["id"] for s in body["stories"]] == [STORY_ID]
    assert {h["kind"] for h in body["hits"]} >= {"article", "fact"}
    assert client.get("/stories.json", params={"q": "volcano"}).json()["stories"] == []
    page = client.get("/", params={"q": "ferry"}).text
    assert "<mark>" in page


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"outlet": "Bay Times"}, True),
        ({"outlet": "Nowhere Gazette"}, False),
        ({"actor": "ruíz"}, True),  # a variant, any case
        ({"actor": "Somebody Else"}, False),
        ({"from": "2024-05-01", "to": "2024-05-31"}, True),
        ({"from": "2025-01-01"}, False),
        ({"to": "2023-12-31"}, False),
    ],
)
def test_story_filters(client: TestClient, params: dict[str, str], found: bool) -> None:
    stories = client.get("/stories.json", params=params).json()["stories"]
    assert bool(stories) is found


def test_story_page_shows_every_part(client: TestClient) -> None:
    page = client.get(f"/stories/{STORY_ID}").text
    text = TEXTS["a1"][3]
    start = text.index("The harbour bridge will reopen on Monday, May 6")
    assert f'href="/articles/a1?hl={start}-{start + 47}#hl"' in page  # a citation opens its span
    assert page.count('class="dot"') == 4  # the "2022-04" month entry is drawn at its first day
    assert "<svg" in page and ">Apr 1<" in page and ">May 3<" in page  # May 6 would overlap May 3
    for part in ("Who said what", "We kept every promise", "Ana Ruíz", "Coverage", "cost of the repairs"):
        assert part in page
    assert "How the date was found" in page and "header date 2024-05-03" in page
    rows = re.findall(r"<tr><td>The harbour bridge reopens on May 6.</td>(.*?)</tr>", page)
    assert rows and rows[0].count('class="yes"') == 2 and rows[0].count('class="no"') == 1


def test_story_twin_has_coverage(client: TestClient) -> None:
    body = client.get(f"/stories/{STORY_ID}.json").json()
    assert body["story"]["story_id"] == STORY_ID
    assert body["coverage"]["outlets"] == ["Bay Times", "Coastal Herald", "Port Daily"]
    assert body["coverage"]["facts"][0]["outlets"] == ["Bay Times", "Coastal Herald"]


def test_article_page_marks_and_highlight(client: TestClient) -> None:
    text = TEXTS["a1"][3]
    words = "The repairs cost 40 million euros."
    start = text.index(words)
    page = client.get(f"/articles/a1?hl={start}-{start + len(words)}").text
    marked = re.search(r'<mark class="hl" id="hl">(.*?)</mark>', page, re.S)
    assert marked and re.sub(r"<[^>]+>", "", marked.group(1)) == words
    assert "m-mention v-person" in page and "m-quote v-direct" in page and "m-time v-date" in page
    assert "navigation" in page and "Follow us on every network" in page  # removed, with its reason
    plain = client.get("/articles/a1").text
    assert 'id="hl"' not in plain


def test_article_twin(client: TestClient) -> None:
    body = client.get("/articles/a1.json").json()
    assert body["article"]["id"] == "a1" and body["stories"] == [STORY_ID]
    assert body["quotes"][0]["speaker"] == "Ana Ruiz"


def test_openapi_describes_the_json_routes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/stories.json",
        "/stories/{story_id}.json",
        "/articles/{article_id}.json",
        "/jobs/{job_id}.json",
    ):
        assert path in spec["paths"]
    assert "multipart/form-data" in spec["paths"]["/add"]["post"]["requestBody"]["content"]


def test_static_files_and_no_external_references(client: TestClient) -> None:
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/style.css").status_code == 200
    for path in ("/", f"/stories/{STORY_ID}", "/articles/a1", "/add"):
        page = client.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', page.replace('href="https://news.example/a1"', ""))


# -- errors ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/stories/nope.json", 404),
        ("/articles/nope.json", 404),
        ("/jobs/nope.json", 404),
        ("/nowhere.json", 404),
        ("/articles/a1.json?hl=1-2", 200),
        ("/stories.json?from=yesterday", 422),
        ("/stories.json?from=2024-05-02&to=2024-05-01", 422),
        ("/stories.json?q=" + "x" * 300, 422),
    ],
)
def test_one_error_shape(client: TestClient, path: str, status: int) -> None:
    answer = client.get(path)
    assert answer.status_code == status
    if status >= 400:
        body = answer.json()
        assert set(body) == {"error"}
        assert set(body["error"]) == {"status", "code", "message", "details"}
        assert body["error"]["status"] == status and body["error"]["message"]


def test_json_error_shape_for_refusals(client: TestClient) -> None:
    for answer in (
        client.post("/add", headers={"Accept": "application/json"}, data={"text": "x"}),
        client.get("/stories.json", headers={"Host": "attacker.example"}),
        client.delete("/stories.json"),
    ):
        assert answer.status_code >= 400
        assert set(answer.json()["error"]) == {"status", "code", "message", "details"}


def test_html_pages_answer_errors_in_html(client: TestClient) -> None:
    page = client.get("/stories/nope")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "no story" in page.text
    assert client.get("/articles/a1?hl=oops").status_code == 422


# -- security -----------------------------------------------------------------------------------------


def test_security_headers_on_every_answer(client: TestClient) -> None:
    for path in ("/", "/stories.json", "/static/app.js", "/nowhere"):
        csp = client.get(path).headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_hostile_article_is_escaped_everywhere(client: TestClient) -> None:
    for path in ("/articles/evil", f"/stories/{STORY_ID}", "/?q=council"):
        page = client.get(path).text
        assert "<script>window" not in page and "<img src" not in page and "<iframe" not in page
        assert "javascript:" not in page.replace("&lt;a href=&#34;javascript:", "")
        # no event handler attribute in any tag (quoted values are escaped text: '"' is written &#34;)
        assert not re.search(r"<[^>]+\son\w+=", re.sub(r'="[^"]*"', '=""', page))
    article = client.get("/articles/evil").text
    assert "&lt;script&gt;window.__pwned = 1" in article
    assert 'href="javascript:' not in article  # the article's javascript: URL is not linked


def test_unknown_host_is_refused(client: TestClient) -> None:
    assert client.get("/", headers={"Host": "rebound.attacker.example"}).status_code == 421
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200


def test_form_post_without_token_is_refused(client: TestClient, fake_ingest: FakeIngest) -> None:
    answer = client.post("/add", data={"text": "A story."}, files={"files": ("a.txt", b"x")})
    assert answer.status_code == 403 and "token" in answer.text
    assert client.post("/add", data={"text": "A story.", "csrf_token": "0" * 64}).status_code == 403
    assert fake_ingest.calls == []


def test_cross_site_post_is_refused_even_with_a_token(client: TestClient, fake_ingest: FakeIngest) -> None:
    token = csrf_token(client)
    form = {"text": "A story.", "csrf_token": token}
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}):
        answer = client.post("/add", data=form, headers=headers)
        assert answer.status_code == 403, headers
        assert "cross-site" in answer.text
    assert fake_ingest.calls == []


def test_add_pasted_text_runs_a_job(client: TestClient, fake_ingest: FakeIngest) -> None:
    token = csrf_token(client)
    form = {"csrf_token": token, "title": "A title", "text": "Some article text."}
    answer = client.post(
        "/add", data=form, files={"files": ("../../etc/x.html", b"<p>hi</p>")}, follow_redirects=False
    )
    assert answer.status_code == 303
    job_id = answer.headers["location"].rsplit("/", 1)[1]
    assert client.get(f"/jobs/{job_id}").status_code == 200
    job = wait_for_job(client, job_id)
    assert job["state"] == "done" and job["new_ids"] == ["x"]
    names = [p.name for p in fake_ingest.calls[0]]
    assert names == ["000-x.html", "001-pasted.txt"]


def test_upload_over_the_cap_is_refused(db: str, fake_ingest: FakeIngest) -> None:
    app = create_app(db, max_upload_bytes=1000, runner_options={"ingest": fake_ingest})
    with TestClient(app, base_url=BASE) as c:
        token = csrf_token(c)
        answer = c.post("/add", data={"csrf_token": token}, files={"files": ("big.txt", b"x" * 5000)})
        assert answer.status_code == 413
    assert fake_ingest.calls == []


def test_add_twin_gives_a_token_for_scripts(client: TestClient, fake_ingest: FakeIngest) -> None:
    twin = client.get("/add.json").json()
    assert "files" in twin["fields"] and twin["max_files"] >= 1
    answer = client.post(
        "/add",
        data={"csrf_token": twin["csrf_token"], "text": "A short article."},
        headers={"Accept": "application/json"},
    )
    assert answer.status_code == 202
    assert wait_for_job(client, answer.json()["id"])["state"] == "done"


def test_an_in_memory_store_cannot_be_added_to() -> None:
    with TestClient(create_app(":memory:"), base_url=BASE) as c:
        answer = c.post(
            "/add", data={"csrf_token": csrf_token(c), "text": "x"}, headers={"Accept": "application/json"}
        )
        assert answer.status_code == 409 and "--db" in answer.json()["error"]["message"]
        assert c.get("/stories.json").json()["stories"] == []


def test_ingest_process_reports_errors(tmp_path: Path) -> None:
    ingest = ProcessIngest()
    reporter = JobReporter(Job("j", []), threading.Lock())
    try:
        for _ in range(2):  # the child lives on after a failed job
            with pytest.raises(IngestFailed, match="no such file"):
                ingest([str(tmp_path / "missing")], str(tmp_path / "s.db"), reporter)
    finally:
        ingest.close()


def test_add_with_nothing_is_a_clear_error(client: TestClient) -> None:
    answer = client.post(
        "/add", data={"csrf_token": csrf_token(client)}, headers={"Accept": "application/json"}
    )
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "nothing-to-add"


# -- SSRF ----------------------------------------------------------------------------------------------


class _Article(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/big":
            body = b"x" * 5000
        else:
            body = b"<html><body><p>A local article about the harbour bridge.</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def local_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Article)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "bad-scheme"),
        ("ftp://example.com/x", "bad-scheme"),
        ("javascript:alert(1)", "bad-scheme"),
        ("http:///nohost", "bad-url"),
        ("http://127.0.0.1:9/", "private-address"),
        ("http://localhost:9/", "private-address"),
        ("http://10.1.2.3/", "private-address"),
        ("http://192.168.1.1/", "private-address"),
        ("http://169.254.169.254/latest/meta-data/", "private-address"),
        ("http://[::1]:9/", "private-address"),
        ("http://[::ffff:127.0.0.1]:9/", "private-address"),
        ("http://0.0.0.0:9/", "private-address"),
    ],
)
def test_guard_refuses(url: str, reason: str) -> None:
    with pytest.raises(FetchRefused) as refused:
        FetchGuard().fetch(url)
    assert refused.value.reason == reason


def test_guard_refuses_a_name_that_resolves_to_loopback() -> None:
    guard = FetchGuard(resolver=lambda host, port: ["127.0.0.1"])
    with pytest.raises(FetchRefused, match=r"resolves to 127\.0\.0\.1"):
        guard.fetch("http://news.example/article")


def test_guard_checks_every_redirect() -> None:
    # The first hop is public (a mock network answers it); it redirects to the metadata address.
    answer = [
        b"HTTP/1.1 302 Found\r\n",
        b"Location: http://169.254.169.254/secret\r\n",
        b"Content-Length: 0\r\n\r\n",
    ]
    guard = FetchGuard(resolver=lambda host, port: ["93.184.215.14"], backend=httpcore.MockBackend(answer))
    with pytest.raises(FetchRefused) as refused:
        guard.fetch("http://news.example/moved")
    assert refused.value.reason == "private-address"


def test_guard_fetches_a_public_page_through_the_checked_address() -> None:
    answer = [b"HTTP/1.1 200 OK\r\n", b"Content-Type: text/plain\r\n", b"Content-Length: 5\r\n\r\n", b"hello"]
    guard = FetchGuard(resolver=lambda host, port: ["93.184.215.14"], backend=httpcore.MockBackend(answer))
    got = guard.fetch("http://news.example/a")
    assert got.body == b"hello" and got.content_type == "text/plain"


def test_guard_allows_private_only_when_told(local_server: str) -> None:
    with pytest.raises(FetchRefused):
        FetchGuard().fetch(local_server + "/a")
    got = FetchGuard(allow_private=True).fetch(local_server + "/a")
    assert b"harbour bridge" in got.body
    with pytest.raises(FetchRefused) as refused:
        FetchGuard(allow_private=True, max_bytes=1000).fetch(local_server + "/big")
    assert refused.value.reason == "too-large"


def test_is_public() -> None:
    assert is_public("93.184.215.14") and is_public("2606:2800:220:1:248:1893:25c8:1946")
    for address in (
        "127.0.0.1",
        "10.0.0.1",
        "172.16.0.1",
        "169.254.1.1",
        "fe80::1",
        "fc00::1",
        "::ffff:10.0.0.1",
    ):
        assert not is_public(address), address


def test_form_url_to_loopback_is_refused(
    client: TestClient, fake_ingest: FakeIngest, local_server: str
) -> None:
    form = {"csrf_token": csrf_token(client), "url": local_server + "/a", "feed_url": "file:///etc/passwd"}
    answer = client.post("/add", data=form, headers={"Accept": "application/json"})
    assert answer.status_code == 202
    job = wait_for_job(client, answer.json()["id"])
    assert job["state"] == "failed"
    assert sorted(r["reason"] for r in job["rejections"]) == ["bad-scheme", "private-address"]
    assert fake_ingest.calls == []


def test_form_url_with_allow_private(db: str, fake_ingest: FakeIngest, local_server: str) -> None:
    app = create_app(db, allow_private=True, runner_options={"ingest": fake_ingest})
    with TestClient(app, base_url=BASE) as c:
        answer = c.post(
            "/add",
            data={
                "csrf_token": csrf_token(c),
                "url": local_server + "/a",
                "feed_url": local_server + "/feed",
            },
            headers={"Accept": "application/json"},
        )
        job = wait_for_job(c, answer.json()["id"])
    assert job["state"] == "done"
    # the page goes in as a record that keeps its URL; the feed URL is read as a feed whatever it serves
    page, feed = fake_ingest.calls[0]
    assert (page.name, feed.name) == ("url000.json", "url001.rss")
    assert json.loads(fake_ingest.contents[page.name])["url"] == local_server + "/a"


def test_serve_says_when_its_port_is_taken(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [
            sys.executable,
            "-m",
            "storyline.cli",
            "serve",
            "--db",
            str(tmp_path / "s.db"),
            "--port",
            str(port),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr


# -- helpers ---------------------------------------------------------------------------------------------


def test_segments_cover_the_text_once() -> None:
    text = "Mayor Ana Ruiz said so."
    marks = [
        Mark(6, 14, "mention", "person", "PERSON"),
        Mark(0, 19, "quote", "", ""),
        Mark(20, 99, "time", "", ""),
    ]
    pieces = segments(text, marks)
    assert "".join(p.text for p in pieces) == text
    assert [p.classes for p in pieces] == ["m-quote", "m-mention m-quote v-person", "m-quote", ""]


def test_reader_cache_follows_the_store(tmp_path: Path) -> None:
    clock, mark = [0.0], ["v1"]
    calls: list[int] = []
    reader = Reader(
        SQLiteStore(":memory:"),
        ttl=1.0,
        fingerprint=lambda: mark[0],
        clock=lambda: clock[0],
        spawn=lambda f: f(),
    )

    def make() -> int:
        calls.append(1)
        return len(calls)

    assert reader.cached(("k",), make) == 1
    clock[0] = 5.0
    assert reader.cached(("k",), make) == 1  # time alone does not drop it
    mark[0] = "v2"
    assert reader.cached(("k",), make) == 1  # seen only after ttl since the last look
    clock[0] = 6.5
    assert reader.cached(("k",), make) == 2  # refreshed (here at once; a server does it in a thread)
    reader.refresh()
    assert reader.cached(("k",), make) == 3 and len(calls) == 3
    reader.invalidate()
    assert reader.cached(("k",), make) == 4
    for n in range(MAX_ENTRIES + 10):  # least recently used go first, the hot key stays
        reader.cached(("filler", n), lambda: 0)
        assert reader.cached(("k",), make) == 4
    assert reader.peek(("filler", 0)) is None and reader.peek(("filler", MAX_ENTRIES + 9)) == 0
    store = tmp_path / "s.db"
    SQLiteStore(store).close()
    before = file_fingerprint(str(store))()
    make_db(store)
    assert file_fingerprint(str(store))() != before


def test_timeline_labels_do_not_overlap(client: TestClient) -> None:
    page = client.get(f"/stories/{STORY_ID}").text
    xs = [float(x) for x in re.findall(r'<text class="tick-label" x="([\d.]+)"', page)]
    assert xs == sorted(xs) and all(b - a >= 52 for a, b in itertools.pairwise(xs))


def test_snippet_marks_only_words_of_the_query() -> None:
    hit = Hit("article", "/articles/a", None, "t", "[It should be] said [Erdoğan] … [talks]")
    assert hit.pieces("erdogan talks") == [
        ("[It should be]", False),
        (" said ", False),
        ("Erdoğan", True),
        (" … ", False),
        ("talks", True),
    ]


def test_parse_range_and_safe_names() -> None:
    assert parse_range("3-9", 5) == (3, 5) and parse_range("9-3", 50) is None and parse_range("x", 5) is None
    assert safe_name("../../etc/passwd") == "passwd" and safe_name("C:\\a\\b c.txt") == "b_c.txt"
    assert safe_name("...") == "upload.txt"


def test_hostile_fixture_has_what_it_claims() -> None:
    assert "<script>" in HOSTILE and "onerror" in HOSTILE and "javascript:" in HOSTILE


# -- hostile requests (issue 16) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["ferry\x00", "\x00", 'ferry" OR "x', "NEAR(ferry workers)", "ferry*", "-ferry", "^ferry", "body:ferry"],
)
def test_search_takes_nul_and_fts_operators_as_words(client: TestClient, query: str) -> None:
    answer = client.get("/stories.json", params={"q": query})
    assert answer.status_code == 200 and "content-security-policy" in answer.headers
    page = client.get("/", params={"q": query})
    assert page.status_code == 200 and "content-security-policy" in page.headers


def test_search_words_are_only_letters_and_digits() -> None:
    from storyline.store.base import search_words

    assert search_words('NEAR(ferry "workers") col:x a\x00b -c ^d e*') == [
        "NEAR",
        "ferry",
        "workers",
        "col",
        "x",
        "a",
        "b",
        "c",
        "d",
        "e",
    ]


def test_an_error_the_app_raises_is_answered_with_the_security_headers(
    db: str, fake_ingest: FakeIngest
) -> None:
    app = create_app(db, runner_options={"ingest": fake_ingest})

    def boom() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/boom.json", boom)
    app.add_api_route("/boom", boom)
    with TestClient(app, base_url=BASE, raise_server_exceptions=True) as c:
        for path, kind in (("/boom.json", "application/json"), ("/boom", "text/html")):
            answer = c.get(path)
            assert answer.status_code == 500 and kind in answer.headers["content-type"]
            assert "default-src 'none'" in answer.headers["content-security-policy"]
            assert answer.headers["x-frame-options"] == "DENY"
        assert c.get("/boom.json").json()["error"]["code"] == "internal-error"
        assert c.get("/stories.json").status_code == 200  # the app goes on answering


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("http://127.0.0.1", True),
        ("http://127.0.0.1:80", True),
        ("https://127.0.0.1", False),
        ("https://127.0.0.1:80", False),
        ("http://127.0.0.1:8001", False),
        ("http://localhost", False),
        ("http://127.0.0.1.evil.example", False),
        ("http://", False),
        ("127.0.0.1", False),
    ],
)
def test_csrf_compares_scheme_host_and_port(
    client: TestClient, fake_ingest: FakeIngest, origin: str, allowed: bool
) -> None:
    form = {"text": "A story about the ferry.", "csrf_token": csrf_token(client)}
    answer = client.post("/add", data=form, headers={"Origin": origin, "Accept": "application/json"})
    assert (answer.status_code == 202) is allowed, answer.text


def test_a_malformed_url_fails_alone_and_the_pasted_text_is_kept(
    client: TestClient, fake_ingest: FakeIngest
) -> None:
    form = {
        "csrf_token": csrf_token(client),
        "text": "The ferry workers went on strike on Monday, the union said.",
        "url": "http://[::1/",
        "feed_url": "http://１２７.０.０.１/feed",  # full-width digits
    }
    answer = client.post("/add", data=form, headers={"Accept": "application/json"})
    job = wait_for_job(client, answer.json()["id"])
    assert job["state"] == "done", job
    assert [r["reason"] for r in job["rejections"]] == ["bad-url", "bad-url"]
    assert [p.name for p in fake_ingest.calls[0]] == ["000-pasted.txt"]
    assert b"ferry workers" in fake_ingest.contents["000-pasted.txt"]


def test_citations_say_where_they_point_and_counts_read_as_words(client: TestClient) -> None:
    page = client.get(f"/stories/{STORY_ID}").text
    # each citation names its outlet and day, not a bare number
    cite = r'<a class="cite" href="/articles/a1\?hl=\d+-\d+#hl"[^>]*>Coastal Herald, May 3</a>'
    assert re.search(cite, page) and ">Bay Times, May 4</a>" in page
    assert "4 articles · 1 event<" in page
    listing = client.get("/").text
    assert re.search(r"· 1 event · 4 articles ·\s+4 outlets:", listing)


def test_story_page_reads_like_a_briefing(client: TestClient) -> None:
    """Latest happening first, then disagreements, summary and events, then the details."""
    page = client.get(f"/stories/{STORY_ID}").text
    order = [page.index(f'<section id="{part}"') for part in ("summary", "events", "quotes", "sources")]
    assert order == sorted(order)
    assert re.search(r'<p class="lede"><strong>Latest, 2024-05-\d\d:</strong>', page)
    assert '<nav class="toc"' in page and 'href="#quotes">Who said what</a>' in page


def test_story_list_sorts_pages_and_counts_facets(tmp_path: Path) -> None:
    import dataclasses

    from web_fixtures import articles, story

    base = story(articles())
    db = make_db(tmp_path / "many.db")
    store = SQLiteStore(Path(db))
    try:  # 30 stories: story n cites the first 1 + n % 4 sources, its one event dated May n
        store.put_stories(
            [
                dataclasses.replace(
                    base,
                    story_id=f"st-{n:02d}",
                    headline=f"Story number {n}",
                    sources=base.sources[: 1 + n % 4],
                    events=tuple(dataclasses.replace(e, date=f"2024-05-{n:02d}") for e in base.events),
                )
                for n in range(1, 31)
            ]
        )
    finally:
        store.close()
    with TestClient(create_app(db), base_url=BASE) as client:
        first = client.get("/stories.json").json()
        assert first["total"] == 30 and first["pages"] == 2 and len(first["stories"]) == 25
        latest = [s["last_date"] for s in first["stories"]]
        assert latest == sorted(latest, reverse=True)  # newest first by default
        second = client.get("/stories.json", params={"page": 2}).json()
        assert len(second["stories"]) == 5 and not {s["id"] for s in second["stories"]} & {
            s["id"] for s in first["stories"]
        }
        by_size = client.get("/stories.json", params={"sort": "size"}).json()["stories"]
        sizes = [s["article_count"] for s in by_size]
        assert sizes == sorted(sizes, reverse=True)
        assert first["leads"][first["stories"][0]["id"]] == base.summary[0].text
        assert sum(first["facets"]["outlet_stories"].values()) > 30  # a story counts for each of its outlets
        page = client.get("/", params={"sort": "size"}).text
        assert 'rel="next" href="/?sort=size&amp;page=2"' in page and "30 stories · page 1 of 2" in page
        assert client.get("/stories.json", params={"sort": "random"}).status_code == 422


def test_timeline_picture_has_a_lane_for_plans_and_no_links_inside_the_image() -> None:
    import dataclasses

    from storyline.web.views import timeline_geometry
    from web_fixtures import articles, story

    base = story(articles())
    planned = dataclasses.replace(
        base, timeline=(*base.timeline, dataclasses.replace(base.timeline[-1], status="scheduled"))
    )
    geometry = timeline_geometry(planned)
    plan = [d for d in geometry.dots if d.entry.status == "scheduled"]
    assert len(plan) == 1 and plan[0].y > geometry.axis_y  # below the axis
    assert all(d.y < geometry.axis_y for d in geometry.dots if d.entry.status == "happened")
    assert geometry.height > plan[0].y + plan[0].r


def test_story_page_timeline_image_holds_no_links(client: TestClient) -> None:
    page = client.get(f"/stories/{STORY_ID}").text
    figure = page[page.index("<svg") : page.index("</svg>")]
    assert "<a " not in figure and 'aria-labelledby="timeline-caption"' in figure
    assert 'id="timeline-caption"' in page


def test_a_job_says_which_stories_its_articles_joined_not_the_whole_store() -> None:
    from types import SimpleNamespace

    def brief(story_id: str, headline: str, *article_ids: str) -> SimpleNamespace:
        sources = [SimpleNamespace(article_id=a) for a in article_ids]
        return SimpleNamespace(story_id=story_id, headline=headline, sources=sources)

    result = SimpleNamespace(
        article_ids=("new1",),
        new_ids=("new1",),
        rejections=(),
        stories=(brief("st-a", "Bridge reopens", "old1", "new1"), brief("st-b", "Unrelated", "old2")),
    )
    summary = IngestSummary.of(result)
    assert summary.story_ids == ("st-a",) and summary.story_headlines == ("Bridge reopens",)


# -- stories merged away (issue 16: readers of a story that an addition merges into another) -------------


def test_a_story_merged_away_leads_to_the_story_it_joined(tmp_path: Path, fake_ingest: FakeIngest) -> None:
    path = make_db(tmp_path / "store.db")
    store = SQLiteStore(path)
    store.add_history(
        [
            {"level": "event", "kind": "merge", "id": "ev-x", "others": ["st-old"], "batch": 1},  # an event
            {"level": "story", "kind": "merge", "id": "st-mid", "others": ["st-old"], "batch": 1},
            {"level": "story", "kind": "merge", "id": STORY_ID, "others": ["st-mid"], "batch": 2},
            {"level": "story", "kind": "split", "id": STORY_ID, "others": ["st-part"], "batch": 2},
        ]
    )
    store.close()
    app = create_app(path, runner_options={"ingest": fake_ingest})
    with TestClient(app, base_url=BASE, follow_redirects=False) as c:
        for suffix in ("", ".json"):
            for gone in ("st-old", "st-mid"):  # a chain of merges leads to where the story is now
                moved = c.get(f"/stories/{gone}{suffix}")
                assert moved.status_code == 301
                assert moved.headers["location"] == f"/stories/{STORY_ID}{suffix}"
                assert "content-security-policy" in moved.headers
            assert c.get(f"/stories/st-old{suffix}", follow_redirects=True).status_code == 200
            assert c.get(f"/stories/st-part{suffix}").status_code == 404  # split off, never merged away
            assert c.get(f"/stories/nope{suffix}").status_code == 404


def test_a_refresh_keeps_the_values_of_stories_that_did_not_change(tmp_path: Path) -> None:
    from dataclasses import replace

    path = make_db(tmp_path / "store.db")
    writer = SQLiteStore(path)
    first = writer.story(STORY_ID)
    assert first is not None
    other = replace(first, story_id="st-other", headline="Another story")
    writer.put_stories([first, other])
    reader = Reader(SQLiteStore(path), ttl=1e9, spawn=lambda f: f())
    made: list[str] = []

    def page(story_id: str) -> Callable[[], str]:
        def make() -> str:
            made.append(story_id)
            brief = reader.story(story_id)
            if brief is None:
                raise LookupError(story_id)  # as the app's 404
            return f"<h1>{brief.headline}</h1>"

        return make

    def listing() -> str:
        made.append("list")
        return ", ".join(row.headline for row in reader.stories())

    for story_id in (STORY_ID, "st-other"):
        reader.cached(("story-page", story_id), page(story_id))
    reader.cached(("list-page",), listing)
    kept_brief = reader.story(STORY_ID)
    writer.put_stories([first, replace(other, headline="Another story, updated")])  # one story changes
    reader.refresh()
    assert reader.peek(("story-page", STORY_ID)) == f"<h1>{first.headline}</h1>"
    assert reader.peek(("story-page", "st-other")) == "<h1>Another story, updated</h1>"
    assert "Another story, updated" in reader.peek(("list-page",))  # lists always follow the store
    assert made == [STORY_ID, "st-other", "list", "list", "st-other"]  # the unchanged page not made again
    assert reader.story(STORY_ID) is kept_brief  # nor its brief decoded again
    writer.put_stories([first])  # the other story is gone: its page is dropped, never kept
    reader.refresh()
    assert reader.peek(("story-page", "st-other")) is None
    assert reader.peek(("story-page", STORY_ID)) == f"<h1>{first.headline}</h1>"
    writer.put_stories([replace(first, headline="First, updated")])
    reader.refresh()
    assert reader.peek(("story-page", STORY_ID)) == "<h1>First, updated</h1>"
    writer.close()


def test_a_refresh_remakes_every_changed_story_it_holds_not_only_the_latest_used(tmp_path: Path) -> None:
    from dataclasses import replace

    from storyline.web.reader import REFRESH_ENTRIES

    path = make_db(tmp_path / "store.db")
    writer = SQLiteStore(path)
    first = writer.story(STORY_ID)
    assert first is not None
    ids = [f"st-{n:03d}" for n in range(REFRESH_ENTRIES + 6)]
    writer.put_stories([replace(first, story_id=i, headline=f"{i} v1") for i in ids])
    reader = Reader(SQLiteStore(path), ttl=1e9, spawn=lambda f: f())

    def page(story_id: str) -> Callable[[], str]:
        def make() -> str:
            brief = reader.story(story_id)
            assert brief is not None
            return brief.headline

        return make

    for i in ids:
        reader.cached(("story-page", i), page(i))
    writer.put_stories([replace(first, story_id=i, headline=f"{i} v2") for i in ids])  # every story changes
    reader.refresh()
    assert [reader.peek(("story-page", i)) for i in ids] == [f"{i} v2" for i in ids]  # none left to a miss
    writer.close()
