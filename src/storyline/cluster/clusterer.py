"""Incremental event and story clustering with stable ids.

Every ``add`` re-clusters from the features of all articles seen so far, so the clusters are a function of
the set of articles alone: adding them in batches gives what adding them at once gives. Ids then carry over
from the previous clusters by majority overlap (see ``ids``), with merges and splits recorded as history.
The costly part (candidate pairs and their similarities) is linear in the corpus thanks to blocking.

The state is in two parts: ``to_state`` (the clusters, their ids, what copies what: small) and the
feature table (``features``, one row per article, which a store keeps row by row and saves only the rows
put since it was loaded: see ``table``). The merges and splits are each ``add``'s to record (its
``ClusterResult.history``): the clusterer does not keep them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import scipy.sparse as sp

from storyline.cluster.features import ArticleFeatures, article_features
from storyline.cluster.graph import GraphConfig, Nodes, edges, pooled_edges
from storyline.cluster.ids import ClusterChange, assign_ids
from storyline.cluster.linkage import average_linkage
from storyline.cluster.linkage import components as linked_components
from storyline.cluster.table import FeatureTable
from storyline.models import AnnotatedArticle, DuplicateGroup, Event, Story

STATE_VERSION = 2
# version 1 held the features and the history too: its clusters and ids read the same (a store made before
# keeps its ids; its articles are featurised again)
READABLE_VERSIONS = (1, STATE_VERSION)


@dataclass(frozen=True)
class ClusterConfig:
    """One configuration for every corpus; nothing here is tuned per data set at run time."""

    # the middle of the plateau that ECB+ whole, each half of its topics alone and the generated corpus
    # share (0.22-0.23), not the full set's own peak (0.25, which drops to 0.880 on the even topics)
    event_threshold: float = 0.23
    # on the mean similarity of two events' articles (average linkage): ECB+'s odd topics choose 0.08,
    # the even ones 0.07 (benchmarks/clustering.py --cross); the lower keeps the topics 1-5 gate (0.937)
    story_threshold: float = 0.07
    events: GraphConfig = field(default_factory=GraphConfig)
    # a developing story spans weeks and its events need not share every actor: stories are threaded by
    # their vocabulary (names included, as words). But two dated events that do not share at least half of
    # the smaller one's actors (weighted by rarity) are two happenings told in the same words (two fires,
    # two primaries of one campaign whose every article names the same candidates), not one story.
    stories: GraphConfig = field(
        default_factory=lambda: GraphConfig(
            entity_weight=0.0, bucket_days=51, same_days=21, fade_days=30, unshared_actor_factor=0.25,
            strangers_only_when_dated=True, overlap_by_presence=True, actor_bonus=0.2, min_entity_overlap=0.5,
        )
    )
    edge_floor: float = 0.05  # weaker candidate pairs are dropped: they only dilute averages
    story_edge_floor: float = 0.01  # on the mean similarity of two events' articles, which runs lower
    attach_threshold: float | None = 0.1  # fragments of one or two articles join their closest event

    def __post_init__(self) -> None:
        for name in ("event_threshold", "story_threshold", "edge_floor", "story_edge_floor"):
            if not 0.0 < getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be in (0, 1]")
        if self.attach_threshold is not None and not 0.0 < self.attach_threshold <= 1.0:
            raise ValueError("attach_threshold must be None or in (0, 1]")


@dataclass(frozen=True)
class ClusterResult:
    events: list[Event]
    stories: list[Story]
    history: list[ClusterChange]  # the changes made by this ``add``


class Clusterer:
    """Articles in, events and stories out; call ``add`` with each new batch."""

    def __init__(self, config: ClusterConfig | None = None, features: FeatureTable | None = None) -> None:
        self.config = config or ClusterConfig()
        self._features = features if features is not None else FeatureTable()
        self._copy_of: dict[str, str] = {}  # article → another article of its duplicate group
        self._events: dict[str, frozenset[str]] = {}  # event id → article ids
        self._stories: dict[str, frozenset[str]] = {}  # story id → article ids
        self._taken: set[str] = set()
        self._batch = 0

    @property
    def features(self) -> FeatureTable:
        """Every article's features (a store saves their ``unsaved`` rows beside ``to_state``)."""
        return self._features

    def article_ids(self) -> set[str]:
        """The articles whose features the clusterer keeps: an ``add`` need not give them again."""
        return set(self._features)

    def add(
        self, articles: Sequence[AnnotatedArticle], groups: Sequence[DuplicateGroup] = ()
    ) -> ClusterResult:
        """Add a batch and re-cluster; ``groups`` may span batches.

        An article seen before is taken in its new annotation (its date may have been completed since).
        """
        return self.add_features((article_features(a) for a in articles), groups)

    def add_features(
        self, features: Iterable[ArticleFeatures], groups: Sequence[DuplicateGroup] = ()
    ) -> ClusterResult:
        """Like ``add``, for features computed elsewhere (a cheap path, or a store)."""
        for item in features:  # one at a time: the table keeps them compact
            self._features.put(item)
        for group in groups:
            for member in group.article_ids:
                if member != group.origin_id:
                    self._copy_of[member] = group.origin_id
        self._batch += 1
        ids = sorted(self._features)
        articles = self._features.nodes(ids)
        event_sets = self._cluster_events(ids, articles)
        event_ids, changes = assign_ids(
            event_sets, self._events, prefix="ev-", level="event", batch=self._batch, taken=self._taken
        )
        self._events = dict(zip(event_ids, event_sets, strict=True))
        changes += self._thread_stories(ids, articles, event_ids, event_sets)
        return ClusterResult(self.events(), self.stories(), changes)

    # --- events -------------------------------------------------------------------------------------

    def _copies(self) -> dict[str, list[str]]:
        """Representative article → every article of its duplicate group (representative included)."""
        parent = {a: a for a in self._features}

        def find(a: str) -> str:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for copy, origin in self._copy_of.items():
            if copy in parent and origin in parent:
                ra, rb = find(copy), find(origin)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
        groups: dict[str, list[str]] = {}
        for article in parent:
            groups.setdefault(find(article), []).append(article)
        return {self._representative(ms): sorted(ms) for ms in groups.values()}

    def _representative(self, members: Sequence[str]) -> str:
        def key(a: str) -> tuple[bool, int, int, str]:
            f = self._features[a]
            return (f.published is None, f.published or 0, -f.length, a)

        return min(members, key=key)

    def _cluster_events(self, ids: list[str], articles: Nodes) -> list[frozenset[str]]:
        """Duplicate groups are clustered as one node each, through their representative."""
        copies = self._copies()
        reps = sorted(copies)
        row = {a: i for i, a in enumerate(ids)}
        nodes = articles.subset(np.array([row[r] for r in reps], dtype=np.int64))
        clusters = _cluster(
            nodes, self.config.events, self.config.event_threshold, self.config.edge_floor,
            self.config.attach_threshold,
        )
        return [frozenset(a for k in cluster for a in copies[reps[k]]) for cluster in clusters]

    # --- stories ------------------------------------------------------------------------------------

    def _thread_stories(
        self, ids: list[str], articles: Nodes, event_ids: list[str], event_sets: list[frozenset[str]]
    ) -> list[ClusterChange]:
        """Events joined into stories by average linkage over their articles (see ``pooled_edges``):
        pooling an event's words into one vector let a large event's words drown what a small one shares."""
        order = sorted(range(len(event_ids)), key=lambda k: event_ids[k])
        membership = _membership([event_sets[k] for k in order], {a: i for i, a in enumerate(ids)})
        days = [self._event_day(event_sets[k]) for k in order]
        config = self.config
        pairs, totals = pooled_edges(articles, membership, days, config.stories, config.story_edge_floor)
        sizes = [len(event_sets[k]) for k in order]
        clusters = _link(len(order), pairs, totals, self.config.story_threshold, None, sizes)
        story_sets = [frozenset(a for k in c for a in event_sets[order[k]]) for c in clusters]
        story_ids, changes = assign_ids(
            story_sets, self._stories, prefix="st-", level="story", batch=self._batch, taken=self._taken
        )
        self._stories = dict(zip(story_ids, story_sets, strict=True))
        return changes

    def _event_day(self, members: Iterable[str]) -> int | None:
        """The day most of the event's articles put the happening on, else the median publication day."""
        stated = Counter(d for a in members if (d := self._features[a].event_day) is not None)
        if stated:
            return min(stated, key=lambda d: (-stated[d], d))
        published = sorted(p for a in members if (p := self._features[a].published) is not None)
        return published[len(published) // 2] if published else None

    # --- results ------------------------------------------------------------------------------------

    def events(self) -> list[Event]:
        out = []
        for event_id, members in sorted(self._events.items()):
            stated = Counter(d for a in members if (d := self._features[a].event_day) is not None)
            day = min(stated, key=lambda d: (-stated[d], d)) if stated else None
            label = self._features[self._representative(sorted(members))].label
            when = date.fromordinal(day).isoformat() if day is not None else None
            out.append(Event(event_id, tuple(sorted(members)), when, label))
        return out

    def stories(self) -> list[Story]:
        owner = {a: e for e, members in self._events.items() for a in members}
        out = []
        for story_id, members in sorted(self._stories.items()):
            event_ids = tuple(sorted({owner[a] for a in members}))
            out.append(Story(story_id, event_ids, tuple(sorted(members))))
        return out

    # --- state --------------------------------------------------------------------------------------

    def to_state(self) -> dict[str, object]:
        """A JSON-able snapshot of all but the features; ``from_state`` with the same features restores a
        clusterer that carries on with the same ids."""
        return {
            "version": STATE_VERSION,
            "batch": self._batch,
            "copy_of": dict(sorted(self._copy_of.items())),
            "events": {k: sorted(v) for k, v in sorted(self._events.items())},
            "stories": {k: sorted(v) for k, v in sorted(self._stories.items())},
            "taken": sorted(self._taken),
        }

    @classmethod
    def from_state(
        cls,
        state: Mapping[str, object],
        features: FeatureTable | None = None,
        config: ClusterConfig | None = None,
    ) -> Clusterer:
        """The clusterer of ``to_state`` and its ``features`` (none: the clusters and their ids alone, and
        an ``add`` featurises every article again)."""
        if state.get("version") not in READABLE_VERSIONS:
            raise ValueError(f"clusterer state version {state.get('version')!r}, expected {STATE_VERSION}")
        self = cls(config, features)
        self._batch = int(str(state["batch"]))
        self._copy_of = {str(k): str(v) for k, v in _dict(state["copy_of"]).items()}
        self._events = {str(k): frozenset(map(str, _list(v))) for k, v in _dict(state["events"]).items()}
        self._stories = {str(k): frozenset(map(str, _list(v))) for k, v in _dict(state["stories"]).items()}
        self._taken = set(map(str, _list(state["taken"])))
        return self


def _list(value: object) -> list[dict[str, object]]:
    if not isinstance(value, list):
        raise ValueError("malformed clusterer state: expected a list")
    return value


def _dict(value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ValueError("malformed clusterer state: expected a mapping")
    return value


def _membership(sets: Sequence[frozenset[str]], rows: Mapping[str, int]) -> sp.csr_matrix:
    indptr = np.cumsum([0] + [len(s) for s in sets])
    indices = np.array([rows[a] for s in sets for a in sorted(s)], dtype=np.int64)
    data = np.ones(len(indices))
    return sp.csr_matrix((data, indices, indptr), shape=(len(sets), len(rows)))


def _cluster(
    nodes: Nodes, config: GraphConfig, threshold: float, floor: float, attach: float | None = None
) -> list[list[int]]:
    pairs, sims = edges(nodes, config, floor)
    return _link(len(nodes), pairs, sims, threshold, attach)


def _link(
    n: int, pairs: np.ndarray, sims: np.ndarray, threshold: float, attach: float | None,
    sizes: Sequence[int] | None = None,
) -> list[list[int]]:
    """Average linkage inside each connected component of the edges that reach the lowest threshold (with
    ``sizes``, ``sims`` are sums over the nodes' items and the threshold is on their average)."""
    weight = np.ones(n) if sizes is None else np.asarray(sizes, dtype=np.float64)
    average = sims / (weight[pairs[:, 0]] * weight[pairs[:, 1]]) if len(pairs) else sims
    strong = average >= min(threshold, attach if attach is not None else threshold)
    count, label = components(n, pairs[strong])
    inside = label[pairs[:, 0]] == label[pairs[:, 1]]
    pairs, sims = pairs[inside], sims[inside]
    order = np.argsort(label[pairs[:, 0]], kind="stable")
    pairs, sims = pairs[order], sims[order]
    edge_bounds = np.searchsorted(label[pairs[:, 0]], np.arange(count + 1))
    by_label = np.argsort(label, kind="stable")
    node_bounds = np.searchsorted(label[by_label], np.arange(count + 1))
    size_of = None if sizes is None else dict(enumerate(sizes))
    out: list[list[int]] = []
    for k in range(count):
        members = by_label[node_bounds[k] : node_bounds[k + 1]].tolist()
        if len(members) == 1:
            out.append(members)
            continue
        lo, hi = edge_bounds[k], edge_bounds[k + 1]
        local = dict(zip(map(tuple, pairs[lo:hi].tolist()), sims[lo:hi].tolist(), strict=True))
        out += average_linkage(sorted(members), local, threshold, attach, sizes=size_of)
    return sorted(out)


# Up to this many strong edges, components are found here by union-find; above, by SciPy's csgraph. Both
# number the components alike (see ``components``), so the threshold changes nothing but the time: a run
# of a few articles then never imports ``scipy.sparse.csgraph``, which brings ``scipy.sparse.linalg`` and
# ``scipy.linalg`` with it (0.14 s of CPU in a cold start), for a graph of a dozen edges.
UNION_FIND_EDGES = 5_000


def components(n: int, pairs: np.ndarray) -> tuple[int, np.ndarray]:
    """The connected components of the undirected graph on nodes ``0..n-1`` with edges ``pairs`` (an
    (m, 2) array): their count and each node's label, numbered as ``scipy.sparse.csgraph.
    connected_components(..., directed=False)`` numbers them, in the order of each component's lowest
    node (the component of node 0 is 0, that of the lowest node outside it 1, ...), so either way gives
    the same labels (tests/test_cluster_components.py compares them)."""
    if len(pairs) > UNION_FIND_EDGES:
        from scipy.sparse.csgraph import connected_components

        graph = sp.csr_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
        count, label = connected_components(graph, directed=False)
        return int(count), label
    groups = linked_components(n, dict.fromkeys(map(tuple, pairs.tolist()), 1.0), 1.0)
    label = np.empty(n, dtype=np.int32)
    for number, group in enumerate(groups):  # sorted by their lowest node, as SciPy numbers them
        label[group] = number
    return len(groups), label


def cluster_articles(
    articles: Sequence[AnnotatedArticle],
    groups: Sequence[DuplicateGroup] = (),
    config: ClusterConfig | None = None,
) -> tuple[list[Event], list[Story]]:
    """Events and stories of ``articles`` in one go."""
    result = Clusterer(config).add(articles, groups)
    return result.events, result.stories
