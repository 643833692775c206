"""The annotator's own work around the parse (issue 19), and proof that cutting it changed nothing.

    python benchmarks/annotate_work.py profile --corpus ../shared/eval/ecbplus [--rounds 2] [--top 25]
    python benchmarks/annotate_work.py candidates --out FILE
    python benchmarks/annotate_work.py annotations --out FILE

Run each command under the code to measure (``PYTHONPATH=/tmp/export/src`` for a clean export of a
commit), then compare the files of two commits byte for byte.

- ``profile``: in one process, the CPU time of a bare parse of the corpus's extracted articles (their
  texts in batches of 16 and their headlines in batches of 64, as the annotator parses them), then of
  ``annotate_each`` over the same articles; the annotator's own work is the difference. Rounds
  alternate the two. ``--top N`` then runs ``annotate_each`` once under cProfile and prints the
  storyline functions that take the most time of their own, and the cumulative time of the stages.
- ``candidates``: every English time-expression candidate (``timex.finder._candidates``: span,
  priority, rule and every group's span) of every text of ECB+, the seeds, PolNeAR train, the
  TimeBank/AQUAINT and MEANTIME TimeML folders and the four languages of MEANTIME (../shared/eval).
  No parse is needed, so every text of those sets is read.
- ``annotations``: ``annotate_each`` of the extracted articles of ECB+, the seeds and the first 60
  PolNeAR train texts, serialized (``storyline.serialize.to_jsonable``).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import Figure, write
from multilingual import read_docs
from polnear import load as load_polnear
from storyline.config import load_settings
from storyline.models import Article
from storyline.pipeline import read_and_extract
from storyline.progress import Silent
from timeml import read_folder

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SEEDS = EVAL.parent / "seeds"
POLNEAR = EVAL / "quotes" / "polnear" / "train"
POLNEAR_SLICE = 60
STAGES = ("find_mentions", "find_quotes", "_candidates", "read_slots", "mark_asides", "read_clues")


def extracted(inputs: Sequence[str]) -> list[Article]:
    articles, _ = read_and_extract(list(inputs), load_settings(), Silent())
    return articles


def polnear_files(limit: int) -> list[str]:
    return [str(p) for p in sorted((POLNEAR / "text").glob("*.txt"))[:limit]]


def every_text() -> dict[str, list[str]]:
    """The texts of every set, by set, in a fixed order."""
    multilingual = read_docs(EVAL / "multilingual" / "meantime")
    return {
        "ecbplus": [a.text for a in extracted([str(EVAL / "ecbplus")])],
        "seeds": [a.text for a in extracted([str(SEEDS)])],
        "polnear": [d.text for d in load_polnear(POLNEAR)],
        "tbaq": [d.text for d in read_folder(EVAL / "timex" / "tbaq")],
        "meantime": [d.text for d in read_folder(EVAL / "timex" / "meantime")],
        **{
            f"meantime-{code}": [d.text for d in multilingual if d.language == code]
            for code in ("en", "es", "it", "nl")
        },
    }


def candidates(out: Path) -> None:
    from storyline.annotate.timex.finder import _candidates

    report: dict[str, Any] = {}
    for name, texts in every_text().items():
        started = time.process_time()
        found = [
            [
                [c.start, c.end, c.priority, c.rule, [c.match.span(g) for g in range(c.match.re.groups + 1)]]
                for c in _candidates(text)
            ]
            for text in texts
        ]
        seconds = time.process_time() - started
        report[name] = found
        count = sum(len(f) for f in found)
        print(f"{name}: {len(texts)} texts, {count} candidates, {seconds:.2f} s CPU", file=sys.stderr)
    out.write_text(json.dumps(report), encoding="utf-8")


def annotations(out: Path) -> None:
    from storyline.annotate.annotator import annotate_each
    from storyline.serialize import to_jsonable

    report = {}
    for name, inputs in (
        ("ecbplus", [str(EVAL / "ecbplus")]),
        ("seeds", [str(SEEDS)]),
        ("polnear", polnear_files(POLNEAR_SLICE)),
    ):
        articles = extracted(inputs)
        report[name] = to_jsonable(annotate_each(articles))
        print(f"{name}: {len(articles)} articles", file=sys.stderr)
    out.write_text(json.dumps(report, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def bare_parse(articles: Sequence[Article]) -> None:
    """What the annotator parses, and nothing else: texts in batches of 16, headlines of 64."""
    from storyline.annotate.nlp import parse_texts

    titles = list(dict.fromkeys(a.title for a in articles if a.title and a.title != a.text))
    for _ in parse_texts(titles, batch_size=64):
        pass
    for _ in parse_texts(list(dict.fromkeys(a.text for a in articles)), batch_size=16):
        pass


def profile(corpus: str, rounds: int, top: int, json_out: Path | None = None) -> None:
    from storyline.annotate.annotator import annotate_each, within_limit

    articles = [within_limit(a) for a in extracted([corpus])]
    annotate_each(articles[:4])  # the model loads and warms up outside the clock
    shares = []
    for n in range(1, rounds + 1):
        started = time.process_time()
        bare_parse(articles)
        parse = time.process_time() - started
        started = time.process_time()
        annotate_each(articles)
        whole = time.process_time() - started
        own = whole - parse
        shares.append(own / parse)
        print(
            f"round {n}: {len(articles)} articles; bare parse {parse:.2f} s CPU, annotate_each "
            f"{whole:.2f} s, own work {own:.2f} s = {own / parse:.3f}x the parse"
        )
    if json_out is not None:
        data = f"{Path(corpus).name}, {len(articles)} articles"
        metric = f"annotate stage's own work / its parse, CPU (median of {rounds})"
        write(json_out, [Figure("storyline", data, metric, round(sorted(shares)[len(shares) // 2], 3))])
    if top:
        profiler = cProfile.Profile()
        profiler.runcall(annotate_each, articles)
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats("storyline", top)
        stats.sort_stats("cumulative").print_stats("|".join(STAGES))


def main(argv: Sequence[str] | None = None) -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    commands = parser.add_subparsers(dest="command", required=True)
    prof = commands.add_parser("profile")
    prof.add_argument("--corpus", default=str(EVAL / "ecbplus"))
    prof.add_argument("--rounds", type=int, default=2)
    prof.add_argument("--top", type=int, default=0)
    prof.add_argument("--json", type=Path, help="append the own-work share to this figures file")
    for name in ("candidates", "annotations"):
        commands.add_parser(name).add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "profile":
        profile(args.corpus, args.rounds, args.top, args.json)
    elif args.command == "candidates":
        candidates(args.out)
    else:
        annotations(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
