"""Hostile inputs, each beside a good article, each in its own process: time and peak memory (issue 16).

For every case a child process briefs the good article and the bad input together through the API
(``storyline.brief`` into a fresh SQLite store), then reports whether the good article was stored and
briefed and what became of the bad one. The parent reads the child's peak resident memory from
``wait4``. Targets: every case under 1 GB peak and 30 s of briefing (the process time also holds
loading spaCy and writing the case's file), the good article always briefed. Usage::

    nice .venv/bin/python benchmarks/hostile.py                 # every case
    nice .venv/bin/python benchmarks/hostile.py --cases deep-json,warc-bomb --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from figures import Figure, write  # noqa: E402
from test_hostile_input import (  # noqa: E402
    GOOD,
    MARKUP,
    PARAGRAPH,
    active_markup,
    gzip_bomb,
    write_warc_bomb,
)

GIB = 1 << 30
SURROGATE_FEED = (
    "<rss><channel><item><title>a</title><description>x &#xdfff; y</description></item></channel></rss>"
)
LIMIT_MB, LIMIT_S = 1024, 30.0


def _text(folder: Path, name: str, text: str) -> list[str]:
    (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / name)]


def _warc_bomb(folder: Path) -> list[str]:
    write_warc_bomb(folder / "bomb.warc.gz", GIB)
    return [str(folder / "bomb.warc.gz")]


# case → (what it writes into its folder, returning the inputs; what the bad input must become)
CASES: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "deep-json": (lambda d: _text(d, "deep.json", "[" * 1000 + "]" * 1000), "malformed"),
    "surrogate-json": (
        lambda d: _text(d, "s.json", '{"title": "A \\udfff", "text": "A ferry \\udfff ran aground."}'),
        "stored",
    ),
    "surrogate-feed": (lambda d: _text(d, "s.rss", SURROGATE_FEED), "malformed"),
    "text-1.5MB": (lambda d: _text(d, "long.txt", PARAGRAPH * (1_500_000 // len(PARAGRAPH))), "stored"),
    "text-9MB": (lambda d: _text(d, "long.txt", PARAGRAPH * (9_000_000 // len(PARAGRAPH))), "stored"),
    "warc-bomb-1GiB": (_warc_bomb, "too-large"),
    "http-gzip-bomb-1GiB": (lambda d: ["HTTP_BOMB"], "too-large"),
    "markdown-hostile": (lambda d: _text(d, "markup.json", json.dumps(MARKUP)), "stored"),
}


class _Bomb(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: Any) -> None:
        return None


@contextmanager
def bomb_server() -> Iterator[str]:
    _Bomb.body = gzip_bomb(GIB)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Bomb)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bomb"
    finally:
        server.shutdown()
        server.server_close()


def child(case: str, folder: Path) -> dict[str, Any]:
    """Brief the good article and the case's input in this process; what became of each."""
    import storyline
    from storyline.annotate.nlp import load_nlp

    (folder / "good.json").write_text(json.dumps(GOOD), encoding="utf-8")
    inputs = [str(folder / "good.json"), *CASES[case][0](folder)]
    with bomb_server() if "HTTP_BOMB" in inputs else _nothing() as url:
        inputs = [url if i == "HTTP_BOMB" else i for i in inputs]
        load_nlp()  # once, before the clock starts: every run pays it, no case causes it
        started = time.monotonic()
        brief = storyline.brief(inputs, db=str(folder / "store.db"), allow_private=True, progress=False)
        seconds = time.monotonic() - started
        markdown = storyline.render_markdown(brief)
    good = any(src.outlet == GOOD["outlet"] for s in brief.stories for src in s.sources)
    rejected = [r.reason for r in brief.rejections]
    return {
        "good_briefed": good and "bridge" in markdown,
        "bad": rejected[0] if rejected else "stored",
        "markdown_active": len(active_markup(markdown)),  # what a careless viewer would run or follow
        "pipeline_seconds": round(seconds, 2),
    }


@contextmanager
def _nothing() -> Iterator[str]:
    yield ""


def run_case(case: str) -> dict[str, Any]:
    """One case in a child process: its report, wall time and peak resident memory."""
    with tempfile.TemporaryDirectory(prefix=f"hostile-{case}-") as folder:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, __file__, "--child", case, folder], stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
    report = json.loads(output.strip().splitlines()[-1]) if status == 0 else {"error": status}
    expected = CASES[case][1]
    peak_mb = usage.ru_maxrss / 1024
    ok = report.get("good_briefed") and report.get("bad") == expected and peak_mb < LIMIT_MB
    return {
        "case": case,
        **report,
        "expected": expected,
        "seconds": round(seconds, 1),
        "peak_mb": round(peak_mb),
        "met": bool(ok and report["pipeline_seconds"] < LIMIT_S and not report.get("markdown_active")),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="hostile inputs beside a good article: time and memory")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated: " + ", ".join(CASES))
    parser.add_argument("--json", type=Path, help="append the figures to this JSON file (figures.py rows)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return 0
    rows = [run_case(case) for case in args.cases.split(",")]
    for r in rows:
        print(
            f"{r['case']:<22} bad={r.get('bad')!s:<14} good briefed={r.get('good_briefed')!s:<5} "
            f"brief {r.get('pipeline_seconds')!s:>6} s (process {r['seconds']:>5} s) {r['peak_mb']:>5} MB  "
            f"{'met' if r['met'] else 'NOT MET'}"
        )
    if args.json:
        write(args.json, figures(rows))
    return 0 if all(r["met"] for r in rows) else 1


def figures(rows: list[dict[str, Any]]) -> list[Figure]:
    """Each case's peak memory, briefing time and whether it met every target, as figure rows."""
    found = []
    for r in rows:
        data = f"hostile input: {r['case']} beside a good article"
        found += [
            Figure("storyline", data, "peak resident MB (whole process)", r["peak_mb"]),
            Figure("storyline", data, "brief seconds (spaCy loaded)", r.get("pipeline_seconds", -1)),
            Figure("storyline", data, "targets met (1/0)", int(r["met"])),
        ]
    return found


if __name__ == "__main__":
    raise SystemExit(main())
