"""The command line: parse, call one API function, print. Library errors become one clear line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any, NoReturn

from storyline import api, load_settings
from storyline.errors import StorylineError
from storyline.progress import Reporter, Silent, rich_reporter
from storyline.render import FORMATS, render
from storyline.serialize import to_jsonable


class Parser(argparse.ArgumentParser):
    """Errors in one line, with where to look for help."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db", help="SQLite file that keeps articles and stories between runs (default: in memory)"
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bars")
    p.add_argument("--max-bytes", type=int, help="reject inputs larger than this (default 10000000)")
    p.add_argument(
        "--on-error", choices=["raise", "collect", "skip"], help="what a bad input does (default: collect)"
    )
    p.add_argument(
        "--allow-private",
        action="store_true",
        default=None,
        help="let URLs, feeds and their links be fetched from loopback and private networks",
    )


def _add_compose_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sentences", type=int, help="summary length in sentences (default 6)")
    p.add_argument("--words", type=int, help="summary length in words (overrides --sentences)")


def _add_engine_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--engine",
        help="where extraction and annotation run: processes (default: --workers processes for batches "
        "of 24 articles or more), local (this process only), dask (a local Dask cluster), "
        "or the address of a running Dask scheduler, tcp://HOST:8786",
    )
    p.add_argument(
        "--workers", type=int, help="worker processes (default: one per core; 1 runs in this process)"
    )


def build_parser() -> Parser:
    parser = Parser(
        prog="storyline", description="Turn raw news articles into an evidence-backed story brief."
    )
    parser.add_argument("--version", action="version", version=f"storyline {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    b = sub.add_parser("brief", help="brief the stories in files, folders, URLs or '-' (stdin)")
    b.add_argument("inputs", nargs="*", help="files, folders, http(s) URLs, or '-' for standard input")
    b.add_argument(
        "--format", "-f", choices=FORMATS, default="markdown", help="output format (default markdown)"
    )
    b.add_argument("--output", "-o", type=Path, help="write to this file instead of standard output")
    b.add_argument("--story", help="brief only the story with this id (from 'storyline stories')")
    b.add_argument(
        "--since", help="also list what's new: facts no article published before this date reported"
    )
    _add_compose_options(b)
    _add_run_options(b)
    _add_engine_options(b)

    i = sub.add_parser("ingest", help="add articles to a store and update its stories")
    i.add_argument("inputs", nargs="+", help="files, folders, http(s) URLs, or '-' for standard input")
    _add_compose_options(i)
    _add_run_options(i)
    _add_engine_options(i)

    w = sub.add_parser("watch", help="poll RSS/Atom feeds and ingest their new entries into a store")
    w.add_argument("feeds", nargs="+", help="http(s) URLs of RSS or Atom feeds")
    w.add_argument("--every", default="10m", help="time between polls: 30s, 10m, 1h (default 10m)")
    w.add_argument("--polls", type=int, help="stop after this many polls (default: run until stopped)")
    w.add_argument(
        "--no-fetch-links", action="store_true", help="take entries' own text; don't fetch their pages"
    )
    _add_run_options(w)
    _add_engine_options(w)

    s = sub.add_parser("stories", help="list the stories in a store")
    s.add_argument("--db", required=True, help="the SQLite store to read")
    s.add_argument("--format", "-f", choices=["table", "json"], default="table")

    w = sub.add_parser("serve", help="read the stories of a store in your browser (a local web app)")
    w.add_argument("--db", default="storyline.db", help="the SQLite store (default storyline.db, created)")
    w.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    w.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    w.add_argument(
        "--allow-private", action="store_true", help="let the add form fetch URLs on your own networks"
    )
    _add_timeline_parser(sub)
    return parser


def _version() -> str:
    from storyline import __version__

    return __version__


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    keys = ("db", "max_bytes", "on_error", "sentences", "words", "allow_private")
    names = {"sentences": "summary_sentences", "words": "summary_words"}
    found = {names.get(k, k): getattr(args, k, None) for k in keys}
    return {**found, "progress": False if getattr(args, "quiet", False) else None}


def _reporter(args: argparse.Namespace) -> AbstractContextManager[Reporter]:
    """Progress bars unless ``--quiet`` or ``progress = false`` in the settings file says otherwise."""
    if not load_settings(**_overrides(args)).progress:
        return nullcontext(Silent())
    return rich_reporter()


def cmd_brief(args: argparse.Namespace) -> int:
    if not args.inputs and not args.db:
        raise StorylineError("give files, folders, URLs or '-' to brief, or --db with --story")
    with _reporter(args) as reporter:
        result = api.brief(
            args.inputs, story=args.story, since=args.since, reporter=reporter,
            engine=args.engine, workers=args.workers, **_overrides(args),
        )
    text = render(result, args.format)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    elif args.format == "markdown" and sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown  # markdown-it and Pygments: only to show Markdown here

        Console().print(Markdown(text))
    else:
        sys.stdout.write(text)
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    with _reporter(args) as reporter:
        result = api.ingest(
            args.inputs, engine=args.engine, workers=args.workers, reporter=reporter, **_overrides(args)
        )
    print(
        f"{len(result.article_ids)} articles read, {len(result.new_ids)} new, "
        f"{len(result.rejections)} rejected; {result.story_count} stories in the store"
    )
    for r in result.rejections:
        print(f"  rejected {r.origin}: {r.reason} {r.detail}".rstrip())
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    with _reporter(args) as reporter:
        rounds = api.watch(
            args.feeds,
            every=args.every,
            polls=args.polls,
            engine=args.engine,
            workers=args.workers,
            fetch_links=not args.no_fetch_links,
            reporter=reporter,
            **_overrides(args),
        )
        for polled in rounds:
            for p in polled:
                seen = "not modified" if p.status == 304 else f"HTTP {p.status}, {p.entries} entries"
                print(f"{p.url}: {seen}, {p.new} new, {p.pages_fetched} pages fetched", flush=True)
                for r in p.rejections:
                    print(f"  rejected {r.origin}: {r.reason} {r.detail}".rstrip(), flush=True)
    return 0


def cmd_stories(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Column, Table

    rows = api.stories(db=args.db)
    if args.format == "json":
        print(json.dumps(to_jsonable(rows), indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("no stories in the store yet: add articles with 'storyline ingest PATH --db ...'")
        return 0
    table = Table(
        Column("id", no_wrap=True, min_width=17),
        Column("story, then its events", min_width=16),
        Column("dates", min_width=10),
        Column("articles", justify="right", no_wrap=True),
        Column("outlets", justify="right", no_wrap=True),
    )
    for n, r in enumerate(rows):
        same_day = r.first_date == r.last_date and r.first_date is not None
        dates = str(r.first_date) if same_day else f"{r.first_date or '?'} … {r.last_date or '?'}"
        events = f" ({r.event_count} event{'s' * (r.event_count != 1)})"
        table.add_row(
            r.id,
            f"[bold]{escape(_short(r.headline))}[/bold]{events}",
            dates,
            str(r.article_count),
            str(r.outlet_count),
            end_section=not r.events,
        )
        for k, event in enumerate(sorted(r.events, key=lambda e: (e.date is None, e.date or "", e.id))):
            table.add_row(
                f"  {event.id}",
                f"└ {escape(_short(event.label))}",
                event.date or "undated",
                str(event.article_count),
                "",
                end_section=k == len(r.events) - 1 and n < len(rows) - 1,
            )
    Console().print(table)
    return 0


def _short(text: str, width: int = 64) -> str:
    """One line of a listing: long headlines and event labels end in an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + " …"


def _check_port(host: str, port: int) -> None:
    """Fail with one clear line when the address is taken, before the app starts."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.bind(infos[0][4])
    except OSError as exc:
        raise StorylineError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}; pick another --port"
        ) from exc


def cmd_serve(args: argparse.Namespace) -> int:
    from storyline.errors import MissingDependency

    try:
        import uvicorn

        from storyline.web import create_app
    except ImportError as exc:
        raise MissingDependency("uvicorn", "web", "storyline serve") from exc
    local = args.host in ("127.0.0.1", "localhost", "::1")
    hosts = ["127.0.0.1", "localhost", "::1"] + ([] if local else [args.host])
    if args.host in ("0.0.0.0", "::"):
        hosts = ["*"]
        print("storyline: warning: every interface listens: your network can read and add", file=sys.stderr)
    _check_port(args.host, args.port)
    app = create_app(args.db, allow_private=args.allow_private, allowed_hosts=hosts)
    print(f"storyline: serving {args.db} at http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _add_timeline_parser(sub: Any) -> None:
    t = sub.add_parser("timeline", help="one actor's dated happenings across every story, in order")
    t.add_argument("inputs", nargs="*", help="files, folders, http(s) URLs to add first (or use --db)")
    t.add_argument("--actor", required=True, help="any spelling of the actor's name: 'Putin', 'Statnett'")
    t.add_argument("--format", "-f", choices=["text", "json"], default="text")
    t.add_argument(
        "--undated", action="store_true",
        help="also lines without a date of their own, placed on their article's lead or report day",
    )
    _add_run_options(t)


def cmd_timeline(args: argparse.Namespace) -> int:
    if not args.inputs and not args.db:
        raise StorylineError("give files, folders or URLs to read, or --db with a store that holds them")
    with _reporter(args) as reporter:
        lines = api.timeline(
            args.inputs, actor=args.actor, reported=args.undated, reporter=reporter, **_overrides(args)
        )
    if args.format == "json":
        print(json.dumps(to_jsonable(lines), indent=2, ensure_ascii=False))
        return 0
    for line in lines:
        e, cite = line.entry, line.entry.citations[0]
        where = f"{cite.outlet or 'unknown outlet'}, {cite.article_id}:{cite.start}-{cite.end}"
        print(f"{e.date}  {e.status:<10} {e.text}  [{where}]")
    if not lines:
        print(f"no dated happening names {args.actor!r}")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "brief": cmd_brief,
    "ingest": cmd_ingest,
    "stories": cmd_stories,
    "watch": cmd_watch,
    "serve": cmd_serve,
    "timeline": cmd_timeline,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; ``argv`` None is the program itself (the ``storyline`` command), which ends
    as soon as its command is done (see :func:`_end_now`)."""
    args = build_parser().parse_args(argv)
    try:
        code = COMMANDS[args.command](args)
    except StorylineError as exc:
        print(f"storyline: error: {exc}", file=sys.stderr)
        code = 1
    except KeyboardInterrupt:
        print("storyline: interrupted", file=sys.stderr)
        code = 130
    if argv is None:
        _end_now(code)
    return code


def _end_now(code: int) -> None:
    """End the program with ``code`` once its output is flushed and every exit handler has run,
    without the interpreter's teardown: freeing a spaCy model, the language model and every module
    object by object, which the operating system does at once (about 0.5 s of a cold seeds brief on a
    loaded machine, a tenth of it). Nothing is skipped that writes anything: the command closed its
    store and its worker pool, and the exit handlers (logging, multiprocessing, temporary files) run
    here. A thread still running that is not a daemon (none of ours) is waited for as usual."""
    import atexit
    import os
    import threading

    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (`| head`): let the interpreter end as it would
        return
    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":
    raise SystemExit(main())
