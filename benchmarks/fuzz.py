"""A bounded, coverage-guided fuzzing run (atheris / libFuzzer) over every reader of untrusted input.

Targets (promises in ``tests/reader_targets.py``, shared with the property tests):
``plain_text`` (the plain-text extractor), ``times`` (the time normalizer), ``quotes`` (the quote
parser), ``feed`` (the RSS/Atom reader), ``warc`` (the WARC reader); and (promises in
``benchmarks/hostile_targets.py``, issue 16) ``json`` and ``jsonl`` (the record readers), ``html``
(the page reader and extractor), ``bytes`` (any blob through content sniffing, as a file or standard
input is read), ``http`` (an HTTP answer's body through the fetcher's bounded decoding, any content
type and encoding), and ``markdown`` (a brief whose every text field is the input, rendered as
Markdown and then as HTML by a careless viewer: no ``<script``, ``on*=`` or ``javascript:`` link
may come out). Each target runs in its own
process, with storyline's modules instrumented for coverage, a per-input time limit (a hang is a
crash) and a memory ceiling (growth past it is a crash). Counts of inputs tried, and crashes with their
reproducer files, are printed and written to ``benchmarks/out/fuzz/results.json``. Usage::

    nice .venv/bin/python benchmarks/fuzz.py --seconds 60            # every target, 60 s each
    nice .venv/bin/python benchmarks/fuzz.py --targets feed,warc --runs 20000
    .venv/bin/python benchmarks/fuzz.py --one feed CRASH_FILE          # replay one input
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "fuzz"
TARGETS = (
    "plain_text",
    "times",
    "quotes",
    "feed",
    "warc",
    "json",
    "jsonl",
    "html",
    "bytes",
    "http",
    "markdown",
)
HOSTILE = ("json", "jsonl", "html", "bytes", "http", "markdown")  # targets in hostile_targets.py
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")
_STATUS = re.compile(r"^#(\d+)\s", re.MULTILINE)

SEED_TEXT = (
    "Talks set for Istanbul\n\nMarch 28 (UPI) -- Russian and Ukrainian negotiators will meet on Tuesday, "
    'Turkish officials said on Sunday.\n\n"We have now entered a period where concrete results are needed," '
    "Erdogan said, according to his office. The first round was held on Feb. 24, 2022.\n\nRead more"
)
SEED_FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Talks</title>'
    "<link>https://example.org/1</link><description><![CDATA[<p>Talks on Tuesday.</p>]]></description>"
    "<pubDate>Mon, 28 Mar 2022 09:00:00 GMT</pubDate></item></channel></rss>"
)


def _seed_warc() -> bytes:
    from fastwarc.warc import WarcRecord, WarcRecordType

    stream = io.BytesIO()
    record = WarcRecord()
    record.init_headers(record_type=WarcRecordType.response)
    record.headers["WARC-Target-URI"] = "https://example.org/1"
    record.headers["Content-Type"] = "application/http; msgtype=response"
    page = f"<html><body><article><p>{SEED_TEXT}</p></article></body></html>".encode()
    record.set_bytes_content(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page)
    record.write(stream)
    return stream.getvalue()


def _seeds(target: str) -> list[bytes]:
    if target == "feed":
        return [SEED_FEED.encode()]
    if target == "warc":
        return [_seed_warc()]
    if target in HOSTILE:
        import hostile_targets

        return hostile_targets.seeds(target, SEED_TEXT, SEED_FEED)
    return [b"\x10" + SEED_TEXT.encode()] if target == "times" else [SEED_TEXT.encode()]


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _anchor(data: bytes) -> date | None:
    """The first byte picks the article's date (none for an empty input)."""
    return date(2000, 1, 1) + timedelta(days=97 * data[0]) if data else None


def _handler(target: str) -> Callable[[bytes], None]:
    """One input's bytes → the target's call (imports happen inside the instrumented block)."""
    import reader_targets as t

    if target in HOSTILE:
        import hostile_targets

        return hostile_targets.TARGETS[target]
    if target == "times":
        return lambda data: t.times(_text(data[1:]), _anchor(data))
    if target in ("plain_text", "quotes"):
        call = t.plain_text if target == "plain_text" else t.quotes
        return lambda data: call(_text(data))
    return t.feed if target == "feed" else t.warc


def write(path: Path, found: list[Any]) -> None:
    from figures import write as append

    append(path, found)


def run_one(target: str, libfuzzer_args: list[str]) -> None:
    """Fuzz one target in this process (the child side of the driver), or replay given files."""
    import atheris

    sys.path.insert(0, str(HERE.parent / "tests"))
    sys.path.insert(0, str(HERE))
    with atheris.instrument_imports(include=["storyline", "reader_targets", "hostile_targets"]):
        handle = _handler(target)
    if target == "quotes":
        from storyline.annotate.nlp import load_nlp

        load_nlp()  # once, before the clock starts
    atheris.Setup([sys.argv[0], *libfuzzer_args], handle)
    atheris.Fuzz()


def _corpus(target: str, out: Path) -> Path:
    folder = out / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    for n, seed in enumerate(_seeds(target)):
        (folder / f"seed-{n}").write_bytes(seed)
    return folder


def fuzz_target(
    target: str, seconds: int | None, runs: int | None, timeout: int, rss_mb: int, out: Path = OUT
) -> dict[str, Any]:
    """Run one target in a child process; what it tried and what it found."""
    artifacts = out / "crashes" / target
    artifacts.mkdir(parents=True, exist_ok=True)
    flags = [
        f"-timeout={timeout}",
        f"-rss_limit_mb={rss_mb}",
        "-max_len=4096",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
        "-seed=8",
    ]
    flags += [f"-max_total_time={seconds}"] if seconds else []
    flags += [f"-runs={runs}"] if runs else []
    command = [sys.executable, __file__, "--one", target, "--", *flags, str(_corpus(target, out))]
    started, clock = time.time(), time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    (out / f"{target}.log").write_text(done.stderr, encoding="utf-8")
    crashes = sorted(str(p) for p in artifacts.iterdir() if p.stat().st_mtime >= started - 1)
    return _summary(target, done, time.monotonic() - clock, crashes)


def _summary(
    target: str, done: subprocess.CompletedProcess[str], seconds: float, crashes: list[str]
) -> dict[str, Any]:
    """Inputs tried (libFuzzer's last count) and this run's crash files (older ones are left alone)."""
    log = done.stderr
    finished = _DONE.search(log)
    statuses = _STATUS.findall(log)
    tried = int(finished.group(1)) if finished else int(statuses[-1]) if statuses else 0
    return {
        "target": target,
        "inputs_tried": tried,
        "seconds": round(seconds, 1),
        "exit_code": done.returncode,
        "crashes": crashes,
        "problem": _problem(log) if done.returncode else None,
    }


def _problem(log: str) -> str:
    markers = ("Uncaught Python exception", "ERROR: libFuzzer")
    for marker in markers:
        at = log.find(marker)
        if at >= 0:
            return log[at : at + 1500]
    return log[-1500:]


def _figures(results: list[dict[str, Any]], seconds: int | None, runs: int | None) -> list[Any]:
    """Inputs tried and crashes found per target, as ``benchmarks/figures.py`` rows."""
    from figures import Figure

    budget = f"{seconds} s" if seconds else f"{runs} runs"
    found = []
    for r in results:
        data = f"fuzz target {r['target']} ({budget})"
        found.append(Figure("storyline", data, "inputs tried", r["inputs_tried"]))
        found.append(Figure("storyline", data, "crashes", len(r["crashes"]) or int(bool(r["exit_code"]))))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description="bounded atheris fuzzing of storyline's readers")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated: " + ", ".join(TARGETS))
    parser.add_argument("--seconds", type=int, help="time per target")
    parser.add_argument("--runs", type=int, help="inputs per target")
    parser.add_argument("--timeout", type=int, default=20, help="seconds one input may take (a hang)")
    parser.add_argument("--rss-mb", type=int, default=3072, help="memory ceiling per target process")
    parser.add_argument("--out", type=Path, default=OUT, help="corpus, crashes, logs and results.json")
    parser.add_argument("--json", type=Path, help="append the figures to this JSON file (figures.py rows)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.one:
        run_one(args.one, [a for a in rest if a != "--"])
        return 0
    if not args.seconds and not args.runs:
        args.seconds = 60
    results = [
        fuzz_target(t, args.seconds, args.runs, args.timeout, args.rss_mb, args.out)
        for t in args.targets.split(",")
    ]
    (args.out / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    if args.json:
        write(args.json, _figures(results, args.seconds, args.runs))
    for r in results:
        found = f"{len(r['crashes'])} crash(es)" if r["crashes"] or r["exit_code"] else "no crash"
        print(f"{r['target']:<11} {r['inputs_tried']:>8} inputs in {r['seconds']:>6} s: {found}")
    return 1 if any(r["crashes"] or r["exit_code"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
