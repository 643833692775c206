"""Exact and near-duplicate articles: one wire story, many copies.

MinHash + LSH (datasketch) over word shingles proposes candidate pairs cheaply; every candidate is then
checked on the real shingle sets, by Jaccard (a light edit) or by containment (a copy with a trimmed ending
or an added paragraph is mostly inside the other). A copy also keeps the origin's names and figures, so a
pair whose capitalised words and numbers disagree is two reports written from one template, not a copy.

Two halves, so an engine can spread the first: ``sign_articles`` (one article at a time: shingles, names,
MinHash) runs anywhere; ``group_signatures`` (LSH and the checks, across articles) runs in one process.
``group_duplicates`` is both in a row.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from storyline.calendar_words import MONTH_NAMES, WEEKDAY_NAMES
from storyline.models import Article, DuplicateGroup
from storyline.stop_words import ENGLISH_STOP_WORDS

_WORD = re.compile(r"\w+")
# a capitalised word inside a sentence (not after . ! ? or a line break), or a figure
_NAME_OR_FIGURE = re.compile(r"(?<![.!?\n]\s)(?<![.!?\n])(?<!^)\b(?:[A-Z][\w'’-]+|\d[\d.,]*)")
# day and month names ("may" is also a verb, kept as the stop word it is) say nothing of what is reported
_COMMON = frozenset(ENGLISH_STOP_WORDS) | set(WEEKDAY_NAMES) | set(MONTH_NAMES) - {"may"} | {"mr", "mrs"}
SHINGLE_WORDS = 4
# LSH only proposes; it must catch a copy that lost half its text (Jaccard 0.5), hence well below threshold.
_CANDIDATE_THRESHOLD = 0.3
CONTAINMENT_THRESHOLD = 0.8
# a copy keeps nearly all the names and figures of the side that has fewer
NAMES_AGREEMENT = 0.8


@dataclass(frozen=True)
class _Fingerprint:
    """Shingles and names as sorted 32-bit hashes: a tenth of the memory the strings would take."""

    shingles: np.ndarray
    names: np.ndarray
    exact: str


def _hashes(items: Iterable[str]) -> np.ndarray:
    return np.unique(np.fromiter((zlib.crc32(s.encode()) for s in items), dtype=np.uint32))


def _fingerprint(article: Article) -> _Fingerprint:
    words = _WORD.findall(article.text.lower())
    if len(words) < SHINGLE_WORDS:
        shingles = _hashes([" ".join(words)])
    else:
        shingles = _hashes(
            " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
        )
    exact = hashlib.sha1(" ".join(words).encode()).hexdigest()
    names = _hashes(n for n in _NAME_OR_FIGURE.findall(article.text) if n.lower() not in _COMMON)
    return _Fingerprint(shingles, names, exact)


def _overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger)."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared), shared / min(len(a), len(b))


def is_copy(a: _Fingerprint, b: _Fingerprint, threshold: float) -> bool:
    """True when one fingerprint is an exact, near or syndicated copy of the other."""
    if a.exact == b.exact:
        return True
    jaccard, containment = _overlap(a.shingles, b.shingles)
    if jaccard < threshold and containment < CONTAINMENT_THRESHOLD:
        return False
    _, names = _overlap(a.names, b.names)
    # a copy keeps its names: only two texts that both name no one are judged on their words alone
    return names >= NAMES_AGREEMENT or not (len(a.names) or len(b.names))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


@dataclass(frozen=True)
class Signature:
    """What grouping needs of one article: its fingerprint, MinHash and rank as a group's origin."""

    article_id: str
    fingerprint: _Fingerprint
    minhash: LeanMinHash
    rank: tuple[bool, str, int, str]  # the earliest published, then the longest, then the smallest id


def _rank(a: Article) -> tuple[bool, str, int, str]:
    value = a.published.value
    return (value is None, value.isoformat() if value else "", -len(a.text), a.id)


def sign_articles(articles: Sequence[Article], *, num_perm: int = 128, seed: int = 1) -> list[Signature]:
    """Each article's signature, in order: the per-article half of grouping (safe to run anywhere)."""
    if num_perm < 16:
        raise ValueError(f"num_perm must be at least 16, got {num_perm}")
    prints = [_fingerprint(a) for a in articles]
    # the shingles are already 32-bit hashes: datasketch only has to permute them
    encoded = (p.shingles.tolist() for p in prints)
    minhashes = MinHash.bulk(encoded, num_perm=num_perm, seed=seed, hashfunc=_as_is)
    return [
        Signature(a.id, p, LeanMinHash(m), _rank(a))
        for a, p, m in zip(articles, prints, minhashes, strict=True)
    ]


def _candidate_pairs(signatures: Sequence[Signature]) -> Iterable[tuple[int, int]]:
    if not signatures:
        return
    lsh = MinHashLSH(threshold=_CANDIDATE_THRESHOLD, num_perm=len(signatures[0].minhash))
    for i, signature in enumerate(signatures):
        for j in lsh.query(signature.minhash):
            yield int(j), i
        lsh.insert(i, signature.minhash)


def _as_is(value: int) -> int:
    return value


def group_id(article_ids: Iterable[str]) -> str:
    """A content hash of the member ids: the same members always give the same id."""
    return hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()[:16]


def group_duplicates(
    articles: Sequence[Article], *, threshold: float = 0.7, num_perm: int = 128, seed: int = 1
) -> list[DuplicateGroup]:
    """Group exact and near-duplicate articles; every article lands in exactly one group.

    ``threshold`` is the Jaccard similarity of word shingles above which two texts are copies; a text at
    least 80% contained in another (a trimmed or extended copy) is a copy too. Groups come sorted by the
    origin's id.
    """
    _check_threshold(threshold)
    unique = list({a.id: a for a in articles}.values())
    return group_signatures(sign_articles(unique, num_perm=num_perm, seed=seed), threshold=threshold)


def group_signatures(signatures: Sequence[Signature], *, threshold: float = 0.7) -> list[DuplicateGroup]:
    """``group_duplicates`` from the articles' signatures (the cross-article half, in one process)."""
    _check_threshold(threshold)
    unique = list({s.article_id: s for s in signatures}.values())
    if len({(len(s.minhash), s.minhash.seed) for s in unique}) > 1:
        raise ValueError("signatures of one grouping must share num_perm and seed")
    sets = _UnionFind(len(unique))
    for i, j in _candidate_pairs(unique):
        if sets.find(i) != sets.find(j) and is_copy(unique[i].fingerprint, unique[j].fingerprint, threshold):
            sets.union(i, j)
    members: dict[int, list[Signature]] = {}
    for i, signature in enumerate(unique):
        members.setdefault(sets.find(i), []).append(signature)
    groups = [
        DuplicateGroup(
            group_id(s.article_id for s in ms),
            min(ms, key=lambda s: s.rank).article_id,
            tuple(sorted(s.article_id for s in ms)),
        )
        for ms in members.values()
    ]
    return sorted(groups, key=lambda g: g.origin_id)


def _check_threshold(threshold: float) -> None:
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
