"""compose's faster kernels give exactly what the plain code they replace gave (issue 19): the sparse
overlap counts, the mentions found inside a sentence by their starts, the stems read word by word; and
stories are composed on one BLAS thread, which gives what two gave."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from threadpoolctl import threadpool_info, threadpool_limits  # type: ignore[import-untyped]

from compose_fixtures import seed_articles
from storyline.annotate.nlp import load_nlp
from storyline.compose import aligned
from storyline.compose.claims import make_claims, overlaps, similarity, tfidf_matrix
from storyline.compose.words import _FUNCTION_WORDS, _REPORTING, NUMBER_WORDS, WORD, _fold, content_stems
from storyline.config import load_settings
from storyline.models import Mention, Sentence
from storyline.pipeline import stories_on

VALUES = st.sampled_from(["a", "b", "c", "d", "Kyiv", "1", "2026-12-03", "é"])


def _dense_overlaps(sets: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    columns = sorted({v for s in sets for v in s}) or [""]
    matrix = np.array([[1.0 if c in s else 0.0 for c in columns] for s in sets])
    return matrix @ matrix.T, matrix.sum(axis=1)


@given(st.lists(st.frozensets(VALUES), min_size=1, max_size=12))
def test_sparse_overlaps_equal_the_dense_product(sets: list[frozenset[str]]) -> None:
    shared, sizes = overlaps(sets)
    dense_shared, dense_sizes = _dense_overlaps(sets)
    assert np.array_equal(shared, dense_shared) and np.array_equal(sizes, dense_sizes)
    assert shared.dtype == sizes.dtype == np.float64


SPANS = st.tuples(st.integers(0, 60), st.integers(0, 15))


@given(st.lists(SPANS, max_size=15), st.lists(SPANS, min_size=1, max_size=6))
def test_mentions_inside_a_sentence_as_a_scan_of_every_mention_finds_them(
    mention_spans: list[tuple[int, int]], sentence_spans: list[tuple[int, int]]
) -> None:
    mentions = [Mention("a", s, s + w, f"m{n}", "PERSON", "person") for n, (s, w) in enumerate(mention_spans)]
    inside = aligned._within(mentions)
    for start, width in sentence_spans:
        sentence = Sentence("a", start, start + width, " " * width)
        assert inside(sentence) == [m for m in mentions if start <= m.start and m.end <= start + width]


def _plain_stems(text: str) -> tuple[str, ...]:
    out = []
    for word in WORD.findall(text):
        low = word.lower()
        if low in _FUNCTION_WORDS or low in _REPORTING or (len(low) < 2 and not low.isdigit()):
            continue
        stem = NUMBER_WORDS.get(low) or _fold(low)
        if stem:
            out.append(stem)
    return tuple(out)


@given(st.text(alphabet=st.sampled_from("aAeéIiKkLlNnSsTt’'-12 .,\u0130Σσς"), max_size=60))
def test_stems_read_word_by_word_are_those_of_the_whole_text(text: str) -> None:
    assert content_stems(text) == _plain_stems(text)


def test_stems_of_a_sentence() -> None:
    text = "Officials said two talks were hosted in Istanbul, Peskov told reporters."
    assert content_stems(text) == _plain_stems(text)


def _blas_threads() -> int:
    return max(pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas")


def test_stories_compose_on_one_blas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    monkeypatch.setattr(stories_on, "compose_one", lambda inputs, settings: seen.append(_blas_threads()))
    with threadpool_limits(limits=2, user_api="blas"):
        stories_on._compose_each([object(), object()], load_settings())  # type: ignore[list-item]
    assert seen == [1, 1]


def test_claim_similarities_of_the_seeds_do_not_depend_on_the_blas_threads() -> None:
    claims = make_claims(seed_articles(load_nlp()))
    found = []
    for threads in (1, 2):
        with threadpool_limits(limits=threads, user_api="blas"):
            found.append(similarity(tfidf_matrix(c.stems for c in claims), claims))
    assert np.array_equal(found[0], found[1])
