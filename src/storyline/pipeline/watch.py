"""``storyline watch FEED... --every 10m``: poll RSS/Atom feeds and ingest what is new.

Each poll asks with the validators the feed's server gave last time (``If-None-Match`` for its ETag,
``If-Modified-Since`` for its Last-Modified), kept in the store's state under ``feed:<url>`` with the
links of the entries already taken. A 304 answer costs one request and nothing else. On a 200, only
entries whose link was never taken are new; for each, the linked page is fetched (the full article,
where a feed often has only a summary), falling back to the entry's own text when that fails. The
feed's state is saved after the new articles are stored, so a poll killed half-way is simply done
again, and the ingest log keeps it from doubling anything.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storyline.config import Settings
from storyline.errors import InputError, StoreError
from storyline.models import RawDocument, Rejection
from storyline.sources.documents import failing_alone
from storyline.sources.feeds import read_feed
from storyline.sources.web import Fetcher, FetchRefused, fetch_url, fetcher_for, is_url
from storyline.store import Store

if TYPE_CHECKING:
    from storyline.engine import Engine
    from storyline.progress import Reporter

SEEN_KEPT = 5000  # entry links remembered per feed: far more than any feed lists at once
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class FeedPoll:
    """What one poll of one feed did."""

    url: str
    status: int  # the feed's HTTP status; 0 when it could not be fetched
    entries: int  # entries the feed listed (0 on a 304)
    new: int  # entries never taken before
    pages_fetched: int
    article_ids: tuple[str, ...] = ()
    rejections: tuple[Rejection, ...] = ()


def parse_every(text: str) -> float:
    """ "10m" → 600.0 seconds; plain numbers are seconds; units s, m, h, d."""
    match = _EVERY.match(text)
    if not match or float(match.group(1)) <= 0:
        raise InputError(f"--every needs a positive duration such as 30s, 10m or 1h, not {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def _state_name(url: str) -> str:
    return f"feed:{url}"


def _conditional_headers(state: dict[str, Any]) -> dict[str, str]:
    headers = {}
    if state.get("etag"):
        headers["If-None-Match"] = state["etag"]
    if state.get("last_modified"):
        headers["If-Modified-Since"] = state["last_modified"]
    return headers


def fetch_feed(url: str, state: dict[str, Any], fetcher: Fetcher) -> tuple[int, bytes, dict[str, str]]:
    """(status, body, validators) of a conditional GET through the guarded fetcher; raises
    :class:`FetchRefused` when the feed is not fetched (refused, failed, an error status, too large)."""
    got = fetcher.fetch(url, headers=_conditional_headers(state))
    validators = {"etag": got.headers.get("etag"), "last_modified": got.headers.get("last-modified")}
    body = got.body if got.status == 200 else b""
    return got.status, body, {k: v for k, v in validators.items() if v}


def _entry_origin(entry: RawDocument) -> str:
    """Entries are known by their link: positions shift as a feed gains items, links do not."""
    return entry.url if entry.url else entry.origin


def _full_page(entry: RawDocument, fetcher: Fetcher) -> tuple[RawDocument, bool]:
    """The linked page as the document (keeping the feed's metadata), or the entry itself; the link
    goes through the same guarded fetcher as the feed, so a feed cannot send it to a private address."""
    if not entry.url or not is_url(entry.url):
        return entry, False
    pages = list(failing_alone(entry.url, fetch_url(entry.url, fetcher)))
    page = next((d for d in pages if isinstance(d, RawDocument)), None)
    if page is None:
        return entry, True
    merged = dataclasses.replace(
        page,
        origin=entry.origin,
        title=page.title or entry.title,
        outlet=page.outlet or entry.outlet,
        published=page.published or entry.published,
    )
    return merged, True


def new_documents(
    url: str, body: bytes, seen: set[str], fetcher: Fetcher, fetch_links: bool
) -> tuple[list[RawDocument], list[Rejection], int, int]:
    """(new documents, rejections, entries listed, pages fetched) from a feed's body."""
    entries, rejections = [], []
    for item in failing_alone(url, read_feed(url, body)):
        if isinstance(item, Rejection):
            rejections.append(item)
        else:
            entries.append(dataclasses.replace(item, origin=_entry_origin(item)))
    docs, fetched = [], 0
    for entry in entries:
        if entry.origin in seen:
            continue
        doc, asked = _full_page(entry, fetcher) if fetch_links else (entry, False)
        fetched += asked
        docs.append(doc)
    return docs, rejections, len(entries), fetched


def poll_feed(
    url: str,
    store: Store,
    settings: Settings,
    *,
    engine: Engine | None = None,
    reporter: Reporter | None = None,
    fetch_links: bool = True,
    fetcher: Fetcher | None = None,
) -> FeedPoll:
    """One conditional poll of ``url``: ingest its new entries into ``store``. The feed and its
    items' pages are fetched through ``fetcher`` (default: the guarded fetcher the settings make)."""
    if fetcher is not None:
        return _poll(url, store, settings, fetcher, engine, reporter, fetch_links)
    own = fetcher_for(settings)
    try:
        return _poll(url, store, settings, own, engine, reporter, fetch_links)
    finally:
        own.close()


def _poll(
    url: str,
    store: Store,
    settings: Settings,
    fetcher: Fetcher,
    engine: Engine | None,
    reporter: Reporter | None,
    fetch_links: bool,
) -> FeedPoll:
    from storyline.pipeline.run import ingest

    state: dict[str, Any] = store.get_state(_state_name(url)) or {}
    try:
        status, body, validators = fetch_feed(url, state, fetcher)
    except FetchRefused as exc:
        return FeedPoll(
            url, exc.status, 0, 0, 0, rejections=(Rejection(url, "sources", exc.reason, str(exc)),)
        )
    if status != 200:
        return FeedPoll(url, status, 0, 0, 0)
    seen = set(state.get("seen", []))
    docs, rejections, listed, fetched = new_documents(url, body, seen, fetcher, fetch_links)
    result = ingest([], settings, store, reporter, engine=engine, documents=docs) if docs else None
    taken = [d.origin for d in docs]
    store.put_state(
        _state_name(url), {**validators, "seen": (list(state.get("seen", [])) + taken)[-SEEN_KEPT:]}
    )
    ids = result.article_ids if result else ()
    dropped = tuple(rejections) + (result.rejections if result else ())
    return FeedPoll(url, status, listed, len(docs), fetched, ids, dropped)


def watch(
    feeds: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    every: float,
    polls: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    **options: Any,
) -> Iterator[list[FeedPoll]]:
    """Poll every feed, then wait ``every`` seconds; ``polls`` rounds (forever when None)."""
    for url in feeds:
        if not is_url(url):
            raise InputError(f"storyline watch needs http(s) feed URLs, not {url!r}")
    done = 0
    while polls is None or done < polls:
        started = time.monotonic()
        yield [_poll_guarded(url, store, settings, options) for url in feeds]
        done += 1
        if polls is None or done < polls:
            sleep(max(0.0, every - (time.monotonic() - started)))


def _poll_guarded(url: str, store: Store, settings: Settings, options: dict[str, Any]) -> FeedPoll:
    """One feed's poll; a feed that breaks a reader is reported and the others go on being polled."""
    try:
        return poll_feed(url, store, settings, **options)
    except StoreError:
        raise
    except Exception as exc:  # a long-running watcher outlives one bad feed
        problem = Rejection(url, "sources", "feed-failed", f"{type(exc).__name__}: {exc}")
        return FeedPoll(url, 0, 0, 0, 0, rejections=(problem,))
