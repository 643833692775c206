"""Stories dated and composed on an engine's workers give what one process gives, in the stories' order;
and the work compose now does once (claims, spellings, counts, fact joins) gives what it gave."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from difflib import SequenceMatcher
from pathlib import Path
from typing import TypeVar

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.typing import NDArray

from compose_fixtures import seed_articles
from storyline.annotate.nlp import load_nlp
from storyline.compose.claims import Claim, _counts, make_claims, similarity, tfidf_matrix
from storyline.compose.facts import SAME_FACT, cluster_claims
from storyline.compose.words import spelled_alike
from storyline.config import load_settings
from storyline.engine import LocalEngine
from storyline.engine.processes import ProcessEngine
from storyline.pipeline import ingest
from storyline.pipeline.stories_on import _each_on
from storyline.store import open_store

T = TypeVar("T")
R = TypeVar("R")
ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecbplus"


class _Recording(LocalEngine):
    """The pass-through engine, noting the chunks in the order it was given them."""

    def __init__(self) -> None:
        self.given: list[list[object]] = []

    def map(self, fn: Callable[[list[T]], list[R]], chunks: Iterable[list[T]]) -> Iterator[list[R]]:
        for chunk in chunks:
            self.given.append(list(chunk))
            yield fn(chunk)


def test_stories_go_largest_first_and_come_back_in_their_order() -> None:
    engine = _Recording()
    done: list[int] = []
    sizes = [5, 9, 1, 9]
    named = _each_on(engine, lambda chunk: [f"story {n}" for n in chunk], [0, 1, 2, 3], sizes, done.append)
    assert named == ["story 0", "story 1", "story 2", "story 3"]
    assert engine.given == [[1], [3], [0], [2]]  # by size, ties in their order
    assert done == [1, 1, 1, 1]


@pytest.mark.slow
def test_workers_date_and_compose_the_briefs_of_one_process(seeds_dir: Path) -> None:
    """Two ECB+ topics (undated texts: their dates are completed from their stories) and the seeds, in one
    process and on two workers that take every batch: the same briefs, story for story."""
    inputs = [str(seeds_dir), str(ECBPLUS / "1ecb"), str(ECBPLUS / "1ecbplus")]
    settings = load_settings()
    briefs = {}
    for engine in (LocalEngine(), ProcessEngine(2, pool_from=1)):
        try:
            store = open_store(None)
            result = ingest(inputs, settings, store, engine=engine)
            briefs[engine.name] = [store.story(row.id) for row in store.stories()]
        finally:
            engine.close()
    assert result.story_count >= 4 and any(a.published.inferred for a in store.articles())
    assert briefs["processes"] == briefs["local"]


def _old_counts(rows: list[list[str]]) -> NDArray[np.float64]:
    """``claims._counts`` as it was: one ``np.add.at`` per row."""
    columns: dict[str, int] = {}
    cells = [[columns.setdefault(token, len(columns)) for token in tokens] for tokens in rows]
    matrix = np.zeros((len(cells), max(len(columns), 1)))
    for row, indices in enumerate(cells):
        np.add.at(matrix[row], indices, 1.0)
    return matrix


@given(st.lists(st.lists(st.sampled_from(["talk", "kill", "truce", "a", "b"]), max_size=6), max_size=8))
def test_token_counts_in_one_pass_equal_the_counts_row_by_row(rows: list[list[str]]) -> None:
    assert np.array_equal(_counts(rows), _old_counts(rows))


@given(st.text(alphabet="abcdeyz .", max_size=12), st.text(alphabet="abcdeyz .", max_size=12))
def test_spellings_are_alike_exactly_when_their_ratio_reaches_the_bar(a: str, b: str) -> None:
    for bar in (0.5, 0.8):
        assert spelled_alike(a, b, bar) == (SequenceMatcher(None, a, b).ratio() >= bar)


def _old_cluster_claims(claims: Sequence[Claim], sims: NDArray[np.float64]) -> list[list[int]]:
    """``facts.cluster_claims`` as it was: every fact's articles looked at for every claim."""
    clusters: list[list[int]] = []
    articles_in: list[set[str]] = []
    cluster_of = np.zeros(len(claims), dtype=np.int64)
    for i, claim in enumerate(claims):
        best = -1
        if clusters:
            sums = np.bincount(cluster_of[:i], weights=sims[i, :i], minlength=len(clusters))
            means = sums / np.array([len(members) for members in clusters], dtype=np.float64)
            for k, members in enumerate(articles_in):
                if claim.article_id in members:
                    means[k] = -np.inf
            top = float(means.max())
            if top >= SAME_FACT:
                best = int(np.flatnonzero(means == top)[-1])
        if best < 0:
            cluster_of[i] = len(clusters)
            clusters.append([i])
            articles_in.append({claim.article_id})
        else:
            cluster_of[i] = best
            clusters[best].append(i)
            articles_in[best].add(claim.article_id)
    return clusters


def test_facts_join_as_they_did_on_the_seeds() -> None:
    claims = make_claims(seed_articles(load_nlp()))
    sims = similarity(tfidf_matrix(c.stems for c in claims), claims)
    found = cluster_claims(claims, sims)
    assert found == _old_cluster_claims(claims, sims)
    assert any(len(members) > 1 for members in found)
