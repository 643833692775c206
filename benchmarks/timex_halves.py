"""Storyline's timex scores on both shared sets and each of their halves, in one run.

    .venv/bin/python benchmarks/timex_halves.py

One line per set and part (all, even, odd): relaxed, strict, value and type F1. The halves are the
``--part even|odd`` split of ``timex.py``, here computed from a single pass over each set, so that a
change can be checked against the other set and both held-out halves at once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

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


def line(name: str, counts: Counts) -> str:
    r = counts.report()
    cells = " ".join(f"{k}={r[f'{k}_f1']:.4f}" for k in ("relaxed", "strict", "value", "type"))
    return f"{name:<16} {cells} sys/gold={counts.system}/{counts.gold}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--root", type=Path, default=_ROOT, help="folder holding tbaq/ and meantime/")
    args = ap.parse_args(argv)
    parse("Warm the parser up.")
    for name in ("tbaq", "meantime"):
        counts = [doc_counts(d) for d in read_folder(args.root / name)]
        print(line(name, total(counts)))
        print(line(f"{name} even", total(counts[0::2])))
        print(line(f"{name} odd", total(counts[1::2])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
