"""JSON and JSONL inputs: one object, a list of objects, or one object per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from storyline.models import RawDocument, Rejection
from storyline.sources.decode import DecodeError, decode_text, without_surrogates

_OPTIONAL = ("url", "title", "outlet", "published", "language")
# Other names for our fields in common exports (news-please writes "maintext" and "date_publish").
_ALIASES = {
    "text": ("maintext",),
    "published": ("date_publish", "datePublished", "published_at", "date"),
    "language": ("lang", "inLanguage"),
    "title": ("title_page", "title_rss", "headline"),
    "outlet": ("source_domain", "site_name", "publisher"),
}


def _looks_named(key: str, value: Any) -> bool:
    """news-please's ``source_domain`` counts only when it is a domain (some exports put an id there)."""
    return key != "source_domain" or (isinstance(value, str) and "." in value)


def _field(record: dict[str, Any], name: str) -> Any:
    for key in (name, *_ALIASES.get(name, ())):
        if record.get(key) not in (None, "") and _looks_named(key, record[key]):
            return record[key]
    return record.get(name)


def _body(record: dict[str, Any]) -> tuple[Any, str]:
    """The HTML, else the text, else (a one-sentence article) the title alone."""
    html, text, title = record.get("html"), _field(record, "text"), record.get("title")
    if isinstance(html, str) and html.strip():
        return html, "html"
    if isinstance(text, str) and not text.strip() and isinstance(title, str) and title.strip():
        return title, "text"
    return text, "text"


def record_to_document(origin: str, record: Any) -> RawDocument | Rejection:
    """A JSON object with ``text`` or ``html`` (and optional metadata) → a RawDocument."""
    if not isinstance(record, dict):
        found = type(record).__name__
        return Rejection(origin, "sources", "malformed", f"expected a JSON object, got {found}")
    body, kind = _body(record)
    if not isinstance(body, str):
        return Rejection(origin, "sources", "malformed", "the record has no 'text' or 'html' string field")
    if not body.strip():
        return Rejection(origin, "sources", "empty", "the record's text is empty")
    meta = {key: _as_str(_field(record, key)) for key in _OPTIONAL}
    return RawDocument(origin, "html" if kind == "html" else "text", _normalize(body), **meta)


def _as_str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = without_surrogates(str(value)).strip()
    return text or None


def _normalize(body: str) -> str:
    return without_surrogates(body.replace("\r\n", "\n").replace("\r", "\n"))


def _parse(text: str) -> Any:
    """``json.loads``, with nesting too deep for the parser reported as bad JSON (ValueError)."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ValueError("bad JSON: nested too deep to read") from exc


def read_json(origin: str, data: bytes) -> Iterator[RawDocument | Rejection]:
    """A whole JSON document: one object or a list; falls back to JSON lines when it holds several."""
    try:
        text = decode_text(data)
    except DecodeError as exc:
        yield Rejection(origin, "sources", exc.reason, exc.detail)
        return
    try:
        value = _parse(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several objects: a JSON-lines file named .json
            yield from _read_lines(origin, iter(text.splitlines()))
            return
        yield Rejection(origin, "sources", "malformed", f"bad JSON: {exc}")
        return
    except ValueError as exc:
        yield Rejection(origin, "sources", "malformed", str(exc))
        return
    if isinstance(value, list):
        for index, record in enumerate(value):
            yield record_to_document(f"{origin}#{index}", record)
        if not value:
            yield Rejection(origin, "sources", "empty", "the JSON list is empty")
    else:
        yield record_to_document(origin, value)


def read_jsonl(origin: str, stream: IO[bytes], max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """Stream a JSON-lines file; ``max_bytes`` caps each line (a record), not the file."""
    index = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            break
        if len(line) > max_bytes and not line.endswith(b"\n"):
            yield Rejection(f"{origin}#{index}", "sources", "too-large", f"a line is over {max_bytes} bytes")
            _skip_rest_of_line(stream)
        elif line.strip():
            yield from _read_lines(origin, iter([_line_text(line)]), start=index)
        else:
            continue
        index += 1


def _line_text(line: bytes) -> str:
    try:
        return decode_text(line)
    except DecodeError:
        return line.decode("utf-8", errors="replace")


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _read_lines(origin: str, lines: Iterator[str], start: int = 0) -> Iterator[RawDocument | Rejection]:
    index = start
    for line in lines:
        if not line.strip():
            continue
        where = f"{origin}#{index}"
        index += 1
        try:
            value = _parse(line)
        except json.JSONDecodeError as exc:
            yield Rejection(where, "sources", "malformed", f"bad JSON: {exc}")
            continue
        except ValueError as exc:
            yield Rejection(where, "sources", "malformed", str(exc))
            continue
        yield record_to_document(where, value)
