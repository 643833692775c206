"""Average-linkage agglomerative clustering over a sparse similarity graph.

Written by hand because scipy's and scikit-learn's versions need the dense n×n distance matrix, which at
100,000 articles is 80 GB. A missing edge counts as similarity 0, so chains of weak links do not merge.
Clusters never cross the connected components of the edges at or above the threshold (an average can only
reach the threshold if one pair does), so each component is solved on its own.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping


def components(n: int, edges: Mapping[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Connected components of the nodes ``0..n-1`` over edges at or above ``threshold``, sorted."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), sim in edges.items():
        if sim >= threshold:
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values())


def average_linkage(
    nodes: list[int],
    edges: Mapping[tuple[int, int], float],
    threshold: float,
    attach: float | None = None,
    small: int = 2,
    sizes: Mapping[int, int] | None = None,
) -> list[list[int]]:
    """Merge the pair of clusters with the highest average similarity while it reaches ``threshold``.

    With ``sizes``, node ``i`` stands for ``sizes[i]`` items (an event of several articles) and an edge
    holds the sum of the similarities between their items, so the averages are over items, not nodes.

    Then, if ``attach`` is given, each cluster of at most ``small`` nodes joins the larger cluster it is
    closest to on average, if that reaches ``attach``: a report too short to share much wording with its
    event should not stand alone. ``nodes`` are sorted node numbers; ``edges`` may hold pairs outside them,
    which are ignored. Ties go to the smallest cluster numbers, so the result depends only on the input.
    """
    if len(nodes) == 1:
        return [nodes]
    local = {node: k for k, node in enumerate(nodes)}
    sums: list[dict[int, float]] = [{} for _ in nodes]
    for (i, j), sim in edges.items():
        a, b = local.get(i), local.get(j)
        if a is not None and b is not None:
            sums[a][b] = sums[b][a] = sim
    members: list[list[int] | None] = [[node] for node in nodes]
    weight = [1 if sizes is None else sizes[node] for node in nodes]
    heap = [
        (-sim / (weight[a] * weight[b]), a, b)
        for a, row in enumerate(sums) for b, sim in row.items()
        if a < b and sim >= threshold * weight[a] * weight[b]
    ]
    heapq.heapify(heap)
    while heap:
        _, a, b = heapq.heappop(heap)
        if members[a] is None or members[b] is None:
            continue
        _merge(a, b, sums, members, heap, threshold, weight)
    if attach is not None:
        _attach_small(sums, members, attach, small, weight)
    return sorted(sorted(m) for m in members if m is not None)


def _attach_small(
    sums: list[dict[int, float]], members: list[list[int] | None], attach: float, small: int,
    weight: list[int],
) -> None:
    sizes = {c: weight[c] for c, m in enumerate(members) if m is not None}
    fragments = sorted((n, c) for c, n in sizes.items() if n <= small)
    moves = []  # decided against the clusters as they stand, so fragments do not chain
    for size, c in fragments:
        best = max(
            ((total / (size * sizes[k]), -k) for k, total in sums[c].items() if sizes.get(k, 0) > small),
            default=None,
        )
        if best is not None and best[0] >= attach:
            moves.append((c, -best[1]))
    for c, k in moves:
        target, moved = members[k], members[c]
        assert target is not None and moved is not None
        target.extend(moved)
        members[c] = None


def _merge(
    a: int,
    b: int,
    sums: list[dict[int, float]],
    members: list[list[int] | None],
    heap: list[tuple[float, int, int]],
    threshold: float,
    weight: list[int],
) -> None:
    """Fold clusters ``a`` and ``b`` into a new cluster and queue its averages with its neighbours."""
    ma, mb = members[a], members[b]
    assert ma is not None and mb is not None
    merged = len(sums)
    members.append(ma + mb)
    members[a] = members[b] = None
    row: dict[int, float] = {}
    for old in (a, b):
        for k, total in sums[old].items():
            if k not in (a, b):
                row[k] = row.get(k, 0.0) + total
                del sums[k][old]
        sums[old] = {}
    sums.append(row)
    size = weight[a] + weight[b]
    weight.append(size)
    for k, total in row.items():
        sums[k][merged] = total
        average = total / (size * weight[k])
        if average >= threshold:
            heapq.heappush(heap, (-average, k, merged))
