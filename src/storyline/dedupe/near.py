"""Exact and near-duplicate articles: one wire story, many copies.

MinHash + LSH (datasketch) over word shingles proposes candidate pairs cheaply; every candidate is then
checked on the real shingle sets, by Jaccard (a light edit) or by containment (a copy with a trimmed ending
or an added paragraph is mostly inside the other). A copy also keeps the origin's names and figures, so a
pair whose capitalised words and numbers disagree is two reports written from one template, not a copy.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.models import Article, DuplicateGroup

_WORD = re.compile(r"\w+")
# a capitalised word inside a sentence (not after . ! ? or a line break), or a figure
_NAME_OR_FIGURE = re.compile(r"(?<![.!?\n]\s)(?<![.!?\n])(?<!^)\b(?:[A-Z][\w'’-]+|\d[\d.,]*)")
_COMMON = frozenset(ENGLISH_STOP_WORDS) | {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november", "december", "mr", "mrs",
}
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


def _candidate_pairs(
    prints: Sequence[_Fingerprint], num_perm: int, seed: int
) -> Iterable[tuple[int, int]]:
    lsh = MinHashLSH(threshold=_CANDIDATE_THRESHOLD, num_perm=num_perm)
    # the shingles are already 32-bit hashes: datasketch only has to permute them
    encoded = (p.shingles.tolist() for p in prints)
    for i, minhash in enumerate(MinHash.bulk(encoded, num_perm=num_perm, seed=seed, hashfunc=_as_is)):
        for j in lsh.query(minhash):
            yield int(j), i
        lsh.insert(i, minhash)


def _as_is(value: int) -> int:
    return value


def group_id(article_ids: Iterable[str]) -> str:
    """A content hash of the member ids: the same members always give the same id."""
    return hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()[:16]


def _origin(members: Sequence[Article]) -> Article:
    """The earliest published, then the longest, then the smallest id (for determinism)."""
    def key(a: Article) -> tuple[int, str, int, str]:
        value = a.published.value
        return (value is None, value.isoformat() if value else "", -len(a.text), a.id)

    return min(members, key=key)


def group_duplicates(
    articles: Sequence[Article], *, threshold: float = 0.7, num_perm: int = 128, seed: int = 1
) -> list[DuplicateGroup]:
    """Group exact and near-duplicate articles; every article lands in exactly one group.

    ``threshold`` is the Jaccard similarity of word shingles above which two texts are copies; a text at
    least 80% contained in another (a trimmed or extended copy) is a copy too. Groups come sorted by the
    origin's id.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    if num_perm < 16:
        raise ValueError(f"num_perm must be at least 16, got {num_perm}")
    unique = list({a.id: a for a in articles}.values())
    prints = [_fingerprint(a) for a in unique]
    sets = _UnionFind(len(unique))
    for i, j in _candidate_pairs(prints, num_perm, seed):
        if sets.find(i) != sets.find(j) and is_copy(prints[i], prints[j], threshold):
            sets.union(i, j)
    members: dict[int, list[Article]] = {}
    for i, article in enumerate(unique):
        members.setdefault(sets.find(i), []).append(article)
    groups = [
        DuplicateGroup(group_id(a.id for a in ms), _origin(ms).id, tuple(sorted(a.id for a in ms)))
        for ms in members.values()
    ]
    return sorted(groups, key=lambda g: g.origin_id)
