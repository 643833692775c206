"""``read_sources``: every input the user named → RawDocuments, with Rejections under the run's policy."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.config import Settings
from storyline.errors import InputError, SourceError
from storyline.models import RawDocument, Rejection
from storyline.sources.addresses import is_url
from storyline.sources.decode import sniff_kind
from storyline.sources.dispatch import documents_from_bytes
from storyline.sources.documents import failing_alone
from storyline.sources.files import read_file, walk
from storyline.sources.records import read_jsonl

if TYPE_CHECKING:
    from storyline.sources.fetch import Fetcher

# The web half (httpx, and a TLS context for the fetcher) is imported and made only when an input is a
# URL: a brief of local files does not pay for it.

STDIN = "-"


Input = str | os.PathLike[str]


def check_inputs(inputs: Sequence[Input]) -> list[str]:
    """The inputs as strings; :class:`InputError` for the first that names no file, folder, URL or ``-``."""
    if not inputs:
        raise InputError("no input given: name files, folders, URLs or '-' for standard input")
    names = [os.fspath(item) for item in inputs]
    for item in names:
        if is_url(item) and (problem := _url_problem(item)):
            raise InputError(f"not a valid URL: {item} ({problem})")
        if item == STDIN or is_url(item):
            continue
        if not Path(item).exists():
            raise InputError(f"no such file or folder: {item}")
    return names


def read_sources(inputs: Sequence[Input], settings: Settings) -> Iterator[RawDocument | Rejection]:
    """Read every input in order; missing paths raise :class:`InputError` before anything is read.

    Bad inputs become :class:`Rejection` records (policy "collect"), are dropped ("skip"), or raise
    :class:`SourceError` ("raise").
    """
    return apply_policy(_read_all(check_inputs(inputs), settings), settings)


def apply_policy(
    results: Iterable[RawDocument | Rejection], settings: Settings
) -> Iterator[RawDocument | Rejection]:
    for result in results:
        if isinstance(result, RawDocument) or settings.on_error == "collect":
            yield result
        elif settings.on_error == "raise":
            detail = f" ({result.detail})" if result.detail else ""
            raise SourceError(f"{result.origin}: {result.reason}{detail}")


def _url_problem(url: str) -> str | None:
    from storyline.sources.web import url_problem

    return url_problem(url)


def _read_all(inputs: Sequence[str], settings: Settings) -> Iterator[RawDocument | Rejection]:
    fetcher: Fetcher | None = None  # the run's one fetcher, made at the first URL
    try:
        for item in inputs:
            if item == STDIN:
                yield from failing_alone("<stdin>", _read_stdin(settings.max_bytes))
            elif is_url(item):
                from storyline.sources.web import fetch_url, fetcher_for

                fetcher = fetcher or fetcher_for(settings)
                yield from failing_alone(item, fetch_url(item, fetcher))
            else:
                for path in walk(Path(item)):
                    yield from failing_alone(str(path), read_file(path, settings.max_bytes))
    finally:
        if fetcher is not None:
            fetcher.close()


def _read_stdin(max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """Standard input: JSON lines are streamed record by record, anything else is read whole (capped)."""
    stream = sys.stdin.buffer
    head = stream.peek(1 << 16)[: 1 << 16] if isinstance(stream, io.BufferedReader) else b""
    if head.lstrip().startswith(b"{") and b"}\n" in head.strip():
        yield from read_jsonl("<stdin>", stream, max_bytes)
        return
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Rejection("<stdin>", "sources", "too-large", f"standard input is over {max_bytes} bytes")
        return
    yield from documents_from_bytes("<stdin>", data, sniff_kind(data), max_bytes)
