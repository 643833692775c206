"""Stories across languages (issue 20): a report and its translation share names, figures and dates,
and clustering compares those (not words) between articles in different languages."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date

import numpy as np
import pytest
import scipy.sparse as sp

from storyline.cluster import ClusterConfig, Clusterer, cluster_articles
from storyline.cluster.crosslingual import dates, figures, marks, named_days, names
from storyline.cluster.features import ArticleFeatures, article_features
from storyline.cluster.graph import (
    NO_DAY,
    GraphConfig,
    Nodes,
    _tfidf,
    edges,
    pooled_edges,
    similarities,
    vectorise,
)
from storyline.cluster.table import FeatureTable
from storyline.models import AnnotatedArticle, Article, Language, PublishedDate, Sentence

# Three happenings, each reported in English and in Spanish (written for this test, not translated by
# a machine: the Spanish says the same in its own order, as a translator would).
REPORTS = {
    "airbus": (
        "Airbus wins Qatar Airways order worth $15bn",
        "European aircraft maker Airbus has won an order from Qatar Airways for up to 60 of its new A350"
        " jets. The order, worth $15 billion, gave a boost to the Paris Air Show on June 13, where Boeing"
        " had hoped to sell its 787.",
        "Airbus gana un pedido de Qatar Airways por 15.000 millones de dólares",
        "El fabricante europeo Airbus ha ganado un pedido de Qatar Airways de hasta 60 aviones A350. El"
        " pedido, de 15.000 millones de dólares, animó el 13 de junio el Salón de París, donde Boeing"
        " esperaba vender su 787.",
    ),
    "toyota": (
        "Toyota recalls 437,000 Prius cars",
        "Toyota said it will recall 437,000 hybrid cars worldwide, including the Prius, to fix the brakes."
        " Akio Toyoda apologised in Nagoya on February 9 and said the repair takes 40 minutes.",
        "Toyota llama a revisión a 437.000 coches Prius",
        "Toyota llamará a revisión a 437.000 coches híbridos en todo el mundo, entre ellos el Prius, para"
        " arreglar los frenos. Akio Toyoda pidió disculpas en Nagoya el 9 de febrero y dijo que la"
        " reparación dura 40 minutos.",
    ),
    "quake": (
        "Magnitude 7.1 earthquake strikes central Chile",
        "An earthquake of magnitude 7.1 struck near Concepción in Chile, killing 23 people. President"
        " Michelle Bachelet flew to Talca, and the Red Cross sent 1,200 tents.",
        "Un terremoto de magnitud 7,1 sacude el centro de Chile",
        "Un terremoto de magnitud 7,1 sacudió la zona de Concepción, en Chile, y mató a 23 personas. La"
        " presidenta Michelle Bachelet viajó a Talca y la Cruz Roja envió 1.200 tiendas.",
    ),
}
DAY = date(2010, 2, 9)


def article(title: str, text: str, language: str | None, day: date = DAY) -> AnnotatedArticle:
    digest = hashlib.sha1(f"{title}|{text}".encode()).hexdigest()[:16]
    spoken = Language(language, 0.99, "detected") if language else None
    published = PublishedDate(day, "metadata", "test", 1.0)
    item = Article(digest, digest, text, published, title=title, language=spoken)
    return AnnotatedArticle(item, sentences=(Sentence(digest, 0, len(text), text, None),))


PUBLISHED = {"airbus": date(2005, 6, 14), "toyota": DAY, "quake": DAY}


def pairs_of_reports(
    english: str | None = "en", spanish: str | None = "es"
) -> dict[str, tuple[AnnotatedArticle, AnnotatedArticle]]:
    return {
        name: (
            article(en_title, en_text, english, PUBLISHED[name]),
            article(es_title, es_text, spanish, PUBLISHED[name]),
        )
        for name, (en_title, en_text, es_title, es_text) in REPORTS.items()
    }


def test_figures_are_one_value_whatever_the_language_writes() -> None:
    assert figures("worth $15 billion", "en") == figures("de 15.000 millones de $", "es") == {"#1.5e+10": 1}
    assert figures("per 15 miliardi di dollari", "it") == figures("$15 miljard", "nl") == {"#1.5e+10": 1}
    assert figures("$15bn", "en") == {"#1.5e+10": 1}
    assert figures("magnitude 7.1, 1,200 tents", "en") == figures("magnitud 7,1, 1.200 tiendas", "es")
    assert figures("15 mil millones", "es") == {"#1.5e+10": 1}
    assert figures("2 billion", "en") == {"#2e+09": 1}
    assert figures("2 Billionen Euro", "de") == {"#2e+12": 1}  # the long scale: 10^12
    assert figures("3 Billiarden", "de") == {"#3e+15": 1}
    assert figures("$15m", "en") == {"#1.5e+07": 1} and figures("70m passengers", "en") == {"#7e+07": 1}
    assert figures("a wingspan of 79 m", "es") == {"#79": 1}
    assert figures("section 40 b", "en") == {"#40": 1}
    assert figures("3 cars", "en") == {}  # a small count is as often a word as a figure


def test_dates_are_day_and_month_in_every_language() -> None:
    assert dates("on June 13", "en") == dates("el 13 de junio", "es") == {"@06-13": 1}
    assert dates("il 13 giugno", "it") == dates("op 13 juni", "nl") == {"@06-13": 1}
    assert dates("am 13. Juni", "de") == {"@06-13": 1}
    assert dates("a mar de fondo", "es") == {}


def test_names_fold_scripts_elisions_and_sentence_openings() -> None:
    assert "zelensky" in names("", "Volodymyr Zelenskyy spoke.", "en")
    assert "zelensky" in names("", "Говорив Володимир Зеленський.", "uk")
    assert "airbus" in names("", "Il contratto dell'Airbus è firmato.", "it")
    found = names("The Talks Resume", "The talks in Geneva resume. Officials said the talks resume.", "en")
    assert "geneva" in found and "the" not in found and "talk" not in found and "talks" not in found
    assert "june" not in names("", "The vote on June 13 in Paris.", "en")  # a month is a date


def test_a_report_and_its_translation_share_most_of_their_marks() -> None:
    for en_title, en_text, es_title, es_text in REPORTS.values():
        english, spanish = marks(en_title, en_text, "en"), marks(es_title, es_text, "es")
        shared = set(english) & set(spanish)
        assert len(shared) >= 0.6 * min(len(english), len(spanish)), (english, spanish)


def test_each_translation_lands_in_its_originals_event_and_no_other() -> None:
    reports = pairs_of_reports()
    events, stories = cluster_articles([a for pair in reports.values() for a in pair])
    expected = {frozenset(a.article.id for a in pair) for pair in reports.values()}
    assert {frozenset(e.article_ids) for e in events} == expected
    assert {frozenset(s.article_ids) for s in stories} == expected


def test_pairs_in_two_languages_are_judged_by_their_marks_alone() -> None:
    """The weight scales the pairs in two languages, and only them; same-language pairs keep their words."""
    reports = pairs_of_reports()
    table = FeatureTable()
    for item in (*reports["airbus"], *reports["toyota"]):
        table.put(article_features(item))
    ids = sorted(table)
    nodes = table.nodes(ids)
    language = {a.article.id: a.article.language for pair in reports.values() for a in pair}
    every = np.array([(i, j) for i in range(4) for j in range(i + 1, 4)])
    across = np.array([language[ids[i]] != language[ids[j]] for i, j in every])
    combined, entities = vectorise(nodes, GraphConfig())
    marks_matrix = _tfidf(nodes.marks)
    full, half = (
        similarities(nodes, combined, entities, every, GraphConfig(crosslingual_weight=weight), marks_matrix)
        for weight in (1.0, 0.5)
    )
    assert np.allclose(half[across], full[across] / 2) and np.array_equal(half[~across], full[~across])
    assert full[across].max() > 0.5  # a report and its translation


def test_one_language_is_clustered_as_before() -> None:
    """A corpus in one language never compares marks: the same edges as nodes without any."""
    table = FeatureTable()
    for title, text, _, _ in REPORTS.values():
        for ending in ("", " Yes."):
            table.put(article_features(article(title, text + ending, "en")))
    nodes = table.nodes(sorted(table))
    bare = Nodes(nodes.words, nodes.entities, nodes.days)
    assert not nodes.multilingual
    for got, expected in zip(edges(nodes, GraphConfig(), 0.0), edges(bare, GraphConfig(), 0.0), strict=True):
        assert np.array_equal(got, expected)


def test_story_totals_replace_words_by_marks_exactly_for_pairs_in_two_languages() -> None:
    """The pooled sums equal the sum over article pairs of ``similarities`` (marks across languages)."""
    reports = pairs_of_reports()
    table = FeatureTable()
    for pair in reports.values():
        for item in pair:
            table.put(article_features(item))
    ids = sorted(table)
    dated = table.nodes(ids)
    assert dated.multilingual
    # undated, so that each pair's similarity is not faded by days the groups' totals do not see
    nodes = Nodes(dated.words, dated.entities, np.full(6, NO_DAY), dated.marks, dated.languages, None)
    groups = [[0, 1, 2], [3, 4, 5]]
    membership = sp.csr_matrix((np.ones(6), ([0, 0, 0, 1, 1, 1], [*groups[0], *groups[1]])), shape=(2, 6))
    config = GraphConfig(entity_weight=0.3, actor_bonus=0.2, crosslingual_weight=0.8, min_entity_overlap=0.0)
    pairs, totals = pooled_edges(nodes, membership, [None, None], config, floor=0.0)
    combined, entities = vectorise(nodes, config)
    every = np.array([(i, j) for i in groups[0] for j in groups[1]])
    each = similarities(nodes, combined, entities, every, config, _tfidf(nodes.marks))
    assert pairs.tolist() == [[0, 1]]
    assert totals[0] == pytest.approx(each.sum())


def test_features_keep_language_and_marks_through_the_table_and_the_state() -> None:
    english, spanish = pairs_of_reports()["toyota"]
    features = article_features(spanish)
    assert features.language == "es" and "#437000" in features.marks
    assert features.marks.keys() == marks(spanish.article.title or "", spanish.article.text, "es").keys()
    assert ArticleFeatures.from_dict(json.loads(json.dumps(features.to_dict()))) == features
    table = FeatureTable()
    table.put(features)
    assert table.features(features.article_id) == features
    old = {k: v for k, v in features.to_dict().items() if k not in ("l", "m")}  # a state saved before
    assert ArticleFeatures.from_dict(old).marks == {}
    clusterer = Clusterer()
    clusterer.add([english, spanish])
    terms, rows = clusterer.features.unsaved()  # as a store keeps them
    kept = FeatureTable.from_stored([t for _, t in terms], rows)
    restored = Clusterer.from_state(json.loads(json.dumps(clusterer.to_state())), kept)
    assert restored.events() == clusterer.events() and len(clusterer.events()) == 1


def test_a_translation_is_dated_by_the_day_it_names_as_its_original_is() -> None:
    """The time rules read English only; a Spanish report of 25 January naming "el 11 de diciembre" is
    dated 11 December of the year before, as the English rules date its original."""
    assert named_days("El vuelo del 11 de diciembre fue un éxito.", "es", date(2010, 1, 25)) == [
        date(2009, 12, 11)
    ]
    text = "El primer vuelo del A400M, el 11 de diciembre, tuvo un problema técnico, dijo Airbus."
    features = article_features(article("Problema en el A400M", text, "es", day=date(2010, 1, 25)))
    assert features.event_day == date(2009, 12, 11).toordinal()
    english = article_features(article("A400M problem", "Airbus said the A400M flew.", "en", day=DAY))
    assert english.event_day is None  # English articles are dated by the English rules alone


def test_a_translation_joins_its_original_dated_by_another_day_when_published_together() -> None:
    """The English rules date the original by the flight it reports (11 December); its Dutch translation,
    published with it on 25 January, names no day the Dutch rules read. Two languages: publication days."""
    title, text = "Technical problem on Airbus A400M flight", "Airbus said the A400M of EADS had a problem."
    published = date(2010, 1, 25)
    english = article(title, text, "en", published)
    sentence = replace(english.sentences[0], event_date="2009-12-11")
    english = replace(english, sentences=(sentence,))
    dutch_text = "Airbus zei dat de A400M van EADS een probleem had."
    dutch = article("Technisch probleem met Airbus A400M", dutch_text, "nl", published)
    assert article_features(english).day == date(2009, 12, 11).toordinal()
    events, _ = cluster_articles([english, dutch])
    assert len(events) == 1


def test_events_in_no_common_language_are_judged_strangers_by_their_marks_not_their_actors() -> None:
    """An English and a Spanish report of one storm name the same actors in two languages (Norway,
    Noruega): at story level, whether two events share their actors is read from their marks."""
    english = article(
        "Storm Elin leaves 80,000 homes in Norway without power",
        "Storm Elin left 80,000 homes in western Norway without power, grid operator Statnett said. Trains"
        " between Bergen and Oslo stopped. Prime Minister Jonas Gahr Store called the West Coast a disaster.",
        "en",
    )
    spanish = article(
        "La tormenta Elin deja sin luz a 80.000 hogares en Noruega",
        "La tormenta Elin dejó sin luz a 80.000 hogares del oeste de Noruega, según Statnett. Los trenes"
        " entre Bergen y Oslo pararon. El primer ministro Jonas Gahr Store habló de la Costa Oeste.",
        "es",
    )
    table = FeatureTable()
    for item in (english, spanish):
        table.put(article_features(item))
    nodes = table.nodes(sorted(table))
    config = replace(ClusterConfig().stories, strangers_only_when_dated=False)
    membership = sp.identity(2, format="csr")
    pairs, totals = pooled_edges(nodes, membership, [None, None], config, floor=0.0)
    marks_cosine = float((_tfidf(nodes.marks)[0] @ _tfidf(nodes.marks)[1].T).toarray()[0, 0])
    assert pairs.tolist() == [[0, 1]]
    assert totals[0] == pytest.approx(config.crosslingual_weight * marks_cosine)  # not cut to a quarter


def test_names_read_each_word_as_the_word_by_word_reading_did() -> None:
    """``names`` reads each distinct word once (``_reading``, cached): the counts are those of reading
    every occurrence anew, sentence openings, elisions, months and the title included."""
    from storyline.cluster import crosslingual

    text = (
        "The Airbus A350 landed. Airbus said the A350 flew. The plane; the crew. Zelenskyy met Зеленський "
        "in March. March on, dell'EADS said l'Airbus. Monday Qatar's jets. iPod 13th 15bn. Crew members."
    )
    for language in ("en", "it", "de", None):
        crosslingual._reading.cache_clear()
        crosslingual._title_key.cache_clear()
        assert names("AIRBUS A350 Qatar Crew", text, language) == _names_word_by_word(
            "AIRBUS A350 Qatar Crew", text, language
        )


def _names_word_by_word(title: str, text: str, language: str | None) -> dict[str, int]:
    from storyline.cluster import crosslingual as c

    found: dict[str, int] = {}
    doubtful = []
    lower = set()
    for sentence in c._sentences(text):
        for position, word in enumerate(c._WORD.findall(sentence)):
            bare = c._ELIDED.sub("", word)
            if not c._name_like(bare):
                lower.add(bare.lower())
                continue
            key = c._folded_name(word)
            if len(key) < 2 or c.fold(bare).lower() in c._calendar_words(language):
                continue
            if position == 0 and bare[1:].islower():
                doubtful.append((key, bare.lower()))
            else:
                found[key] = found.get(key, 0) + 1
    for key, word in doubtful:
        if word not in lower:
            found[key] = found.get(key, 0) + 1
    for key in {c._folded_name(w) for w in c._WORD.findall(title) if c._name_like(w)}:
        if key in found:
            found[key] += 1
    return found


@pytest.mark.parametrize("code", ["en", "es", "it", "nl", "de", "fr", "zh-Hans", "az-Cyrl", "xx"])
def test_dateparser_tables_are_read_as_the_import_reads_them(code: str) -> None:
    import importlib

    from storyline.cluster.crosslingual import _dateparser_table

    try:
        imported = importlib.import_module(f"dateparser.data.date_translation_data.{code}").info
    except ImportError:
        imported = {}
    assert _dateparser_table(code) == imported
