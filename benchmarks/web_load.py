"""Load on ``storyline serve``: 50 readers on loopback for 30 s while another client adds articles.

    .venv/bin/python benchmarks/web_load.py                      # the figures in BENCHMARKS.md
    .venv/bin/python benchmarks/web_load.py --think 0 --seconds 10   # saturation: readers never pause
    .venv/bin/python benchmarks/web_load.py --corpus ../shared/eval/ecbplus --articles 331 --add 15
                                                                     # a 331-article store (issue 16)

The seeds go through the real pipeline into a fresh store; ``storyline serve`` runs in its own process
(as a user runs it). Each reader loops over the story page, its JSON twin and the story list, pausing
a random ``--think`` time (seeded) between requests, like a person reading. The adder sends up to
``--add`` invented articles through the form (CSRF token and all), one every ``--add-every`` seconds,
each its own job; after the readers stop it waits (bounded) for the jobs, and every added article
must then be in the store and in a story. Reports p50/p99 latency and errors; ``--json FILE`` appends
the headline figures to FILE (benchmarks/figures.py's schema).

With ``--corpus FOLDER`` the store starts from ``--articles`` real articles of that folder instead
(its files dealt round-robin from its sub-folders, so every topic is in the store), built once and
kept in benchmarks/out (a fresh copy per run); each reader request picks a kind (story page, its JSON
twin, the list) and then a story among all of the store's, and the adder sends the folder's next
articles (the same topics: they join, and change, stories being read) instead of invented ones.
With ``--until-stored`` the readers go on reading until the last added article is stored (articles are
still sent during the first ``--seconds`` only), so every change an addition makes happens under load.
A story that an addition merges into another answers 301 to the story it joined: the reader follows
it at once, as a browser does (one sample for both requests), and reads the new address from then on.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))  # figures.py, when loaded by path

from figures import Figure, write

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
OUT = ROOT / "benchmarks" / "out"
JOB_WAIT = 300  # seconds the adder waits (by default), after the readers stop, for its jobs to finish
TOWNS = ["Westhaven", "Lakeside", "Northmoor", "Eastbrook", "Redcliff", "Stonebridge", "Millford", "Ashdale"]


@dataclass
class Samples:
    latencies: dict[str, list[float]] = field(default_factory=dict)  # route kind -> seconds
    during_ingest: list[float] = field(default_factory=list)  # while an added article was not yet in
    errors: list[str] = field(default_factory=list)
    followed: int = 0  # redirects from a story merged away to the story it joined (the sample is both)
    slow: list[tuple[float, str, float]] = field(default_factory=list)  # (when, kind, seconds) over 50 ms

    def add(self, kind: str, seconds: float, ingesting: bool) -> None:
        self.latencies.setdefault(kind, []).append(seconds)
        if seconds > 0.05:
            self.slow.append((time.monotonic(), kind, seconds))
        if ingesting:
            self.during_ingest.append(seconds)


@dataclass
class Added:
    jobs: list[dict[str, Any]] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    ingesting: bool = False
    finished: bool = False  # every job done, failed or waited for


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare_store(folder: Path) -> str:
    from storyline import api

    db = str(folder / "load.db")
    api.ingest([SEEDS], db=db)
    return db


READABLE = (".json", ".txt", ".html", ".htm")


def dealt(corpus: Path) -> list[Path]:
    """The corpus's article files dealt round-robin from its piles, each sorted by name: a pile is a
    sub-folder and the part of a file's name before its first "_" (ECB+'s topic, PolNeAR's outlet)."""
    folders: dict[tuple[Path, str], list[Path]] = {}
    for path in sorted(corpus.rglob("*")):
        if path.is_file() and path.suffix in READABLE:
            folders.setdefault((path.parent, path.name.split("_")[0]), []).append(path)
    piles = [folders[k] for k in sorted(folders)]
    out: list[Path] = []
    for n in range(max((len(p) for p in piles), default=0)):
        out += [p[n] for p in piles if n < len(p)]
    return out


def corpus_store(corpus: Path, count: int, folder: Path) -> str:
    """A copy of the store of ``corpus``'s first ``count`` dealt articles; built once, kept in OUT."""
    from storyline import api

    files = dealt(corpus)[:count]
    if len(files) < count:
        raise SystemExit(f"{corpus} holds {len(files)} readable articles, fewer than --articles {count}")
    cached = OUT / f"web_load_{corpus.name}_{count}.db"
    if not cached.exists():
        print(f"building the store of {count} articles of {corpus} (once) ...", file=sys.stderr)
        OUT.mkdir(parents=True, exist_ok=True)
        building = cached.with_suffix(".building.db")
        building.unlink(missing_ok=True)
        started = time.monotonic()
        api.ingest([str(f) for f in files], db=str(building))
        with sqlite3.connect(building) as db:  # everything in the main file: one file to copy
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        building.replace(cached)
        print(f"  built in {time.monotonic() - started:.0f} s: {cached}", file=sys.stderr)
    db = folder / "load.db"
    shutil.copyfile(cached, db)
    return str(db)


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "storyline.cli", "serve", "--db", db, "--port", str(port)]
    server = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/stories.json", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


def article_text(n: int) -> str:
    town = TOWNS[n % len(TOWNS)]
    return (
        f"{town} Gazette\n\nLoadtest{n} bridge inspection finds cracks in {town}\n\n"
        f"{town.upper()}, June {n % 27 + 1} -- Engineers found cracks in the old river bridge of {town} "
        f"during an inspection on Monday, the city's transport office said.\n\n"
        f'"The bridge stays open to pedestrians only," transport chief Mara Olsen{n} said on Tuesday. '
        f"Repairs are expected to take {n % 5 + 2} months and to cost about {n + 3} million euros.\n\n"
        f"Loadtest{n} residents asked the council for a ferry service while the work lasts."
    )


class Connection:
    """A minimal keep-alive HTTP/1.1 GET client on asyncio streams: the readers must cost the machine
    far less than the server they measure (httpx's pool costs more CPU than the server's answer)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> tuple[int, str | None]:
        """The answer's status and, for a redirect, where it leads."""
        if self._streams is None:
            self._streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
        if length is None:
            raise ConnectionError("no Content-Length")
        await reader.readexactly(int(length.group(1)))
        location = re.search(rb"(?i)\r\nlocation: *([^\r]+)", head)
        return status, location.group(1).decode() if location else None

    def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()


async def reader(
    base: str,
    paths: dict[str, list[str]],
    until: float,
    think: float,
    seed: int,
    samples: Samples,
    added: Added,
    until_stored: bool = False,
) -> None:
    rng = random.Random(seed)
    host, port = base.removeprefix("http://").split(":")
    connection = Connection(host, int(port))
    await asyncio.sleep(rng.uniform(0, 2 * think))  # readers arrive spread out, not in one burst
    while time.monotonic() < until or (until_stored and not added.finished):
        kind = rng.choice(sorted(paths))
        path = rng.choice(paths[kind])
        started = time.perf_counter()
        try:
            status, location = await connection.get(path)
            if status == 301 and location:  # a story merged into another: follow, as a browser does
                if path in paths[kind]:  # every reader follows it from now on
                    paths[kind][paths[kind].index(path)] = location
                path = location
                status, location = await connection.get(path)
                samples.followed += 1
            if status != 200:
                samples.errors.append(f"{path}: HTTP {status}")
        except (OSError, asyncio.IncompleteReadError, ConnectionError) as exc:
            samples.errors.append(f"{path}: {type(exc).__name__}")
            connection.close()
            connection = Connection(host, int(port))
        samples.add(kind, time.perf_counter() - started, added.ingesting)
        if think:
            await asyncio.sleep(rng.uniform(0, 2 * think))
    connection.close()


Upload = tuple[str, bytes, str]  # file name, content, media type


def invented(n: int) -> Upload:
    return (f"load{n}.txt", article_text(n).encode(), "text/plain")


def from_file(path: Path) -> Upload:
    media = {".json": "application/json", ".txt": "text/plain"}.get(path.suffix, "text/html")
    return (path.name, path.read_bytes(), media)


async def send_one(client: httpx.AsyncClient, n: int, upload: Upload, added: Added) -> str | None:
    """Send article ``n`` through the form (token and cookie first); the job's id, or None."""
    page = await client.get("/add")
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text)
    if page.status_code != 200 or token is None:
        added.lost.append(f"article {n}: no form")
        return None
    files = {"files": upload}
    answer = await client.post(
        "/add", data={"csrf_token": token.group(1)}, files=files, headers={"Accept": "application/json"}
    )
    if answer.status_code != 202:
        added.lost.append(f"article {n}: HTTP {answer.status_code} {answer.text[:100]}")
        return None
    return str(answer.json()["id"])


async def adder(
    client: httpx.AsyncClient,
    uploads: list[Upload],
    every: float,
    until: float,
    added: Added,
    wait: float = JOB_WAIT,
) -> None:
    """One article every ``every`` seconds while the readers run (at most ``len(uploads)``), each its
    own job, queued behind the others; then wait (at most ``wait`` s) for every job to finish."""
    job_ids = []
    for n, upload in enumerate(uploads):
        if time.monotonic() >= until:
            break
        if (job_id := await send_one(client, n, upload, added)) is not None:
            job_ids.append(job_id)
            added.ingesting = True
        await asyncio.sleep(every)
    deadline = max(until, time.monotonic()) + wait
    for job_id in job_ids:
        job = (await client.get(f"/jobs/{job_id}.json")).json()
        while job["state"] not in ("done", "failed") and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            job = (await client.get(f"/jobs/{job_id}.json")).json()
        added.jobs.append(job)
        print(f"  job {job_id[:8]}: {job['state']} {job['message']}", file=sys.stderr)
    added.ingesting, added.finished = False, True


async def check_added(client: httpx.AsyncClient, added: Added) -> None:
    """Every added article is in the store and in a story; a job that failed lost its article."""
    for job in added.jobs:
        if job["state"] != "done" or len(job["new_ids"]) != 1:
            added.lost.append(f"job {job['id']}: {job['state']} {job['message']} {job['rejections']}")
            continue
        body = (await client.get(f"/articles/{job['new_ids'][0]}.json")).json()
        if not body.get("stories"):
            added.lost.append(f"article {job['new_ids'][0]}: in no story")


def percentile(values: list[float], p: float) -> float | None:
    """The p-th percentile in milliseconds (nearest rank), None without samples."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else None


def slow_by_second(samples: Samples) -> dict[int, int]:
    """How many answers took over 50 ms in each second of the run that had any (bursts: refreshes)."""
    if not samples.slow:
        return {}
    start = min(t for t, _, _ in samples.slow)
    out: dict[int, int] = {}
    for t, _, _ in samples.slow:
        out[int(t - start)] = out.get(int(t - start), 0) + 1
    return out


def summary(samples: Samples, added: Added, seconds: float) -> dict[str, Any]:
    everything = [v for vs in samples.latencies.values() for v in vs]
    kinds = {
        kind: {"n": len(vs), "p50_ms": percentile(vs, 50), "p99_ms": percentile(vs, 99)}
        for kind, vs in sorted(samples.latencies.items())
    }
    return {
        "requests": len(everything),
        "requests_per_s": len(everything) / seconds,
        "p50_ms": percentile(everything, 50),
        "p99_ms": percentile(everything, 99),
        "mean_ms": statistics.fmean(everything) * 1000 if everything else None,
        "by_kind": kinds,
        "during_ingest": {
            "n": len(samples.during_ingest),
            "p99_ms": percentile(samples.during_ingest, 99),
        },
        "redirects_followed": samples.followed,
        "slow_by_second": slow_by_second(samples),
        "errors": len(samples.errors),
        "error_examples": samples.errors[:5],
        "articles_added": sum(1 for j in added.jobs if j["state"] == "done"),
        "articles_lost": added.lost,
    }


async def story_ids(client: httpx.AsyncClient, every: bool) -> list[str]:
    """The first story of the list, or (``every``) the ids of all of the store's stories."""
    found: list[str] = []
    page, pages = 1, 1
    while page <= pages:
        body = (await client.get("/stories.json", params={"page": page})).json()
        found += [row["id"] for row in body["stories"]]
        if not every:
            return found[:1]
        page, pages = page + 1, body["pages"]
    return found


async def run(base: str, args: argparse.Namespace, uploads: list[Upload]) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base, timeout=60) as writer:
        stories = await story_ids(writer, every=args.corpus is not None)
        paths = {
            "story": [f"/stories/{s}" for s in stories],
            "story.json": [f"/stories/{s}.json" for s in stories],
            "list": ["/"],
        }
        print(f"  {len(stories)} stories read", file=sys.stderr)
        for path in [p for ps in paths.values() for p in ps]:  # the first answer renders: not measured
            await writer.get(path)
        samples, added = Samples(), Added()
        started = time.monotonic()
        until = started + args.seconds
        readers = [
            reader(base, paths, until, args.think, args.seed + i, samples, added, args.until_stored)
            for i in range(args.clients)
        ]
        await asyncio.gather(*readers, adder(writer, uploads, args.add_every, until, added, args.job_wait))
        read_for = time.monotonic() - started
        await check_added(writer, added)
        out = summary(samples, added, read_for if args.until_stored else args.seconds)
        out["read_seconds"] = read_for
        out["stories_read"] = len(stories)
        return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument(
        "--think", type=float, default=0.25, help="mean pause between a reader's requests (s)"
    )
    parser.add_argument("--add", type=int, default=6, help="at most this many articles added during the run")
    parser.add_argument("--add-every", type=float, default=4.0, help="seconds between two added articles")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--until-stored",
        action="store_true",
        help="readers go on until every added article is stored (or --job-wait ran out), not --seconds only",
    )
    parser.add_argument(
        "--job-wait", type=float, default=JOB_WAIT, help="seconds to wait for the jobs after the readers stop"
    )
    parser.add_argument("--json", type=Path, help="append the headline figures to this JSON file")
    parser.add_argument(
        "--corpus", type=Path, help="start from real articles of this folder (e.g. ../shared/eval/ecbplus)"
    )
    parser.add_argument("--articles", type=int, default=331, help="with --corpus: articles in the store")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus is None:
            print("ingesting the seeds ...", file=sys.stderr)
            db = prepare_store(Path(tmp))
            uploads = [invented(n) for n in range(args.add)]
        else:
            db = corpus_store(args.corpus, args.articles, Path(tmp))
            uploads = [from_file(f) for f in dealt(args.corpus)[args.articles : args.articles + args.add]]
        port = free_port()
        server = start_server(db, port)
        print(
            f"{args.clients} readers for {args.seconds:g} s, adding up to {args.add} articles ...",
            file=sys.stderr,
        )
        try:
            result = asyncio.run(run(f"http://127.0.0.1:{port}", args, uploads))
        finally:
            server.terminate()
            server.wait(30)
    result["settings"] = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "web_load.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    if args.json:
        write(args.json, headline(result, args))
    ok = result["errors"] == 0 and not result["articles_lost"]
    return 0 if ok else 1


def headline(result: dict[str, Any], args: argparse.Namespace) -> list[Figure]:
    store = "seeds store" if args.corpus is None else f"{args.corpus.name} store of {args.articles} articles"
    data = (
        f"{store}, {args.clients} readers for {args.seconds:g} s (think {args.think:g} s),"
        f" up to {args.add} articles added"
    )
    values = {
        "requests per second": result["requests_per_s"],
        "p50 latency (ms), all pages": result["p50_ms"],
        "p99 latency (ms), all pages": result["p99_ms"],
        "p99 latency (ms), story page": result["by_kind"].get("story", {}).get("p99_ms"),
        "p99 latency (ms) while an article is ingested": result["during_ingest"]["p99_ms"],
        "errors (count)": result["errors"],
        "articles added (count)": result["articles_added"],
        "added articles lost (count)": len(result["articles_lost"]),
    }
    return [Figure("storyline serve", data, k, float(v)) for k, v in values.items() if v is not None]


if __name__ == "__main__":
    raise SystemExit(main())
