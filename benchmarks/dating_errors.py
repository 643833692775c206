"""Document dating errors on a TimeML / MEANTIME folder, with the creation time hidden.

    .venv/bin/python benchmarks/dating_errors.py --data ../shared/eval/timex/tbaq [--show wrong]

Prints one line per document (true day, storyline's day, its confidence and method, the baseline's
day) and the totals of benchmarks/timex.py's "dating" block, plus the share right among the dated
documents and by confidence band; ``--clues`` adds the clues each document gave. ``--stats`` prints
instead how far each kind of clue lies from the true day, by tense: the counts behind the likelihood
tables of storyline.annotate.dating. ``--module`` dates with another copy of dating.py (an earlier
version: ``git show REV:src/storyline/annotate/dating.py > /tmp/old_dating.py``); ``--timing`` adds
the seconds the folder took and the milliseconds per article of story dating over ../shared/seeds
(each seed dated from the others, twice: the second pass is what a story update costs once the
articles have been read). ``--json FILE`` appends the dating figures (and, with ``--timing``, the
times) to FILE (benchmarks/figures.py's schema), named as benchmarks/timex.py names them.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import Figure, write
from storyline.annotate import dating
from storyline.annotate.dating import _clues
from storyline.models import Article, PublishedDate
from timeml import GoldDoc, read_folder
from timex import DATING_METRICS, _dating_row, data_label, hidden_text, latest_explicit_date


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--show", choices=("all", "wrong", "none"), default="wrong")
    ap.add_argument("--clues", action="store_true", help="print each shown document's clues")
    ap.add_argument("--stats", action="store_true", help="print the clues' distances to the true day")
    ap.add_argument("--module", type=Path, help="another dating.py to date with")
    ap.add_argument("--timing", action="store_true", help="time the folder and story dating of the seeds")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--json", type=Path, help="append the figures to this JSON file")
    args = ap.parse_args(argv)
    docs = read_folder(args.data)
    docs = docs[: args.limit] if args.limit else docs
    figures: list[Figure] = []
    data = data_label(args.data, None, len(docs))
    if args.stats:
        print_stats(docs)
        return 0
    module = _load(args.module) if args.module else dating
    infer_published: Callable[[Article], PublishedDate] = module.infer_published  # type: ignore[attr-defined]
    started = time.perf_counter()
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
    seconds = time.perf_counter() - started
    truth = [d.dct for d in docs]
    for system, found_days in (("storyline", ours), ("latest_explicit_date", base)):
        row = _dating_row(found_days, truth)
        print(system, row)
        figures += [Figure(system, data, name, float(row[key])) for key, name in DATING_METRICS.items()]
    dated = [(f, t, c) for f, t, c in zip(ours, truth, confidence, strict=True) if f is not None]
    if dated:
        right = sum(f == t for f, t, _ in dated) / len(dated)
        print(f"right among dated: {right:.3f} of {len(dated)}")
        among = "dating, creation time hidden: exact day among dated"
        figures.append(Figure("storyline", data, among, right))
        for days in (7, 31, 366):
            near = sum(abs((f - t).days) <= days for f, t, _ in dated)
            print(f"within {days} days among dated: {near}/{len(dated)}")
    for lo, hi in ((0.0, 0.3), (0.3, 0.6), (0.6, 1.01)):
        band = [(f, t) for f, t, c in dated if lo <= c < hi]
        if band:
            print(f"confidence {lo:.1f}-{hi:.1f}: {sum(f == t for f, t in band)}/{len(band)} right")
    if args.timing:
        print(f"folder: {seconds:.2f} s for {len(docs)} documents (with the baseline and the printing)")
        first, again = _story_timing(module)
        print(f"seeds story dating: {first:.1f} ms per article read afresh, {again:.1f} ms once read")
        figures += [
            Figure("storyline", data, "dating the folder, baseline included: wall seconds", seconds),
            Figure("storyline", "seeds", "story dating ms per article, read afresh", first),
            Figure("storyline", "seeds", "story dating ms per article, once read", again),
        ]
    if args.json:
        write(args.json, figures)
    return 0


def _load(path: Path) -> object:
    spec = importlib.util.spec_from_file_location("dating_under_test", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["dating_under_test"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_DAYS = (date(2022, 3, 28), date(2022, 3, 28), date(2022, 3, 28), date(2022, 3, 29), date(2022, 3, 13))


def _story_timing(module: object) -> tuple[float, float]:
    """Milliseconds per article of dating each seed from the other four, first and second pass."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    dated = [
        Article(id=str(i), origin=str(i), text=t, published=PublishedDate(d, "metadata", "seed", 1.0))
        for i, (t, d) in enumerate(zip(texts, SEED_DAYS, strict=True))
    ]
    infer_from_peers = module.infer_from_peers  # type: ignore[attr-defined]
    passes = []
    for _ in range(2):
        started = time.perf_counter()
        for i, article in enumerate(dated):
            lone = Article(
                id=article.id, origin=article.origin, text=article.text, published=PublishedDate.unknown()
            )
            infer_from_peers(lone, dated[:i] + dated[i + 1 :])
        passes.append((time.perf_counter() - started) * 1000 / len(dated))
    return passes[0], passes[1]


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
