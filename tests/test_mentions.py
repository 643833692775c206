"""Entity mentions: kinds, NER corrections, title and possessive trimming, roles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.annotate.mentions import find_mentions
from storyline.annotate.nlp import load_nlp
from storyline.annotate.roles import role_head, roles_of
from storyline.models import Mention

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_nlp()


def mentions_of(nlp: Any, text: str) -> list[Mention]:
    return find_mentions(nlp(text), "a1")


def by_text(mentions: list[Mention], text: str) -> Mention:
    found = [m for m in mentions if m.text == text]
    assert found, [m.text for m in mentions]
    return found[0]


def test_kinds_follow_the_ner_label(nlp: Any) -> None:
    mentions = mentions_of(nlp, "Angela Merkel met NATO officials in Berlin with German diplomats.")
    assert by_text(mentions, "Angela Merkel").kind == "person"
    assert by_text(mentions, "NATO").kind == "organisation"
    assert by_text(mentions, "Berlin").kind == "place"
    assert by_text(mentions, "German").kind == "group"


def test_title_is_trimmed_from_a_person(nlp: Any) -> None:
    mentions = mentions_of(nlp, "Russian President Vladimir Putin spoke on Monday.")
    assert "Vladimir Putin" in [m.text for m in mentions if m.kind == "person"]


def test_possessive_is_trimmed(nlp: Any) -> None:
    text = "Volodymyr Zelensky spoke. Zelensky's office said nothing."
    texts = [m.text for m in mentions_of(nlp, text)]
    assert "Zelensky's" not in texts


def test_offsets_match_the_text(nlp: Any) -> None:
    text = "Kremlin spokesperson Dmitry Peskov said talks in Istanbul would go on."
    for mention in mentions_of(nlp, text):
        assert text[mention.start : mention.end] == mention.text


def test_name_after_in_is_not_a_person(nlp: Any) -> None:
    text = "A missile hit an oil depot in Kryvyi Rih and another one near Bakhmutske Selo on Sunday."
    people = [m.text for m in mentions_of(nlp, text) if m.kind == "person"]
    assert "Kryvyi Rih" not in people and "Bakhmutske Selo" not in people


def test_surname_tagged_as_place_is_the_named_person(nlp: Any) -> None:
    text = "Mykhailo Podolyak spoke on Sunday. Later, Podolyak wrote that the talks went on."
    lone = [m for m in mentions_of(nlp, text) if m.text == "Podolyak"]
    assert lone and all(m.kind == "person" for m in lone)


def test_roles_before_and_after_a_name() -> None:
    text = "Kremlin spokesperson Dmitry Peskov met Sergei Lavrov, the foreign minister, on Monday."
    start = text.index("Dmitry Peskov")
    assert roles_of(text, start, start + len("Dmitry Peskov")) == ("Kremlin spokesperson",)
    start = text.index("Sergei Lavrov")
    assert roles_of(text, start, start + len("Sergei Lavrov")) == ("foreign minister",)


def test_a_possessive_typed_with_an_opening_mark_is_no_part_of_the_name(nlp: Any) -> None:
    # HuffPost, 2016-06-08 (unseen): the actor "Donald Trump‘s"
    found = mentions_of(nlp, "Sen. Chuck Grassley downplayed Donald Trump\u2018s attack on a judge.")
    assert "Donald Trump" in [m.text for m in found]


def test_a_verb_of_asking_is_no_part_of_a_role() -> None:
    # NYT, 2016-05-09 (unseen): roles "recently asked Admiral Harris just that question", "asked Admiral"
    text = "The chairman, Gen. Joseph F. Dunford Jr., recently asked Admiral Harris just that question."
    start = text.index("Joseph")
    assert roles_of(text, start, start + len("Joseph F. Dunford Jr.")) == ("Gen.",)
    start = text.index("Harris")
    assert roles_of(text, start, start + len("Harris")) == ("Admiral",)


def test_an_adverb_opening_a_sentence_is_no_name(nlp: Any) -> None:
    # USA Today, 2016-05-09 (unseen): "Nationally" spoke in Who said what; "Realistically" was an actor
    text = (
        "Mark Kantrowitz studies student debt. Nationally, about a quarter of students graduate with "
        "excessive debt, he said. Realistically, few of them repay it in ten years."
    )
    names = [m.text for m in mentions_of(nlp, text)]
    assert "Mark Kantrowitz" in names and "Nationally" not in names and "Realistically" not in names


def test_an_occupation_before_a_name_is_a_role_not_part_of_the_name(nlp: Any) -> None:
    # Politico, 2016-07-25 (unseen): the speaker and actor "Comedian Sarah Silverman"
    found = mentions_of(nlp, "Comedian Sarah Silverman was booed by supporters. Silverman joked about it.")
    assert [m.text for m in found if m.kind == "person"][:1] == ["Sarah Silverman"]


def test_a_comparison_before_a_title_is_no_part_of_the_role() -> None:
    # HuffPost, 2016-06-08 (unseen): Chuck Grassley's role was "than Sen."
    text = "Invertebrates have shown more spine than Sen. Charles Grassley, reads an editorial."
    start = text.index("Charles Grassley")
    assert roles_of(text, start, start + len("Charles Grassley")) == ("Sen.",)


def test_a_role_is_a_plain_title_standing_next_to_the_name() -> None:
    text = (
        "Barack Obama, calling him \u201cthe most ignorant president\u201d in history, left. "
        "There has never been anyone - not me, not Bill, nobody - more qualified than Hillary Clinton'' "
        "to serve as president. Jane Roe, the mayor - elected in May - spoke."
    )
    text += (
        " On Wednesday, the president portrayed Mr. Trump as divisive. Prime Minister Boris Johnson left."
        " Kirk spoke of Cheney, saying he lacks the temperament to be president. Nolan, Vice President"
        " Biden and Kerry met. Ana Ruiz, acting head of the agency, spoke. He beat Lee, especially when it"
        " comes to the delegate chase. It came when he asked Ukraine President Volodymyr Zelenskiy for help."
    )
    for name, roles in (
        ("Barack Obama", ()),
        ("Bill", ()),
        ("Jane Roe", ("mayor",)),
        ("Trump", ()),
        ("Johnson", ("Prime Minister",)),
        ("Cheney", ()),
        ("Nolan", ()),
        ("Ana Ruiz", ("acting head of the agency",)),
        ("Lee", ()),
        ("Volodymyr Zelenskiy", ("Ukraine President",)),
    ):
        start = text.index(name)
        assert roles_of(text, start, start + len(name)) == roles


def test_a_role_does_not_reach_into_the_sentence_before() -> None:
    text = "Fighting went on in Donbas. Russian President Vladimir Putin spoke."
    start = text.index("Vladimir Putin")
    assert roles_of(text, start, start + len("Vladimir Putin")) == ("Russian President",)


def test_a_role_does_not_reach_back_over_a_name_and_its_verb() -> None:
    text = "Gov. Chris Christie described Democratic presidential nominee Hillary Clinton as a disgrace."
    start = text.index("Hillary Clinton")
    assert roles_of(text, start, start + len("Hillary Clinton")) == ("Democratic presidential nominee",)
    text = "The retired Army general John Allen spoke."
    start = text.index("John Allen")
    assert roles_of(text, start, start + len("John Allen")) == ("retired Army general",)


def test_no_role_without_a_title_noun() -> None:
    text = "Yesterday Mr. Smith and Donald Trump met."
    start = text.index("Smith")
    assert roles_of(text, start, start + 5) == ()
    assert role_head("the Kremlin spokesperson") == "spokesperson"
    assert role_head("the protesters") is None


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_seed_places_are_never_people(nlp: Any) -> None:
    people = set()
    for path in sorted(SEEDS.glob("*.txt")):
        people |= {
            m.text
            for m in find_mentions(nlp(path.read_text(encoding="utf-8")), path.stem)
            if m.kind == "person"
        }
    assert not people & {"Kyiv", "Kherson", "Kryvyi Rih", "Mariupol"}


def test_a_platform_is_a_company_not_a_person(nlp: Any) -> None:
    mentions = mentions_of(nlp, "Karl Weber posted on Twitter on Monday.")
    assert by_text(mentions, "Twitter").kind == "organisation"
    assert by_text(mentions, "Karl Weber").kind == "person"


def test_a_name_with_a_persons_role_is_a_person(nlp: Any) -> None:
    mentions = mentions_of(nlp, '"The roads are open," Yevhen Zhuk, the regional governor, said.')
    assert by_text(mentions, "Yevhen Zhuk").kind == "person"


def test_a_name_with_an_organisation_apposition_is_an_organisation(nlp: Any) -> None:
    mentions = mentions_of(nlp, "Kyivstar, Ukraine's largest mobile operator, reported an outage on Monday.")
    assert by_text(mentions, "Kyivstar").kind == "organisation"  # NER: a place
    assert by_text(mentions, "Ukraine").kind == "place"
    people = mentions_of(nlp, "Tom Reed, the bank's chief, spoke on Monday.")
    assert by_text(people, "Tom Reed").kind == "person"


def test_a_role_keeps_the_full_stops_of_its_initials() -> None:
    text = "Rosa Vance, a spokeswoman for the U.N. refugee agency, said the camp was full."
    assert roles_of(text, 0, len("Rosa Vance")) == ("spokeswoman for the U.N. refugee agency",)
    ended = "Omar Hale, the ferry captain. Then the crew left."
    assert roles_of(ended, 0, len("Omar Hale")) == ("ferry captain",)


def test_a_named_storm_is_no_person(nlp: Any) -> None:
    mentions = mentions_of(nlp, "Towns hit by Storm Elin, Prime Minister Jonas Gahr Støre said, get aid.")
    assert all(m.kind != "person" for m in mentions if "Elin" in m.text)
    assert by_text(mentions, "Jonas Gahr Støre").kind == "person"


def test_a_gazetteer_place_and_a_kind_of_company_beat_the_tagger(nlp: Any) -> None:
    text = (
        "The rail line between Bergen and Oslo will reopen, the operator Vy said, after 80,000 homes "
        "lost power, according to the grid operator Statnett."
    )
    mentions = mentions_of(nlp, text)
    assert by_text(mentions, "Oslo").kind == "place"
    assert by_text(mentions, "Bergen").kind == "place"
    assert by_text(mentions, "Statnett").kind == "organisation"


def test_a_role_set_before_the_name_makes_a_person_and_names_the_role(nlp: Any) -> None:
    text = "The mayor of Askøy, Marit Lunde, welcomed the decision on Monday."
    mentions = mentions_of(nlp, text)
    lunde = by_text(mentions, "Marit Lunde")
    assert lunde.kind == "person"
    assert roles_of(text, lunde.start, lunde.end) == ("mayor of Askøy",)
    assert by_text(mentions, "Askøy").kind == "place"


def test_a_role_is_never_a_clause_or_a_sentence_opener() -> None:
    text = "Aid for towns hit by Storm Elin, Prime Minister Jonas Gahr Støre said."
    start = text.index("Storm Elin")
    assert roles_of(text, start, start + len("Storm Elin")) == ()
    text = "Talks ended. Meanwhile Russian President Vladimir Putin spoke."
    start = text.index("Vladimir")
    assert roles_of(text, start, start + len("Vladimir Putin")) == ("Russian President",)


def test_a_surname_alone_after_the_full_name_is_a_mention_of_that_person(nlp: Any) -> None:
    text = "Saparmurat Niyazov ruled for years. Niyazov isolated Turkmenistan from the world."
    mentions = mentions_of(nlp, text)
    assert [m.kind for m in mentions if m.text == "Niyazov"] == ["person"]


def test_a_clause_after_a_place_is_no_role_and_the_place_stays_a_place(nlp: Any) -> None:
    text = "He was stabbed at a clinic in Berlin, where he worked as a chief physician."
    start = text.index("Berlin")
    assert roles_of(text, start, start + len("Berlin")) == ()
    assert by_text(mentions_of(nlp, text), "Berlin").kind == "place"


def test_who_after_a_name_makes_it_a_person(nlp: Any) -> None:
    text = "It came after the death of Saparmurat Niyazov, who forged a personality cult."
    assert by_text(mentions_of(nlp, text), "Saparmurat Niyazov").kind == "person"


def test_a_surname_ending_and_a_plural_nationality_say_person_and_people(nlp: Any) -> None:
    mentions = mentions_of(nlp, "Ivana Jelić and Pavle Petrović (Serbia) made it. Turkmens voted.")
    assert by_text(mentions, "Pavle Petrović").kind == "person"
    assert all(m.kind == "group" for m in mentions if m.text == "Turkmens")


def test_what_is_annexed_is_a_place(nlp: Any) -> None:
    text = "Russia wants the region to be independent of Ukraine like Crimea, which Moscow forcibly annexed."
    assert by_text(mentions_of(nlp, text), "Crimea").kind == "place"


def test_the_subject_of_said_is_a_speaker_not_a_place(nlp: Any) -> None:
    mentions = mentions_of(nlp, "Talks went well, Podolyak said on Monday in Kyiv.")
    assert {m.text: m.kind for m in mentions}.get("Podolyak", "person") == "person"
    assert by_text(mentions, "Kyiv").kind == "place"


def test_a_place_ending_makes_a_name_a_place_unless_a_given_name_opens_it() -> None:
    from storyline.annotate.mentions import _name_evidence

    assert _name_evidence("Herengracht", "PERSON") == "GPE"
    assert _name_evidence("Kaliningrad", "ORG") == "GPE"
    assert _name_evidence("Johnny Nashville", "PERSON") is None


def test_a_role_keeps_its_titled_parts_only() -> None:
    text = "Mykhailo Podolyak, adviser to the president and part of the negotiating team, said."
    assert roles_of(text, 0, len("Mykhailo Podolyak")) == ("adviser to the president",)
    text = "Jane Roe, president and chief executive of Acme, said."
    assert roles_of(text, 0, len("Jane Roe")) == ("president and chief executive of Acme",)


def test_an_apposition_cut_at_the_title_of_the_next_name_is_no_role() -> None:
    # real PolNeAR sentences: the phrase after the comma ran on to "Sen." / "Mr." and stopped there
    text = (
        "In a comparison done on Zero Hedge, similar statements made by former Democratic presidential "
        "candidate Sen. Bernie Sanders were rated."
    )
    assert roles_of(text, text.index("Zero"), text.index("Hedge") + 5) == ()
    text = "John D. Podesta, chief of staff to President Bill Clinton whom Mr. Obama hired, said so."
    # the relative clause is no part of the role (it ran on to "Mr." before relative clauses were cut)
    assert roles_of(text, 0, len("John D. Podesta")) == ("chief of staff to President Bill Clinton",)
    text = "Dmitry Peskov, the Kremlin spokesman, said so."
    assert roles_of(text, 0, len("Dmitry Peskov")) == ("Kremlin spokesman",)


def test_a_people_followed_by_who_stays_a_group(nlp: Any) -> None:
    text = "He began his speech by marveling at all the Americans who had gotten him here."
    kinds = {m.text: m.kind for m in mentions_of(nlp, text)}
    assert kinds["Americans"] == "group"


def test_a_persons_surname_read_once_as_a_place_stays_the_person(nlp: Any) -> None:
    text = (
        "Marco Rubio spoke in Miami on Monday. Cruz campaigned in Rubio's Miami backyard on Wednesday. "
        "Rubio said he would stay in the race."
    )
    said = text.index("Rubio said")  # "in Rubio's Miami backyard" may read as a place; it spreads no more
    assert [m.kind for m in mentions_of(nlp, text) if m.start == said] == ["person"]


def test_one_of_a_party_followed_by_who_is_described_not_named(nlp: Any) -> None:
    # Politico, 2016-05-05 (unseen): "the Wisconsin Republican, who" became a person named "Republican",
    # who then spoke Paul Ryan's words in Who said what
    text = "It was a reversal for the Wisconsin Republican, who had pledged to support the nominee."
    kinds = {m.text: m.kind for m in mentions_of(nlp, text)}
    assert kinds["Republican"] == "group"


def test_a_persons_full_name_read_once_as_a_place_stays_the_person(nlp: Any) -> None:
    # Politico, 2016-05-05 (unseen): "You have someone in Paul Ryan who ..." made every Paul Ryan a place
    text = (
        "House Speaker Paul Ryan on Thursday declared that he cannot support Donald Trump. "
        "You have someone in Paul Ryan who may be the master of temperament and tone."
    )
    first = [m for m in mentions_of(nlp, text) if m.start == text.index("Paul Ryan")]
    assert [m.kind for m in first] == ["person"]


def test_no_person_in_a_holiday(nlp: Any) -> None:
    # USA Today, 2016-02-18: "Valentine" spoke for "he"
    found = mentions_of(nlp, "Bloomberg turned 74 on Valentine's Day. Exit polls showed that Trump led.")
    assert not [m for m in found if m.text == "Valentine" and m.kind == "person"]


def test_a_pronoun_after_a_name_is_not_part_of_it(nlp: Any) -> None:
    # HuffPost, 2016-02-18: "National Post he" was an outlet reporting
    text = (
        "Rob Calabrese, a radio host, set up a website. Calabrese told the National Post he’s already "
        "received hundreds of emails from Americans interested in moving to the island."
    )
    found = mentions_of(nlp, text)
    assert "National Post" in [m.text for m in found]


def test_quoted_slogans_are_no_people_and_names_end_at_their_words(nlp: Any) -> None:
    # NYT, 2016-06-27: slogans and campaigns in quotation marks were people
    text = "Mrs. Clinton shares more with the ''Remain'' campaign than a slogan, ''Stronger Together.''"
    assert [m.text for m in mentions_of(nlp, text) if m.kind == "person"] == ["Clinton"]
    # USA Today, 2016-06-27: NER ran into the preposition after a name
    found = mentions_of(nlp, '"I pretty much cried," said Juan "Chico" Manriquez of San Francisco.')
    assert by_text(found, 'Juan "Chico" Manriquez').kind == "person"


def test_a_title_alone_or_a_lower_case_word_is_no_name(nlp: Any) -> None:
    found = mentions_of(
        nlp, "Sources said Lt. Gov. Eric Holcomb is interested. The former Chairwoman's computer was hacked."
    )
    assert [m.text for m in found] == ["Eric Holcomb"]


def test_a_verb_before_a_title_and_a_relative_clause_after_a_role_are_no_part_of_it() -> None:
    # Western Journal and NYT, 2016-08-01 (unseen): roles "supported Sen." and "longtime strategist for
    # progressive causes whose agency"
    text = "73 percent of Democrats who said they had supported Sen. Bernie Sanders, I-Vt., now back her."
    assert roles_of(text, text.index("Bernie"), text.index(", I-Vt")) == ("Sen.",)
    text = "David Fenton, a longtime strategist for progressive causes whose agency, Fenton, made ads, said."
    assert roles_of(text, 0, len("David Fenton")) == ("longtime strategist for progressive causes",)


def test_a_title_followed_by_a_verb_is_a_clause_not_a_role() -> None:
    # Politico, 2016-04-06 (unseen): Hillary Clinton's role read "Ohio governor earned 51 percent to ..."
    text = "Against Clinton, the Ohio governor earned 51 percent to her 35 percent."
    assert roles_of(text, text.index("Clinton"), text.index(",")) == ()
    text = "John Roe, former President Bill Clinton's aide, said so."  # a name after the title is no verb
    assert roles_of(text, 0, len("John Roe")) == ("former President Bill Clinton's aide",)


def test_a_phrase_opened_by_a_preposition_or_its_adverb_is_no_role() -> None:
    # Washington Post, 2016-02-02 (unseen): Marco Rubio's role "particularly in the closing days of the
    # Iowa campaign"
    text = "Rubio, particularly in the closing days of the Iowa campaign, has preached unity."
    assert roles_of(text, 0, len("Rubio")) == ()
    text = "Jane Roe, the newly elected governor, said so."
    assert roles_of(text, 0, len("Jane Roe")) == ("newly elected governor",)


def test_a_person_named_after_an_owners_possessive_is_a_person(nlp: Any) -> None:
    # Huffington Post, 2016-02-02 (unseen): "Commentary’s Noah Rothman" spoke as one organisation's name
    text = "“It’ll annoy Rubio detractors,” Commentary’s Noah Rothman tweeted Friday. McDonald's Corp agreed."
    found = {(m.text, m.label) for m in find_mentions(nlp(text), "a1")}
    assert ("Noah Rothman", "PERSON") in found and ("McDonald's Corp", "ORG") in found
