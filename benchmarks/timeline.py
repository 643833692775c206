"""Where a run's wall time goes, process by process: a timeline from ``STORYLINE_TIMELINE``.

    python benchmarks/timeline.py [--json FILE] -- storyline brief ../shared/eval/ecbplus --format json

Runs the command once with the timeline on (see :mod:`storyline.engine.timeline`) and prints, for the
main process and each worker, its spans in order (seconds from the command's start), what they add up
to, and the time it waited or sat idle: the main process's stages (extract, store, dedupe, cluster,
dating, compose) and its waits for the workers; each worker's model load, its tasks (articles and
characters of each annotated chunk) and what pickling its results back cost.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from storyline.engine.timeline import TIMELINE

SERIAL = ("extract", "store", "dedupe", "cluster", "dating", "compose")


def record(command: list[str]) -> tuple[float, float, list[dict[str, object]]]:
    folder = Path(tempfile.mkdtemp(prefix="storyline-timeline-"))
    start = time.time()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env={**os.environ, TIMELINE: str(folder)})
    end = time.time()
    lines = [line for path in folder.glob("timeline-*.jsonl") for line in path.read_text().splitlines()]
    spans = [json.loads(line) for line in lines]
    return start, end, spans


def summary(start: float, end: float, spans: list[dict[str, object]]) -> dict[str, object]:
    by_pid: dict[int, list[dict[str, object]]] = defaultdict(list)
    for s in spans:
        by_pid[int(s["pid"])].append(s)  # type: ignore[call-overload]
    main = next((pid for pid, ss in by_pid.items() if any(s["what"] in SERIAL for s in ss)), None)
    out: dict[str, object] = {"wall s": round(end - start, 2)}
    for pid, ss in sorted(by_pid.items(), key=lambda kv: (kv[0] != main, kv[0])):
        ss.sort(key=lambda s: float(s["start"]))  # type: ignore[arg-type]
        totals: dict[str, float] = defaultdict(float)
        for s in ss:
            totals[str(s["what"])] += float(s["end"]) - float(s["start"])  # type: ignore[arg-type]
        rows = [{k: _offset(k, v, start) for k, v in s.items() if k != "pid"} for s in ss]
        name = "main" if pid == main else f"worker {pid}"
        out[name] = {"totals s": {k: round(v, 2) for k, v in totals.items()}, "spans": rows}
    return out


def _offset(key: str, value: object, start: float) -> object:
    return round(float(value) - start, 2) if key in ("start", "end") else value  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the whole timeline here")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    report = summary(*record(command))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    for name, value in report.items():
        if not isinstance(value, dict):
            print(f"{name}: {value}")
            continue
        print(f"{name}: {json.dumps(value['totals s'])}")
        for row in value["spans"]:
            if row["what"] not in ("wait",) or float(row["end"]) - float(row["start"]) > 0.05:
                print("   ", json.dumps(row))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
