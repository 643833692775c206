"""Write BENCHMARKS.md's table at a glance from the figures ``make bench`` gathered.

    python scripts/glance.py bench/figures.json [--doc BENCHMARKS.md] [--check]
    python scripts/glance.py bench/figures.json --add bench/runs/3-timex.json

The JSON is the list of rows that ``benchmarks/figures.py`` appends (system, data, metric, value,
command, commit, date). The newest row of each (system, data, metric) counts; rows keep the order in
which their key first appeared, so each harness's figures stay together. The table replaces what
lies between ``<!-- glance:start -->`` and ``<!-- glance:end -->``; nothing else in the file changes.
``--check`` writes nothing and exits 1 when the table in the file differs from the JSON's.

``--add RUN`` writes no table: it appends the figure rows of one harness's run to the JSON, and fails
when RUN holds none (``make bench`` gives each harness a file of its own, so a harness that writes
another shape, or overwrites its file, cannot spoil the figures of the others).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- glance:start -->", "<!-- glance:end -->"
HEADER = (
    "| data | metric | system | value | harness | commit | date |",
    "|---|---|---|---|---|---|---|",
)
Row = dict[str, object]
FIELDS = ("system", "data", "metric", "value", "command", "commit", "date")


def figure_rows(path: Path) -> tuple[list[Row], int]:
    """The rows of ``path`` that have every field of the schema, and how many others it holds."""
    found = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    items = found if isinstance(found, list) else [found]
    rows = [r for r in items if isinstance(r, dict) and all(k in r for k in FIELDS)]
    return rows, len(items) - len(rows)


def add(figures: Path, run: Path) -> int:
    """Append ``run``'s figure rows to ``figures``; 1 (and nothing appended) when it has none."""
    rows, others = figure_rows(run)
    if not rows:
        print(f"{run}: no figure rows ({', '.join(FIELDS)}); {others} other entries", file=sys.stderr)
        return 1
    kept = json.loads(figures.read_text(encoding="utf-8")) if figures.exists() else []
    figures.write_text(json.dumps([*kept, *rows], indent=2) + "\n", encoding="utf-8")
    left_out = f" ({others} other entries left out)" if others else ""
    print(f"{len(rows)} figures added to {figures}{left_out}")
    return 0


def latest(rows: Sequence[Row]) -> list[Row]:
    """The newest row per (system, data, metric), in order of each key's first appearance."""
    chosen: dict[tuple[str, str, str], Row] = {}
    for row in rows:
        key = (str(row["system"]), str(row["data"]), str(row["metric"]))
        if key not in chosen or str(row["date"]) >= str(chosen[key]["date"]):
            chosen[key] = row
    return list(chosen.values())


def value_text(value: object) -> str:
    """A figure as a reader wants it: whole numbers whole, four significant digits otherwise."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return str(value)
    if math.isnan(value) or math.isinf(value):
        return "–"
    if float(value).is_integer():
        return str(int(value))
    if abs(value) >= 1000:
        return f"{value:.0f}"
    return f"{value:.4g}" if abs(value) >= 0.001 else f"{value:.2g}"


def harness(command: object) -> str:
    """The harness a command ran: the first argument ending in ``.py``."""
    words = str(command).split()
    return next((Path(w).name for w in words if w.endswith(".py")), words[0] if words else "")


def cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(rows: Sequence[Row]) -> str:
    lines = list(HEADER)
    for row in latest(rows):
        cells = (
            row["data"], row["metric"], row["system"], value_text(row["value"]),
            f"`{harness(row['command'])}`", row["commit"], str(row["date"])[:10],
        )
        lines.append("| " + " | ".join(cell(c) for c in cells) + " |")
    return "\n".join(lines)


def with_table(doc: str, rows: Sequence[Row]) -> str:
    """``doc`` with the text between the markers replaced by the table of ``rows``."""
    if doc.count(START) != 1 or doc.count(END) != 1 or doc.index(START) > doc.index(END):
        raise SystemExit(f"the document needs one {START} line and, after it, one {END} line")
    before, rest = doc.split(START, 1)
    after = rest.split(END, 1)[1]
    return f"{before}{START}\n{table(rows)}\n{END}{after}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("figures", type=Path, help="the JSON list of figure rows (make bench's)")
    parser.add_argument("--doc", type=Path, default=ROOT / "BENCHMARKS.md", help="the Markdown to update")
    parser.add_argument("--check", action="store_true", help="exit 1 if the table differs; write nothing")
    parser.add_argument("--add", type=Path, metavar="RUN", help="append RUN's figure rows to the JSON")
    args = parser.parse_args(argv)
    if args.add:
        return add(args.figures, args.add)
    rows, others = figure_rows(args.figures)
    if others:
        print(f"{args.figures}: {others} entries without the figure fields left out", file=sys.stderr)
    doc = args.doc.read_text(encoding="utf-8")
    new = with_table(doc, rows)
    if args.check:
        print("the table matches" if new == doc else f"the table in {args.doc} differs from {args.figures}")
        return 0 if new == doc else 1
    args.doc.write_text(new, encoding="utf-8")
    print(f"wrote {len(latest(rows))} figures into {args.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
