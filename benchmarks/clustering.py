"""Event and story clustering quality on a folder laid out like ECB+, against a hindsight-tuned baseline.

    .venv/bin/python benchmarks/clustering.py --data ../shared/eval/ecbplus

Prints B-cubed and pairwise P/R/F1 at the event level (folders) and the story level (topics) for
storyline's default configuration; then a TF-IDF + average-linkage baseline at the single best threshold
on that same data (so tuned with hindsight); then the incremental check: the same documents in shuffled
batches of 50, the event-level F1 against the single batch, and whether any id changed meaning.

For a development loop, ``--cache FILE`` keeps the spaCy annotation (about a minute on ECB+) in a pickle
and reuses it while the documents and the mode are the same; ``--halves`` also clusters the odd- and the
even-numbered topics each on their own (a change fitted to some topics shows as a gap between them);
``--errors`` lists the wrong merges and splits at both levels; ``--cross`` chooses the event and then the
story threshold on one half of the topics (the best B-cubed F1 on a grid) and reports them on the other.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import pickle
import random
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist
from sklearn.feature_extraction.text import TfidfVectorizer

from cluster_lite import Mode, annotate_lite
from cluster_scoring import (
    LabelledDoc,
    Scores,
    bcubed,
    confusions,
    pairwise,
    read_event_folders,
    topic_half,
)
from storyline.cluster import ClusterConfig, Clusterer
from storyline.dedupe import group_duplicates
from storyline.models import AnnotatedArticle, Article, PublishedDate

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecbplus"


def to_article(doc: LabelledDoc) -> Article:
    # ECB+ keeps the lead sentence in ``title``: it belongs to the text
    text = f"{doc.title}\n\n{doc.text}".strip()
    return Article(doc.id, doc.id, text, PublishedDate.unknown(), title=doc.title or None)


def annotate(docs: Sequence[LabelledDoc], mode: str) -> list[AnnotatedArticle]:
    articles = [to_article(d) for d in docs]
    if mode == "pipeline":
        from storyline.annotate.annotator import annotate_articles

        return annotate_articles(articles)
    lite: Mode = "cheap" if mode == "cheap" else "spacy"
    return annotate_lite(articles, lite)


def cached_annotate(docs: Sequence[LabelledDoc], mode: str, cache: Path | None) -> list[AnnotatedArticle]:
    """``annotate``, read from ``cache`` when it was written for these documents in this mode."""
    digest = hashlib.sha1("\n".join([mode, *(d.id for d in docs)]).encode()).hexdigest()
    if cache is not None and cache.exists():
        stored_digest, stored = pickle.loads(cache.read_bytes())  # our own file, written below
        if stored_digest == digest:
            return list(stored)
    annotated = annotate(docs, mode)
    if cache is not None:
        cache.write_bytes(pickle.dumps((digest, annotated)))
    return annotated


def labels(docs: Sequence[LabelledDoc]) -> tuple[dict[str, str], dict[str, str]]:
    return {d.id: d.event for d in docs}, {d.id: d.story for d in docs}


def report(name: str, gold: dict[str, str], predicted: dict[str, str]) -> Scores:
    b3, pw = bcubed(gold, predicted), pairwise(gold, predicted)
    print(f"  {name:<8} B-cubed {b3}   pairwise {pw}")
    return b3


def storyline_scores(
    annotated: Sequence[AnnotatedArticle], docs: Sequence[LabelledDoc], errors: bool = False
) -> float:
    groups = group_duplicates([a.article for a in annotated])
    started = time.perf_counter()
    result = Clusterer().add(annotated, groups)
    elapsed = time.perf_counter() - started
    events = {a: e.id for e in result.events for a in e.article_ids}
    stories = {a: s.id for s in result.stories for a in s.article_ids}
    gold_events, gold_stories = labels(docs)
    counts = f"{len(result.events)} events, {len(result.stories)} stories"
    print(f"storyline ({counts}, clustering {elapsed:.2f}s)")
    event_f1 = report("event", gold_events, events).f1
    report("story", gold_stories, stories)
    if errors:
        print_confusions(docs, events, stories)
    return event_f1


def print_confusions(docs: Sequence[LabelledDoc], events: dict[str, str], stories: dict[str, str]) -> None:
    """Wrong merges as the gold clusters they mix, splits as the sizes of their pieces."""
    gold_events, gold_stories = labels(docs)
    for level, gold, predicted in (("event", gold_events, events), ("story", gold_stories, stories)):
        for found in confusions(gold, predicted):
            if found.kind == "merge":
                print(f"    {level} merge: {dict(found.sizes)}")
            else:
                print(f"    {level} split: {found.cluster} {[n for _, n in found.sizes]}")


def halves(annotated: Sequence[AnnotatedArticle], docs: Sequence[LabelledDoc]) -> None:
    """Each half of the topics clustered on its own: a change fitted to some topics shows as a gap."""
    by_id = {a.article.id: a for a in annotated}
    for name, odd in (("odd", True), ("even", False)):
        half = topic_half(docs, odd)
        if not half:
            continue
        print(f"{name}-numbered topics alone ({len(half)} docs):", end=" ")
        storyline_scores([by_id[d.id] for d in half], half)


EVENT_GRID = [round(x, 3) for x in np.arange(0.15, 0.36, 0.01)]
STORY_GRID = [round(x, 3) for x in np.arange(0.02, 0.25, 0.01)]


def _scores_at(
    annotated: Sequence[AnnotatedArticle], docs: Sequence[LabelledDoc], config: ClusterConfig
) -> tuple[Scores, Scores]:
    result = Clusterer(config).add(annotated, group_duplicates([a.article for a in annotated]))
    gold_events, gold_stories = labels(docs)
    events = {a: e.id for e in result.events for a in e.article_ids}
    stories = {a: s.id for s in result.stories for a in s.article_ids}
    return bcubed(gold_events, events), bcubed(gold_stories, stories)


def choose(annotated: Sequence[AnnotatedArticle], docs: Sequence[LabelledDoc]) -> ClusterConfig:
    """The event threshold with the best event F1, then (with it) the story threshold with the best
    story F1; ties go to the middle of the tied run, the least fitted choice."""
    base = ClusterConfig()
    event_f1 = [_scores_at(annotated, docs, dataclasses.replace(base, event_threshold=t))[0].f1
                for t in EVENT_GRID]
    event = EVENT_GRID[_middle_of_best(event_f1)]
    story_f1 = [
        _scores_at(annotated, docs, dataclasses.replace(base, event_threshold=event, story_threshold=t))[1].f1
        for t in STORY_GRID
    ]
    story = STORY_GRID[_middle_of_best(story_f1)]
    return dataclasses.replace(base, event_threshold=event, story_threshold=story)


def _middle_of_best(values: Sequence[float]) -> int:
    best = max(values)
    tied = [k for k, v in enumerate(values) if v >= best - 1e-9]
    return tied[len(tied) // 2]


def cross(annotated: Sequence[AnnotatedArticle], docs: Sequence[LabelledDoc]) -> None:
    """Thresholds chosen on one half of the topics, reported on the other (and on itself, for the gap)."""
    by_id = {a.article.id: a for a in annotated}
    halves_ = {name: topic_half(docs, odd) for name, odd in (("odd", True), ("even", False))}
    for chosen_on, reported_on in (("odd", "even"), ("even", "odd")):
        fit_docs, test_docs = halves_[chosen_on], halves_[reported_on]
        config = choose([by_id[d.id] for d in fit_docs], fit_docs)
        test = _scores_at([by_id[d.id] for d in test_docs], test_docs, config)
        own = _scores_at([by_id[d.id] for d in fit_docs], fit_docs, config)
        print(f"chosen on {chosen_on} (event {config.event_threshold}, story {config.story_threshold}):"
              f" {reported_on} event {test[0]}  story {test[1]};"
              f" {chosen_on} itself event {own[0].f1:.3f} story {own[1].f1:.3f}")


def half_baselines(docs: Sequence[LabelledDoc]) -> None:
    for name, odd in (("odd", True), ("even", False)):
        print(f"{name} topics:", end=" ")
        baseline(topic_half(docs, odd))


def baseline(docs: Sequence[LabelledDoc]) -> None:
    """TF-IDF + average-linkage agglomerative clustering at the best single threshold per level."""
    tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [f"{d.title}\n{d.text}" for d in docs]
    )
    # one dendrogram (the same as sklearn's AgglomerativeClustering, average linkage, cosine), cut at each
    # threshold
    tree = linkage(pdist(tfidf.toarray(), metric="cosine"), method="average")
    gold_events, gold_stories = labels(docs)
    print("baseline: TF-IDF + average linkage, best threshold in hindsight")
    for level, gold in (("event", gold_events), ("story", gold_stories)):
        best: tuple[float, float, dict[str, str]] = (-1.0, 0.0, {})
        for threshold in np.arange(0.05, 1.0, 0.01):
            cut = fcluster(tree, t=float(threshold), criterion="distance")
            predicted = {d.id: str(c) for d, c in zip(docs, cut, strict=True)}
            f1 = bcubed(gold, predicted).f1
            if f1 > best[0]:
                best = (f1, float(threshold), predicted)
        report(f"{level}@{best[1]:.3f}", gold, best[2])


def _meaning_kept(before: dict[str, frozenset[str]], after: dict[str, frozenset[str]]) -> tuple[int, int]:
    """(ids kept, ids whose members mostly moved elsewhere): an id keeps its meaning if it keeps most."""
    kept = broken = 0
    for cluster_id, members in before.items():
        if cluster_id in after:
            if len(members & after[cluster_id]) * 2 >= len(members):
                kept += 1
            else:
                broken += 1
    return kept, broken


def incremental(annotated: Sequence[AnnotatedArticle], docs: Sequence[LabelledDoc], single_f1: float) -> None:
    order = list(annotated)
    random.Random(13).shuffle(order)
    clusterer = Clusterer()
    seen: list[Article] = []
    previous: dict[str, frozenset[str]] = {}
    kept = broken = 0
    changes = 0
    for start in range(0, len(order), 50):
        batch = order[start : start + 50]
        seen += [a.article for a in batch]
        result = clusterer.add(batch, group_duplicates(seen))
        changes += len(result.history)
        current = {e.id: frozenset(e.article_ids) for e in result.events}
        k, b = _meaning_kept(previous, current)
        kept, broken = kept + k, broken + b
        previous = current
    events = {a: e for e, members in previous.items() for a in members}
    f1 = bcubed(labels(docs)[0], events).f1
    print(f"incremental: {len(order)} docs in shuffled batches of 50 (seed 13)")
    gap = abs(f1 - single_f1)
    print(f"  event B-cubed F1 {f1:.3f} vs single batch {single_f1:.3f} (difference {gap:.3f})")
    print(f"  ids carried over a batch: {kept} kept their meaning, {broken} changed; {changes} merges/splits")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--annotate", choices=["spacy", "cheap", "pipeline"], default="spacy")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-incremental", action="store_true")
    parser.add_argument("--cache", type=Path, help="a pickle of the annotation, reused while it matches")
    parser.add_argument("--halves", action="store_true", help="also odd and even topics, each alone")
    parser.add_argument("--errors", action="store_true", help="list wrong merges and splits")
    parser.add_argument("--cross", action="store_true", help="thresholds chosen on one half, scored on other")
    args = parser.parse_args(argv)
    docs = read_event_folders(args.data)
    if not docs:
        print(f"no documents under {args.data}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    annotated = cached_annotate(docs, args.annotate, args.cache)
    print(f"{len(docs)} docs, {len({d.event for d in docs})} events, {len({d.story for d in docs})} stories;"
          f" annotated ({args.annotate}) in {time.perf_counter() - started:.1f}s; {date.today()}")
    single = storyline_scores(annotated, docs, args.errors)
    if args.halves:
        halves(annotated, docs)
    if args.cross:
        cross(annotated, docs)
    if not args.no_baseline:
        baseline(docs)
        if args.halves or args.cross:
            half_baselines(docs)
    if not args.no_incremental:
        incremental(annotated, docs, single)
    return 0


if __name__ == "__main__":
    sys.exit(main())
