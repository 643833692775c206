"""Pay only for the new (issue 19): the cost of adding 100 articles to a store of 1k, 10k (and 100k) articles.

    nice .venv/bin/python benchmarks/incremental.py [--sizes 1000 10000] [--new 100] [--repeat 3]
        [--copies K] [--cache benchmarks/out/incremental] [--json FILE]

The articles are invented by ``benchmarks/generate_corpus.py`` (ECB+ texts with new names and dates, seed
1; stories of about 20 articles, a quarter of them syndicated copies). Every 101st of the first 101 x new
articles is set aside as one of the *new* batch; the others, in corpus order, are the *base*; the store
of size n holds the first n base articles. So the new articles land in about as many stories as they are
(a hard case: each touched story is composed again), most of them already in the 10k store.

Stores are built once through the product (``storyline ingest --db STORE``, the smaller store copied and
then the next articles ingested into it) and cached in ``--cache``: building 10k takes many minutes. Then
each measured run is a whole process, ``storyline ingest --db COPY --quiet new.jsonl`` (wall seconds; the
process tree's CPU, counted by this script as a subreaper; the main process's own CPU and peak memory,
read from /proc, and its busiest threads; the tree's summed RSS and PSS, sampled, see ``ingest``): the
100 new articles into (a) an empty store and into copies of each cached store. Wall and process-tree CPU
ratios are both reported (on a shared machine CPU is the steadier one; run ``benchmarks/speed.py``'s
control beside it). The sides are interleaved ``--repeat`` times and the median of each counts; the
ratios (each store against the empty one) are taken within the run. Before the first measured run each
cached store is brought up to date once by the product itself (``update_stories``: a store made by an
older checkout gets its dedupe signatures then); that pass is timed and reported too (with nothing
pending it is the floor every update pays: the clustering over all features).

With ``--copies K``, a store of K times the largest size is measured too: built from it (once brought up
to date) by ``scale_store.scaled_store``, which copies its articles as new stories rather than annotating
K times as many (building 100k through the product takes hours); see that module for what it holds.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import Figure, write
from scale_store import scaled_store

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
GENERATOR = Path(__file__).resolve().parent / "generate_corpus.py"
EVERY = 101  # every 101st generated article is one of the new batch


def corpus(cache: Path, total: int) -> list[str]:
    """The first ``total`` articles of the generated corpus (cached: the generator's output for a larger
    n starts with its output for a smaller one)."""
    for found in sorted(cache.glob("corpus-*.jsonl")):
        if int(found.stem.split("-")[1]) >= total:
            return found.read_text(encoding="utf-8").splitlines(keepends=True)[:total]
    path = cache / f"corpus-{total}.jsonl"
    if not path.exists():
        part = path.with_suffix(".part")
        subprocess.run(
            [str(BIN / "python"), str(GENERATOR), "--n", str(total), "--seed", "1", "--out", str(part)],
            check=True,
        )
        part.rename(path)
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def split(lines: list[str], new: int) -> tuple[list[str], list[str]]:
    """(new batch, base): every ``EVERY``-th line is new, up to ``new`` of them."""
    picked = [k for k in range(EVERY - 1, len(lines), EVERY)][:new]
    chosen = set(picked)
    return [lines[k] for k in picked], [line for k, line in enumerate(lines) if k not in chosen]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _become_subreaper() -> None:
    """Orphaned descendants (a run's fork server and its workers outlive their parent's wait) are
    re-parented to this process, which reaps them: their CPU time then counts in RUSAGE_CHILDREN."""
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat[stat.rindex(")") + 2 :].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB (0, 0 once it is gone)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = dict(re.findall(r"^(Rss|Pss):\s+(\d+) kB", text, re.M))
    return int(values.get("Rss", 0)), int(values.get("Pss", 0))


TICK = os.sysconf("SC_CLK_TCK")


def _stat_cpu(pid: int) -> tuple[float, float]:
    """(own, reaped children's) CPU seconds of process ``pid``, user + system, from /proc (a zombie's too)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = int(fields[11]) + int(fields[12])  # utime, stime: every thread of the process, no children
    children = int(fields[13]) + int(fields[14])  # cutime, cstime: the children it waited for
    return own / TICK, children / TICK


def _threads_cpu(pid: int) -> dict[str, float]:
    """Each thread of ``pid`` ("tid name") → its CPU seconds so far."""
    found = {}
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            stat = (task / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        found[f"{task.name} {name}"] = (int(fields[11]) + int(fields[12])) / TICK
    return found


def _peak_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(found.group(1)) if found else 0


def ingest(db: Path, inputs: Path) -> dict[str, Any]:
    """``storyline ingest --db db inputs`` as a whole process: wall seconds; the whole process tree's CPU
    seconds (user + system of every process it started, fork server and workers included: this script is
    their subreaper, so RUSAGE_CHILDREN counts each once, whichever process reaps it); the main process's
    own CPU seconds (its /proc stat once it has exited, before it is reaped: every thread of it, none of
    its children) and peak memory (VmHWM, sampled every 0.1 s); its busiest threads' CPU; and the peak of
    the tree's summed resident and proportional memory, sampled alike (shared pages count once in PSS).

    (Under ``/usr/bin/time``, which this used to read, the "main process" CPU was the tree's: a process's
    rusage as its parent reaps it includes every descendant it waited for, and the main process waits for
    its fork server, which has reaped the workers. Hence a main CPU above wall time, equal to the tree's.)"""
    command = [str(BIN / "storyline"), "ingest", "--db", str(db), "--quiet", str(inputs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_rss = peak_pss = peak_main = 0
    threads: dict[str, float] = {}
    while os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT | os.WNOHANG) is None:
        sizes = [_memory_kb(pid) for pid in _descendants(os.getpid())]
        peak_rss = max(peak_rss, sum(r for r, _ in sizes))
        peak_pss = max(peak_pss, sum(p for _, p in sizes))
        peak_main = max(peak_main, _peak_kb(process.pid))
        threads.update(_threads_cpu(process.pid))
        time.sleep(0.1)
    wall = time.perf_counter() - start
    main_cpu, _ = _stat_cpu(process.pid)  # exited, not reaped yet: its own figures are still there
    _, stderr = process.communicate()
    while True:  # the run's orphans (a fork server), re-parented here
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    tree_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    busiest = sorted(threads.items(), key=lambda kv: -kv[1])[:4]
    return {
        "seconds": wall,
        "peak_mb": peak_main / 1024,
        "cpu_seconds": main_cpu,
        "tree_cpu_seconds": tree_cpu,
        "tree_peak_rss_mb": peak_rss / 1024,
        "tree_peak_pss_mb": peak_pss / 1024,
        "main_threads_cpu_seconds": {name: round(cpu, 2) for name, cpu in busiest},
    }


def build(cache: Path, sizes: list[int], base: list[str]) -> dict[int, Path]:
    """The cached store of each size, each built from the previous one by the product's own ingest."""
    stores: dict[int, Path] = {}
    previous: tuple[int, Path] | None = None
    for n in sorted(sizes):
        path = cache / f"store-{n}.db"
        if not path.exists():
            work = cache / f"store-{n}.building.db"  # a build cut short resumes (the ingest log)
            start = previous[0] if previous else 0
            if previous and not work.exists():
                shutil.copy(previous[1], work)
            batch = write_lines(cache / f"base-{start}-{n}.jsonl", base[start:n])
            print(f"building {path.name}: ingesting base articles {start}..{n}", flush=True)
            took = ingest(work, batch)
            print(f"  {took['seconds']:.0f} s, peak {took['peak_mb']:.0f} MB", flush=True)
            work.rename(path)
        stores[n] = path
        previous = (n, path)
    return stores


def bring_up_to_date(store: Path) -> float:
    """Bring the cached store up to date with this checkout (``update_stories``: nothing to do when it
    is, a one-off pass over what an older checkout left out when not); returns its seconds."""
    code = (
        "import sys, time\n"
        "from storyline.config import load_settings\n"
        "from storyline.pipeline.run import update_stories\n"
        "from storyline.progress import Silent\n"
        "from storyline.store import open_store\n"
        "store = open_store(sys.argv[1])\n"
        "start = time.perf_counter()\n"
        "update_stories(store, load_settings(), Silent())\n"
        "print(time.perf_counter() - start)\n"
    )
    command = [str(BIN / "python"), "-c", code, str(store)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def copy_store(source: Path | None, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    if source is not None:
        shutil.copy(source, target)
    return target


def measure(
    cache: Path, stores: dict[int, Path], batch: Path, repeat: int
) -> dict[int, list[dict[str, Any]]]:
    """Size (0 for the empty store) → one measurement per repeat, the sides interleaved."""
    runs: dict[int, list[dict[str, Any]]] = {0: [], **{n: [] for n in stores}}
    for r in range(repeat):
        for n in runs:
            db = copy_store(stores.get(n), cache / "measured.db")
            took = ingest(db, batch)
            runs[n].append(took)
            print(
                f"run {r + 1}: +{batch.stem} into {n:>6}: {took['seconds']:6.1f} s, "
                f"CPU {took['tree_cpu_seconds']:6.1f} s (main {took['cpu_seconds']:5.1f}), peak "
                f"{took['peak_mb']:5.0f} MB (tree RSS {took['tree_peak_rss_mb']:5.0f}, PSS "
                f"{took['tree_peak_pss_mb']:5.0f}); main's threads {took['main_threads_cpu_seconds']}",
                flush=True,
            )
    return runs


def median(values: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(v[key] for v in values))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / "out" / "incremental")
    parser.add_argument("--copies", type=int, default=1, help="also a store of K x the largest size")
    parser.add_argument("--build-only", action="store_true", help="build the cached stores and stop")
    parser.add_argument("--json", type=Path, help="append the figures to this file (benchmarks/figures.py)")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    _become_subreaper()
    # the new batch is the same whatever the sizes: every 101st of the first 101 x new articles
    lines = corpus(args.cache, max(max(args.sizes) + args.new, EVERY * args.new))
    new, base = split(lines, args.new)
    if len(new) < args.new or len(base) < max(args.sizes):
        raise SystemExit(f"the corpus holds too few articles ({len(lines)})")
    batch = write_lines(args.cache / f"new-{args.new}.jsonl", new)
    stores = build(args.cache, args.sizes, base)
    if args.build_only:
        return 0
    report: dict[str, Any] = {"up_to_date_seconds": {}}
    for n, path in stores.items():
        report["up_to_date_seconds"][n] = seconds = bring_up_to_date(path)
        print(f"store of {n}: brought up to date by this checkout in {seconds:.1f} s", flush=True)
    if args.copies > 1:
        largest = max(stores)
        scaled = args.cache / f"store-{largest}x{args.copies}.db"
        report["scaled"] = scaled_store(stores[largest], scaled, args.copies)
        stores[largest * args.copies] = scaled
        print(f"store of {largest * args.copies}: {report['scaled']}", flush=True)
    runs = measure(args.cache, stores, batch, args.repeat)
    empty, empty_cpu = median(runs[0], "seconds"), median(runs[0], "tree_cpu_seconds")
    into_empty = f"{args.new} generated articles into an empty store"
    figures = [
        Figure("storyline", into_empty, "wall seconds (median)", round(empty, 2)),
        Figure("storyline", into_empty, "process tree CPU seconds (median)", round(empty_cpu, 2)),
    ]
    for n in sorted(stores):
        took, peak = median(runs[n], "seconds"), max(v["peak_mb"] for v in runs[n])
        cpu = median(runs[n], "tree_cpu_seconds")
        tree_rss, tree_pss = (max(v[k] for v in runs[n]) for k in ("tree_peak_rss_mb", "tree_peak_pss_mb"))
        ratio = took / empty
        print(
            f"store of {n:>6}: {took:6.1f} s = {ratio:.2f}x the empty store; CPU {cpu:.1f} s = "
            f"{cpu / empty_cpu:.2f}x; peak {peak:.0f} MB main, tree RSS {tree_rss:.0f} / PSS "
            f"{tree_pss:.0f} MB"
        )
        data = f"{args.new} generated articles added to a store of {n}"
        figures += [
            Figure("storyline", data, "wall seconds (median)", round(took, 2)),
            Figure("storyline", data, "time / time into an empty store", round(ratio, 2)),
            Figure("storyline", data, "tree CPU / tree CPU into an empty store", round(cpu / empty_cpu, 2)),
            Figure("storyline", data, "peak resident MB", round(peak)),
            Figure("storyline", data, "process tree peak resident MB (sum)", round(tree_rss)),
            Figure("storyline", data, "process tree peak proportional MB (sum)", round(tree_pss)),
        ]
    empty_peak = max(v["peak_mb"] for v in runs[0])
    print(f"empty store: {empty:6.1f} s, CPU {empty_cpu:.1f} s; peak {empty_peak:.0f} MB")
    report["runs"] = runs
    print(json.dumps(report, indent=1))
    if args.json:
        write(args.json, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
