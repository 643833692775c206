"""Load on ``storyline serve``: 50 readers on loopback for 30 s while another client adds articles.

    .venv/bin/python benchmarks/web_load.py                      # the figures in BENCHMARKS.md
    .venv/bin/python benchmarks/web_load.py --think 0 --seconds 10   # saturation: readers never pause

The seeds go through the real pipeline into a fresh store; ``storyline serve`` runs in its own process
(as a user runs it). Each reader loops over the story page, its JSON twin and the story list, pausing
a random ``--think`` time (seeded) between requests, like a person reading. The adder sends up to
``--add`` invented articles through the form (CSRF token and all), one every ``--add-every`` seconds,
each its own job; after the readers stop it waits (bounded) for the jobs, and every added article
must then be in the store and in a story. Reports p50/p99 latency and errors; ``--json FILE`` appends
the headline figures to FILE (benchmarks/figures.py's schema).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import socket
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
JOB_WAIT = 300  # seconds the adder waits, after the readers stop, for its jobs to finish
TOWNS = ["Westhaven", "Lakeside", "Northmoor", "Eastbrook", "Redcliff", "Stonebridge", "Millford", "Ashdale"]


@dataclass
class Samples:
    latencies: dict[str, list[float]] = field(default_factory=dict)  # route kind -> seconds
    during_ingest: list[float] = field(default_factory=list)  # while an added article was not yet in
    errors: list[str] = field(default_factory=list)

    def add(self, kind: str, seconds: float, ingesting: bool) -> None:
        self.latencies.setdefault(kind, []).append(seconds)
        if ingesting:
            self.during_ingest.append(seconds)


@dataclass
class Added:
    jobs: list[dict[str, Any]] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    ingesting: bool = False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare_store(folder: Path) -> str:
    from storyline import api

    db = str(folder / "load.db")
    api.ingest([SEEDS], db=db)
    return db


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

    async def get(self, path: str) -> int:
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
        return status

    def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()


async def reader(
    base: str,
    paths: list[tuple[str, str]],
    until: float,
    think: float,
    seed: int,
    samples: Samples,
    added: Added,
) -> None:
    rng = random.Random(seed)
    host, port = base.removeprefix("http://").split(":")
    connection = Connection(host, int(port))
    await asyncio.sleep(rng.uniform(0, 2 * think))  # readers arrive spread out, not in one burst
    while time.monotonic() < until:
        kind, path = paths[rng.randrange(len(paths))]
        started = time.perf_counter()
        try:
            status = await connection.get(path)
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


async def send_one(client: httpx.AsyncClient, n: int, added: Added) -> str | None:
    """Send article ``n`` through the form (token and cookie first); the job's id, or None."""
    page = await client.get("/add")
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text)
    if page.status_code != 200 or token is None:
        added.lost.append(f"article {n}: no form")
        return None
    files = {"files": (f"load{n}.txt", article_text(n).encode(), "text/plain")}
    answer = await client.post(
        "/add", data={"csrf_token": token.group(1)}, files=files, headers={"Accept": "application/json"}
    )
    if answer.status_code != 202:
        added.lost.append(f"article {n}: HTTP {answer.status_code} {answer.text[:100]}")
        return None
    return str(answer.json()["id"])


async def adder(client: httpx.AsyncClient, count: int, every: float, until: float, added: Added) -> None:
    """One article every ``every`` seconds while the readers run (at most ``count``), each its own
    job, queued behind the others; then wait (at most ``JOB_WAIT`` s) for every job to finish."""
    job_ids = []
    for n in range(count):
        if time.monotonic() >= until:
            break
        if (job_id := await send_one(client, n, added)) is not None:
            job_ids.append(job_id)
            added.ingesting = True
        await asyncio.sleep(every)
    deadline = max(until, time.monotonic()) + JOB_WAIT
    for job_id in job_ids:
        job = (await client.get(f"/jobs/{job_id}.json")).json()
        while job["state"] not in ("done", "failed") and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            job = (await client.get(f"/jobs/{job_id}.json")).json()
        added.jobs.append(job)
        print(f"  job {job_id[:8]}: {job['state']} {job['message']}", file=sys.stderr)
    added.ingesting = False


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
        "errors": len(samples.errors),
        "error_examples": samples.errors[:5],
        "articles_added": sum(1 for j in added.jobs if j["state"] == "done"),
        "articles_lost": added.lost,
    }


async def run(base: str, args: argparse.Namespace) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base, timeout=60) as writer:
        story = (await writer.get("/stories.json")).json()["stories"][0]["id"]
        paths = [("story", f"/stories/{story}"), ("story.json", f"/stories/{story}.json"), ("list", "/")]
        for _, path in paths:  # the first answer after a change renders the page: not what is measured
            await writer.get(path)
        samples, added = Samples(), Added()
        until = time.monotonic() + args.seconds
        readers = [
            reader(base, paths, until, args.think, args.seed + i, samples, added) for i in range(args.clients)
        ]
        await asyncio.gather(*readers, adder(writer, args.add, args.add_every, until, added))
        await check_added(writer, added)
        return summary(samples, added, args.seconds)


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
    parser.add_argument("--json", type=Path, help="append the headline figures to this JSON file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print("ingesting the seeds ...", file=sys.stderr)
        db = prepare_store(Path(tmp))
        port = free_port()
        server = start_server(db, port)
        print(
            f"{args.clients} readers for {args.seconds:g} s, adding up to {args.add} articles ...",
            file=sys.stderr,
        )
        try:
            result = asyncio.run(run(f"http://127.0.0.1:{port}", args))
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
    data = (
        f"seeds store, {args.clients} readers for {args.seconds:g} s (think {args.think:g} s),"
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
