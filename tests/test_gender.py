"""A pronoun stands for a person of its sex: "she said" after a woman and a man is the woman's."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.annotate.gender import gender_of
from storyline.annotate.mentions import find_mentions
from storyline.annotate.nlp import load_nlp
from storyline.annotate.quotes import find_quotes
from storyline.models import Mention


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_nlp()


def speaker(nlp: Any, text: str, fragment: str) -> str | None:
    doc = nlp(text)
    found = [q for q in find_quotes(doc, "a1", find_mentions(doc, "a1")) if fragment in q.content.text]
    assert len(found) == 1, [q.content.text for q in found]
    return found[0].speaker


def person(text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(
        article_id="a1", start=start, end=start + len(name), text=name, label="PERSON", kind="person"
    )


def test_she_is_the_woman_named_before_even_when_a_man_is_named_last(nlp: Any) -> None:
    text = (
        "Senator Karen Holt has lambasted the plan, which Governor Robert Vance defended on Monday. "
        '"The plan would cut schools," she said in a debate.'
    )
    assert speaker(nlp, text, "cut schools") == "Karen Holt"


def test_he_is_the_man_named_before_even_when_a_woman_is_named_last(nlp: Any) -> None:
    text = (
        "Governor Robert Vance answered the criticism from Senator Karen Holt on Tuesday. "
        '"Our schools will be fine," he said.'
    )
    assert speaker(nlp, text, "schools will be fine") == "Robert Vance"


def test_the_articles_honorific_decides_for_a_surname() -> None:
    text = "Mrs. Okafor spoke first. Then Okafor left the hall."
    assert gender_of(text, person(text, "Okafor"), []) == "female"
    text = "Mr. Okafor spoke first."
    assert gender_of(text, person(text, "Okafor"), []) == "male"


def test_a_surname_two_people_share_stays_unknown_and_rules_no_one_out() -> None:
    text = "Bill Clinton and Hillary Clinton arrived. Clinton spoke."
    mentions = [person(text, "Bill Clinton"), person(text, "Hillary Clinton")]
    at = text.rindex("Clinton")
    lone = Mention(article_id="a1", start=at, end=at + 7, text="Clinton", label="PERSON", kind="person")
    assert gender_of(text, mentions[0], mentions) == "male"
    assert gender_of(text, mentions[1], mentions) == "female"
    assert gender_of(text, lone, mentions) is None


def test_names_the_lists_do_not_hold_clearly_are_unknown() -> None:
    for name in ("Volodymyr Zelensky", "Taylor Brooks", "Mevlut Cavusoglu"):
        text = f"{name} spoke."
        assert gender_of(text, person(text, name), []) is None, name


def test_a_person_called_by_a_given_name_alone_has_its_sex() -> None:
    text = "Melanie watched the speech. Then Melanie said yes."
    mentions = [person(text, "Melanie")]
    assert gender_of(text, mentions[0], mentions) == "female"
    text = "Tom Melanie spoke. Melanie left."  # borne as a surname: the given name is not this word
    lone = Mention(article_id="a1", start=text.rindex("Melanie"), end=text.rindex("Melanie") + 7,
                   text="Melanie", label="PERSON", kind="person")
    assert gender_of(text, lone, [person(text, "Tom Melanie"), lone]) == "male"


def test_he_never_carries_on_a_woman_who_spoke_before(nlp: Any) -> None:
    # the only man is named inside a quotation, so no one named fits "he": better unresolved than her
    text = (
        'Melanie watched on TV. "He is here," Melanie said. "I love you," he said.'
    )
    assert speaker(nlp, text, "I love you") != "Melanie"


def test_he_is_the_main_clause_subject_before_a_man_named_in_a_subordinate_clause(nlp: Any) -> None:
    text = (
        "Reid raised the example of Obama in 2008 inviting Clinton into his circle, just as President "
        "Abraham Lincoln did in building a team of rivals. "
        '"He reached out to her and gave her the best job he had to offer," he said.'
    )
    assert speaker(nlp, text, "best job") == "Reid"


def test_a_subject_of_a_clause_joined_to_the_main_one_counts_as_main(nlp: Any) -> None:
    # a real NYT sentence: "The Europeans" are a people (", who" made them a person), Obama the subject
    # of the clause joined by "but"
    text = (
        "The Europeans, who had been cut out of the talks, derided the deal as toothless, but Mr. Obama "
        "learned from the experience. A global climate accord could not simply be a compact among "
        "developed economies, he said."
    )
    assert speaker(nlp, text, "global climate accord") == "Obama"
