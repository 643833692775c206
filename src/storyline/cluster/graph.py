"""Similarity edges between articles (or events), never all pairs.

Each node is a sparse TF-IDF vector in two blocks, words and entities. Candidate pairs come from blocking
keys: a node's most distinctive features, each paired with its week, so that only nodes sharing a rare
feature in a nearby week are ever compared; a key shared by more than ``max_posting`` nodes is too common
to say anything and is dropped, which keeps the cost per node flat as the corpus grows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import scipy.sparse as sp

Matrix: TypeAlias = Any  # scipy.sparse.csr_matrix; scipy ships no type information


@dataclass(frozen=True)
class GraphConfig:
    """Every knob of the similarity graph; one configuration for all corpora."""

    entity_weight: float = 0.3  # share of the similarity carried by actors and places
    keys_per_node: int = 12
    candidates_per_node: int = 60
    max_posting: int = 400
    bucket_days: int = 10  # blocking compares nodes of the same or adjacent buckets of days
    same_days: int = 3  # reports of one happening are dated within a few days of each other
    fade_days: int = 7  # ... and the similarity fades to nothing over the following week
    # a pair that names actors on both sides yet shares none is two happenings in one template
    unshared_actor_factor: float = 0.25
    min_entity_overlap: float = 0.05
    strangers_only_when_dated: bool = False  # apply the factor only to pairs whose days are both known

    def __post_init__(self) -> None:
        if not 0.0 <= self.entity_weight <= 1.0:
            raise ValueError("entity_weight must be in [0, 1]")
        if self.keys_per_node < 1 or self.max_posting < 2:
            raise ValueError("keys_per_node must be >= 1 and max_posting >= 2")
        if self.bucket_days < self.same_days + self.fade_days:
            raise ValueError("bucket_days must cover same_days + fade_days, else close nodes go unseen")


NO_DAY = -(10**9)


@dataclass(frozen=True)
class Nodes:
    """Raw (un-weighted) word and entity counts per node, and each node's day (``NO_DAY`` if unknown)."""

    words: Matrix
    entities: Matrix
    days: np.ndarray

    def __len__(self) -> int:
        return int(self.words.shape[0])

    @staticmethod
    def from_rows(
        words: Sequence[dict[str, float]], entities: Sequence[dict[str, float]], days: Sequence[int | None]
    ) -> Nodes:
        day_array = np.array([NO_DAY if d is None else d for d in days], dtype=np.int64)
        return Nodes(_counts(words), _counts(entities), day_array)

    def subset(self, rows: np.ndarray) -> Nodes:
        return Nodes(self.words[rows], self.entities[rows], self.days[rows])

    def pooled(self, membership: Matrix, days: Sequence[int | None]) -> Nodes:
        """Nodes pooling these nodes' counts: row ``k`` of ``membership`` marks the members of node ``k``."""
        day_array = np.array([NO_DAY if d is None else d for d in days], dtype=np.int64)
        words, entities = sp.csr_matrix(membership @ self.words), sp.csr_matrix(membership @ self.entities)
        return Nodes(words, entities, day_array)


def _counts(rows: Sequence[dict[str, float]]) -> Matrix:
    """Rows of term weights → a sparse matrix; the column order is first-seen and only used internally."""
    vocab: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for row in rows:
        for term, weight in row.items():
            indices.append(vocab.setdefault(term, len(vocab)))
            data.append(weight)
        indptr.append(len(indices))
    return sp.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
        shape=(len(rows), max(len(vocab), 1)),
    )


def _tfidf(counts: Matrix) -> Matrix:
    """L2-normalised TF-IDF with smoothed IDF over these rows."""
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1.0 + counts.shape[0]) / (1.0 + df)) + 1.0
    matrix = sp.csr_matrix(counts @ sp.diags(idf))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


def vectorise(nodes: Nodes, config: GraphConfig) -> tuple[Matrix, Matrix]:
    """(combined words+entities matrix whose row dot products are the blended cosine, entity block)."""
    words, entities = _tfidf(nodes.words), _tfidf(nodes.entities)
    combined = sp.hstack(
        [words * math.sqrt(1.0 - config.entity_weight), entities * math.sqrt(config.entity_weight)],
        format="csr",
    )
    return combined, entities


def _top_columns(matrix: Matrix, k: int) -> list[np.ndarray]:
    out = []
    for i in range(matrix.shape[0]):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        cols, vals = matrix.indices[start:end], matrix.data[start:end]
        order = np.lexsort((cols, -vals))[:k]  # ties broken by column for determinism
        out.append(cols[order])
    return out


def _key_matrices(
    days: np.ndarray, top: list[np.ndarray], n_cols: int, bucket_days: int
) -> tuple[Matrix, Matrix]:
    """(index, query) incidence matrices over (feature, bucket) keys; undated nodes live in bucket "any"."""
    index_rows: list[list[int]] = []
    query_rows: list[list[int]] = []
    any_week = -1
    weeks: dict[int, int] = {any_week: 0}
    for day, cols in zip(days.tolist(), top, strict=True):
        week = day // bucket_days if day != NO_DAY else None
        own = [any_week] if week is None else [week, any_week]
        asked = [any_week] if week is None else [week - 1, week, week + 1]
        index_rows.append([weeks.setdefault(w, len(weeks)) * n_cols + int(c) for w in own for c in cols])
        query_rows.append([weeks.setdefault(w, len(weeks)) * n_cols + int(c) for w in asked for c in cols])
    width = len(weeks) * n_cols
    return _incidence(index_rows, width), _incidence(query_rows, width)


def _incidence(rows: list[list[int]], width: int) -> Matrix:
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.ones(len(indices), dtype=np.float32)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), width))


def candidate_pairs(nodes: Nodes, combined: Matrix, config: GraphConfig) -> np.ndarray:
    """Pairs (i < j) that share a distinctive feature in nearby weeks, as an (n, 2) array."""
    if len(nodes) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    top = _top_columns(combined, config.keys_per_node)
    index, query = _key_matrices(nodes.days, top, combined.shape[1], config.bucket_days)
    index = index.tocsc()
    posting = np.diff(index.indptr)
    keep = np.flatnonzero((posting >= 1) & (posting <= config.max_posting))
    index, query = index[:, keep].tocsr(), query.tocsr()[:, keep]
    pairs = []
    for start in range(0, len(nodes), 2048):
        hits = (query[start : start + 2048] @ index.T).tocoo()
        rows, cols = _best_per_row(hits.row.astype(np.int64), hits.col.astype(np.int64), hits.data, config)
        rows += start
        mask = rows != cols
        pairs.append(np.stack([np.minimum(rows, cols)[mask], np.maximum(rows, cols)[mask]], axis=1))
    return np.unique(np.concatenate(pairs), axis=0)


def _best_per_row(
    rows: np.ndarray, cols: np.ndarray, shared: np.ndarray, config: GraphConfig
) -> tuple[np.ndarray, np.ndarray]:
    """Each node's ``candidates_per_node`` partners sharing the most keys: bounds pairs to a multiple of N."""
    order = np.lexsort((cols, -shared, rows))
    rows, cols = rows[order], cols[order]
    starts = np.searchsorted(rows, rows, side="left")
    keep = (np.arange(len(rows)) - starts) < config.candidates_per_node
    return rows[keep], cols[keep]


def _day_factor(days: np.ndarray, pairs: np.ndarray, config: GraphConfig) -> np.ndarray:
    a, b = days[pairs[:, 0]], days[pairs[:, 1]]
    known = (a != NO_DAY) & (b != NO_DAY)
    gap = np.abs(a - b).astype(np.float64)
    factor = np.clip(1.0 - (gap - config.same_days) / config.fade_days, 0.0, 1.0)
    return np.where(known, factor, 1.0)


def _row_dots(matrix: Matrix, pairs: np.ndarray) -> np.ndarray:
    out = np.empty(len(pairs), dtype=np.float64)
    # chunks of about ten million stored values, whatever the width of the rows (events pool many words)
    step = max(1000, int(1e7 / max(1.0, matrix.nnz / max(1, matrix.shape[0]))))
    for start in range(0, len(pairs), step):
        chunk = pairs[start : start + step]
        product = matrix[chunk[:, 0]].multiply(matrix[chunk[:, 1]])
        out[start : start + len(chunk)] = np.asarray(product.sum(axis=1)).ravel()
    return out


def similarities(
    nodes: Nodes, combined: Matrix, entities: Matrix, pairs: np.ndarray, config: GraphConfig
) -> np.ndarray:
    """The blended similarity of each pair, faded by the gap between their days."""
    if len(pairs) == 0:
        return np.zeros(0)
    sims = _row_dots(combined, pairs)
    entity_sims = _row_dots(entities, pairs)
    has_entities = np.diff(entities.indptr) > 0
    both = has_entities[pairs[:, 0]] & has_entities[pairs[:, 1]]
    strangers = both & (entity_sims < config.min_entity_overlap)
    if config.strangers_only_when_dated:
        strangers &= (nodes.days[pairs[:, 0]] != NO_DAY) & (nodes.days[pairs[:, 1]] != NO_DAY)
    sims = np.where(strangers, sims * config.unshared_actor_factor, sims)
    return np.asarray(sims * _day_factor(nodes.days, pairs, config), dtype=np.float64)


def edges(nodes: Nodes, config: GraphConfig, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """Every candidate pair (i < j, as an (m, 2) array) whose similarity reaches ``floor``, and those
    similarities; arrays rather than a dict, which at 100,000 articles would take half a gigabyte."""
    combined, entities = vectorise(nodes, config)
    pairs = candidate_pairs(nodes, combined, config)
    sims = similarities(nodes, combined, entities, pairs, config)
    keep = sims >= floor
    return pairs[keep], sims[keep]
