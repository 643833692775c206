"""Storyline's timex scores on both shared sets and each of their halves, in one run.

    .venv/bin/python benchmarks/timex_halves.py

One line per set and part (all, even, odd): relaxed, strict, value and type F1. The halves are the
``--part even|odd`` split of ``timex.py``, here computed from a single pass over each set, so that a
change can be checked against the other set and both held-out halves at once. ``--json FILE``
appends the four F1 of each line to FILE (benchmarks/figures.py's schema).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import Figure, write
from storyline.annotate.timex import find_times
from storyline.annotate.timex.finder import parse
from timeml import GoldDoc, read_folder
from timex_score import Counts, Mention, score, total

_ROOT = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "timex"


def doc_counts(doc: GoldDoc) -> Counts:
    found = find_times(doc.text, doc.dct)
    system = [Mention(t.start, t.end, t.value, t.type) for t in found if doc.scored(t.start, t.end)]
    gold = [Mention(t.start, t.end, t.value, t.type) for t in doc.timexes]
    return score(system, gold)


SCORES = ("relaxed", "strict", "value", "type")


def line(name: str, counts: Counts) -> str:
    r = counts.report()
    cells = " ".join(f"{k}={r[f'{k}_f1']:.4f}" for k in SCORES)
    return f"{name:<16} {cells} sys/gold={counts.system}/{counts.gold}"


def headline(name: str, part: str, docs: int, counts: Counts) -> list[Figure]:
    r = counts.report()
    half = "" if part == "all" else f", {part} half"
    data = f"timex/{name}{half} ({docs} docs)"  # as benchmarks/timex.py names the same set
    return [Figure("storyline", data, f"{k} span F1" if k in ("relaxed", "strict") else f"{k} F1",
                   float(r[f"{k}_f1"])) for k in SCORES]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--root", type=Path, default=_ROOT, help="folder holding tbaq/ and meantime/")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents of each set")
    ap.add_argument("--json", type=Path, help="append the figures to this JSON file")
    args = ap.parse_args(argv)
    parse("Warm the parser up.")
    figures: list[Figure] = []
    for name in ("tbaq", "meantime"):
        docs = read_folder(args.root / name)
        counts = [doc_counts(d) for d in (docs[: args.limit] if args.limit else docs)]
        for part, chosen in (("all", counts), ("even", counts[0::2]), ("odd", counts[1::2])):
            print(line(name if part == "all" else f"{name} {part}", total(chosen)))
            figures += headline(name, part, len(chosen), total(chosen))
    if args.json:
        write(args.json, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
