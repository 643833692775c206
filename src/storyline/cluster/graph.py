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
    # added to the similarity in proportion to the actors' cosine: for a level whose entity_weight is 0
    # (events of one story are told in other words), sharing actors still counts for something
    actor_bonus: float = 0.0
    # judge "shares an actor" by the IDF-weighted share of actors named on both sides rather than by the
    # cosine: a pooled event names its own actors many times and the ones it shares with another a few
    overlap_by_presence: bool = False
    # for two articles in different languages the words' similarity says nothing: theirs is the cosine of
    # what translations share (names, figures, dates: ``crosslingual``), times this weight. Chosen on
    # MEANTIME's airbus and apple corpora (translation-group event B-cubed: 0.6-0.9 tie, the middle),
    # reported on gm and stock (benchmarks/multilingual.py --halves; BENCHMARKS.md, issue 20)
    crosslingual_weight: float = 0.7

    def __post_init__(self) -> None:
        if not 0.0 <= self.entity_weight <= 1.0:
            raise ValueError("entity_weight must be in [0, 1]")
        if self.keys_per_node < 1 or self.max_posting < 2:
            raise ValueError("keys_per_node must be >= 1 and max_posting >= 2")
        if not 0.0 <= self.actor_bonus <= 1.0:
            raise ValueError("actor_bonus must be in [0, 1]")
        if not 0.0 <= self.crosslingual_weight <= 1.0:
            raise ValueError("crosslingual_weight must be in [0, 1]")
        if self.bucket_days < self.same_days + self.fade_days:
            raise ValueError("bucket_days must cover same_days + fade_days, else close nodes go unseen")


NO_DAY = -(10**9)


NO_LANGUAGE = -1


def languages(codes: Sequence[str | None]) -> np.ndarray:
    """Each node's language as a number (``NO_LANGUAGE`` if unknown), numbered in the order of the codes."""
    number = {code: k for k, code in enumerate(sorted({c for c in codes if c is not None}))}
    return np.array([NO_LANGUAGE if c is None else number[c] for c in codes], dtype=np.int64)


@dataclass(frozen=True)
class Nodes:
    """Raw (un-weighted) word and entity counts per node, and each node's day (``NO_DAY`` if unknown);
    optionally the counts of its marks (``crosslingual``) and its language (see ``languages``)."""

    words: Matrix
    entities: Matrix
    days: np.ndarray
    marks: Matrix | None = None
    languages: np.ndarray | None = None
    published: np.ndarray | None = None  # each node's publication day (``NO_DAY`` if unknown)

    def __len__(self) -> int:
        return int(self.words.shape[0])

    @property
    def multilingual(self) -> bool:
        """Two languages or more among the nodes (and their marks known): only then is any pair compared
        by its marks, so a corpus in one language is clustered as it always was."""
        if self.marks is None or self.languages is None:
            return False
        return len(np.unique(self.languages[self.languages != NO_LANGUAGE])) > 1

    def subset(self, rows: np.ndarray) -> Nodes:
        marks = None if self.marks is None else self.marks[rows]
        spoken = None if self.languages is None else self.languages[rows]
        published = None if self.published is None else self.published[rows]
        return Nodes(self.words[rows], self.entities[rows], self.days[rows], marks, spoken, published)

    def publication_days(self) -> np.ndarray:
        """Each node's publication day where known, else its day."""
        if self.published is None:
            return self.days
        return np.where(self.published != NO_DAY, self.published, self.days)

    def pooled(self, membership: Matrix, days: Sequence[int | None]) -> Nodes:
        """Nodes pooling these nodes' counts: row ``k`` of ``membership`` marks the members of node ``k``
        (a pooled node has no one language)."""
        day_array = np.array([NO_DAY if d is None else d for d in days], dtype=np.int64)
        words, entities = sp.csr_matrix(membership @ self.words), sp.csr_matrix(membership @ self.entities)
        marks = None if self.marks is None else sp.csr_matrix(membership @ self.marks)
        return Nodes(words, entities, day_array, marks)


def _tfidf(counts: Matrix) -> Matrix:
    """L2-normalised TF-IDF with smoothed IDF over these rows (one copy of the counts, scaled in place)."""
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1.0 + counts.shape[0]) / (1.0 + df)) + 1.0
    matrix = sp.csr_matrix(counts, dtype=np.float64, copy=True)
    matrix.data *= idf[matrix.indices]
    lengths = np.diff(matrix.indptr)
    row = np.repeat(np.arange(matrix.shape[0]), lengths)
    norms = np.sqrt(np.bincount(row, weights=matrix.data**2, minlength=matrix.shape[0]))
    norms[norms == 0] = 1.0
    matrix.data *= np.repeat(1.0 / norms, lengths)
    return matrix


def vectorise(nodes: Nodes, config: GraphConfig) -> tuple[Matrix, Matrix]:
    """(combined words+entities matrix whose row dot products are the blended cosine, entity block)."""
    words, entities = _tfidf(nodes.words), _tfidf(nodes.entities)
    combined = sp.hstack(
        [words * math.sqrt(1.0 - config.entity_weight), entities * math.sqrt(config.entity_weight)],
        format="csr",
    )
    return combined, entities


def _top_columns(matrix: Matrix, k: int) -> list[np.ndarray]:
    """Each row's ``k`` heaviest columns among those another row holds too: a feature of one node alone
    can pair it with nothing, and in a small corpus such features are the heaviest (highest IDF)."""
    shared = np.bincount(matrix.indices, minlength=matrix.shape[1]) >= 2
    out = []
    for i in range(matrix.shape[0]):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        cols, vals = matrix.indices[start:end], matrix.data[start:end]
        keep = shared[cols]
        cols, vals = cols[keep], vals[keep]
        order = np.lexsort((cols, -vals))[:k]  # ties broken by column for determinism
        out.append(cols[order])
    return out


def _key_matrices(
    days: np.ndarray, top: list[np.ndarray], n_cols: int, config: GraphConfig
) -> tuple[Matrix, Matrix]:
    """(holders, query): key → nodes indexed under it, node → keys it asks for. A key is a (feature,
    bucket of days) pair; a node is indexed under its own bucket and "any", and asks its bucket and the two
    beside it (an undated node: "any" only). Keys held by more than ``max_posting`` nodes are dropped, and
    keys are numbered densely: the matrices are as wide as the keys in use, not as all possible ones."""
    n = len(top)
    node = np.repeat(np.arange(n, dtype=np.int64), [len(c) for c in top])
    col = np.concatenate([*top, np.zeros(0, dtype=np.int64)]).astype(np.int64)
    dated = days[node] != NO_DAY
    bucket = days[node] // config.bucket_days
    own = np.where(dated, bucket - int(bucket[dated].min(initial=0)) + 2, 0)  # 0 is "any", the rest >= 2

    def codes(buckets: np.ndarray, where: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return node[where], buckets[where] * n_cols + col[where]

    anywhere = np.zeros_like(own)
    index_nodes, index_codes = _joined([codes(own, dated), codes(anywhere, np.ones_like(dated))])
    nearby = [codes(own + shift, dated) for shift in (-1, 0, 1)]
    query_nodes, query_codes = _joined([*nearby, codes(anywhere, ~dated)])
    keys, key_of, posting = np.unique(index_codes, return_inverse=True, return_counts=True)
    kept = posting <= config.max_posting
    number = np.cumsum(kept) - 1  # dense number of each kept key
    width = int(kept.sum())
    held = kept[key_of]
    holders = _ones((number[key_of[held]], index_nodes[held]), (width, n))
    at = np.minimum(np.searchsorted(keys, query_codes), max(len(keys) - 1, 0))
    asked = (keys[at] == query_codes) & kept[at] if len(keys) else np.zeros(len(query_codes), dtype=bool)
    query = _ones((query_nodes[asked], number[at[asked]]), (n, width))
    return holders, query


def _joined(parts: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _ones(coords: tuple[np.ndarray, np.ndarray], shape: tuple[int, int]) -> Matrix:
    return sp.csr_matrix((np.ones(len(coords[0]), dtype=np.float32), coords), shape=shape)


def candidate_pairs(nodes: Nodes, combined: Matrix, config: GraphConfig) -> np.ndarray:
    """Pairs (i < j) that share a distinctive feature in nearby weeks, as an (n, 2) array."""
    n = len(nodes)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    top = _top_columns(combined, config.keys_per_node)
    holders, query = _key_matrices(nodes.days, top, combined.shape[1], config)
    # the nodes a row meets, counted before the product sums them: rows are cut into chunks of about
    # HITS_PER_CHUNK of them, so the product's memory stays flat however many nodes share a key
    met = np.asarray(query @ np.diff(holders.indptr).astype(np.float64)).ravel()
    codes = []
    for start, end in _chunks(met, HITS_PER_CHUNK):
        hits = (query[start:end] @ holders).tocoo()
        rows, cols = _best_per_row(hits.row.astype(np.int64), hits.col.astype(np.int64), hits.data, config)
        rows += start
        mask = rows != cols
        codes.append(np.minimum(rows, cols)[mask] * n + np.maximum(rows, cols)[mask])
        del hits, rows, cols, mask
    unique = np.unique(np.concatenate(codes))  # pair (i, j) as one number i * n + j: sorted as (i, j)
    return np.stack([unique // n, unique % n], axis=1)


HITS_PER_CHUNK = 2_000_000


def _chunks(load: np.ndarray, budget: float) -> list[tuple[int, int]]:
    """Consecutive row ranges whose loads sum to about ``budget`` (at least one row each)."""
    total = np.cumsum(load)
    bounds, start = [], 0
    while start < len(load):
        base = total[start - 1] if start else 0.0
        end = max(start + 1, int(np.searchsorted(total, base + budget, side="right")))
        bounds.append((start, min(end, len(load))))
        start = end
    return bounds


def _best_per_row(
    rows: np.ndarray, cols: np.ndarray, shared: np.ndarray, config: GraphConfig
) -> tuple[np.ndarray, np.ndarray]:
    """Each node's ``candidates_per_node`` partners sharing the most keys: bounds pairs to a multiple of N."""
    order = np.lexsort((cols, -shared, rows))
    rows, cols = rows[order], cols[order]
    starts = np.searchsorted(rows, rows, side="left")
    keep = (np.arange(len(rows)) - starts) < config.candidates_per_node
    return rows[keep], cols[keep]


def _day_factor(
    days: np.ndarray, pairs: np.ndarray, config: GraphConfig, published: np.ndarray | None = None,
    across: np.ndarray | None = None,
) -> np.ndarray:
    """1 for pairs dated within ``same_days``, fading to 0 over ``fade_days``. Pairs in two languages
    (``across``) compare their publication days: the day a text names is read by rules that differ from
    language to language (English has the tense-aware ones), and two reports of one happening are published
    within days of each other whatever their language."""
    a, b = days[pairs[:, 0]], days[pairs[:, 1]]
    if published is not None and across is not None:
        pa, pb = published[pairs[:, 0]], published[pairs[:, 1]]
        both = across & (pa != NO_DAY) & (pb != NO_DAY)
        a, b = np.where(both, pa, a), np.where(both, pb, b)
    known = (a != NO_DAY) & (b != NO_DAY)
    gap = np.abs(a - b).astype(np.float64)
    factor = np.clip(1.0 - (gap - config.same_days) / config.fade_days, 0.0, 1.0)
    return np.where(known, factor, 1.0)


def _row_dots(matrix: Matrix, pairs: np.ndarray) -> np.ndarray:
    out = np.empty(len(pairs), dtype=np.float64)
    # chunks of about two million stored values, whatever the width of the rows (events pool many words)
    step = max(256, int(2e6 / max(1.0, matrix.nnz / max(1, matrix.shape[0]))))
    for start in range(0, len(pairs), step):
        chunk = pairs[start : start + step]
        product = matrix[chunk[:, 0]].multiply(matrix[chunk[:, 1]])
        out[start : start + len(chunk)] = np.asarray(product.sum(axis=1)).ravel()
    return out


def _actor_overlap(counts: Matrix, pairs: np.ndarray) -> np.ndarray:
    """How much of the smaller side's actors the other side names too, each actor weighted by its IDF
    (presence, not counts: a pooled event names its main actors many times, its shared ones a few)."""
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1.0 + counts.shape[0]) / (1.0 + df)) + 1.0
    weights = idf[counts.indices]
    presence = sp.csr_matrix((np.sqrt(weights), counts.indices, counts.indptr), shape=counts.shape)
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    totals = np.bincount(rows, weights=weights, minlength=counts.shape[0])
    smaller = np.minimum(totals[pairs[:, 0]], totals[pairs[:, 1]])
    return _row_dots(presence, pairs) / np.where(smaller > 0, smaller, 1.0)


def _across(nodes: Nodes, pairs: np.ndarray) -> np.ndarray:
    """Which pairs are of two known, different languages."""
    spoken = nodes.languages
    if spoken is None or not nodes.multilingual:
        return np.zeros(len(pairs), dtype=bool)
    a, b = spoken[pairs[:, 0]], spoken[pairs[:, 1]]
    return np.asarray((a != NO_LANGUAGE) & (b != NO_LANGUAGE) & (a != b), dtype=bool)


def crosslingual_pairs(nodes: Nodes, marks: Matrix, config: GraphConfig) -> np.ndarray:
    """Candidate pairs of articles in different languages, blocked on their marks as others on words, in
    nearby weeks of publication (see ``_day_factor``)."""
    pairs = candidate_pairs(Nodes(nodes.words, nodes.entities, nodes.publication_days()), marks, config)
    return np.asarray(pairs[_across(nodes, pairs)])


def _union(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.unique(np.concatenate([a, b]), axis=0) if len(b) else a


def similarities(
    nodes: Nodes, combined: Matrix, entities: Matrix, pairs: np.ndarray, config: GraphConfig,
    marks: Matrix | None = None,
) -> np.ndarray:
    """The blended similarity of each pair, faded by the gap between their days; for a pair in two
    languages (with ``marks``, the nodes' normalised marks), the weighted cosine of their marks."""
    if len(pairs) == 0:
        return np.zeros(0)
    sims = _row_dots(combined, pairs)
    entity_sims = _row_dots(entities, pairs)
    has_entities = np.diff(entities.indptr) > 0
    both = has_entities[pairs[:, 0]] & has_entities[pairs[:, 1]]
    overlap = _actor_overlap(nodes.entities, pairs) if config.overlap_by_presence else entity_sims
    strangers = both & (overlap < config.min_entity_overlap)
    across = _across(nodes, pairs) if marks is not None else np.zeros(len(pairs), dtype=bool)
    if across.any():  # names are the marks' core: sharing none already keeps the cosine low
        sims[across] = config.crosslingual_weight * _row_dots(marks, pairs[across])
        entity_sims[across] = 0.0
        strangers &= ~across
    if config.strangers_only_when_dated:
        strangers &= (nodes.days[pairs[:, 0]] != NO_DAY) & (nodes.days[pairs[:, 1]] != NO_DAY)
    sims = np.where(strangers, sims * config.unshared_actor_factor, sims) + config.actor_bonus * entity_sims
    factor = _day_factor(nodes.days, pairs, config, nodes.published, across)
    return np.asarray(sims * factor, dtype=np.float64)


def edges(nodes: Nodes, config: GraphConfig, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """Every candidate pair (i < j, as an (m, 2) array) whose similarity reaches ``floor``, and those
    similarities; arrays rather than a dict, which at 100,000 articles would take half a gigabyte."""
    combined, entities = vectorise(nodes, config)
    pairs = candidate_pairs(nodes, combined, config)
    marks = None
    if nodes.multilingual:
        marks = _tfidf(nodes.marks)
        pairs = _union(pairs, crosslingual_pairs(nodes, marks, config))
    if floor > 0:  # a pair dated too far apart ends at similarity 0, under the floor: it is not compared
        across = _across(nodes, pairs) if marks is not None else np.zeros(len(pairs), dtype=bool)
        pairs = pairs[_day_factor(nodes.days, pairs, config, nodes.published, across) > 0]
    sims = similarities(nodes, combined, entities, pairs, config, marks)
    keep = sims >= floor
    return pairs[keep], sims[keep]


def pooled_edges(
    articles: Nodes, membership: Matrix, days: Sequence[int | None], config: GraphConfig, floor: float
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs of groups (row ``k`` of ``membership`` marks the articles of group ``k``) and the
    SUM of their articles' pairwise similarities, computed exactly: the sum over all article pairs of
    cosines is the dot product of the groups' sums of normalised article vectors, so no pair the blocking
    did not propose counts as zero. Groups are proposed by blocking on their pooled counts; the day fade
    and the unshared-actor factor judge the groups as wholes. Pairs whose average is under ``floor`` go."""
    groups = articles.pooled(membership, days)
    pooled_combined, _ = vectorise(groups, config)
    pairs = candidate_pairs(groups, pooled_combined, config)
    if articles.multilingual:
        pairs = _union(pairs, candidate_pairs(groups, _tfidf(groups.marks), config))
    if floor > 0:  # a pair dated too far apart sums to 0, under the floor: it is not compared
        pairs = pairs[_day_factor(groups.days, pairs, config) > 0]
    if len(pairs) == 0:
        return pairs, np.zeros(0)
    combined, entities = vectorise(articles, config)
    summed, summed_entities = sp.csr_matrix(membership @ combined), sp.csr_matrix(membership @ entities)
    totals = _row_dots(summed, pairs) + config.actor_bonus * _row_dots(summed_entities, pairs)
    if articles.multilingual:
        totals += _crosslingual_sums(articles, membership, combined, entities, pairs, config)
    strangers = _strangers(groups.entities, pairs, config)
    if articles.multilingual:  # two groups in no common language name their actors in other words
        apart = _no_common_language(articles, membership, pairs)
        assert groups.marks is not None
        strangers[apart] = _strangers(groups.marks, pairs[apart], config)
    if config.strangers_only_when_dated:
        strangers &= (groups.days[pairs[:, 0]] != NO_DAY) & (groups.days[pairs[:, 1]] != NO_DAY)
    totals = np.where(strangers, totals * config.unshared_actor_factor, totals)
    totals = totals * _day_factor(groups.days, pairs, config)
    sizes = np.asarray(membership.sum(axis=1)).ravel()
    keep = totals >= floor * sizes[pairs[:, 0]] * sizes[pairs[:, 1]]
    return pairs[keep], totals[keep]


def _across_sums(matrix: Matrix, membership: Matrix, spoken: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """For each pair of groups, the sum of ``matrix``'s row dot products over their article pairs in two
    known, different languages: all known-language pairs less those in one language, exactly."""
    def within(mask: np.ndarray) -> Matrix:
        return sp.csr_matrix(membership @ sp.diags(mask.astype(np.float64)) @ matrix)

    total = _row_dots(within(spoken != NO_LANGUAGE), pairs)
    for code in np.unique(spoken[spoken != NO_LANGUAGE]):
        total -= _row_dots(within(spoken == code), pairs)
    return total


def _crosslingual_sums(
    articles: Nodes, membership: Matrix, combined: Matrix, entities: Matrix, pairs: np.ndarray,
    config: GraphConfig,
) -> np.ndarray:
    """What replaces the words' (and the actor bonus's) similarity of article pairs in two languages:
    the weighted cosine of their marks (as ``similarities`` does for one pair)."""
    assert articles.languages is not None and articles.marks is not None
    spoken = articles.languages
    out = np.zeros(len(pairs))
    # a pair whose groups hold one known language between them has no article pair in two languages:
    # its sums are exactly 0 (the same rows less the same rows), so only the other pairs are summed, and
    # only their groups' rows are pooled
    mixed = np.flatnonzero(_languages_between(articles, membership, pairs) > 1)
    if len(mixed) == 0:
        return out
    rows, local = np.unique(pairs[mixed], return_inverse=True)
    local = local.reshape(-1, 2)
    part = membership[rows]
    words = _across_sums(combined, part, spoken, local)
    bonus = _across_sums(entities, part, spoken, local) if config.actor_bonus else 0.0
    marks = _across_sums(_tfidf(articles.marks), part, spoken, local)
    out[mixed] = config.crosslingual_weight * marks - words - config.actor_bonus * bonus
    return out


def _languages_between(articles: Nodes, membership: Matrix, pairs: np.ndarray) -> np.ndarray:
    """For each pair of groups, how many known languages their articles hold between them."""
    assert articles.languages is not None
    spoken = articles.languages
    known = np.flatnonzero(spoken != NO_LANGUAGE)
    width = int(spoken.max(initial=NO_LANGUAGE)) + 1
    onehot = sp.csr_matrix((np.ones(len(known)), (known, spoken[known])), shape=(len(spoken), max(width, 1)))
    held = sp.csr_matrix(membership @ onehot)
    held.data = np.ones_like(held.data)
    count = np.diff(held.indptr)
    return np.asarray(count[pairs[:, 0]] + count[pairs[:, 1]] - _row_dots(held, pairs), dtype=np.float64)


def _strangers(counts: Matrix, pairs: np.ndarray, config: GraphConfig) -> np.ndarray:
    """Pairs whose sides both name actors (or marks) yet share less than ``min_entity_overlap`` of them."""
    named = np.diff(counts.indptr) > 0
    both = named[pairs[:, 0]] & named[pairs[:, 1]]
    return np.asarray(both & (_actor_overlap(counts, pairs) < config.min_entity_overlap), dtype=bool)


def _no_common_language(articles: Nodes, membership: Matrix, pairs: np.ndarray) -> np.ndarray:
    """Pairs of groups whose articles are all of known languages and share none: their actors' names
    (read by an English model from other languages) cannot be compared, their marks can."""
    assert articles.languages is not None
    spoken = articles.languages
    known = np.flatnonzero(spoken != NO_LANGUAGE)
    width = int(spoken.max()) + 1
    onehot = sp.csr_matrix((np.ones(len(known)), (known, spoken[known])), shape=(len(spoken), width))
    held = sp.csr_matrix(membership @ onehot)
    held.data = np.ones_like(held.data)
    unknown = np.asarray(membership @ (spoken == NO_LANGUAGE).astype(np.float64)).ravel() > 0
    common = _row_dots(held, pairs) > 0
    return np.asarray(~common & ~unknown[pairs[:, 0]] & ~unknown[pairs[:, 1]], dtype=bool)
