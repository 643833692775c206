"""Error dump for the time-expression normaliser: what storyline got wrong, grouped by rule.

    .venv/bin/python benchmarks/timex_errors.py --data ../shared/eval/timex/tbaq
    .venv/bin/python benchmarks/timex_errors.py --data ../shared/eval/timex/meantime --kind value

Prints value mismatches (gold vs system value, with the words around them), missed gold mentions
and spurious system mentions, each grouped by the rule that produced the system mention (missed
ones by their gold text's shape), largest group first. ``--part even|odd`` keeps every other
document (by file name), to develop on one half and check on the other. ``--json FILE`` appends
the totals of each kind to FILE (benchmarks/figures.py's schema).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import Figure, write
from storyline.annotate.timex import find_times
from storyline.annotate.timex.finder import _candidates
from timeml import GoldDoc, read_folder
from timex_score import Mention, align


def rule_of(text: str, start: int, end: int) -> str:
    """The rule whose candidate spans exactly ``start..end`` (the first by priority)."""
    for cand in _candidates(text):
        if (cand.start, cand.end) == (start, end):
            return cand.rule
    return "?"


def context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"{left}[[{text[start:end]}]]{right}"


def shape(words: str) -> str:
    """A coarse shape of a missed gold text: digits → 9, lowercase kept for short words."""
    return re.sub(r"\d", "9", words.lower())[:30]


def dump(docs: Sequence[GoldDoc], kinds: set[str], per_group: int) -> dict[str, int]:
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc in docs:
        found = find_times(doc.text, doc.dct)
        system = [Mention(t.start, t.end, t.value, t.type) for t in found if doc.scored(t.start, t.end)]
        gold = [Mention(t.start, t.end, t.value, t.type) for t in doc.timexes]
        pairs = align(system, gold)
        matched_s = {(s.start, s.end) for s, _ in pairs}
        matched_g = {(g.start, g.end) for _, g in pairs}
        head = f"{doc.name} dct={doc.dct}"
        for s, g in pairs:
            rule = rule_of(doc.text, s.start, s.end)
            if "value" in kinds and s.value != g.value:
                line = f"{head} gold={g.value} sys={s.value} | {context(doc.text, g.start, g.end)}"
                groups[("value", rule)].append(line)
            if "strict" in kinds and (s.start, s.end) != (g.start, g.end):
                line = f"{head} sys={doc.text[s.start : s.end]!r} | {context(doc.text, g.start, g.end)}"
                groups[("strict", rule)].append(line)
        if "missed" in kinds:
            for g in gold:
                if (g.start, g.end) not in matched_g:
                    line = f"{head} gold={g.value} {g.type} | {context(doc.text, g.start, g.end)}"
                    groups[("missed", shape(doc.text[g.start : g.end]))].append(line)
        if "spurious" in kinds:
            for s in system:
                if (s.start, s.end) not in matched_s:
                    rule = rule_of(doc.text, s.start, s.end)
                    line = f"{head} sys={s.value} | {context(doc.text, s.start, s.end)}"
                    groups[("spurious", rule)].append(line)
    totals: dict[str, int] = defaultdict(int)
    for (kind, _), lines in groups.items():
        totals[kind] += len(lines)
    print("totals:", dict(totals))
    for (kind, key), lines in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"\n== {kind} / {key}: {len(lines)}")
        for line in lines[:per_group]:
            print("  ", line)
    return dict(totals)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--kind", action="append", choices=["value", "missed", "spurious", "strict"])
    ap.add_argument("--part", choices=["even", "odd"], help="every other document, by file name")
    ap.add_argument("--per-group", type=int, default=1000)
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--json", type=Path, help="append the totals to this JSON file")
    args = ap.parse_args(argv)
    docs = read_folder(args.data)
    if args.part:
        docs = docs[(0 if args.part == "even" else 1) :: 2]
    if args.limit:
        docs = docs[: args.limit]
    kinds = args.kind or ["value", "missed", "spurious"]
    totals = dump(docs, set(kinds), args.per_group)
    if args.json:
        half = f", {args.part} half" if args.part else ""
        data = f"{args.data.parent.name}/{args.data.name}{half} ({len(docs)} docs)"
        write(args.json, [Figure("storyline", data, ERRORS[k], float(totals.get(k, 0))) for k in kinds])
    return 0


ERRORS = {
    "value": "wrong values among matched mentions (count)",
    "missed": "gold mentions missed (count)",
    "spurious": "spurious mentions (count)",
    "strict": "matched mentions with inexact spans (count)",
}


if __name__ == "__main__":
    raise SystemExit(main())
