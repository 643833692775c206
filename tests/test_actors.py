"""Actors: mentions merged across spellings and articles, with kinds, roles and stable ids."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from storyline.annotate.actors import actor_id, merge_actors, vote_kind
from storyline.annotate.mentions import find_mentions
from storyline.annotate.names import initials, key, place_of_demonym
from storyline.annotate.nlp import load_nlp
from storyline.annotate.quotes import find_quotes
from storyline.models import Actor, ActorKind, AnnotatedArticle, Article, Mention, PublishedDate

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def article(article_id: str, text: str, names: Sequence[tuple[str, ActorKind]]) -> AnnotatedArticle:
    """An annotated article whose mentions are the given names, found in ``text`` in order."""
    mentions = []
    cursor = 0
    for name, kind in names:
        start = text.index(name, cursor)
        label = {"person": "PERSON", "organisation": "ORG", "place": "GPE"}.get(kind, "NORP")
        mentions.append(Mention(article_id, start, start + len(name), name, label, kind))
        cursor = start + len(name)
    body = Article(article_id, article_id, text, PublishedDate.unknown())
    return AnnotatedArticle(body, mentions=tuple(mentions))


def actor_named(actors: Sequence[Actor], variant: str) -> Actor:
    found = [a for a in actors if variant in a.variants]
    assert len(found) == 1, [(a.name, a.variants) for a in actors]
    return found[0]


def test_transliteration_variants_share_a_key() -> None:
    assert key("Zelensky") == key("Zelenskyy") == key("Zelenskiy")
    assert key("Erdoğan") == key("Erdogan")
    assert key("the Kremlin") == key("Kremlin")
    assert key("Sergei Lavrov") == key("Sergey Lavrov")
    assert key("Clinton") != key("Clayton")


def test_initials_spell_an_acronym() -> None:
    assert initials("North Atlantic Treaty Organisation") == "nato"
    assert initials("Trump") == ""


def test_variants_surnames_and_articles_merge() -> None:
    first = article(
        "a1",
        "Volodymyr Zelenskyy met Recep Tayyip Erdoğan. Zelenskyy said more.",
        [("Volodymyr Zelenskyy", "person"), ("Recep Tayyip Erdoğan", "person"), ("Zelenskyy", "person")],
    )
    second = article(
        "a2",
        "Zelensky and Erdogan spoke. Volodymyr Zelensky left.",
        [("Zelensky", "person"), ("Erdogan", "person"), ("Volodymyr Zelensky", "person")],
    )
    actors, _ = merge_actors([first, second])
    zelensky = actor_named(actors, "Zelensky")
    assert {"Volodymyr Zelenskyy", "Zelenskyy", "Volodymyr Zelensky"} <= set(zelensky.variants)
    assert zelensky.article_ids == ("a1", "a2")
    assert zelensky.mention_count == 4
    erdogan = actor_named(actors, "Erdogan")
    assert erdogan.name == "Recep Tayyip Erdoğan" and erdogan.kind == "person"


def test_a_surname_shared_by_two_people_stays_with_its_own_article() -> None:
    first = article(
        "a1", "Hillary Clinton spoke. Clinton left.", [("Hillary Clinton", "person"), ("Clinton", "person")]
    )
    second = article(
        "a2", "Bill Clinton spoke. Clinton left.", [("Bill Clinton", "person"), ("Clinton", "person")]
    )
    actors, _ = merge_actors([first, second])
    assert actor_named(actors, "Hillary Clinton").mention_count == 2
    assert actor_named(actors, "Bill Clinton").mention_count == 2


def test_a_surname_several_people_of_one_article_share_is_its_principal_bearer() -> None:
    text = (
        "Sen. Ted Cruz endorsed Trump. Ted Cruz spoke. Trump had attacked Rafael Cruz and Heidi Cruz. "
        "Cruz said he would vote for him."
    )
    names = [("Ted Cruz", "person"), ("Ted Cruz", "person"), ("Rafael Cruz", "person"),
             ("Heidi Cruz", "person"), ("Cruz", "person")]
    actors, _ = merge_actors([article("a1", text, names)])
    assert set(actor_named(actors, "Cruz").variants) == {"Ted Cruz", "Cruz"}
    assert actor_named(actors, "Heidi Cruz").mention_count == 1


def test_names_read_only_from_a_line_in_headline_case_are_dropped() -> None:
    text = (
        "Hillary Asking Moderator To Fact Check Trump\n\n"
        "Hillary Clinton asked the moderator to check Donald Trump.\n\nToni LeAnn Williams."
    )
    names = [("Hillary Asking Moderator", "person"), ("Trump", "person"), ("Hillary Clinton", "person"),
             ("Donald Trump", "person"), ("Toni LeAnn Williams", "person")]
    actors, updated = merge_actors([article("a1", text, names)])
    assert {a.name for a in actors} == {"Hillary Clinton", "Donald Trump", "Toni LeAnn Williams"}
    assert actor_named(actors, "Trump").mention_count == 2  # the headline's Trump: the body names him
    assert "Hillary Asking Moderator" not in {m.text for m in updated[0].mentions}


def test_acronym_joins_its_long_form() -> None:
    text = "The North Atlantic Treaty Organisation met. NATO said no."
    actors, _ = merge_actors(
        [
            article(
                "a1", text, [("North Atlantic Treaty Organisation", "organisation"), ("NATO", "organisation")]
            )
        ]
    )
    nato = actor_named(actors, "NATO")
    assert nato.name == "North Atlantic Treaty Organisation" and nato.kind == "organisation"


def test_places_are_never_people() -> None:
    assert vote_kind(["person", "person", "place"]) == "place"
    assert vote_kind(["person", "person", "person", "person", "organisation"]) == "person"
    first = article("a1", "Fighting near Kherson.", [("Kherson", "place")])
    second = article("a2", "Kherson said little.", [("Kherson", "person")])
    actors, _ = merge_actors([first, second])
    assert actor_named(actors, "Kherson").kind == "place"


def test_roles_come_from_the_text() -> None:
    text = "Kremlin spokesperson Dmitry Peskov spoke. Peskov, the Kremlin spokesman, left."
    actors, _ = merge_actors([article("a1", text, [("Dmitry Peskov", "person"), ("Peskov", "person")])])
    assert set(actor_named(actors, "Peskov").roles) == {"Kremlin spokesperson", "Kremlin spokesman"}


def test_ids_come_from_content_not_order() -> None:
    one = article("a1", "Angela Merkel spoke.", [("Angela Merkel", "person")])
    two = article("a2", "Olaf Scholz spoke.", [("Olaf Scholz", "person")])
    forward, _ = merge_actors([one, two])
    backward, _ = merge_actors([two, one])
    assert {a.id for a in forward} == {a.id for a in backward}
    assert actor_named(forward, "Angela Merkel").id == actor_id("person", "Merkel")


def test_mentions_and_quotes_get_actor_ids() -> None:
    nlp = load_nlp()
    text = 'Kremlin spokesperson Dmitry Peskov spoke on Monday.\n\n"We are ready," Peskov said.'
    doc = nlp(text)
    mentions = find_mentions(doc, "a1")
    annotated = AnnotatedArticle(
        Article("a1", "a1", text, PublishedDate.unknown()),
        mentions=tuple(mentions),
        quotes=tuple(find_quotes(doc, "a1", mentions)),
    )
    actors, (updated,) = merge_actors([annotated])
    peskov = actor_named(actors, "Peskov")
    assert all(m.actor_id for m in updated.mentions)
    assert [q.speaker_id for q in updated.quotes] == [peskov.id]


def test_nationality_words_find_their_place() -> None:
    places = ["norway", "britain", "turkey", "india", "indiana", "japan"]
    assert place_of_demonym("norwegian", places) is None  # an irregular form is left alone
    assert place_of_demonym("british", places) == "britain"
    assert place_of_demonym("turkish", places) == "turkey"
    assert place_of_demonym("indians", places) == "india"  # the closest spelling, not "indiana"
    assert place_of_demonym("japanese", places) == "japan"
    assert place_of_demonym("democrats", places) is None


def test_a_nationality_word_joins_its_country_named_as_the_country() -> None:
    first = article(
        "a1",
        "Swedish troops left. Sweden said little. Swedish officials agreed.",
        [("Swedish", "group"), ("Sweden", "place"), ("Swedish", "group")],
    )
    second = article("a2", "The Swedish team won.", [("Swedish", "group")])
    actors, _ = merge_actors([first, second])
    sweden = actor_named(actors, "Swedish")
    assert sweden.name == "Sweden" and sweden.kind == "place"
    assert sweden.mention_count == 4 and set(sweden.variants) == {"Sweden", "Swedish"}


def test_a_nationality_word_with_no_country_named_is_its_country() -> None:
    # issue 14: a demonym is never an actor on its own; it stands for its country
    actors, _ = merge_actors([article("a1", "Swedish troops left.", [("Swedish", "group")])])
    sweden = actor_named(actors, "Swedish")
    assert (sweden.name, sweden.kind) == ("Sweden", "place")


def test_a_plural_nationality_noun_names_a_people_not_the_country() -> None:
    actors, _ = merge_actors([article("a1", "Turkmens voted.", [("Turkmens", "group")])])
    assert actor_named(actors, "Turkmens").kind == "group"


def test_a_group_speaker_named_by_a_phrase_is_no_actor() -> None:
    nlp = load_nlp()
    text = "Norway hosted the talks. Norwegian officials said that the border would stay closed."
    doc = nlp(text)
    mentions = find_mentions(doc, "a1")
    annotated = AnnotatedArticle(
        Article("a1", "a1", text, PublishedDate.unknown()),
        mentions=tuple(mentions),
        quotes=tuple(find_quotes(doc, "a1", mentions)),
    )
    _, (updated,) = merge_actors([annotated])
    (quote,) = [q for q in updated.quotes if "border" in q.content.text]
    assert quote.speaker == "Norwegian officials" and quote.speaker_id is None


@pytest.fixture(scope="session")
def seed_actors() -> list[Actor]:
    nlp: Any = load_nlp()
    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = nlp(text)
        mentions = find_mentions(doc, path.stem)
        body = Article(path.stem, str(path), text, PublishedDate.unknown())
        articles.append(
            AnnotatedArticle(
                body, mentions=tuple(mentions), quotes=tuple(find_quotes(doc, path.stem, mentions))
            )
        )
    return merge_actors(articles)[0]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
@pytest.mark.parametrize(
    "variants",
    [
        ("Zelensky", "Zelenskyy", "Volodymyr Zelensky"),
        ("Erdogan", "Recep Tayyip Erdoğan"),
        ("Peskov", "Dmitry Peskov"),
    ],
)
def test_seed_variants_are_one_actor(seed_actors: list[Actor], variants: tuple[str, ...]) -> None:
    holders = {a.id for a in seed_actors for v in variants if v in a.variants}
    assert len(holders) == 1
    assert next(a for a in seed_actors if a.id in holders).kind == "person"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_seed_places_are_not_people(seed_actors: list[Actor]) -> None:
    for place in ("Kyiv", "Kherson", "Kryvyi Rih", "Mariupol"):
        assert all(a.kind != "person" for a in seed_actors if place in a.variants), place


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_seed_nationality_words_are_their_countries(seed_actors: list[Actor]) -> None:
    russia = actor_named(seed_actors, "Russia")
    assert "Russian" in russia.variants and russia.kind == "place" and russia.name == "Russia"
    assert all(a.kind != "person" for a in seed_actors if "Twitter" in a.variants)


def test_a_name_with_and_without_its_diacritics_is_one_actor() -> None:
    first = article("a1", "Jonas Gahr Støre spoke.", [("Jonas Gahr Støre", "person")])
    second = article("a2", "Jonas Gahr Store spoke.", [("Jonas Gahr Store", "person")])
    actors, _ = merge_actors([first, second])
    assert actor_named(actors, "Jonas Gahr Store") is actor_named(actors, "Jonas Gahr Støre")


def test_transliterations_join_only_when_their_articles_share_actors() -> None:
    one: tuple[str, ActorKind] = ("Gurbanguli Berdymukhamedov", "person")
    other: tuple[str, ActorKind] = ("Gurbanguly Berdimuhamedov", "person")
    country: tuple[str, ActorKind] = ("Turkmenistan", "place")
    first = article("a1", "Gurbanguli Berdymukhamedov rules Turkmenistan.", [one, country])
    second = article("a2", "Gurbanguly Berdimuhamedov rules Turkmenistan.", [other, country])
    actors, _ = merge_actors([first, second])
    assert actor_named(actors, one[0]) is actor_named(actors, other[0])
    paris: tuple[str, ActorKind] = ("Paris", "place")
    alone = article("a3", "Gurbanguly Berdimuhamedov spoke in Paris.", [other, paris])
    actors, _ = merge_actors([first, alone])
    assert actor_named(actors, one[0]) is not actor_named(actors, other[0])


def test_a_role_inside_a_fuller_role_is_dropped() -> None:
    text = "Mayor Marit Lunde spoke. The mayor of Askøy, Marit Lunde, agreed."
    body = article("a1", text, [("Marit Lunde", "person"), ("Marit Lunde", "person")])
    actors, _ = merge_actors([body])
    assert actor_named(actors, "Marit Lunde").roles == ("mayor of Askøy",)


def test_an_acronym_with_a_doubled_letter_is_not_a_shorter_name() -> None:
    # "CNN" folds to the key "cn", which "CBS News" spells: they stay two networks
    body = article(
        "a1", "CBS News and CNN both aired it.", [("CBS News", "organisation"), ("CNN", "organisation")]
    )
    actors, _ = merge_actors([body])
    assert actor_named(actors, "CNN") is not actor_named(actors, "CBS News")


def test_a_story_counts_only_its_own_articles_for_an_actor() -> None:
    from storyline.compose.brief import _story_actors

    first = article("a1", "Russia spoke.", [("Russia", "place")])
    second = article("a2", "Russia spoke again.", [("Russia", "place")])
    actors, merged = merge_actors([first, second])
    (russia,) = _story_actors(actors, {"a1"}, merged)
    assert (russia.article_ids, russia.mention_count) == (("a1",), 1)


def test_the_outlet_named_in_a_dateline_is_an_organisation() -> None:
    body = article("a1", "March 28 (UPI) -- Talks resumed.", [("UPI", "group")])
    body = dataclasses.replace(body, article=dataclasses.replace(body.article, outlet="UPI"))
    actors, _ = merge_actors([body])
    assert actor_named(actors, "UPI").kind == "organisation"


def test_a_first_name_alone_joins_the_one_person_of_its_article_with_it() -> None:
    text = "Tony Thompson lost. Tony was brave, said Emanuel Steward."
    names: list[tuple[str, ActorKind]] = [
        ("Tony Thompson", "person"),
        ("Tony", "person"),
        ("Emanuel Steward", "person"),
    ]
    actors, _ = merge_actors([article("a1", text, names)])
    assert actor_named(actors, "Tony") is actor_named(actors, "Tony Thompson")
    other = article("a2", "Tony spoke.", [("Tony", "person")])
    actors, _ = merge_actors([article("a1", text, names), other])
    assert actor_named(actors, "Tony Thompson").mention_count == 2  # not the other article's Tony


def test_a_persons_id_stays_when_a_fuller_name_appears_later() -> None:
    first = article("a1", "Peskov spoke.", [("Peskov", "person")])
    later = article("a2", "Dmitry Peskov spoke again.", [("Dmitry Peskov", "person")])
    before, _ = merge_actors([first])
    after, _ = merge_actors([first, later])
    assert actor_named(before, "Peskov").id == actor_named(after, "Dmitry Peskov").id
    # two people of one surname keep ids from their full names
    sister = article(
        "a3", "Mahnefah Gray and Kimani Gray.", [("Mahnefah Gray", "person"), ("Kimani Gray", "person")]
    )
    both, _ = merge_actors([sister])
    assert actor_named(both, "Kimani Gray").id == actor_id("person", "Kimani Gray")


def test_a_name_ner_found_in_one_article_is_a_mention_where_another_leaves_it_untagged() -> None:
    first = article(
        "a1", "Dow Jones fell and Apple rose.", [("Dow Jones", "organisation"), ("Apple", "organisation")]
    )
    second = article("a2", "Later the Dow Jones rose; an apple a day.", [])
    actors, merged = merge_actors([first, second])
    assert [m.text for m in merged[1].mentions] == ["Dow Jones"]  # "apple" in lower case: maybe a word
    assert actor_named(actors, "Dow Jones").article_ids == ("a1", "a2")


# --- across scripts and languages (issue 20) ----------------------------------------------------------


def in_language(code: str, annotated: AnnotatedArticle) -> AnnotatedArticle:
    from storyline.models import Language

    body = dataclasses.replace(annotated.article, language=Language(code, None, "metadata"))
    return dataclasses.replace(annotated, article=body)


def test_cyrillic_and_latin_spellings_of_one_name_are_one_actor() -> None:
    uk = in_language("uk", article("a1", "Володимир Зеленський заявив. Зеленський", [
        ("Володимир Зеленський", "person"), ("Зеленський", "person")]))
    ru = in_language("ru", article("a2", "Зеленский сказал.", [("Зеленский", "person")]))
    en = article("a3", "Volodymyr Zelensky spoke; Zelenskyy left.", [
        ("Volodymyr Zelensky", "person"), ("Zelenskyy", "person")])
    actors, _ = merge_actors([uk, ru, en])
    zelensky = actor_named(actors, "Зеленський")
    assert {"Зеленский", "Zelenskyy", "Volodymyr Zelensky"} <= set(zelensky.variants)
    assert zelensky.kind == "person"


def test_different_people_with_alike_transliterations_stay_apart() -> None:
    # one surname, two first names (Володимир / Oleksandr); a surname one suffix longer (Yermak / Yermakov)
    uk = in_language("uk", article("a1", "Володимир Зеленський і Андрій Єрмак.", [
        ("Володимир Зеленський", "person"), ("Андрій Єрмак", "person")]))
    en = article("a2", "Oleksandr Zelensky met Andriy Yermakov.", [
        ("Oleksandr Zelensky", "person"), ("Andriy Yermakov", "person")])
    actors, _ = merge_actors([uk, en])
    assert actor_named(actors, "Володимир Зеленський") is not actor_named(actors, "Oleksandr Zelensky")
    assert actor_named(actors, "Андрій Єрмак") is not actor_named(actors, "Andriy Yermakov")


def test_a_mention_in_another_language_is_cut_to_its_name() -> None:
    es = in_language("es", article("a1", "Ganó el europeo de Boeing y el índice subió.", [
        ("europeo de Boeing", "organisation"), ("el índice", "organisation")]))
    en = article("a2", "Boeing won.", [("Boeing", "organisation")])
    actors, merged = merge_actors([es, en])
    assert [m.text for m in merged[0].mentions] == ["Boeing"]  # "el índice" names nothing
    assert merged[0].mentions[0].start == es.article.text.index("Boeing")
    assert actor_named(actors, "Boeing").article_ids == ("a1", "a2")


def test_a_country_named_in_three_languages_is_one_place() -> None:
    es = in_language("es", article("a1", "Estados Unidos respondió; EE.UU. no cede.", [
        ("Estados Unidos", "place"), ("EE.UU.", "organisation")]))
    nl = in_language("nl", article("a2", "De Verenigde Staten zwijgen.", [("Verenigde Staten", "person")]))
    en = article("a3", "The United States said no.", [("United States", "place")])
    actors, _ = merge_actors([es, nl, en])
    place = actor_named(actors, "United States")
    assert {"Estados Unidos", "EE.UU.", "Verenigde Staten"} <= set(place.variants)
    assert place.kind == "place"


def test_english_articles_vote_the_kind_of_a_name_they_share() -> None:
    # the English model reads a Dutch "GM" as a person; the English articles call it an organisation
    nl = in_language("nl", article("a1", "GM sluit. GM zwijgt.", [("GM", "person"), ("GM", "person")]))
    en = article("a2", "GM closed.", [("GM", "organisation")])
    actors, _ = merge_actors([nl, en])
    assert actor_named(actors, "GM").kind == "organisation"


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("europeo de Boeing", "es", "Boeing"),
        ("el índice", "es", None),
        ("Banco Central Europeo de 55.000", "es", "Banco Central Europeo"),
        ("Bank of America", "es", "Bank of America"),
        ("Volgens Boeing", "nl", "Boeing"),
        ("Ryanair van alle maatschappijen", "nl", "Ryanair"),
        ("Airbus-vliegtuigen", "nl", "Airbus"),
        ("bedrijf", "nl", None),
        ("the Kremlin", "en", "the Kremlin"),  # English spans are the model's own
    ],
)
def test_a_span_the_english_model_tags_in_another_language_is_cut_to_the_name(
    text: str, code: str, name: str | None
) -> None:
    from storyline.annotate.foreign_names import name_span

    span = name_span(text, code)
    assert (text[span[0] : span[1]] if span else None) == name


def test_german_names_start_at_a_word_known_as_a_name() -> None:
    de = in_language("de", article("a1", "Der Netzbetreiber Statnett rief ein Krisentreffen ein.", [
        ("Netzbetreiber Statnett", "person"), ("Krisentreffen", "organisation")]))
    en = article("a2", "Statnett said so.", [("Statnett", "organisation")])
    actors, merged = merge_actors([de, en])
    assert [m.text for m in merged[0].mentions] == ["Statnett"]
    assert actor_named(actors, "Statnett").article_ids == ("a1", "a2")


def test_a_dutch_nationality_adjective_joins_its_country() -> None:
    nl = in_language("nl", article("a1", "De Japanse regering; Japan zweeg.", [
        ("Japanse", "person"), ("Japan", "place")]))
    en = article("a2", "Japan said no.", [("Japan", "place")])
    actors, _ = merge_actors([nl, en])
    assert actor_named(actors, "Japanse") is actor_named(actors, "Japan")


def test_in_german_alone_a_word_after_a_determiner_is_a_noun_not_a_name() -> None:
    text = "Der Netzbetreiber Statnett rief ein Krisentreffen ein, sagte Marit Lunde im Oktober."
    de = in_language("de", article("a1", text, [
        ("Netzbetreiber Statnett", "person"), ("Krisentreffen", "organisation"), ("Marit Lunde", "person"),
        ("Oktober", "person")]))
    _, merged = merge_actors([de])
    assert [m.text for m in merged[0].mentions] == ["Statnett", "Marit Lunde"]


def test_the_multilingual_example_has_one_list_of_actors(tmp_path: Path) -> None:
    import storyline

    folder = Path(__file__).resolve().parents[1] / "examples" / "multilingual"
    db = str(tmp_path / "store.db")
    result = storyline.ingest([folder], db=db, workers=1)
    stored = [storyline.article(i, db=db) for i in sorted(result.article_ids)]
    actors, _ = merge_actors([a for a in stored if a is not None])
    languages = {a.article.id: a.article.language.code for a in stored if a and a.article.language}
    for name in ("Statnett", "Jonas Gahr Støre", "Marit Lunde"):
        found = actor_named(actors, name)
        assert {languages[i] for i in found.article_ids} == {"de", "en", "es"}, found
    assert actor_named(actors, "Statnett").kind == "organisation"
    named = {v for a in actors for v in a.variants}
    assert not named & {"Krisentreffen", "Oktober", "Wind", "Nunca", "Netzbetreiber Statnett"}


def test_a_state_named_in_another_language_is_one_place() -> None:
    nl = in_language("nl", article("a1", "In Californië regent het.", [("Californië", "organisation")]))
    en = article("a2", "California is wet.", [("California", "place")])
    actors, _ = merge_actors([nl, en])
    assert actor_named(actors, "Californië") is actor_named(actors, "California")


def test_a_capital_that_only_opens_sentences_is_no_name_in_a_language_without_a_table() -> None:
    """Russian has no word table: "Для" and "Выложить" (sentence openers the English model tags) name
    nobody; a name written inside a sentence, or named by another article, stays."""
    text = "Для теста нужна мука. Выложить на противень. Рецепт дала Алла Ершова. Пик приехал."
    ru = in_language("ru", article("r1", text, [
        ("Для", "person"), ("Выложить", "person"), ("Алла Ершова", "person"), ("Пик", "person")]))
    other = in_language("ru", article("r2", "Шеф Пик открыл ресторан.", [("Пик", "person")]))
    actors, _ = merge_actors([ru, other])
    assert sorted(a.name for a in actors) == ["Алла Ершова", "Пик"]
    alone, _ = merge_actors([ru])
    assert sorted(a.name for a in alone) == ["Алла Ершова"]
