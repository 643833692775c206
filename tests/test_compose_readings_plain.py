"""The faster readings of claims, conflicts and aligned values (issue 19, one core) give exactly what
the plain code they replace gave: a sentence's mention names and places found by bisection as by a
scan of every mention, aligned values read in plain loops as by the generators, TF-IDF weighed on the
cells that hold a token to the same bits as on the whole matrix."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.annotate.actors import merge_actors
from storyline.annotate.annotator import annotate_articles
from storyline.annotate.names import surname
from storyline.annotate.slots import PLACE_LABELS
from storyline.compose import aligned
from storyline.compose.claims import _counts, _names_by_start, article_times, tfidf_matrix, trimmed
from storyline.compose.conflicts import places_together
from storyline.config import load_settings
from storyline.models import AnnotatedArticle, Mention, Sentence, TimeExpression
from storyline.pipeline import read_and_extract
from storyline.progress import Silent
from storyline.text import ascii_fold


@pytest.fixture(scope="module")
def merged(seeds_dir: Path) -> list[AnnotatedArticle]:
    found, _ = read_and_extract([str(seeds_dir)], load_settings(), Silent())
    annotated = [a for a in annotate_articles(found) if isinstance(a, AnnotatedArticle)]
    assert len(annotated) >= 4
    return merge_actors(annotated)[1]


def test_mention_names_by_bisection_are_those_of_a_scan(merged: list[AnnotatedArticle]) -> None:
    checked = 0
    for annotated in merged:
        names = _names_by_start(annotated.mentions)
        for sentence in map(trimmed, annotated.sentences):
            plain = {
                m.actor_id or ascii_fold(m.text.lower())
                for m in annotated.mentions
                if sentence.start <= m.start < sentence.end and m.label not in ("DATE", "TIME", "CARDINAL")
            }
            assert names(sentence) == plain
            checked += bool(plain)
    assert checked > 20


def _plain_places_together(articles: Sequence[AnnotatedArticle]) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for annotated in articles:
        for sentence in annotated.sentences:
            places = {
                ascii_fold(m.text.lower())
                for m in annotated.mentions
                if m.label in PLACE_LABELS and sentence.start <= m.start < sentence.end
            }
            pairs.update(frozenset((a, b)) for a in places for b in places if a != b)
    return pairs


def test_places_named_together_by_bisection_are_those_of_a_scan(merged: list[AnnotatedArticle]) -> None:
    found = places_together(merged)
    assert found == _plain_places_together(merged)
    assert found  # the seeds name a city with its country


def _plain_values(
    sentence: Sentence, times: Sequence[TimeExpression], mentions: Sequence[Mention]
) -> Iterator[aligned._Value]:
    def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
        return any(start < b and a < end for a, b in spans)

    inside = [t for t in times if sentence.start <= t.start and t.end <= sentence.end]
    for t in inside:
        if aligned._CALENDAR.fullmatch(t.value):
            yield aligned._Value("date", t.value, t.text, t.start, t.end, t.text.lower())
    taken = [(t.start, t.end) for t in inside]
    for m in mentions:
        if overlaps(m.start, m.end, taken):
            continue
        if m.label in PLACE_LABELS:
            yield aligned._Value("place", aligned._folded(m.text), m.text, m.start, m.end)
        elif m.label in aligned._NAME_LABELS:
            name = surname(m.text) if m.label == "PERSON" else m.text
            yield aligned._Value("name", aligned._folded(name), m.text, m.start, m.end)
        elif m.label != "NORP":
            continue
        taken.append((m.start, m.end))
    for match in aligned._NUMBER.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if overlaps(start, end, taken):
            continue
        yield aligned._Value("number", aligned._number_key(match), match.group(0), start, end)
    untagged = []
    for match in aligned._CAPITALISED.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        first = match.group(0).split()[0].lower()
        if match.start() < 2 or overlaps(start, end, taken) or first in aligned._CALENDAR_WORDS:
            continue
        untagged.append(aligned._Value("name", aligned._folded(match.group(0)), match.group(0), start, end))
    words = re.findall(r"[A-Za-z][\w'’-]*", sentence.text)
    title_case = len(words) >= 4 and sum(w[0].isupper() for w in words) > len(words) / 2
    if untagged and not title_case:
        yield from untagged


def test_aligned_values_read_in_loops_are_those_of_the_plain_reading(merged: list[AnnotatedArticle]) -> None:
    kinds: set[str] = set()
    for annotated in merged:
        times = [t for t in article_times(annotated) if t.type == "DATE"]
        inside = aligned._within(annotated.mentions)
        for sentence in map(trimmed, annotated.sentences):
            fast = list(aligned._values(sentence, times, inside(sentence)))
            assert fast == list(_plain_values(sentence, times, inside(sentence)))
            kinds.update(v.kind for v in fast)
    assert kinds == {"date", "place", "name", "number"}


def _plain_tfidf(docs: list[list[str]]) -> np.ndarray:
    """The whole-matrix weighing ``tfidf_matrix`` did before it weighed the held cells alone."""
    matrix = _counts(docs)
    present = matrix > 0
    idf = np.log((1.0 + len(docs)) / (1.0 + present.sum(axis=0))) + 1.0
    weights = np.zeros_like(matrix)
    weights[present] = 1.0 + np.log(matrix[present])
    matrix = weights * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.asarray(matrix / np.where(norms == 0, 1.0, norms), dtype=np.float64)


@given(st.lists(st.lists(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), max_size=40), max_size=60))
def test_tfidf_of_the_held_cells_is_the_whole_matrix_weighing_to_the_bit(docs: list[list[str]]) -> None:
    fast, plain = tfidf_matrix(docs), _plain_tfidf(docs)
    assert fast.shape == plain.shape and fast.dtype == plain.dtype
    assert fast.tobytes() == plain.tobytes()
