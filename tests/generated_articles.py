"""Small, distinct, deterministic news articles written to a folder, for crash-safety and scale tests."""

from __future__ import annotations

import random
from pathlib import Path

PLACES = ["Lisbon", "Gdansk", "Porto", "Tallinn", "Bergen", "Valencia", "Cork", "Turku", "Split", "Ghent"]
BODIES = ["city council", "port authority", "rail operator", "health board", "water utility", "university"]
ACTIONS = ["approved", "postponed", "rejected", "announced", "reviewed", "suspended"]
THINGS = ["a new bridge", "the night trains", "a flood barrier", "the harbour dredging", "a tram line"]
PEOPLE = ["Ana Costa", "Piotr Nowak", "Liis Tamm", "Sean Byrne", "Mia Virtanen", "Ivo Kralj"]


def article_text(n: int, rng: random.Random) -> str:
    place, body, person = rng.choice(PLACES), rng.choice(BODIES), rng.choice(PEOPLE)
    action, thing = rng.choice(ACTIONS), rng.choice(THINGS)
    day = 1 + n % 27
    return (
        f"{place} {body} {action} {thing} (report {n})\n\n"
        f"March {day}, 2024 / 9:{n % 60:02d} AM\n\n"
        f"{place}, March {day} -- The {body} of {place} {action} plans for {thing} on Tuesday, "
        f"officials said in item number {n}.\n\n"
        f'"We have waited {n % 9 + 2} years for this," said {person}, a spokesperson for the {body}.\n\n'
        f"The decision affects about {1000 + 37 * n} residents, and a final vote is due next week."
    )


def write_articles(folder: Path, count: int, seed: int = 8) -> list[Path]:
    """``count`` plain-text articles named a0000.txt, a0001.txt, ... in ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"a{n:04d}.txt"
        path.write_text(article_text(n, rng), encoding="utf-8")
        paths.append(path)
    return paths


def aeb_pages(root: Path, limit: int | None = None) -> list[tuple[str, bytes]]:
    """(url, html) of the Article Extraction Benchmark's pages under ``root``, in sorted key order."""
    import gzip
    import json

    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        pages.append((truth[key].get("url") or f"https://aeb.invalid/{key}", html))
    return pages


def write_warc(path: Path, pages: list[tuple[str, bytes]]) -> Path:
    """A gzipped WARC holding one HTTP 200 text/html response per (url, html), as a crawler stores them."""
    from fastwarc.stream_io import GzipWriter
    from fastwarc.warc import WarcRecord, WarcRecordType

    writer = GzipWriter(str(path))
    for url, html in pages:
        record = WarcRecord()
        record.init_headers(record_type=WarcRecordType.response)
        record.headers["WARC-Target-URI"] = url
        record.headers["Content-Type"] = "application/http; msgtype=response"
        head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(html)}\r\n\r\n"
        record.set_bytes_content(head.encode("ascii") + html)
        record.write(writer)
    writer.close()
    return path
