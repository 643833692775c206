"""CPU time of what a brief does after annotation, in process, stage by stage (issue 19, one core).

    python benchmarks/after_parse.py [--corpus DIR] [--db FILE] [--rounds N] [--profile FILE] [--json FILE]

The corpus is ingested once into a SQLite file (``--db``, kept between runs and rebuilt when missing);
each round then copies that file and runs on the copy, in this process, what ``storyline brief`` runs
after annotating: a full stories update (dedupe, cluster with every article's features, dating from
the story, actors and compose, the store write), the briefs read back from the store, and the JSON
rendering. Each stage's CPU time (user + system of this process, ``time.process_time``) is printed per
round, with the median over rounds. ``--workers 1`` throughout: every stage runs here.

A full update featurises every article in its cluster stage (a brief computes the features with the
annotation instead); dating reads every article's clues again (a one-worker brief kept them from its
annotation), so its figure is high; otherwise it is the brief's own path. A one-worker brief hands its
update the annotations it made (``update_stories(annotated=...)``) where the tree has that: here they
are decoded from the store before the clock starts and handed over the same way, and a tree without it
reads them from the store inside the update, as its brief does. To compare two trees, run this script
with ``PYTHONPATH`` pointing at each tree's ``src`` in turn (it uses only ``storyline``'s public modules,
which both have).
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import shutil
import statistics
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def build(corpus: Path, db: Path) -> None:
    from storyline import api

    started = time.perf_counter()
    api.ingest([str(corpus)], db=str(db), workers=1, engine="local")
    print(f"built {db} from {corpus} in {time.perf_counter() - started:.1f} s", flush=True)


def one_round(db: Path, profile: cProfile.Profile | None) -> dict[str, float]:
    from storyline.api import open_store
    from storyline.cluster import features
    from storyline.config import Settings
    from storyline.pipeline import brief_from_store, update_stories
    from storyline.progress import Silent, StageClock
    from storyline.render.json import render_json

    # every round starts as a brief's update does: the features a previous round read are not kept (a tree
    # that keeps an article's text features by id would otherwise serve rounds 2 on from that cache)
    getattr(features, "_TEXT_READ", {}).clear()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "store.db"
        shutil.copyfile(db, copy)
        clock = StageClock(time.process_time)  # the CPU seconds of each stage
        settings = Settings()
        store = open_store(str(copy))
        kept = {}
        if "annotated" in inspect.signature(update_stories).parameters:  # as a one-worker brief has them
            kept = {"annotated": store.annotations()}
        if profile is not None:
            profile.enable()
        start = time.process_time()
        try:
            done = update_stories(store, settings, Silent(), clock, full=True, **kept)  # held, as in a brief
            with clock("read back"):
                brief = brief_from_store(store, None, (), [])
            with clock("render json"):
                render_json(brief)
            del done
        finally:
            store.close()
        clock.seconds["total"] = time.process_time() - start
        if profile is not None:
            profile.disable()
        return clock.seconds


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--corpus", type=Path, default=SHARED / "eval" / "ecbplus")
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "storyline-after-parse.db")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the rounds here")
    parser.add_argument("--json", type=Path, help="append each stage's median CPU seconds here (figures.py)")
    args = parser.parse_args()
    if not args.db.exists():
        build(args.corpus, args.db)
    from storyline.annotate.nlp import use_model
    from storyline.config import Settings

    use_model(Settings().spacy_model)  # loaded before the rounds, as a brief has it loaded already
    profile = cProfile.Profile() if args.profile else None
    rounds = []
    for n in range(args.rounds):
        seconds = one_round(args.db, profile)
        rounds.append(seconds)
        print(f"round {n + 1}: " + ", ".join(f"{k} {v:.2f}" for k, v in seconds.items()), flush=True)
    stages = list(dict.fromkeys(k for r in rounds for k in r))
    print("median CPU s: " + ", ".join(f"{k} {statistics.median(r.get(k, 0.0) for r in rounds):.2f}"
                                      for k in stages))  # fmt: skip
    if profile is not None:
        profile.dump_stats(str(args.profile))
    if args.json:  # benchmarks/figures.py's schema, so that `make bench` adds them to the table
        from figures import Figure, write

        data = f"{args.corpus.name}, one worker, after annotation"
        write(args.json, [
            Figure("storyline", data, f"{stage} CPU seconds (median of {len(rounds)})",
                   round(statistics.median(r.get(stage, 0.0) for r in rounds), 3))
            for stage in stages
        ])  # fmt: skip


if __name__ == "__main__":
    main()
