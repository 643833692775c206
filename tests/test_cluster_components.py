"""The clusterer's connected components: union-find for small graphs, SciPy's csgraph for large ones,
with the same count and the same labels either way (issue 19's fast start: a few articles need no csgraph)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from storyline.cluster import clusterer
from storyline.cluster.clusterer import components


def _scipy(n: int, pairs: np.ndarray) -> tuple[int, np.ndarray]:
    graph = sp.csr_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    count, label = connected_components(graph, directed=False)
    return int(count), label


def _random_pairs(rng: np.random.Generator, n: int, m: int) -> np.ndarray:
    a = rng.integers(0, n, size=m)
    b = rng.integers(0, n, size=m)
    keep = a != b
    return np.stack([np.minimum(a, b)[keep], np.maximum(a, b)[keep]], axis=1).astype(np.int64)


def test_union_find_labels_equal_scipys() -> None:
    rng = np.random.default_rng(19)
    for n, m in [(1, 0), (2, 1), (5, 3), (40, 25), (200, 150), (300, 900), (1000, 400)]:
        pairs = _random_pairs(rng, n, m) if m else np.zeros((0, 2), dtype=np.int64)
        count, label = components(n, pairs)
        want_count, want_label = _scipy(n, pairs)
        assert count == want_count
        assert label.dtype == want_label.dtype
        assert label.tolist() == want_label.tolist()


def test_edges_in_any_order_and_repeated_give_the_same_labels() -> None:
    pairs = np.array([[3, 4], [0, 2], [2, 4], [5, 6], [0, 2]], dtype=np.int64)
    count, label = components(8, pairs)
    assert count == 4
    assert label.tolist() == [0, 1, 0, 0, 0, 2, 2, 3]
    count, label = components(8, pairs[::-1].copy())
    assert label.tolist() == [0, 1, 0, 0, 0, 2, 2, 3]


def test_a_large_graph_goes_to_scipy_with_the_same_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(7)
    pairs = _random_pairs(rng, 500, 700)
    small = components(500, pairs)
    monkeypatch.setattr(clusterer, "UNION_FIND_EDGES", 10)
    large = components(500, pairs)
    assert small[0] == large[0]
    assert small[1].tolist() == large[1].tolist()


def test_clustering_a_few_articles_imports_no_csgraph() -> None:
    code = (
        "import sys\n"
        "import numpy as np\n"
        "from storyline.cluster.clusterer import _link\n"
        "pairs = np.array([[0, 1], [1, 2], [3, 4]], dtype=np.int64)\n"
        "print(_link(5, pairs, np.array([0.9, 0.3, 0.8]), 0.5, None))\n"
        "print('scipy.sparse.csgraph' in sys.modules, 'scipy.linalg' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["[[0, 1], [2], [3, 4]]", "False False"]
