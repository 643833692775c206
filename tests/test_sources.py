"""Sources: every input kind read into RawDocuments, every bad input a Rejection with its reason."""

from __future__ import annotations

import gzip
import http.server
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from fastwarc.stream_io import GzipWriter
from fastwarc.warc import WarcRecord, WarcRecordType
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.config import Settings
from storyline.errors import InputError, SourceError
from storyline.models import RawDocument, Rejection
from storyline.sources import read_sources
from storyline.sources.decode import sniff_kind
from storyline.sources.dispatch import documents_from_bytes
from storyline.sources.documents import failing_alone
from storyline.sources.feeds import read_feed

ARTICLE = (
    "Council approves new harbour bridge\n\n"
    "PORTVILLE, May 4 (Harbour Wire) -- The city council on Monday approved a new bridge across the "
    "harbour after a debate that lasted more than six hours.\n\n"
    '"This bridge will connect two halves of our city," said the mayor, Ana Ruiz.'
)
PAGE = (
    "<html><head><title>Bridge approved</title></head><body><article><h1>Bridge approved</h1>"
    "<p>The city council on Monday approved a new bridge across the harbour after a long debate.</p>"
    "<p>The mayor said the bridge would connect two halves of the city and open in two years.</p>"
    "</article></body></html>"
)
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Wire</title><link>http://example.invalid/</link>
<item><title>Bridge approved</title><link>http://example.invalid/bridge</link>
<pubDate>Mon, 04 May 2020 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The council approved a bridge.&lt;/p&gt;
&lt;p&gt;It opens in 2022.&lt;/p&gt;</description></item>
<item><title>Ferry cut</title><link>http://example.invalid/ferry</link>
<description>The night ferry will stop in June.</description></item>
</channel></rss>"""


def read(*inputs: str | Path, **overrides: object) -> list[RawDocument | Rejection]:
    return list(read_sources(list(inputs), Settings(**overrides)))  # type: ignore[arg-type]


def rejections(results: list[RawDocument | Rejection]) -> dict[str, str]:
    return {Path(r.origin).name: r.reason for r in results if isinstance(r, Rejection)}


def documents(results: list[RawDocument | Rejection]) -> list[RawDocument]:
    return [r for r in results if isinstance(r, RawDocument)]


@pytest.fixture()
def bad_folder(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n \t\n")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "latin1.txt").write_bytes("Café in Göteborg, said Åsa: «très bien».\n".encode("latin-1"))
    (tmp_path / "broken.html").write_text("<html><body><div><p></div></span><<<>>>", encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"text": "unfinished', encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden files are passed over", encoding="utf-8")
    return tmp_path


def test_folder_reads_good_files_and_rejects_bad_ones_with_reasons(bad_folder: Path) -> None:
    results = read(bad_folder)
    assert rejections(results) == {
        "empty.txt": "empty",
        "blank.txt": "empty",
        "binary.bin": "binary",
        "broken.html": "malformed",
        "bad.json": "malformed",
    }
    assert all(r.detail for r in results if isinstance(r, Rejection))
    names = [Path(d.origin).name for d in documents(results)]
    assert names == ["good.txt", "latin1.txt"]  # sorted, hidden file skipped


def test_latin1_text_is_decoded_not_rejected(bad_folder: Path) -> None:
    latin = documents(read(bad_folder / "latin1.txt"))
    assert latin[0].body.startswith("Café in Göteborg, said Åsa: «très bien».")


def test_huge_file_is_rejected_from_its_size_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # 50 MB of real text
        line = b"All work and no play makes Jack a dull boy.\n"
        handle.write(line * (50_000_000 // len(line) + 1))
    started = time.perf_counter()
    results = read(huge)
    assert rejections(results) == {"huge.txt": "too-large"}
    assert time.perf_counter() - started < 0.5


def test_missing_path_raises_at_once_before_anything_is_read(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_sources([str(tmp_path), str(tmp_path / "nope.txt")], Settings())


@pytest.mark.parametrize("url", ["http://", "http://[::1"])
def test_a_malformed_url_is_an_input_error_at_once(url: str) -> None:
    with pytest.raises(InputError, match="not a valid URL"):
        read_sources([url], Settings())


def test_policies_raise_and_skip(bad_folder: Path) -> None:
    with pytest.raises(SourceError):
        read(bad_folder, on_error="raise")
    skipped = read(bad_folder, on_error="skip")
    assert all(isinstance(r, RawDocument) for r in skipped) and len(skipped) == 2


def test_json_object_list_and_jsonl_with_metadata(tmp_path: Path) -> None:
    record = {
        "text": ARTICLE,
        "url": "http://x.invalid/a",
        "title": "T",
        "outlet": "O",
        "published": "2020-05-04",
    }
    (tmp_path / "one.json").write_text(json.dumps(record), encoding="utf-8")
    (tmp_path / "list.json").write_text(json.dumps([record, {"html": PAGE}, {"body": "?"}]), encoding="utf-8")
    lines = [json.dumps(record), "{not json", "", json.dumps({"text": "   "})]
    (tmp_path / "stream.jsonl").write_text("\n".join(lines), encoding="utf-8")
    results = read(tmp_path)
    kinds = {d.origin.split("/")[-1]: d.kind for d in documents(results)}
    assert kinds == {
        "list.json#0": "text",
        "list.json#1": "html",
        "one.json": "text",
        "stream.jsonl#0": "text",
    }
    first = documents(results)[0]
    assert (first.url, first.title, first.outlet, first.published) == (
        "http://x.invalid/a",
        "T",
        "O",
        "2020-05-04",
    )
    assert rejections(results) == {
        "list.json#2": "malformed",
        "stream.jsonl#1": "malformed",
        "stream.jsonl#2": "empty",
    }


def test_unknown_extension_is_sniffed_and_gzip_is_inflated(tmp_path: Path) -> None:
    (tmp_path / "page.dat").write_text(PAGE, encoding="utf-8")
    (tmp_path / "note.log").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (tmp_path / "doc.xml").write_text('<?xml version="1.0"?><doc><p>The council met.</p></doc>', "utf-8")
    kinds = {Path(d.origin).name: d.kind for d in documents(read(tmp_path))}
    assert kinds == {"page.dat": "html", "note.log": "text", "page.html.gz": "html", "doc.xml": "html"}


def test_feed_file_entries_become_documents(tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_text(FEED, encoding="utf-8")
    docs = documents(read(tmp_path / "wire.rss"))
    assert [d.title for d in docs] == ["Bridge approved", "Ferry cut"]
    assert docs[0].outlet == "Harbour Wire" and docs[0].url == "http://example.invalid/bridge"
    assert docs[0].body == "The council approved a bridge.\n\nIt opens in 2022."
    assert docs[0].published and "2020" in docs[0].published


def _warc_record(writer: GzipWriter, kind: WarcRecordType, uri: str, payload: bytes) -> None:
    record = WarcRecord()
    record.init_headers(record_type=kind)
    record.headers["WARC-Target-URI"] = uri
    message = "request" if kind == WarcRecordType.request else "response"
    record.headers["Content-Type"] = f"application/http; msgtype={message}"
    record.set_bytes_content(payload)
    record.write(writer)


def _http(content_type: str, body: bytes, status: str = "200 OK") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode("ascii") + body


def test_warc_html_responses_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    writer = GzipWriter(str(path))
    _warc_record(writer, WarcRecordType.request, "http://a.invalid/", b"GET / HTTP/1.1\r\n\r\n")
    _warc_record(
        writer, WarcRecordType.response, "http://a.invalid/", _http("text/html; charset=utf-8", PAGE.encode())
    )
    _warc_record(
        writer, WarcRecordType.response, "http://a.invalid/logo.png", _http("image/png", b"\x89PNG\x00")
    )
    _warc_record(
        writer, WarcRecordType.response, "http://a.invalid/big", _http("text/html", b"<p>x</p>" * 400)
    )
    zipped = _http("text/html", gzip.compress(PAGE.encode()))
    zipped = zipped.replace(b"\r\n\r\n", b"\r\nContent-Encoding: gzip\r\n\r\n", 1)
    _warc_record(writer, WarcRecordType.response, "http://a.invalid/zipped", zipped)
    writer.close()
    results = read(path, max_bytes=2000)
    docs = documents(results)
    assert [d.url for d in docs] == ["http://a.invalid/", "http://a.invalid/zipped"]
    assert "approved a new bridge" in docs[0].body and docs[1].body == docs[0].body
    assert [r.reason for r in results if isinstance(r, Rejection)] == ["too-large"]


def test_corrupt_warc_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(b"WARC/1.0\r\nnonsense")
    assert rejections(read(path)) == {"bad.warc": "malformed"}


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {
        "/page": (200, "text/html; charset=utf-8", PAGE.encode()),
        "/plain": (200, "text/plain", ARTICLE.encode("cp1252")),
        "/feed": (200, "application/rss+xml", FEED.encode()),
        "/xmlfeed": (200, "text/xml", FEED.encode()),
        "/big": (200, "text/plain", b"word " * 10_000),
        "/empty": (200, "text/html", b""),
    }

    def do_GET(self) -> None:
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_are_fetched_and_sniffed(server: str) -> None:
    urls = (f"{server}/page", f"{server}/plain", f"{server}/feed", f"{server}/xmlfeed")
    assert {r.reason for r in read(*urls) if isinstance(r, Rejection)} == {"private-address"}
    results = read(*urls, max_bytes=20_000, allow_private=True)
    docs = documents(results)
    assert [d.kind for d in docs] == ["html", "text", "text", "text", "text", "text"]
    assert docs[0].url == f"{server}/page"
    assert docs[1].body == ARTICLE
    assert docs[2].outlet == "Harbour Wire"


def test_url_failures_are_rejections(server: str) -> None:
    results = read(
        f"{server}/missing",
        f"{server}/big",
        f"{server}/empty",
        "http://127.0.0.1:9/",
        max_bytes=20_000,
        allow_private=True,
    )
    reasons = [(r.origin.rsplit("/", 1)[-1], r.reason) for r in results if isinstance(r, Rejection)]
    assert reasons == [
        ("missing", "fetch-failed"),
        ("big", "too-large"),
        ("empty", "empty"),
        ("", "fetch-failed"),
    ]


def test_stdin_is_read_and_sniffed() -> None:
    code = (
        "from storyline.sources import read_sources; from storyline.config import Settings; "
        "print([(d.origin, d.kind) for d in read_sources(['-'], Settings())])"
    )
    out = subprocess.run([sys.executable, "-c", code], input=PAGE.encode(), capture_output=True, check=True)
    assert out.stdout.decode().strip() == "[('<stdin>', 'html')]"


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_become_documents_or_rejections(data: bytes) -> None:
    for kind in ("text", "html", "json", "feed", "warc", sniff_kind(data)):
        for item in documents_from_bytes("blob", data, kind, max_bytes=10_000):
            assert isinstance(item, (RawDocument, Rejection))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["<item>", "</item>", "<title>T</title>", "<rss>", "<feed>", "&amp;", "<p>x"])
    ).map("".join)
)
def test_feed_like_text_never_crashes_the_feed_reader(xml: str) -> None:
    for item in read_feed("feed", xml.encode()):
        assert isinstance(item, (RawDocument, Rejection))


def test_news_please_fields_and_title_only_records(tmp_path: Path) -> None:
    records = [
        {"maintext": ARTICLE, "title": "T", "date_publish": "2020-05-04 10:00:00"},
        {"text": "", "title": "The election is over in the capital."},
    ]
    (tmp_path / "np.json").write_text(json.dumps(records), encoding="utf-8")
    docs = documents(read(tmp_path / "np.json"))
    assert [(d.body[:7], d.published) for d in docs] == [
        ("Council", "2020-05-04 10:00:00"),
        ("The ele", None),
    ]


def test_jsonl_on_stdin_is_streamed_record_by_record() -> None:
    code = (
        "from storyline.sources import read_sources; from storyline.config import Settings; "
        "print([(d.origin, d.kind) for d in read_sources(['-'], Settings(max_bytes=500))])"
    )
    lines = "\n".join(json.dumps({"text": f"Story {n}: " + "word " * 60}) for n in range(3))
    out = subprocess.run([sys.executable, "-c", code], input=lines.encode(), capture_output=True, check=True)
    assert out.stdout.decode().strip() == str([(f"<stdin>#{n}", "text") for n in range(3)])


def test_a_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [Path(d.origin).name for d in documents(read(tmp_path))] == ["a.txt"]


def test_declared_charsets_are_used_but_valid_utf8_wins(tmp_path: Path) -> None:
    page = '<html><head><meta charset="{}"></head><body><p>Ärzte in Köln und São Paulo.</p></body></html>'
    (tmp_path / "a.html").write_bytes(page.format("iso-8859-1").encode("utf-8"))  # mislabelled
    (tmp_path / "b.html").write_bytes(
        page.format("windows-1251").replace("Ärzte in Köln und São Paulo", "Врачи в Москве").encode("cp1251")
    )
    bodies = [d.body for d in documents(read(tmp_path))]
    assert "Ärzte in Köln und São Paulo." in bodies[0]
    assert "Врачи в Москве." in bodies[1]


def test_a_feed_that_breaks_feedparser_is_a_rejection() -> None:
    # found by benchmarks/fuzz.py (http target): feedparser's fallback parser raised KeyError: 'links'
    broken = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Talks</title>'
        b"(link>https://example.org/1</link><description><![C\xc4ATA[<p>Talks on Tuesday.</p>]]></dealks"
        b"</title><link>https://eWire</title><item>GMT</pubDate></item></>https://example.org/1</link>"
        b"<descriptios>"
    )
    [rejection] = list(read_feed("broken.rss", broken))
    assert isinstance(rejection, Rejection) and rejection.reason == "malformed"
    assert "KeyError" in rejection.detail


def test_a_reader_that_raises_fails_alone() -> None:
    def reader() -> Iterator[RawDocument | Rejection]:
        yield RawDocument("a.json#0", "text", "The first record was read.")
        raise RecursionError("maximum recursion depth exceeded")

    first, failed = failing_alone("a.json", reader())
    assert isinstance(first, RawDocument)
    assert isinstance(failed, Rejection) and (failed.origin, failed.reason) == ("a.json", "reader-failed")
    assert failed.detail.startswith("RecursionError")
