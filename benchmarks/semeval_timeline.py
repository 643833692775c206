"""SemEval-2015 Task 4 (TimeLine), track A: raw text in, one timeline per target entity out, scored with
temporal-awareness F1 (benchmarks/timeline_score.py).

    .venv/bin/python benchmarks/semeval_timeline.py                  # trial data and the three corpora
    .venv/bin/python benchmarks/semeval_timeline.py --corpus corpus_1 --show airbus

Each corpus's documents (tokens and creation time only) go through storyline as JSONL records into one
store; each target's timeline is ``storyline.timeline(actor=TARGET)``. Every timeline line becomes the
event words of its sentence (``timeline_events.event_tokens``), on the ordinal of its date, anchored at
that date. Choices are made on the trial data; the three test corpora are only reported.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import storyline
from storyline.annotate.nlp import load_nlp
from storyline.models import ActorHappening
from storyline.store import open_store
from timeline_cat import CatDoc, Token, aligned, read_cat, record
from timeline_events import event_tokens
from timeline_score import Counts, Line, Timeline, counts, format_timeline, read_timelines

DATA = Path(__file__).resolve().parents[2] / "shared/eval/timelines/semeval2015-task4"
TASK = DATA / "SemEval_Task4_data"
CORPORA = {
    "trial": (DATA / "Corpus-trial-data_task4", DATA / "TimeLines_trial_data_task4_v1.2"),
    **{
        f"corpus_{n}": (TASK / f"corpus_{n}/corpus_trackA_CAT", TASK / f"corpus_{n}/TimeLines_Gold_Standard")
        for n in (1, 2, 3)
    },
}


def ingest(
    docs: Sequence[CatDoc], folder: Path
) -> tuple[str, dict[str, list[tuple[int, Token]]], dict[str, str]]:
    """The store holding the corpus, each article's token offsets, and each article's document id."""
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(record(d)) + "\n" for d in docs), encoding="utf-8")
    db = str(folder / "corpus.db")
    storyline.ingest([path], db=db, progress=False, engine="local")  # one process: the machine is shared
    store = open_store(db)
    try:
        articles = store.articles()
    finally:
        store.close()
    by_origin = {f"{path}#{n}": d for n, d in enumerate(docs)}
    tokens, doc_of = {}, {}
    for article in articles:
        doc = by_origin.get(article.origin)
        if doc is not None:
            tokens[article.id] = aligned(doc, article.text)
            doc_of[article.id] = doc.doc_id
    return db, tokens, doc_of


def system_timeline(
    target: str,
    lines: Sequence[ActorHappening],
    tokens: dict[str, list[tuple[int, Token]]],
    doc_of: dict[str, str],
    nlp: object,
) -> Timeline:
    days = sorted({x.entry.date for x in lines})
    rows: list[Line] = []
    for x in lines:
        cite = x.entry.citations[0]
        inside = [(at, t) for at, t in tokens.get(cite.article_id, []) if cite.start <= at < cite.end]
        events = [
            f"{doc_of[cite.article_id]}-{t.sentence}-{t.word}"
            for t in event_tokens(x.entry.text, cite.start, x.named, inside, nlp)
        ]
        if events:
            rows.append(Line(days.index(x.entry.date) + 1, x.entry.date, tuple(dict.fromkeys(events))))
    return Timeline(target, tuple(rows))


def run_corpus(name: str, show: str | None) -> Counts:
    docs_dir, gold_dir = CORPORA[name]
    gold = read_timelines(gold_dir)
    docs = [read_cat(p) for p in sorted(docs_dir.glob("*.xml"))]
    nlp = load_nlp()
    total = Counts()
    with tempfile.TemporaryDirectory() as tmp:
        db, tokens, doc_of = ingest(docs, Path(tmp))
        names = _targets(docs_dir.parent)
        for stem, ref in gold.items():
            target = _target(names, ref.target)
            try:
                lines = storyline.timeline(actor=target, db=db, reported=True, progress=False)
            except storyline.InputError:
                lines = []
            system = system_timeline(ref.target, lines, tokens, doc_of, nlp)
            found = counts(system, ref)
            total = total + found
            ours, theirs = _events(system), _events(ref)
            print(
                f"  {stem:<28} P={found.precision:.3f} R={found.recall:.3f} F1={found.f1:.3f} "
                f"events: {len(ours & theirs)} shared of {len(ours)} found, {len(theirs)} gold"
            )
            if stem == show:
                print(format_timeline(system))
    return total


def _targets(corpus: Path) -> list[str]:
    """The task's list of target entities (the input of track A)."""
    paths = sorted(corpus.glob("list_target_entities*.txt"))
    return [n.strip() for p in paths for n in p.read_text(encoding="utf-8").splitlines() if n.strip()]


def _target(listed: list[str], gold_name: str) -> str:
    """The listed spelling of a gold file's target: its first line may misspell it
    ("United States Air Froce")."""
    close = difflib.get_close_matches(gold_name, listed, n=1, cutoff=0.8)
    return close[0] if close else gold_name


def _events(timeline: Timeline) -> set[str]:
    return {e for line in timeline.lines for e in line.events}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=sorted(CORPORA), action="append")
    parser.add_argument("--show", help="print the system timeline of this target (file stem)")
    args = parser.parse_args(argv)
    for name in args.corpus or list(CORPORA):
        print(name)
        total = run_corpus(name, args.show)
        print(
            f"{name}: P={100 * total.precision:.2f} R={100 * total.recall:.2f} F1={100 * total.f1:.2f} "
            f"(micro over {total.ref_total} reference relations)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
