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

import base64
import hashlib
import re
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from numpy.polynomial.legendre import leggauss

from storyline.bare_import import import_bare
from storyline.calendar_words import MONTH_NAMES, WEEKDAY_NAMES
from storyline.models import Article, DuplicateGroup
from storyline.stop_words import ENGLISH_STOP_WORDS

if TYPE_CHECKING:
    from datasketch import LeanMinHash, MinHash
else:  # datasketch's package imports its LSH, and so SciPy's integrator and optimiser, only for the LSH's
    # choice of bands, which _band_ranges makes here: its MinHash is imported alone
    MinHash = import_bare("datasketch.minhash").MinHash
    LeanMinHash = import_bare("datasketch.lean_minhash").LeanMinHash

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
    """Union-find over article ids, added as they come."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.index: dict[str, int] = {}

    def add(self, item: str) -> int:
        found = self.index.get(item)
        if found is None:
            found = self.index[item] = len(self.parent)
            self.parent.append(found)
        return found

    def groups(self) -> list[list[str]]:
        members: dict[int, list[str]] = {}
        for item, i in self.index.items():
            members.setdefault(self.find(i), []).append(item)
        return sorted(sorted(ms) for ms in members.values())

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


Rank = tuple[bool, str, int, str]


@dataclass(frozen=True)
class Signature:
    """What grouping needs of one article: its fingerprint, MinHash and rank as a group's origin."""

    article_id: str
    fingerprint: _Fingerprint
    minhash: LeanMinHash
    rank: Rank  # the earliest published, then the longest, then the smallest id

    def __reduce__(self) -> tuple[Callable[..., Signature], tuple[object, ...]]:
        """Pickled with its MinHash's parts, rebuilt through this module: unpickling a ``LeanMinHash`` by its
        class would import datasketch's package ``__init__`` (its LSH, SciPy's integrator and optimiser: a
        second of CPU in the process that takes a worker's signatures back), which this module avoids."""
        m = self.minhash
        return _signature, (self.article_id, self.fingerprint, m.seed, m.scheme, m.hashvalues, self.rank)


def _signature(
    article_id: str, fingerprint: _Fingerprint, seed: int, scheme: str, hashvalues: np.ndarray, rank: Rank
) -> Signature:
    minhash = LeanMinHash(seed=seed, hashvalues=hashvalues, scheme=scheme)
    return Signature(article_id, fingerprint, minhash, rank)


def _rank(a: Article) -> Rank:
    value = a.published.value
    return rank(value.isoformat() if value else None, len(a.text), a.id)


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
    prints = {s.article_id: s.fingerprint for s in unique}
    pairs = lsh_pairs(unique)
    partition = join_copies([], list(prints), pairs, prints.__getitem__, threshold=threshold)
    return groups_of(partition, {s.article_id: s.rank for s in unique})


def join_copies(
    partition: Sequence[Sequence[str]],
    ids: Iterable[str],
    pairs: Iterable[tuple[str, str]],
    fingerprint: Callable[[str], _Fingerprint],
    *,
    threshold: float = 0.7,
) -> list[list[str]]:
    """The copy groups of ``ids``, as sorted lists of ids: ``partition`` (the groups of some of them, made
    before) joined along the candidate ``pairs`` that ``is_copy`` confirms.

    The copies among articles grouped before do not change when others arrive, so ``pairs`` need only
    hold a new article each (``lsh_pairs``, or a store's band index: ``band_keys``); with no partition,
    every candidate pair. Either way the groups are those of all the articles at once (a union-find's
    partition does not depend on the order of its unions).
    """
    _check_threshold(threshold)
    sets = _UnionFind(0)
    for members in partition:
        for member in members[1:]:
            sets.union(sets.add(members[0]), sets.add(member))
    for a, b in pairs:
        i, j = sets.add(a), sets.add(b)
        if sets.find(i) != sets.find(j) and is_copy(fingerprint(a), fingerprint(b), threshold):
            sets.union(i, j)
    for article_id in ids:
        sets.add(article_id)
    return sets.groups()


def lsh_pairs(signatures: Sequence[Signature]) -> list[tuple[str, str]]:
    """Every pair of the articles that share a band of their MinHash: datasketch's LSH candidates (its
    bands for ``_CANDIDATE_THRESHOLD``, each compared on its values), each pair once, the later article
    second. Bucketed here rather than in a ``MinHashLSH``, whose index keeps per key what a one-off
    grouping never asks again (a third of the grouping's time)."""
    if len({(len(s.minhash), s.minhash.seed) for s in signatures}) > 1:
        raise ValueError("signatures of one grouping must share num_perm and seed")
    if len({s.minhash.scheme for s in signatures}) > 1:  # as datasketch's LSH refuses them
        raise ValueError("signatures of one grouping must share their MinHash scheme")
    if not signatures:
        return []
    ranges = _band_ranges(len(signatures[0].minhash))
    buckets: list[dict[bytes, list[str]]] = [{} for _ in ranges]
    pairs = []
    for signature in signatures:
        values = signature.minhash.hashvalues
        keys = [values[a:b].tobytes() for a, b in ranges]
        others = dict.fromkeys(o for bucket, k in zip(buckets, keys, strict=True) for o in bucket.get(k, ()))
        pairs += [(other, signature.article_id) for other in others]
        for bucket, k in zip(buckets, keys, strict=True):
            bucket.setdefault(k, []).append(signature.article_id)
    return pairs


@cache
def _band_ranges(num_perm: int) -> list[tuple[int, int]]:
    """The MinHash slices datasketch's LSH files a signature under, for ``lsh_pairs``'s threshold: ``b``
    bands of ``r`` values, its choice for that threshold with false positives and negatives weighed alike.

    That choice minimises the mean of the two errors' areas under the LSH's S-curve ``1 - (1 - s^r)^b``,
    which datasketch integrates with SciPy's ``quad``; the curve is a polynomial of degree ``r * b <=
    num_perm``, so a Gauss-Legendre rule of ``num_perm // 2 + 1`` nodes integrates it exactly, and the same
    (b, r) comes out (``tests/test_dedupe.py``). Candidates go in datasketch's order, the first least error
    kept."""
    pairs = [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]
    b, r = (np.array(column, dtype=float)[:, None] for column in zip(*pairs, strict=True))
    nodes, weights = leggauss(num_perm // 2 + 1)

    def area(low: float, high: float, curve: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        half = (high - low) / 2
        return curve(half * nodes[None, :] + (high + low) / 2) @ (weights * half)

    false_positive = area(0.0, _CANDIDATE_THRESHOLD, lambda s: 1 - (1 - s**r) ** b)
    false_negative = area(_CANDIDATE_THRESHOLD, 1.0, lambda s: (1 - s**r) ** b)
    bands, rows = pairs[int(np.argmin(0.5 * false_positive + 0.5 * false_negative))]
    return [(i * rows, (i + 1) * rows) for i in range(bands)]


def band_keys(minhash: LeanMinHash) -> list[str]:
    """One key per LSH band: the band's number and its hash values, whole. Two signatures share a key
    exactly when ``lsh_pairs``'s LSH makes them candidates (the same bands, compared on the same values), so
    a store that keeps every signature's keys finds a new article's candidates by looking its keys up."""
    values = np.asarray(minhash.hashvalues, dtype=np.uint64)
    return [f"{k}:{_b64(values[a:b])}" for k, (a, b) in enumerate(_band_ranges(len(minhash)))]


def groups_of(partition: Iterable[Sequence[str]], ranks: Mapping[str, Rank]) -> list[DuplicateGroup]:
    """One ``DuplicateGroup`` per set of copies, its origin the member of least rank; sorted by origin."""
    groups = [
        DuplicateGroup(group_id(members), min(members, key=ranks.__getitem__), tuple(sorted(members)))
        for members in partition
    ]
    return sorted(groups, key=lambda g: g.origin_id)


def rank(published: str | None, length: int, article_id: str) -> Rank:
    """An article's rank as a group's origin, from its stored columns (see ``Signature.rank``)."""
    return (published is None, published or "", -length, article_id)


def encode_signature(s: Signature) -> tuple[int, int, int, str, str]:
    """(num_perm, seed, length, MinHash, fingerprint) as the store keeps them: numbers and text."""
    m, f = s.minhash, s.fingerprint
    prints = [_b64(f.shingles.astype(np.uint32)), _b64(f.names.astype(np.uint32)), f.exact]
    minhash = f"{m.scheme} {_b64(m.hashvalues.astype(np.uint64))}"  # datasketch's hashing scheme first
    return len(m), int(m.seed), -s.rank[2], minhash, " ".join(prints)


def decode_minhash(seed: int, text: str) -> LeanMinHash:
    scheme, values = text.split(" ")
    return LeanMinHash(
        seed=seed, hashvalues=np.frombuffer(base64.b64decode(values), dtype=np.uint64), scheme=scheme
    )


def decode_fingerprint(text: str) -> _Fingerprint:
    shingles, names, exact = text.split(" ")
    return _Fingerprint(_uint32(shingles), _uint32(names), exact)


def _uint32(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=np.uint32)


def _b64(array: np.ndarray) -> str:
    return base64.b64encode(array.tobytes()).decode("ascii")


def _check_threshold(threshold: float) -> None:
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
