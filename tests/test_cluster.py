"""Event and story clustering: what separates events, incremental ids, order independence, state."""

from __future__ import annotations

import hashlib
import itertools
import json
import random
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from cluster_scoring import Confusion, LabelledDoc, confusions, topic_half
from storyline.cluster import ClusterConfig, Clusterer, cluster_articles
from storyline.cluster.features import ArticleFeatures, article_features
from storyline.cluster.graph import (
    GraphConfig,
    _actor_overlap,
    _chunks,
    _row_dots,
    candidate_pairs,
    pooled_edges,
    vectorise,
)
from storyline.cluster.linkage import average_linkage, components
from storyline.cluster.table import FeatureTable
from storyline.models import AnnotatedArticle, Article, DuplicateGroup, PublishedDate, Sentence

# Two kinds of happening, each told in several wordings; {a}, {b} are actors, {p} a place.
FIRE = [
    "A fire gutted the {p} warehouse overnight, and firefighter {a} said the roof collapsed before dawn.",
    "Crews battled the blaze at the {p} warehouse for six hours; {a} told reporters arson was not ruled out.",
    "Investigators led by {b} are examining the burnt {p} warehouse, where the fire destroyed stock.",
    "The {p} warehouse fire sent smoke across town; {b} said nobody was hurt and {a} praised the crews.",
]
TALKS = [
    "Negotiators {a} and {b} met in {p} for a new round of peace talks on the ceasefire plan.",
    "The talks in {p} between {a} and {b} ended without a deal on the ceasefire, officials said.",
    "{a} said the {p} round of negotiations with {b} made progress on prisoner exchanges.",
    "A fresh round of peace negotiations opened in {p}, with {a} and {b} leading the delegations.",
]


def make(text: str, day: date, title: str | None = None, event_day: date | None = None) -> AnnotatedArticle:
    digest = hashlib.sha1(f"{text}|{day}".encode()).hexdigest()[:16]
    article = Article(digest, digest, text, PublishedDate(day, "metadata", "test", 1.0), title=title)
    sentence = Sentence(digest, 0, len(text), text, event_day.isoformat() if event_day else None)
    return AnnotatedArticle(article, sentences=(sentence,))


def event_articles(
    template: list[str], a: str, b: str, p: str, day: date, n: int = 4
) -> list[AnnotatedArticle]:
    return [
        make(template[k % len(template)].format(a=a, b=b, p=p), day + timedelta(days=k % 2), event_day=day)
        for k in range(n)
    ]


def corpus() -> tuple[list[AnnotatedArticle], list[set[str]]]:
    """Four events: two fires (other actors, other town), two rounds of talks between the same negotiators
    three weeks apart (two events of one story)."""
    events = [
        event_articles(FIRE, "Marta Kowalczyk", "Jonas Ebeling", "Harwick", date(2024, 3, 2)),
        event_articles(FIRE, "Tobias Lindgren", "Amara Okonkwo", "Pellston", date(2024, 3, 3)),
        event_articles(TALKS, "Viktor Hallan", "Selim Darov", "Geneva", date(2024, 3, 5)),
        event_articles(TALKS, "Viktor Hallan", "Selim Darov", "Vienna", date(2024, 3, 26)),
    ]
    return [a for e in events for a in e], [{a.article.id for a in e} for e in events]


def partition(clusterer_events: list[tuple[str, ...]]) -> set[frozenset[str]]:
    return {frozenset(ids) for ids in clusterer_events}


def test_events_are_told_apart_by_actors_places_and_dates() -> None:
    articles, gold = corpus()
    events, _ = cluster_articles(articles)
    assert partition([e.article_ids for e in events]) == {frozenset(g) for g in gold}


def test_two_rounds_of_talks_are_two_events_of_one_story() -> None:
    articles, gold = corpus()
    _, stories = cluster_articles(articles)
    talks = gold[2] | gold[3]
    (story,) = [s for s in stories if talks & set(s.article_ids)]
    assert set(story.article_ids) == talks
    assert len(story.event_ids) == 2
    fire_stories = [s for s in stories if (gold[0] | gold[1]) & set(s.article_ids)]
    assert all(not talks & set(s.article_ids) for s in fire_stories)


def test_event_date_is_the_day_most_articles_put_the_happening_on() -> None:
    articles, gold = corpus()
    events, _ = cluster_articles(articles)
    dates = {frozenset(e.article_ids): e.date for e in events}
    assert dates[frozenset(gold[3])] == "2024-03-26"
    assert dates[frozenset(gold[0])] == "2024-03-02"


def test_syndicated_copies_stay_with_their_origin() -> None:
    articles, _ = corpus()
    copy = make(articles[0].article.text + " Reporting by the wire.", date(2024, 3, 2))
    group = DuplicateGroup("g1", articles[0].article.id, (articles[0].article.id, copy.article.id))
    events, _ = cluster_articles([*articles, copy], [group])
    (home,) = [e for e in events if articles[0].article.id in e.article_ids]
    assert copy.article.id in home.article_ids


def test_batches_give_the_clusters_of_one_go_and_ids_keep_their_meaning() -> None:
    articles, _ = corpus()
    whole = partition([e.article_ids for e in Clusterer().add(articles).events])
    clusterer = Clusterer()
    first = clusterer.add(articles[::2])
    second = clusterer.add(articles[1::2])
    assert partition([e.article_ids for e in second.events]) == whole
    after = {e.id: set(e.article_ids) for e in second.events}
    merged_away = {o for c in second.history if c.kind == "merge" for o in c.others}
    for event in first.events:
        if event.id in after:  # a surviving id still holds what it held
            assert set(event.article_ids) <= after[event.id]
        else:  # a vanished id was merged, and the history says into what
            assert event.id in merged_away


def test_a_bridge_that_joins_two_events_is_recorded_as_a_merge() -> None:
    names = {"a": "Marta Kowalczyk", "b": "Jonas Ebeling", "p": "Harwick"}
    day = date(2024, 3, 2)
    fire, talks = make(FIRE[0].format(**names), day), make(TALKS[0].format(**names), day)
    bridge = make(FIRE[1].format(**names) + " " + TALKS[1].format(**names), date(2024, 3, 2))
    clusterer = Clusterer(ClusterConfig(event_threshold=0.25))
    assert len(clusterer.add([fire, talks]).events) == 2
    result = clusterer.add([bridge])
    assert len(result.events) == 1
    merges = [c for c in result.history if c.kind == "merge" and c.level == "event"]
    assert merges and merges[0].others


def test_nodes_sharing_only_their_lighter_words_are_still_compared() -> None:
    """Blocking keys are a node's heaviest features among those another node holds: in a small batch the
    heaviest are words of one node alone, which can pair it with nothing (the example's storm split)."""
    shared = ["storm", "power", "coast"]
    table = FeatureTable()
    for k in range(2):
        own = {f"own{k}word{j}": 1.0 for j in range(20)}
        words = {**own, **dict.fromkeys(shared, 1.0)}
        table.put(ArticleFeatures(f"a{k}", words, {}, None, None, None, 100, ""))
    nodes = table.nodes(["a0", "a1"])
    combined, _ = vectorise(nodes, GraphConfig())
    assert candidate_pairs(nodes, combined, GraphConfig()).tolist() == [[0, 1]]


def test_state_round_trips_through_json_and_carries_on() -> None:
    articles, _ = corpus()
    clusterer = Clusterer()
    clusterer.add(articles[:8])
    terms, rows = clusterer.features.unsaved()  # as a store keeps them
    kept = FeatureTable.from_stored([t for _, t in terms], rows)
    restored = Clusterer.from_state(json.loads(json.dumps(clusterer.to_state())), kept)
    assert restored.events() == clusterer.events()
    assert restored.stories() == clusterer.stories()
    assert restored.add(articles[8:]).events == clusterer.add(articles[8:]).events


def test_state_of_another_version_is_refused() -> None:
    with pytest.raises(ValueError, match="version"):
        Clusterer.from_state({"version": 99})


def test_adding_the_same_articles_again_changes_nothing() -> None:
    articles, _ = corpus()
    clusterer = Clusterer()
    first = clusterer.add(articles)
    again = clusterer.add(articles)
    assert again.events == first.events and again.stories == first.stories
    assert again.history == []


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), cuts=st.lists(st.integers(1, 15), max_size=3))
def test_any_order_and_batching_gives_the_same_clusters(seed: int, cuts: list[int]) -> None:
    articles, _ = corpus()
    expected = partition([e.article_ids for e in Clusterer().add(articles).events])
    shuffled = list(articles)
    random.Random(seed).shuffle(shuffled)
    clusterer = Clusterer()
    bounds = [0, *sorted(set(cuts)), len(shuffled)]
    for start, end in itertools.pairwise(bounds):
        if start < end:
            clusterer.add(shuffled[start:end])
    assert partition([e.article_ids for e in clusterer.events()]) == expected


def test_average_linkage_does_not_chain_through_one_weak_link() -> None:
    edges = {(0, 1): 0.9, (1, 2): 0.35, (2, 3): 0.9}
    assert average_linkage([0, 1, 2, 3], edges, 0.3) == [[0, 1], [2, 3]]
    assert components(4, edges, 0.3) == [[0, 1, 2, 3]]


def test_bad_config_is_refused() -> None:
    with pytest.raises(ValueError, match="event_threshold"):
        ClusterConfig(event_threshold=0.0)


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.exists(), reason="needs ../shared/seeds beside the clone")
def test_seed_rounds_of_talks_are_two_events_of_one_story() -> None:
    import storyline

    brief = storyline.brief([str(SEEDS)])
    (story,) = brief.stories
    prefix = {s.article_id: Path(s.origin).name[:3] for s in story.sources}
    events = sorted(sorted(prefix[a] for a in e.article_ids) for e in story.events)
    assert events == [["000", "001", "002", "003"], ["004"]]


def test_a_lone_fragment_joins_its_closest_event_but_only_above_attach() -> None:
    edges = {(0, 1): 0.9, (1, 2): 0.9, (0, 2): 0.9, (2, 3): 0.36, (3, 4): 0.05}
    assert average_linkage([0, 1, 2, 3, 4], edges, 0.5) == [[0, 1, 2], [3], [4]]
    assert average_linkage([0, 1, 2, 3, 4], edges, 0.5, attach=0.1) == [[0, 1, 2, 3], [4]]


def test_feature_table_gives_back_what_was_put_and_the_same_matrix_in_any_order() -> None:
    articles, _ = corpus()
    features = [article_features(a) for a in articles]
    forward, backward = FeatureTable(), FeatureTable()
    for item in features:
        forward.put(item)
    for item in reversed(features):
        backward.put(item)
    assert [forward.features(f.article_id) for f in features] == features
    ids = sorted(f.article_id for f in features)
    one, other = forward.nodes(ids), backward.nodes(ids)
    assert (one.words != other.words).nnz == 0 and (one.entities != other.entities).nnz == 0
    assert one.words.shape[1] == len({w for f in features for w in f.words})


def test_candidate_chunks_cover_every_row_once() -> None:
    load = np.array([5.0, 0.0, 50.0, 1.0, 1.0, 1.0, 30.0])
    chunks = _chunks(load, 10.0)
    assert [r for start, end in chunks for r in range(start, end)] == list(range(len(load)))
    assert all(end > start for start, end in chunks)
    assert all(load[start:end].sum() <= 10.0 or end - start == 1 for start, end in chunks)


def test_a_shared_rare_actor_counts_even_among_many_own_actors() -> None:
    # two pooled events naming four actors of their own many times each, and one rare actor once each
    counts = sp.csr_matrix(
        np.array([[9, 9, 9, 9, 0, 0, 0, 0, 1, 3], [0, 0, 0, 0, 9, 9, 9, 9, 1, 3], [0] * 9 + [3]], dtype=float)
    )
    pairs = np.array([[0, 1]])
    tfidf = counts.multiply(1 / np.sqrt(counts.multiply(counts).sum(axis=1))).tocsr()
    assert _row_dots(tfidf, pairs)[0] < 0.1  # the cosine says strangers
    assert _actor_overlap(counts, pairs)[0] > 0.2  # the weighted share of actors says otherwise


def test_confusions_name_every_wrong_merge_and_split() -> None:
    gold = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "c1": "C", "c2": "C"}
    predicted = {"a1": "x", "a2": "x", "a3": "y", "b1": "y", "c1": "z", "c2": "z"}
    assert confusions(gold, predicted) == [
        Confusion("merge", "y", (("A", 1), ("B", 1))),
        Confusion("split", "A", (("x", 2), ("y", 1))),
    ]
    assert confusions(gold, gold) == []


def test_topic_halves_part_numbered_topics_by_parity() -> None:
    docs = [LabelledDoc(f"d{n}", f"{t}ecb", t, "", "") for n, t in enumerate(["1", "2", "3", "12", "misc"])]
    assert [d.story for d in topic_half(docs, odd=True)] == ["1", "3"]
    assert [d.story for d in topic_half(docs, odd=False)] == ["2", "12"]  # "misc" belongs to neither


def test_sized_nodes_average_over_their_items() -> None:
    """Node 0 stands for 3 items, nodes 1 and 2 for one each; edges hold sums over item pairs."""
    edges = {(0, 1): 3 * 0.5, (0, 2): 3 * 0.1, (1, 2): 0.9}
    # (1, 2) at 0.9 merges first; {1, 2} then meets node 0 at (1.5 + 0.3) / (3 * 2) = 0.3 per item pair
    assert average_linkage([0, 1, 2], edges, 0.4, sizes={0: 3, 1: 1, 2: 1}) == [[0], [1, 2]]
    # the same sums read as single items: (1.5 + 0.3) / 2 = 0.9
    assert average_linkage([0, 1, 2], edges, 0.4) == [[0, 1, 2]]


def test_pooled_edges_sum_every_article_pair_exactly() -> None:
    """The groups' totals are the sum of all their articles' pairwise cosines, proposed pair or not."""
    texts = [FIRE[0], FIRE[1], FIRE[2], TALKS[0], FIRE[3]]
    table = FeatureTable()
    for text in texts:
        named = text.format(a="Ann Lee", b="Bo Ek", p="Harwick")
        table.put(article_features(make(named, date(2024, 3, 2))))
    ids = sorted(table)
    nodes = table.nodes(ids)
    groups = [[0, 1], [2, 3, 4]]
    membership = sp.csr_matrix(
        (np.ones(5), ([0, 0, 1, 1, 1], [g for group in groups for g in group])), shape=(2, 5)
    )
    config = GraphConfig(entity_weight=0.0)
    pairs, totals = pooled_edges(nodes, membership, [None, None], config, floor=0.0)
    combined, _ = vectorise(nodes, config)
    cosines = (combined @ combined.T).toarray()
    assert pairs.tolist() == [[0, 1]]
    assert totals[0] == pytest.approx(sum(cosines[i, j] for i in groups[0] for j in groups[1]))


def test_dated_events_sharing_only_the_usual_names_are_two_stories() -> None:
    """Two dated happenings of one campaign name the same candidates; each has actors of its own that
    the other never names, so they share less than half of either's actors: two stories."""
    day = date(2016, 2, 1)
    iowa = [
        make(f"Voters in Iowa caucused on Monday; Ted Cruz won, Donald Trump and Hillary Clinton spoke"
             f" in Des Moines, precinct captain {n} said, and Martin O'Malley quit. Turnout in Polk County"
             f" was high and caucus-goers stood in line for hours.", day + timedelta(days=k))
        for k, n in enumerate(["Ann Lee", "Bo Ek", "Cy Moe"])
    ]
    primary = [
        make(f"Voters in New Hampshire went to the polls on Tuesday; Donald Trump and Hillary Clinton spoke"
             f" in Manchester, Bernie Sanders won, town clerk {n} said, and Chris Christie quit. Turnout in"
             f" Dixville Notch was high and voters stood in line for hours.", day + timedelta(days=8 + k))
        for k, n in enumerate(["Di Roe", "Ed Poe", "Flo Kay"])
    ]
    _, stories = cluster_articles(iowa + primary)
    assert len(stories) == 2
    assert {frozenset(s.article_ids) for s in stories} == {
        frozenset(a.article.id for a in iowa), frozenset(a.article.id for a in primary)
    }


def test_the_event_day_is_news_not_a_plan_ahead_nor_background() -> None:
    from storyline.cluster.features import event_day

    published = date(2016, 7, 27)

    def article(*days: date) -> AnnotatedArticle:
        text = "One. Two. Three."
        sentences = tuple(
            Sentence("a", i, i + 1, text, day.isoformat()) for i, day in enumerate(days)
        )
        stated = PublishedDate(published, "metadata", "t", 1.0)
        return AnnotatedArticle(Article("a", "a", text, stated), sentences)

    # background first, the day's news later: the news
    assert event_day(article(date(2015, 12, 4), date(2015, 12, 4), published)) == published.toordinal()
    # a plan three months ahead is never the happening
    assert event_day(article(date(2016, 11, 8))) is None
    # the coming Tuesday is, when nothing nearer is named; an old day when it is all there is
    assert event_day(article(date(2016, 8, 2))) == date(2016, 8, 2).toordinal()
    assert event_day(article(date(2015, 12, 4), date(2016, 11, 8))) == date(2015, 12, 4).toordinal()
    # but never one the timeline calls background (over a year before): a profile naming 9/11 is undated
    assert event_day(article(date(2001, 9, 11))) is None
    assert event_day(article(date(2001, 9, 11), date(2016, 3, 10))) == date(2016, 3, 10).toordinal()
