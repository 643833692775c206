"""Quality gate for event and story clustering: a fixed slice of ECB+ (the first five topics by number)
must stay at or above the floors pinned in ``quality_floors/cluster.json``, in one batch and in shuffled
batches.

Lowering a floor is an explicit, reviewed change to that file. The full figures, with the hindsight-tuned
baseline beside them, come from ``benchmarks/clustering.py``.
"""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path

import pytest

from cluster_lite import annotate_lite
from cluster_scoring import LabelledDoc, bcubed, read_event_folders
from storyline.cluster import Clusterer
from storyline.dedupe import group_duplicates
from storyline.models import AnnotatedArticle, Article, PublishedDate

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecbplus"
FLOORS = json.loads((Path(__file__).parent / "quality_floors" / "cluster.json").read_text())
TOPICS = ("1", "2", "3", "4", "5")


@cache
def _slice() -> tuple[list[LabelledDoc], list[AnnotatedArticle]]:
    docs = read_event_folders(EVAL, TOPICS)
    articles = [
        Article(d.id, d.id, f"{d.title}\n\n{d.text}".strip(), PublishedDate.unknown(), title=d.title or None)
        for d in docs
    ]
    return docs, annotate_lite(articles, "spacy")


def _scores(clusterer: Clusterer, docs: list[LabelledDoc]) -> dict[str, float]:
    events = {a: e.id for e in clusterer.events() for a in e.article_ids}
    stories = {a: s.id for s in clusterer.stories() for a in s.article_ids}
    return {
        "event_b3_f1": bcubed({d.id: d.event for d in docs}, events).f1,
        "story_b3_f1": bcubed({d.id: d.story for d in docs}, stories).f1,
    }


needs_ecb = pytest.mark.skipif(not EVAL.exists(), reason="needs ../shared/eval/ecbplus beside the clone")


@needs_ecb
def test_clustering_stays_above_its_floors() -> None:
    docs, annotated = _slice()
    clusterer = Clusterer()
    clusterer.add(annotated, group_duplicates([a.article for a in annotated]))
    found = _scores(clusterer, docs)
    below = {k: (found[k], FLOORS[k]) for k in ("event_b3_f1", "story_b3_f1") if found[k] < FLOORS[k]}
    assert not below, f"below the pinned floor (found, floor): {below}"


@needs_ecb
def test_shuffled_batches_stay_close_to_one_batch() -> None:
    docs, annotated = _slice()
    whole = Clusterer()
    whole.add(annotated, group_duplicates([a.article for a in annotated]))
    order = list(annotated)
    random.Random(5).shuffle(order)
    batched = Clusterer()
    for start in range(0, len(order), 25):
        seen = [a.article for a in order[: start + 25]]
        batched.add(order[start : start + 25], group_duplicates(seen))
    gap = abs(_scores(whole, docs)["event_b3_f1"] - _scores(batched, docs)["event_b3_f1"])
    assert gap <= FLOORS["max_batch_gap"]
