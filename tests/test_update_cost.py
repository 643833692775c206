"""Pay only for the new (issue 19): the shortcuts of an update give exactly what the plain way gives.

* the similarity graph skips pairs dated too far apart (they end at 0, under any positive floor) and the
  cross-language sums of groups that hold one known language between them (exactly 0): the edges are
  the same, bit for bit, as comparing every candidate pair;
* a feature matrix numbers its columns by first use without sorting the terms: the same matrix;
* an ingest reads the clusterer's features on a thread while its batch is annotated: the update uses
  them only when no other update was written since, and stores what it stores without them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest
import scipy.sparse as sp

from storyline.cluster import ClusterConfig, Clusterer
from storyline.cluster.graph import (
    NO_DAY,
    NO_LANGUAGE,
    GraphConfig,
    Nodes,
    _across_sums,
    _crosslingual_sums,
    _tfidf,
    _union,
    candidate_pairs,
    crosslingual_pairs,
    edges,
    pooled_edges,
    similarities,
    vectorise,
)
from storyline.cluster.table import FeatureTable, _matrix
from storyline.config import load_settings
from storyline.engine.stages import annotate_chunk
from storyline.models import AnnotatedArticle
from storyline.pipeline.run import read_and_extract, update_stories
from storyline.pipeline.update import CLUSTER_STATE, FeaturePrefetch
from storyline.progress import Silent
from storyline.store import SQLiteStore


def _counts(rng: np.random.Generator, n: int, width: int, per_row: int) -> sp.csr_matrix:
    """Rows of a few terms each out of a small vocabulary (so that rows share terms), damped counts."""
    rows = []
    for _ in range(n):
        terms = rng.choice(width, size=rng.integers(0, per_row + 1), replace=False)
        rows.append((terms, 1.0 + np.round(rng.random(len(terms)), 4)))
    indptr = np.cumsum([0] + [len(t) for t, _ in rows])
    indices = np.concatenate([t for t, _ in rows]).astype(np.int32)
    data = np.concatenate([w for _, w in rows])
    return sp.csr_matrix((data, indices, indptr), shape=(n, width))


def _nodes(seed: int, n: int = 120, languages: int = 3) -> Nodes:
    """Random articles over a few months, some undated, in a few languages (some unknown)."""
    rng = np.random.default_rng(seed)
    days = rng.integers(730_000, 730_120, size=n)
    days[rng.random(n) < 0.15] = NO_DAY
    published = np.where(days == NO_DAY, rng.integers(730_000, 730_120, size=n), days)
    spoken = rng.integers(0, languages, size=n)
    spoken[rng.random(n) < 0.1] = NO_LANGUAGE
    return Nodes(_counts(rng, n, 60, 12), _counts(rng, n, 25, 4), days, _counts(rng, n, 30, 6), spoken,
                 published)  # fmt: skip


def _every_pair_edges(nodes: Nodes, config: GraphConfig, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """``edges`` as it was: every candidate pair compared, then those under the floor dropped."""
    combined, entities = vectorise(nodes, config)
    pairs = candidate_pairs(nodes, combined, config)
    marks = None
    if nodes.multilingual:
        marks = _tfidf(nodes.marks)
        pairs = _union(pairs, crosslingual_pairs(nodes, marks, config))
    sims = similarities(nodes, combined, entities, pairs, config, marks)
    keep = sims >= floor
    return pairs[keep], sims[keep]


@pytest.mark.parametrize("seed", range(6))
def test_edges_skip_only_pairs_that_end_under_the_floor(seed: int) -> None:
    nodes = _nodes(seed)
    config = GraphConfig(keys_per_node=6, bucket_days=10, same_days=3, fade_days=7)
    assert nodes.multilingual
    for floor in (0.0, 0.01, 0.05):
        got, want = edges(nodes, config, floor), _every_pair_edges(nodes, config, floor)
        assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])  # bit for bit
    far = nodes.days.copy()
    far[::2] += 400  # half the nodes a year later: their pairs with the rest fade to nothing
    apart = Nodes(nodes.words, nodes.entities, far, nodes.marks, nodes.languages, nodes.published)
    got, want = edges(apart, config, 0.05), _every_pair_edges(apart, config, 0.05)
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])


@pytest.mark.parametrize("seed", range(6))
def test_cross_language_sums_are_those_over_every_pair_of_groups(seed: int) -> None:
    """Pairs of groups in one known language between them sum exactly 0; the others exactly as before."""
    nodes = _nodes(seed, n=90)
    rng = np.random.default_rng(100 + seed)
    # 30 groups: some in one language only (so that the shortcut has pairs to skip), some mixed
    order = np.argsort(np.where(rng.random(90) < 0.5, nodes.languages, 99), kind="stable")
    membership = sp.csr_matrix((np.ones(90), (np.arange(90) // 3, order)), shape=(30, 90))
    pairs = np.array([(i, j) for i in range(30) for j in range(i + 1, 30)])
    config = ClusterConfig().stories
    combined, entities = vectorise(nodes, config)
    got = _crosslingual_sums(nodes, membership, combined, entities, pairs, config)
    assert nodes.languages is not None
    spoken = nodes.languages
    words = _across_sums(combined, membership, spoken, pairs)
    bonus = _across_sums(entities, membership, spoken, pairs)
    marks = _across_sums(_tfidf(nodes.marks), membership, spoken, pairs)
    want = config.crosslingual_weight * marks - words - config.actor_bonus * bonus
    assert (got == 0).any() and (got != 0).any()
    assert np.array_equal(got, want)


@pytest.mark.parametrize("seed", range(4))
def test_story_edges_skip_only_pairs_that_end_under_the_floor(seed: int) -> None:
    nodes = _nodes(seed, n=90)
    membership = sp.csr_matrix((np.ones(90), (np.arange(90) // 3, np.arange(90))), shape=(30, 90))
    days = [None if d == NO_DAY else int(d) for d in nodes.days[::3]]
    config = GraphConfig(bucket_days=20, same_days=5, fade_days=10)
    for floor in (0.0, 0.01):
        got = pooled_edges(nodes, membership, days, config, floor)
        # the plain way: at floor 0 nothing is skipped, so its pairs above ``floor`` are the answer
        every = pooled_edges(nodes, membership, days, config, 0.0)
        sizes = np.asarray(membership.sum(axis=1)).ravel()
        keep = every[1] >= floor * sizes[every[0][:, 0]] * sizes[every[0][:, 1]]
        assert np.array_equal(got[0], every[0][keep]) and np.array_equal(got[1], every[1][keep])


def test_a_feature_matrix_numbers_its_columns_by_first_use() -> None:
    rng = np.random.default_rng(7)
    rows = [(rng.choice(500, size=rng.integers(0, 9), replace=False).astype(np.int32), rng.random(8))
            for _ in range(200)]  # fmt: skip
    rows = [(t, w[: len(t)]) for t, w in rows]
    got = _matrix(rows)
    terms = np.concatenate([t for t, _ in rows])
    used, first = np.unique(terms, return_index=True)  # the plain way
    column = np.empty(len(used), dtype=np.int32)
    column[np.argsort(first, kind="stable")] = np.arange(len(used), dtype=np.int32)
    assert got.shape == (200, len(used))
    assert np.array_equal(got.indices, column[np.searchsorted(used, terms)])
    assert np.array_equal(got.data, np.concatenate([w for _, w in rows]))
    assert _matrix([(np.zeros(0, dtype=np.int32), np.zeros(0))]).shape == (1, 1)


# --- the features read while the batch is annotated ---------------------------------------------------


@pytest.fixture(scope="module")
def annotated(seeds_dir: object) -> list[AnnotatedArticle]:
    settings = load_settings()
    articles, _ = read_and_extract([str(seeds_dir)], settings, Silent())
    return [a for a in annotate_chunk(articles, settings.spacy_model) if isinstance(a, AnnotatedArticle)]


def _stored(store: SQLiteStore) -> dict[str, object]:
    return {
        "stories": store._rows("SELECT id, record FROM stories ORDER BY id"),
        "state": store._rows("SELECT name, value FROM state WHERE name != 'stories-updates' ORDER BY name"),
        "features": store._rows("SELECT * FROM cluster_features ORDER BY article_id"),
        "terms": store._rows("SELECT * FROM cluster_terms ORDER BY id"),
    }


def test_an_update_takes_the_features_read_on_a_thread(
    annotated: list[AnnotatedArticle], tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    settings = load_settings()
    half = len(annotated) // 2
    assert half >= 2
    stores = [SQLiteStore(folder / f"{name}.db") for name in ("plain", "prefetched", "stale")]
    for store in stores:
        store.put_annotated(annotated[:half])
        update_stories(store, settings, Silent())
        store.put_annotated(annotated[half:])
    plain, prefetched, stale = stores
    update_stories(plain, settings, Silent())

    prefetch = FeaturePrefetch(prefetched)
    reads: list[int] = []
    real = prefetched.cluster_features
    monkeypatch.setattr(prefetched, "cluster_features", lambda: reads.append(1) or real())
    update_stories(prefetched, settings, Silent(), prefetch=prefetch)
    assert not reads  # the thread's read was taken
    assert _stored(prefetched) == _stored(plain)

    early = FeaturePrefetch(stale)  # then another update is written before this one starts
    assert early.table(-1) is None  # a count that does not match gives nothing
    stale_prefetch = FeaturePrefetch(stale)
    stale_prefetch.wait()  # the thread has read before the other update is written: no race
    stale.finish_update(seen=stale.updates_written(), states={}, history=[], stories=[], removed=[], done=[])
    again = stale.cluster_features
    monkeypatch.setattr(stale, "cluster_features", lambda: reads.append(1) or again())
    update_stories(stale, settings, Silent(), prefetch=stale_prefetch)
    assert reads == [1]  # read again: the thread's copy predates the other update
    assert _stored(stale) == _stored(plain)
    for store in stores:
        store.close()


def test_a_store_without_a_second_connection_reads_nothing_ahead() -> None:
    store = SQLiteStore(":memory:")
    assert store.features_reader() is None
    assert FeaturePrefetch(store).table(store.updates_written()) is None
    assert isinstance(FeatureTable.from_stored(*store.cluster_features()), FeatureTable)


# --- the store of K copies the benchmark measures at 100k (benchmarks/scale_store.py) -------------------


def test_a_scaled_store_holds_k_copies_as_new_stories(
    annotated: list[AnnotatedArticle], tmp_path: object
) -> None:
    """``incremental.py --copies K`` measures a store built by ``scaled_store``: K times the articles,
    the copies' stories new ones (dated ``SHIFT_DAYS`` apart, never linked to the originals), settled so
    that an update with nothing pending composes nothing."""
    from pathlib import Path

    from scale_store import SHIFT_DAYS, scaled_store

    folder = Path(str(tmp_path))
    settings = load_settings()
    source = SQLiteStore(folder / "source.db")
    # every article dated (an undated one is compared with every other, whatever its copy: the builder
    # moves dates, and the benchmark's generated articles all have one)
    day = next(a.article.published for a in annotated if a.article.published.value)
    annotated = [a if a.article.published.value else replace(a, article=replace(a.article, published=day))
                 for a in annotated]  # fmt: skip
    source.put_annotated(annotated)
    update_stories(source, settings, Silent())
    stories = {row.id: row for row in source.stories()}
    source.close()
    report = scaled_store(folder / "source.db", folder / "x3.db", 3)
    scaled = SQLiteStore(folder / "x3.db")
    assert report["articles"] == 3 * len(annotated) == len(scaled.article_ids())
    assert len(scaled.annotated_ids()) == 3 * len(annotated)
    copied = {row.id: row for row in scaled.stories()}
    assert report["stories"] == len(copied) >= 3 * len(stories)
    members = Clusterer.from_state(scaled.get_state(CLUSTER_STATE)).stories()
    assert sorted(a for s in members for a in s.article_ids) == sorted(scaled.annotated_ids())
    for story in members:  # a copy's articles are never linked to another copy's
        assert len({a.partition("_x")[2] for a in story.article_ids}) == 1
    for k in (1, 2):  # each copy's stories carry its dates, k x SHIFT_DAYS later
        firsts = sorted(date_of(r.first_date) for r in copied.values() if r.first_date and f"_x{k}" in r.id)
        originals = sorted(date_of(r.first_date) for r in stories.values() if r.first_date)
        assert firsts and firsts[0] == originals[0] + timedelta(days=k * SHIFT_DAYS)
    dated = next(a.article for a in annotated if a.article.published.value)
    copy = scaled.article(f"{dated.id}_x2")
    assert copy is not None and dated.published.value is not None and copy.published.value is not None
    assert copy.published.value.toordinal() == dated.published.value.toordinal() + 2 * SHIFT_DAYS
    assert not scaled.pending()
    assert update_stories(scaled, settings, Silent()).composed == []  # settled
    scaled.close()


def date_of(text: str) -> date:
    return date.fromisoformat(text[:10])
