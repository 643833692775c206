"""Extraction quality and speed on the Article Extraction Benchmark (AEB), in one run:

1. our extract path (RawDocument → extract_articles),
2. plain trafilatura (``trafilatura.extract`` with its defaults, on the raw bytes),
3. our WARC path (a WARC built from the same pages in a temp dir, read by our WARC source, then extracted);

and, for scale, sources + plain-text extraction over the 535 ECB+ JSON documents.

Score: token-level F1 of the extracted body against ``articleBody`` in ground-truth.json; tokens are
casefolded word characters (``\\w+``), compared as multisets; F1 is averaged over pages (a page with
no output scores 0). ``--json FILE`` appends each path's F1 and articles per second, and the ECB+
plain-text throughput, to FILE (benchmarks/figures.py's schema); ``--print-json`` prints the results
as JSON instead of the table. Usage::

    nice .venv/bin/python benchmarks/extraction.py [--limit N] [--json FILE] [--print-json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from fastwarc.stream_io import GzipWriter
from fastwarc.warc import WarcRecord, WarcRecordType

from storyline.config import Settings
from storyline.extract import extract_articles
from storyline.models import Article, RawDocument
from storyline.sources import read_sources
from storyline.sources.documents import html_document

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
AEB = EVAL / "html" / "aeb"
ECBPLUS = EVAL / "ecbplus"
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    key: str
    url: str
    html: bytes
    truth: str


def load_pages(limit: int | None = None, root: Path = AEB) -> list[Page]:
    """AEB pages in sorted key order (deterministic slices)."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        pages.append(Page(key, truth[key].get("url", ""), html, truth[key]["articleBody"]))
    return pages


def token_f1(predicted: str, truth: str) -> float:
    got, want = Counter(_TOKEN.findall(predicted.casefold())), Counter(_TOKEN.findall(truth.casefold()))
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def mean_f1(pages: Sequence[Page], texts: dict[str, str]) -> float:
    return sum(token_f1(texts.get(p.key, ""), p.truth) for p in pages) / max(1, len(pages))


def _by_origin(articles: list[Article], origin_key: Callable[[str], str]) -> dict[str, str]:
    return {origin_key(a.origin): a.text for a in articles}


def ours(pages: Sequence[Page]) -> dict[str, str]:
    """Our extract path on the pages' bytes (decoded by our sources, batch-extracted)."""
    docs = [d for p in pages if isinstance(d := html_document(p.key, p.html, url=p.url), RawDocument)]
    articles, _ = extract_articles(docs, Settings())
    return _by_origin(articles, lambda origin: origin)


def plain_trafilatura(pages: Sequence[Page]) -> dict[str, str]:
    return {p.key: trafilatura.extract(p.html, url=p.url) or "" for p in pages}


def write_warc(pages: Sequence[Page], path: Path) -> None:
    """A gzipped WARC of HTTP responses, one per page, as a crawler would have stored them."""
    writer = GzipWriter(str(path))
    for page in pages:
        record = WarcRecord()
        record.init_headers(record_type=WarcRecordType.response)
        record.headers["WARC-Target-URI"] = page.url or f"https://aeb.invalid/{page.key}"
        record.headers["Content-Type"] = "application/http; msgtype=response"
        head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(page.html)}\r\n\r\n"
        record.set_bytes_content(head.encode("ascii") + page.html)
        record.write(writer)
    writer.close()


def through_warc(pages: Sequence[Page], warc: Path) -> dict[str, str]:
    """Read the WARC with our source, extract, and map each article back to its page by URL."""
    by_url = {p.url or f"https://aeb.invalid/{p.key}": p.key for p in pages}
    docs = [d for d in read_sources([str(warc)], Settings()) if isinstance(d, RawDocument)]
    articles, _ = extract_articles(docs, Settings())
    return {by_url[a.url]: a.text for a in articles if a.url in by_url}


def _timed(run: Callable[[], dict[str, str]]) -> tuple[dict[str, str], float]:
    start = time.perf_counter()
    texts = run()
    return texts, time.perf_counter() - start


def measure(pages: Sequence[Page]) -> dict[str, dict[str, float]]:
    """F1 and speed of each path; one page goes through each first so imports are not timed."""
    ours(pages[:1])
    plain_trafilatura(pages[:1])
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "aeb.warc.gz"
        write_warc(pages, warc)
        runs: dict[str, Callable[[], dict[str, str]]] = {
            "storyline": lambda: ours(pages),
            "trafilatura": lambda: plain_trafilatura(pages),
            "storyline-warc": lambda: through_warc(pages, warc),
        }
        for name, run in runs.items():
            texts, seconds = _timed(run)
            results[name] = {
                "f1": round(mean_f1(pages, texts), 4),
                "articles_per_s": round(len(pages) / seconds, 1),
                "seconds": round(seconds, 2),
                "pages": len(pages),
            }
    return results


def text_throughput(folder: Path = ECBPLUS) -> dict[str, float]:
    """Sources + plain-text extraction over a folder of JSON articles (ECB+: 535 documents)."""
    start = time.perf_counter()
    read = list(read_sources([str(folder)], Settings()))
    docs = [d for d in read if isinstance(d, RawDocument)]
    articles, rejections = extract_articles(docs, Settings())
    seconds = time.perf_counter() - start
    removed = sum(len(a.removed) for a in articles)
    return {
        "documents": len(read),
        "articles": len(articles),
        "rejections": len(read) - len(docs) + len(rejections),
        "removed_paragraphs": removed,
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(articles) / seconds, 1),
    }


def removal_census(inputs: Sequence[str]) -> dict[str, object]:
    """What extraction removes from real text, by reason, with every removed line: for reading by eye."""
    read = list(read_sources(list(inputs), Settings()))
    articles, _ = extract_articles([d for d in read if isinstance(d, RawDocument)], Settings())
    removed = [(r.reason, r.text) for a in articles for r in a.removed]
    return {
        "articles": len(articles),
        "rejections": len(read) - len(articles),
        "by_reason": dict(Counter(reason for reason, _ in removed).most_common()),
        "lines": sorted(set(removed)),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (sorted by key)")
    parser.add_argument("--json", type=Path, help="append the headline figures to this JSON file")
    parser.add_argument("--print-json", action="store_true", help="print the results as JSON")
    parser.add_argument("--census", nargs="+", metavar="PATH", help="list what extraction removes from PATHs")
    args = parser.parse_args(argv)
    if args.census:
        print(json.dumps(removal_census(args.census), indent=1, ensure_ascii=False))
        return 0
    results = measure(load_pages(args.limit))
    text = text_throughput() if ECBPLUS.is_dir() else {}
    if args.json:
        _write_figures(args.json, results, text)
    if args.print_json:
        print(json.dumps({"aeb": results, "ecbplus_text": text}, indent=2))
        return 0
    print(f"{'path':<16} {'F1':>7} {'articles/s':>11} {'seconds':>8}  pages")
    for name, row in results.items():
        speed, seconds = row["articles_per_s"], row["seconds"]
        print(f"{name:<16} {row['f1']:>7.4f} {speed:>11.1f} {seconds:>8.2f}  {row['pages']:.0f}")
    if text:
        count, seconds, speed = text["articles"], text["seconds"], text["articles_per_s"]
        print(f"plain text (ECB+): {count:.0f} articles in {seconds}s = {speed}/s")
    return 0


def _write_figures(path: Path, results: dict[str, dict[str, float]], text: dict[str, float]) -> None:
    # imported here: tests load this module by file path, without benchmarks/ on sys.path
    from figures import Figure, write

    figures = []
    for name, row in results.items():
        data = f"AEB ({row['pages']:.0f} pages)"
        figures += [
            Figure(name, data, "token F1 against articleBody", row["f1"]),
            Figure(name, data, "articles per second", row["articles_per_s"]),
        ]
    if text:
        data = f"ECB+ JSON ({text['articles']:.0f} articles)"
        figures.append(Figure("storyline", data, "sources + plain-text extraction, articles per second",
                              text["articles_per_s"]))
    write(path, figures)


if __name__ == "__main__":
    sys.exit(main())
