"""Files and folders: the kind comes from the extension, or from sniffing the first bytes."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path

from storyline.models import RawDocument, Rejection
from storyline.sources.decode import ContentKind, sniff_kind
from storyline.sources.dispatch import documents_from_bytes
from storyline.sources.records import read_jsonl

_BY_SUFFIX: dict[str, ContentKind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}
_STREAMED = (".warc", ".warc.gz", ".warc.zst", ".warc.lz4", ".jsonl", ".ndjson")


def walk(path: Path, seen: set[Path] | None = None) -> Iterator[Path]:
    """A file, or every file under a folder in sorted order; hidden files and folders are passed over.

    A folder that cannot be listed is yielded as a path, so reading it becomes an "unreadable" rejection;
    a symlink back into a folder already walked is not followed twice.
    """
    seen = set() if seen is None else seen
    if not path.is_dir():
        yield path
        return
    real = path.resolve()
    if real in seen:
        return
    seen.add(real)
    try:
        children = sorted(path.iterdir(), key=lambda p: p.name)
    except OSError:
        yield path
        return
    for child in children:
        if not child.name.startswith("."):
            yield from walk(child, seen)


def _suffixes(path: Path) -> str:
    return "".join(path.suffixes[-2:]).lower()


def _kind_from_name(path: Path, head: bytes) -> ContentKind:
    suffix = path.suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    return sniff_kind(head)


def read_file(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """One file → documents. WARC and JSONL are streamed and capped per record, others per file."""
    origin = str(path)
    try:
        if _suffixes(path).endswith(_STREAMED):
            yield from _read_streamed(path, max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:  # decided from the size alone: the file is never read
            yield Rejection(origin, "sources", "too-large", f"{size} bytes, over the limit of {max_bytes}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejection(origin, "sources", "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    if path.suffix.lower() == ".gz":
        yield from _read_gzipped(path, data, max_bytes)
        return
    yield from documents_from_bytes(origin, data, _kind_from_name(path, data), max_bytes)


def _read_streamed(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    if ".warc" in _suffixes(path):
        from storyline.sources.warc import read_warc  # FastWARC: only for an archive

        yield from read_warc(str(path), str(path), max_bytes)
        return
    with path.open("rb") as stream:
        yield from read_jsonl(str(path), stream, max_bytes)


def _read_gzipped(path: Path, data: bytes, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """``page.html.gz`` and friends: inflate at most ``max_bytes``, then read by the inner name."""
    origin = str(path)
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as inflating:
            inner = inflating.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        yield Rejection(origin, "sources", "malformed", f"bad gzip: {exc}")
        return
    if len(inner) > max_bytes:
        yield Rejection(origin, "sources", "too-large", f"inflates to over {max_bytes} bytes")
        return
    inner_path = path.with_suffix("")
    yield from documents_from_bytes(origin, inner, _kind_from_name(inner_path, inner), max_bytes)
