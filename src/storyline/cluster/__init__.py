"""Articles → events (one real-world happening) → stories (events of one developing story), incrementally."""

from storyline.bare_import import import_scipy_sparse

import_scipy_sparse()  # before any module here imports it: without numpy's f2py and testing (see there)

from storyline.cluster.clusterer import ClusterConfig, Clusterer, ClusterResult, cluster_articles  # noqa: E402
from storyline.cluster.features import ArticleFeatures, article_features  # noqa: E402
from storyline.cluster.graph import GraphConfig  # noqa: E402
from storyline.cluster.ids import ClusterChange  # noqa: E402

__all__ = [
    "ArticleFeatures",
    "ClusterChange",
    "ClusterConfig",
    "ClusterResult",
    "Clusterer",
    "GraphConfig",
    "article_features",
    "cluster_articles",
]
