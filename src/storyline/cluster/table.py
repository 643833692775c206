"""The clusterer's memory of every article it has seen, in compact form.

Every ``add`` re-clusters from the features of all articles so far, so they stay in memory for the life of
the clusterer. As dicts of strings they took about 8 kB an article (0.8 GB at 100,000); here each term is
interned once to an integer id and an article keeps two small numpy arrays (term ids, weights), about
1.4 kB. ``ArticleFeatures`` is rebuilt on demand.

A store keeps the table as it is held here (issue 19): the vocabulary, one row per term id, and one row
per article (its term ids and weights as bytes, the rest as a short JSON list), so loading it is a read
and two ``frombuffer`` an article, and saving it writes only the terms and articles put since it was
loaded (``unsaved``), never the whole table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from storyline.cluster.features import ArticleFeatures
from storyline.cluster.graph import NO_DAY, Matrix, Nodes, languages

StoredRow = tuple[str, bytes, bytes, str]  # article id, term ids (int32), weights (float64), the rest (JSON)


@dataclass(frozen=True, slots=True)
class Row:
    """One article: word terms, then entity terms, then its marks, as ids into the table's vocabulary."""

    terms: np.ndarray  # int32
    weights: np.ndarray  # float64, the damped counts
    n_words: int
    day: int | None
    event_day: int | None
    published: int | None
    length: int
    label: str
    n_marks: int = 0
    language: str | None = None


class FeatureTable:
    """Article id → ``Row``, with one vocabulary shared by words and entities (kept apart by a prefix)."""

    def __init__(self) -> None:
        self._vocab: dict[str, int] = {}
        self._terms: list[str] = []
        self._rows: dict[str, Row] = {}
        self._saved_terms = 0  # the terms (in id order) a store holds already
        self._unsaved: set[str] = set()  # the articles put since the table was loaded

    @classmethod
    def from_stored(cls, terms: Iterable[str], rows: Iterable[StoredRow]) -> FeatureTable:
        """The table a store keeps: its terms in id order and its articles' rows (see ``unsaved``)."""
        table = cls()
        table._terms = list(terms)
        table._vocab = {term: k for k, term in enumerate(table._terms)}
        table._saved_terms = len(table._terms)
        for article_id, terms_bytes, weights_bytes, meta in rows:
            n_words, n_marks, day, event_day, published, length, label, language = json.loads(meta)
            table._rows[article_id] = Row(
                np.frombuffer(terms_bytes, dtype=np.int32), np.frombuffer(weights_bytes, dtype=np.float64),
                n_words, day, event_day, published, length, label, n_marks, language,
            )
        return table

    def unsaved(self) -> tuple[list[tuple[int, str]], list[StoredRow]]:
        """What a store lacks of this table: the new terms (id, term) and the rows of the articles put
        since it was loaded, in the form ``from_stored`` reads."""
        terms = list(enumerate(self._terms[self._saved_terms :], self._saved_terms))
        rows = []
        for article_id in sorted(self._unsaved):
            r = self._rows[article_id]
            meta = [r.n_words, r.n_marks, r.day, r.event_day, r.published, r.length, r.label, r.language]
            text = json.dumps(meta, ensure_ascii=False)
            rows.append((article_id, r.terms.tobytes(), r.weights.tobytes(), text))
        return terms, rows

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __getitem__(self, article_id: str) -> Row:
        return self._rows[article_id]

    def _ids(self, keys: list[str]) -> list[int]:
        vocab, terms = self._vocab, self._terms
        out = []
        for key in keys:
            found = vocab.get(key)
            if found is None:
                found = vocab[key] = len(terms)
                terms.append(key)
            out.append(found)
        return out

    def put(self, features: ArticleFeatures) -> None:
        """Store (or replace) one article's features."""
        words, entities, marks = features.words, features.entities, features.marks
        # an entity key never meets a word key, nor a mark either (prefixes a PostgreSQL text can hold)
        keys = [*words, *("\x02" + e for e in entities), *("\x01" + m for m in marks)]
        weights = [*words.values(), *entities.values(), *marks.values()]
        self._rows[features.article_id] = Row(
            np.array(self._ids(keys), dtype=np.int32), np.array(weights, dtype=np.float64), len(words),
            features.day, features.event_day, features.published, features.length, features.label,
            len(marks), features.language,
        )
        self._unsaved.add(features.article_id)

    def features(self, article_id: str) -> ArticleFeatures:
        """The article's features as they were put."""
        row = self._rows[article_id]
        pairs = [(self._terms[t], w) for t, w in zip(row.terms.tolist(), row.weights.tolist(), strict=True)]
        end = len(pairs) - row.n_marks
        words = dict(pairs[: row.n_words])
        entities = {key[1:]: w for key, w in pairs[row.n_words : end]}
        marks = {key[1:]: w for key, w in pairs[end:]}
        return ArticleFeatures(
            article_id, words, entities, row.day, row.event_day, row.published, row.length, row.label,
            row.language, marks,
        )

    def nodes(self, ids: list[str]) -> Nodes:
        """The articles ``ids`` as nodes, one row each, in that order."""
        rows = [self._rows[a] for a in ids]
        word_rows = [(r.terms[: r.n_words], r.weights[: r.n_words]) for r in rows]
        ends = [len(r.terms) - r.n_marks for r in rows]
        entity_rows = [
            (r.terms[r.n_words : e], r.weights[r.n_words : e]) for r, e in zip(rows, ends, strict=True)
        ]
        mark_rows = [(r.terms[e:], r.weights[e:]) for r, e in zip(rows, ends, strict=True)]
        days = np.array([NO_DAY if r.day is None else r.day for r in rows], dtype=np.int64)
        spoken = languages([r.language for r in rows])
        published = np.array([NO_DAY if r.published is None else r.published for r in rows], dtype=np.int64)
        return Nodes(_matrix(word_rows), _matrix(entity_rows), days, _matrix(mark_rows), spoken, published)


def _matrix(rows: list[tuple[np.ndarray, np.ndarray]]) -> Matrix:
    """Rows of (term ids, weights) → a sparse matrix whose columns are the terms in order of first use,
    so the matrix depends on the rows alone, never on the order in which the table learnt its terms."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(t) for t, _ in rows], out=indptr[1:])
    if indptr[-1] == 0:
        return sp.csr_matrix((len(rows), 1), dtype=np.float64)
    terms = np.concatenate([t for t, _ in rows])
    weights = np.concatenate([w for _, w in rows])
    # each term's first use, by term id (ids are dense: a table's vocabulary), without sorting the terms
    first = np.full(int(terms.max()) + 1, len(terms), dtype=np.int64)
    np.minimum.at(first, terms, np.arange(len(terms), dtype=np.int64))
    used = np.flatnonzero(first < len(terms))
    column = np.empty(len(first), dtype=np.int32)
    column[used[np.argsort(first[used], kind="stable")]] = np.arange(len(used), dtype=np.int32)
    indices = column[terms]
    return sp.csr_matrix((weights, indices, indptr), shape=(len(rows), len(used)))
