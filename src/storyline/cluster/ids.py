"""Stable cluster ids: a new clustering inherits the ids of the old one by majority overlap.

An id keeps its meaning: it moves to the new cluster holding the largest share of its old members. Old
clusters folded into one new cluster are a merge; an old cluster spread over several is a split. Both are
recorded, never silently absorbed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Level = Literal["event", "story"]


@dataclass(frozen=True)
class ClusterChange:
    """One merge or split, as the history of a clusterer records it."""

    level: Level
    kind: Literal["merge", "split"]
    id: str  # the surviving id of a merge, or the id that was split
    others: tuple[str, ...]  # the ids merged into ``id``, or the ids that took part of a split
    batch: int

    def to_dict(self) -> dict[str, object]:
        return {"level": self.level, "kind": self.kind, "id": self.id, "others": list(self.others),
                "batch": self.batch}

    @staticmethod
    def from_dict(data: Mapping[str, object]) -> ClusterChange:
        others = data["others"]
        assert isinstance(others, list)
        return ClusterChange(
            data["level"], data["kind"], str(data["id"]), tuple(others), int(str(data["batch"]))  # type: ignore[arg-type]
        )


def fresh_id(prefix: str, members: Iterable[str], taken: set[str]) -> str:
    """A content hash of the members; a suffix keeps it from reusing an id issued before."""
    base = prefix + hashlib.sha1("\n".join(sorted(members)).encode()).hexdigest()[:12]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def _overlaps(
    new: Sequence[frozenset[str]], old: Mapping[str, frozenset[str]]
) -> list[tuple[int, str, int]]:
    """(shared members, old id, new index) for every old cluster that meets a new one."""
    owner = {member: old_id for old_id, members in old.items() for member in members}
    counts: dict[tuple[str, int], int] = {}
    for index, members in enumerate(new):
        for member in members:
            old_id = owner.get(member)
            if old_id is not None:
                counts[old_id, index] = counts.get((old_id, index), 0) + 1
    return [(shared, old_id, index) for (old_id, index), shared in counts.items()]


def assign_ids(
    new: Sequence[frozenset[str]],
    old: Mapping[str, frozenset[str]],
    *,
    prefix: str,
    level: Level,
    batch: int,
    taken: set[str],
) -> tuple[list[str], list[ClusterChange]]:
    """An id for each new cluster, and the merges and splits that turned ``old`` into ``new``."""
    pairs = sorted(_overlaps(new, old), key=lambda p: (-p[0], p[1], min(new[p[2]])))
    ids: list[str | None] = [None] * len(new)
    placed: set[str] = set()
    for shared, old_id, index in pairs:
        # an id moves only to a cluster holding at least half its old members, or it would change meaning
        if ids[index] is None and old_id not in placed and 2 * shared >= len(old[old_id]):
            ids[index] = old_id
            placed.add(old_id)
    final = [i if i is not None else fresh_id(prefix, new[k], taken) for k, i in enumerate(ids)]
    return final, _changes(pairs, final, level, batch)


def _changes(
    pairs: Sequence[tuple[int, str, int]], ids: Sequence[str], level: Level, batch: int
) -> list[ClusterChange]:
    into: dict[str, set[str]] = {}  # new id → old ids it took members from
    spread: dict[str, set[str]] = {}  # old id → new ids its members went to
    for _, old_id, index in pairs:
        into.setdefault(ids[index], set()).add(old_id)
        spread.setdefault(old_id, set()).add(ids[index])
    alive = set(ids)
    changes = [  # only a retired id was merged; a surviving one that lost members was split
        ClusterChange(level, "merge", new_id, tuple(sorted(olds - alive)), batch)
        for new_id, olds in sorted(into.items())
        if olds - alive
    ]
    changes += [
        ClusterChange(level, "split", old_id, tuple(sorted(news - {old_id})), batch)
        for old_id, news in sorted(spread.items())
        if news - {old_id}
    ]
    return changes
