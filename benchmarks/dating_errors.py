"""Document dating errors on a TimeML / MEANTIME folder, with the creation time hidden.

    .venv/bin/python benchmarks/dating_errors.py --data ../shared/eval/timex/tbaq [--show wrong]

Prints one line per document (true day, storyline's day, its confidence and method, the baseline's
day) and the totals of benchmarks/timex.py's "dating" block, plus the share right among the dated
documents and by confidence band; ``--clues`` adds the clues each document gave. ``--stats`` prints
instead how far each kind of clue lies from the true day, by tense: the counts behind the likelihood
tables of storyline.annotate.dating.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storyline.annotate.dating import _clues, infer_published
from storyline.models import Article, PublishedDate
from timeml import GoldDoc, read_folder
from timex import _dating_row, hidden_text, latest_explicit_date


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--show", choices=("all", "wrong", "none"), default="wrong")
    ap.add_argument("--clues", action="store_true", help="print each shown document's clues")
    ap.add_argument("--stats", action="store_true", help="print the clues' distances to the true day")
    args = ap.parse_args(argv)
    docs = read_folder(args.data)
    if args.stats:
        print_stats(docs)
        return 0
    ours, base, confidence = [], [], []
    for i, doc in enumerate(docs):
        text = hidden_text(doc)
        article = Article(id=str(i), origin=doc.name, text=text, published=PublishedDate.unknown())
        found = infer_published(article)
        ours.append(found.value)
        confidence.append(found.confidence)
        base.append(latest_explicit_date(text))
        right = found.value == doc.dct
        if args.show == "all" or (args.show == "wrong" and not right and found.value is not None):
            print(
                f"{'OK ' if right else 'BAD'} {doc.name[:50]:50} true {doc.dct} ours {found.value} "
                f"{found.confidence:.2f} {found.method:8} base {base[-1]}"
            )
            if args.clues:
                for clue in _clues(article, None):
                    print(
                        f"      {clue.kind:9} {clue.direction:+d} {clue.text!r} "
                        f"{clue.year or ''}-{clue.month or ''}-{clue.day or ''} wd={clue.weekday}"
                    )
    truth = [d.dct for d in docs]
    print("storyline", _dating_row(ours, truth))
    print("latest_explicit_date", _dating_row(base, truth))
    dated = [(f, t, c) for f, t, c in zip(ours, truth, confidence, strict=True) if f is not None]
    if dated:
        print(f"right among dated: {sum(f == t for f, t, _ in dated) / len(dated):.3f} of {len(dated)}")
        for days in (7, 31, 366):
            near = sum(abs((f - t).days) <= days for f, t, _ in dated)
            print(f"within {days} days among dated: {near}/{len(dated)}")
    for lo, hi in ((0.0, 0.3), (0.3, 0.6), (0.6, 1.01)):
        band = [(f, t) for f, t, c in dated if lo <= c < hi]
        if band:
            print(f"confidence {lo:.1f}-{hi:.1f}: {sum(f == t for f, t in band)}/{len(band)} right")
    return 0


_EDGES = (-365, -60, -7, 0, 1, 2, 4, 8, 31, 61, 366)


def _bucket(gap: int) -> str:
    """The bucket of ``gap`` (true day minus the clue's day): "[lo,hi)"."""
    lows = [e for e in _EDGES if e <= gap]
    if not lows:
        return f"<{_EDGES[0]}"
    lo = lows[-1]
    later = [e for e in _EDGES if e > gap]
    return f"[{lo},{later[0]})" if later else f">={lo}"


def print_stats(docs: Sequence[GoldDoc]) -> None:
    """Days from each clue to the true day (weekdays: days since the last such weekday; years:
    the true year minus the year named), by kind of clue and tense."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for i, doc in enumerate(docs):
        article = Article(
            id=str(i), origin=doc.name, text=hidden_text(doc), published=PublishedDate.unknown()
        )
        for clue in _clues(article, None):
            paired = " paired" if clue.weekday >= 0 and clue.kind != "weekday" else ""
            key = f"{clue.kind}{paired} {clue.direction:+d}"
            if clue.kind == "weekday":
                counts[key][str((doc.dct.weekday() - clue.weekday) % 7)] += 1
            elif clue.kind == "year":
                counts[key][str(max(-3, min(6, doc.dct.year - clue.year)))] += 1
            elif clue.kind in ("day", "month_day", "dateline"):
                years = [clue.year] if clue.year else [doc.dct.year - 1, doc.dct.year, doc.dct.year + 1]
                gaps = [(doc.dct - day).days for y in years if (day := _day(y, clue.month, clue.day))]
                if gaps:
                    counts[key][_bucket(min(gaps, key=abs))] += 1
    for key in sorted(counts):
        total = sum(counts[key].values())
        shown = " ".join(f"{b}:{n}" for b, n in sorted(counts[key].items(), key=lambda kv: _order(kv[0])))
        print(f"{key:22} {total:4}  {shown}")


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _order(bucket: str) -> float:
    digits = bucket.lstrip("[<>=").split(",")[0]
    return float(digits) - (0.5 if bucket.startswith("<") else 0)


if __name__ == "__main__":
    raise SystemExit(main())
