"""Speed of `storyline brief` as whole processes, against a bare spaCy pass timed in the same run.

    python benchmarks/speed.py [--corpus DIR] [--seeds DIR] [--repeat N] [--json FILE]

Every figure is a whole process from start to exit (never a function inside a process that has
already loaded what the other uses), and the commands run in turn, round after round, so a drift in
the machine's speed hits all of them alike; ratios are taken within a round, then their median:

- ``bare``: a process that loads spaCy's model and parses the corpus's extracted texts, one core
  (what an engineer's plainest pipeline pays before doing anything with the parse);
- ``one core``: ``storyline brief CORPUS --workers 1``; ``both cores``: ``storyline brief CORPUS``
  (the default: one worker process per core); their JSON briefs must be identical;
- ``control``: pure CPU work in one process, then in two at once: near 1.0 when the second core is
  free, near 2.0 when something else holds it (then no parallel figure of that run means much);
- ``plain``: ``benchmarks/plain_alternative.py CORPUS``, what an engineer would write instead (read,
  one spaCy pass for entities, TF-IDF, agglomerative clustering at a threshold fitted on the odd
  topics), timed the same way; its clusters and storyline's events and stories are scored against
  the corpus's folders (B-cubed F1, all topics and the even ones the threshold was not fitted on);
- ``seeds cold``: ``storyline brief SEEDS`` from process start to output;
- ``parsed twice``: every storyline run logs each text it parses (``STORYLINE_PARSE_LOG``, in the
  main process and its workers); a parsed text found whole inside another parsed text (a sentence
  parsed again after its article, a title parsed beside the article that opens with it, one article
  twice) counts, with its sentences. The count is of the run, not of one process.

``--timeline FILE`` instead runs one default brief with ``STORYLINE_TIMELINE`` on and prints its serial
path (the seconds in which no worker runs a task, in all and within each stage of the main process)
and, for the main process, the fork server and each worker, its spans in order (seconds from the
command's start) and their totals: the main process's stages (extract, store, dedupe, cluster, dating,
compose) and its waits for the workers; each worker's tasks and annotated chunks (their articles and
characters), model loads and what pickling its results back costs.

Peak memory is the largest resident size of the process and the children it reaped (``wait4``; a fork
server's workers are not among them). CPU is user + system time of the whole process tree, fork
server and workers included, read from /proc while the run lasts: on a shared machine it is the
steadier figure, and ``CPU`` ratios are given beside the wall ones.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from figures import Figure, write
from plain_alternative import odd_or_even, score
from storyline.annotate.nlp import PARSE_LOG
from storyline.run_timeline import TIMELINE

SHARED = Path(__file__).resolve().parents[2] / "shared"
BIN = Path(sys.executable).parent
STORYLINE = str(BIN / "storyline")
_SPIN = "import sys\nn = 0\nfor i in range(int(sys.argv[1])):\n    n += i * i\n"


@dataclass
class Timed:
    wall: float
    peak_mb: float
    cpu: float  # user + system seconds of the process and every process below it (workers included)


SAMPLE_S = 0.25  # how often the process tree's CPU is read: each process's last quarter second is lost


def run(command: list[str], output: Path | None = None, parse_log: Path | None = None) -> Timed:
    """One whole process: wall seconds, its peak resident memory (the largest of it and the children
    it reaped: Linux's ``wait4``, which never sees the workers of a fork server) and the CPU time of
    its whole process tree, fork server and workers included (read from /proc every ``SAMPLE_S``;
    ``wait4`` does not count them either). With ``parse_log`` (an empty folder) every parse the run
    makes is logged there."""
    env = dict(os.environ)
    if parse_log is not None:
        env[PARSE_LOG] = str(parse_log)
    cpu: dict[int, float] = {}
    own = 0.0
    start = time.perf_counter()
    with open(output or os.devnull, "wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env)
        while True:
            done, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if done:
                break
            cpu.update(tree_cpu(proc.pid))
            own = _own_cpu(proc.pid, own)
            time.sleep(SAMPLE_S)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(command)} failed with exit code {proc.returncode}")
    # wait4 counts the process and what it reaped: the fork server and its workers too when the process
    # stops the server before it ends (it does since 044c445), never when it leaves it running; the
    # samples count every descendant but lose each one's last quarter second. The larger of the two is
    # the tree's CPU, counted once (their sum counted the workers twice: "CPU 70.8 s" in a 21 s run).
    reaped = usage.ru_utime + usage.ru_stime
    return Timed(wall, usage.ru_maxrss / 1024, max(reaped, own + sum(cpu.values())))  # Linux reports kB


def _own_cpu(pid: int, last: float) -> float:
    """User + system seconds of ``pid`` itself (not its children), from /proc; ``last`` if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return last
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu(root: int) -> dict[int, float]:
    """User + system seconds of ``root``'s descendants (not ``root`` itself), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    parent: dict[int, int] = {}
    seconds: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        pid = int(stat.parent.name)
        parent[pid] = int(fields[1])
        seconds[pid] = (int(fields[11]) + int(fields[12])) / tick
    below, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, up in parent.items() if up in frontier} - below
        below |= frontier
    return {pid: seconds[pid] for pid in below}


def parsed_twice(parse_log: Path) -> dict[str, int]:
    """How many of the run's parsed texts lie whole inside another text the run parsed, and how many
    sentences they hold (counted here by a parse of those texts alone: the run's log stays cheap)."""
    texts = [
        json.loads(line)
        for path in sorted(parse_log.glob("parses-*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    whole, again, at = "\0".join(texts), [], 0
    for text in texts:
        core = text.strip()
        own = at + text.find(core)
        at += len(text) + 1
        if core and (whole.find(core) != own or whole.find(core, own + 1) != -1):
            again.append(text)
    return {
        "texts parsed": len(texts),
        "texts parsed twice": len(again),
        "sentences parsed twice": _sentences(again),
    }


def _sentences(texts: list[str]) -> int:
    if not texts:
        return 0
    from storyline.annotate.nlp import parse_texts

    return sum(len(list(doc.sents)) for doc in parse_texts(texts, batch_size=64))


def bare_pass(texts_file: Path) -> None:
    """The baseline process: load the model, parse every text, nothing else."""
    import spacy

    from storyline.config import load_settings

    nlp = spacy.load(load_settings().spacy_model)
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    for _doc in nlp.pipe(texts, batch_size=16):
        pass


def extracted_texts(corpus: Path, into: Path) -> int:
    from storyline.config import load_settings
    from storyline.pipeline import read_and_extract
    from storyline.progress import Silent

    articles, _ = read_and_extract([str(corpus)], load_settings(), Silent())
    into.write_text(json.dumps([a.text for a in articles]), encoding="utf-8")
    return len(articles)


def control(spins: int) -> float:
    """Wall time of two CPU-bound processes at once over one alone: ~1.0 when two cores are free."""
    one = time.perf_counter()
    subprocess.run([sys.executable, "-c", _SPIN, str(spins)], check=True)
    alone = time.perf_counter() - one
    two = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", _SPIN, str(spins)]) for _ in range(2)]
    for p in procs:
        p.wait()
    return (time.perf_counter() - two) / alone


def clustering_scores(corpus: Path, work: Path) -> dict[str, dict[str, float]]:
    """B-cubed F1 of the plain alternative's clusters and of storyline's events and stories (the
    one-core brief), against the corpus's folders, on all topics and on the even ones."""
    plain = {p: str(c) for p, c in json.loads((work / "plain.json").read_text(encoding="utf-8")).items()}
    events, stories = _storyline_clusters(corpus, work / "one core.json")
    paths = sorted(plain)
    out = {}
    for half, chosen in (("all topics", paths), ("even topics", odd_or_even(paths, odd=False))):
        ours_events, ours_stories = score(events, chosen), score(stories, chosen)
        out[half] = {
            "plain, event": score(plain, chosen)["event B-cubed F1"],
            "plain, story": score(plain, chosen)["story B-cubed F1"],
            "storyline events, event": ours_events["event B-cubed F1"],
            "storyline stories, story": ours_stories["story B-cubed F1"],
        }
    return out


def _storyline_clusters(corpus: Path, brief: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Each article's event and story in a JSON brief, by its path relative to ``corpus``."""
    stories = json.loads(brief.read_text(encoding="utf-8"))["stories"]
    events: dict[str, str] = {}
    story_of: dict[str, str] = {}
    for story in stories:
        where = {s["article_id"]: str(Path(s["origin"]).relative_to(corpus)) for s in story["sources"]}
        for path in where.values():
            story_of[path] = story["story_id"]
        for event in story["events"]:
            for article_id in event["article_ids"]:
                if article_id in where:
                    events[where[article_id]] = event["id"]
    return events, story_of


def _briefs_equal(one: Path, two: Path) -> bool:
    return json.loads(one.read_text(encoding="utf-8")) == json.loads(two.read_text(encoding="utf-8"))


def measure(corpus: Path, seeds: Path, repeat: int) -> tuple[dict[str, object], list[Figure]]:
    """Every figure of one run (its outputs and parse logs in a folder removed at the end)."""
    with tempfile.TemporaryDirectory(prefix="storyline-speed-") as folder:
        return _measure(corpus, seeds, repeat, Path(folder))


def _measure(corpus: Path, seeds: Path, repeat: int, work: Path) -> tuple[dict[str, object], list[Figure]]:
    texts = work / "texts.json"
    count = extracted_texts(corpus, texts)
    brief = [STORYLINE, "brief", str(corpus), "--format", "json", "--quiet"]
    commands = {
        "bare": [sys.executable, __file__, "--bare", str(texts)],
        "one core": [*brief, "--workers", "1"],
        "both cores": brief,
        "plain": [sys.executable, str(Path(__file__).with_name("plain_alternative.py")), str(corpus)],
    }
    times: dict[str, list[Timed]] = {name: [] for name in commands}
    controls, identical = [], True
    twice: dict[str, dict[str, int]] = {}
    for round_ in range(repeat):
        controls.append(control(30_000_000))
        print(f"round {round_ + 1}: control {controls[-1]:.2f}", file=sys.stderr, flush=True)
        for name, command in commands.items():
            out = work / f"{name}.json" if name != "bare" else None
            log = work / f"parses-{name}-{round_}" if name in ("one core", "both cores") else None
            if log is not None:
                log.mkdir()
            times[name].append(run(command, out, log))
            done = times[name][-1]
            said = f"round {round_ + 1}: {name} {done.wall:.1f} s, CPU {done.cpu:.1f} s"
            print(said, file=sys.stderr, flush=True)
            if log is not None:
                twice[f"{name}, round {round_ + 1}"] = parsed_twice(log)
        identical &= _briefs_equal(work / "one core.json", work / "both cores.json")
    seeds_brief = [STORYLINE, "brief", str(seeds), "--format", "json", "--quiet"]
    seeds_cold = [run(seeds_brief).wall for _ in range(repeat)]

    def ratio(name: str, cpu: bool = False) -> float:
        pairs = zip(times[name], times["bare"], strict=True)
        return statistics.median((t.cpu / b.cpu) if cpu else (t.wall / b.wall) for t, b in pairs)

    runs = times.items()
    report: dict[str, object] = {
        "corpus": str(corpus),
        "articles": count,
        "repeat": repeat,
        **{f"{name} wall s (median)": round(statistics.median(t.wall for t in ts), 2) for name, ts in runs},
        **{f"{name} peak MB (max)": round(max(t.peak_mb for t in ts), 0) for name, ts in runs},
        "one core / bare": round(ratio("one core"), 3),
        "both cores / bare": round(ratio("both cores"), 3),
        "plain / bare": round(ratio("plain"), 3),
        **{f"{name} CPU s (median, whole process tree)": round(statistics.median(t.cpu for t in ts), 2)
           for name, ts in runs},
        "one core / bare, CPU": round(ratio("one core", cpu=True), 3),
        "both cores / bare, CPU": round(ratio("both cores", cpu=True), 3),
        "clustering B-cubed F1 (last round)": clustering_scores(corpus, work),
        "briefs identical with 1 and 2 workers": identical,
        "control: two CPU jobs / one (1.0 = second core free)": [round(c, 2) for c in controls],
        "seeds cold s (median)": round(statistics.median(seeds_cold), 2),
        "parsed twice (texts and sentences found whole inside another parse of the run)": twice,
    }
    data, metric = f"{corpus.name} ({count} articles)", "wall time / bare spaCy pass (whole processes)"
    figures = [
        Figure("storyline, 1 worker", data, metric, ratio("one core")),
        Figure("storyline, default workers", data, metric, ratio("both cores")),
        Figure("plain alternative (TF-IDF + agglomerative)", data, metric, ratio("plain")),
        Figure("storyline", "seeds", "cold brief wall seconds (median)", statistics.median(seeds_cold)),
        Figure("machine", "control", "two CPU jobs / one (median)", statistics.median(controls)),
    ]
    return report, figures


SERIAL = ("extract", "store", "dedupe", "cluster", "dating", "compose")


def record(command: list[str]) -> tuple[float, float, list[dict[str, object]]]:
    """Run ``command`` once with the timeline on: its start, its end and every span it logged (the
    timeline's folder is removed once read)."""
    with tempfile.TemporaryDirectory(prefix="storyline-timeline-") as folder:
        start = time.time()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env={**os.environ, TIMELINE: folder})
        end = time.time()
        paths = Path(folder).glob("timeline-*.jsonl")
        lines = [line for path in paths for line in path.read_text(encoding="utf-8").splitlines()]
    spans = [json.loads(line) for line in lines]
    return start, end, spans


def summary(start: float, end: float, spans: list[dict[str, object]]) -> dict[str, object]:
    """Per process (the main one, then each worker or fork server): its totals and its spans in order."""
    by_pid: dict[int, list[dict[str, object]]] = defaultdict(list)
    for s in spans:
        by_pid[int(s["pid"])].append(s)  # type: ignore[call-overload]
    main = next((pid for pid, ss in by_pid.items() if any(s["what"] in SERIAL for s in ss)), None)
    out: dict[str, object] = {"wall s": round(end - start, 2), "serial s": serial(start, end, spans)}
    for pid, ss in sorted(by_pid.items(), key=lambda kv: (kv[0] != main, kv[0])):
        ss.sort(key=lambda s: float(s["start"]))  # type: ignore[arg-type]
        totals: dict[str, float] = defaultdict(float)
        for s in ss:
            totals[str(s["what"])] += float(s["end"]) - float(s["start"])  # type: ignore[arg-type]
        rows = [{k: _offset(k, v, start) for k, v in s.items() if k != "pid"} for s in ss]
        name = "main" if pid == main else f"worker {pid}"
        out[name] = {"totals s": {k: round(v, 2) for k, v in totals.items()}, "spans": rows}
    return out


def serial(start: float, end: float, spans: list[dict[str, object]]) -> dict[str, float]:
    """The run's serial path: the seconds in which no worker runs a task (start-up, what the main process
    does alone, the end), in all and within each of the main process's stages."""
    tasks: list[list[float]] = []
    for a, b in sorted((_at(s, "start"), _at(s, "end")) for s in spans if s["what"] == "task"):
        if tasks and a <= tasks[-1][1]:
            tasks[-1][1] = max(tasks[-1][1], b)
        else:
            tasks.append([a, b])

    def idle(a: float, b: float) -> float:
        return b - a - sum(max(0.0, min(b, y) - max(a, x)) for x, y in tasks)

    out = {"in all": idle(start, end)}
    for s in spans:
        if s["what"] in (*SERIAL, "annotate"):
            name = f"in {s['what']}"
            out[name] = out.get(name, 0.0) + idle(_at(s, "start"), _at(s, "end"))
    return {k: round(v, 2) for k, v in out.items()}


def _at(span: dict[str, object], key: str) -> float:
    return float(span[key])  # type: ignore[arg-type]


def _offset(key: str, value: object, start: float) -> object:
    return round(float(value) - start, 2) if key in ("start", "end") else value  # type: ignore[arg-type]


def print_timeline(report: dict[str, object]) -> None:
    for name, value in report.items():
        if not isinstance(value, dict) or "spans" not in value:  # the wall, and the serial path's seconds
            print(f"{name}: {json.dumps(value)}")
            continue
        print(f"{name}: {json.dumps(value['totals s'])}")
        for row in value["spans"]:
            if row["what"] != "wait" or float(row["end"]) - float(row["start"]) > 0.05:
                print("   ", json.dumps(row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "eval" / "ecbplus")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="append the figures to this JSON file")
    parser.add_argument("--bare", type=Path, help=argparse.SUPPRESS)  # the baseline process itself
    parser.add_argument(
        "--timeline", type=Path, metavar="FILE",
        help="instead: run `storyline brief CORPUS` once (default workers) with STORYLINE_TIMELINE on, print "
        "where each process's time went and write the whole timeline to FILE",
    )  # fmt: skip
    args = parser.parse_args()
    if args.bare:
        bare_pass(args.bare)
        return
    if args.timeline:
        report = summary(*record([STORYLINE, "brief", str(args.corpus), "--format", "json", "--quiet"]))
        args.timeline.write_text(json.dumps(report, indent=1), encoding="utf-8")
        print_timeline(report)
        return
    report, figures = measure(args.corpus, args.seeds, args.repeat)
    print(json.dumps(report, indent=2))
    if args.json:
        write(args.json, figures)


if __name__ == "__main__":
    main()
