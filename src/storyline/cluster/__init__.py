"""Articles → events (one real-world happening) → stories (events of one developing story), incrementally."""

from storyline.cluster.clusterer import ClusterConfig, Clusterer, ClusterResult, cluster_articles
from storyline.cluster.features import ArticleFeatures, article_features
from storyline.cluster.graph import GraphConfig
from storyline.cluster.ids import ClusterChange

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
