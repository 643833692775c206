"""The annotator reads the headline too: its entities name the event and count for clustering."""

from __future__ import annotations

from storyline.annotate.annotator import annotate_articles
from storyline.cluster.features import article_features
from storyline.models import Article, PublishedDate


def test_headline_entities_are_annotated_and_count_for_clustering() -> None:
    text = "A strong earthquake struck the region on Monday, officials said. Rescue teams arrived at night."
    titled = Article("a", "a.txt", text, PublishedDate.unknown(), title="Earthquake hits Sumatra")
    plain = Article("b", "b.txt", text, PublishedDate.unknown())
    with_title, without = annotate_articles([titled, plain])
    assert [(m.text, m.article_id) for m in with_title.title_mentions] == [("Sumatra", "a")]
    assert without.title_mentions == ()
    start, end = with_title.title_mentions[0].start, with_title.title_mentions[0].end
    assert titled.title is not None and titled.title[start:end] == "Sumatra"
    assert "sumatra" in article_features(with_title).entities
    assert "sumatra" not in article_features(without).entities
