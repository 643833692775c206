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
