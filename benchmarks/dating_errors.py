"""Document dating errors on a TimeML / MEANTIME folder, with the creation time hidden.

    .venv/bin/python benchmarks/dating_errors.py --data ../shared/eval/timex/tbaq [--show wrong]

Prints one line per document (true day, storyline's day, its confidence and method, the baseline's
day) and the totals of benchmarks/timex.py's "dating" block, plus the share right among the dated
documents and by confidence band; ``--clues`` adds the clues each document gave.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storyline.annotate.dating import _clues, infer_published
from storyline.models import Article, PublishedDate
from timeml import read_folder
from timex import _dating_row, hidden_text, latest_explicit_date


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--show", choices=("all", "wrong", "none"), default="wrong")
    ap.add_argument("--clues", action="store_true", help="print each shown document's clues")
    args = ap.parse_args(argv)
    docs = read_folder(args.data)
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


if __name__ == "__main__":
    raise SystemExit(main())
