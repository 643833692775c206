"""How much a better tense reading could still gain: each tense-dependent mention resolved three
ways (our parse, always back, always forward) against the gold value.

    .venv/bin/python benchmarks/timex_tense_ceiling.py --data ../shared/eval/timex/tbaq

Counts, over relaxed matches of the rules whose value depends on the clause's tense: mentions whose
value is the same both ways ("insensitive"), right with our reading ("ours_ok"), right only with the
other reading ("flip_ok", printed one per line: the ceiling of any tie-breaker, learned or not) and
right neither way ("none_ok": a convention or an anchor problem, not a tense problem).
``--json FILE`` appends the four counts to FILE (benchmarks/figures.py's schema).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import Figure, write
from storyline.annotate.timex.finder import _TENSED, SentenceParser, find_times_with
from storyline.annotate.timex.tense import DirectionOf
from timeml import GoldDoc, read_folder
from timex_errors import context, rule_of
from timex_score import Mention, align


def _values(doc: GoldDoc, direction: DirectionOf) -> dict[tuple[int, int], str]:
    return {(t.start, t.end): t.value for t in find_times_with(doc.text, doc.dct, direction)}


def tally(doc: GoldDoc, counts: Counter[str]) -> None:
    ours = _values(doc, SentenceParser(doc.text).direction)
    back = _values(doc, lambda s, e: -1)
    ahead = _values(doc, lambda s, e: 1)
    system = [Mention(s, e, v, "") for (s, e), v in ours.items() if doc.scored(s, e)]
    gold = [Mention(t.start, t.end, t.value, t.type) for t in doc.timexes]
    for s, g in align(system, gold):
        if rule_of(doc.text, s.start, s.end) not in _TENSED:
            continue
        key = (s.start, s.end)
        if back.get(key) == ahead.get(key):
            counts["insensitive"] += 1
        elif ours[key] == g.value:
            counts["ours_ok"] += 1
        elif g.value in (back.get(key), ahead.get(key)):
            counts["flip_ok"] += 1
            where = context(doc.text, s.start, s.end)
            print(f"{doc.name} dct={doc.dct} gold={g.value} ours={ours[key]} | {where}")
        else:
            counts["none_ok"] += 1


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--part", choices=["even", "odd"], help="every other document, by file name")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--json", type=Path, help="append the counts to this JSON file")
    args = ap.parse_args(argv)
    docs = read_folder(args.data)
    if args.part:
        docs = docs[(0 if args.part == "even" else 1) :: 2]
    if args.limit:
        docs = docs[: args.limit]
    counts: Counter[str] = Counter()
    for doc in docs:
        tally(doc, counts)
    print(dict(counts))
    if args.json:
        half = f", {args.part} half" if args.part else ""
        data = f"{args.data.parent.name}/{args.data.name}{half} ({len(docs)} docs)"
        kinds = ("insensitive", "ours_ok", "flip_ok", "none_ok")
        metric = "tense-dependent mentions: {} (count)".format
        write(args.json, [Figure("storyline", data, metric(k), float(counts[k])) for k in kinds])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
