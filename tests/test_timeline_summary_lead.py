"""Statuses in the summary: a plan for the main day never leads the summary."""

from __future__ import annotations

from datetime import date

from compose_fixtures import annotate
from storyline.annotate.nlp import load_nlp
from storyline.compose.facts import build_facts
from storyline.compose.status import read_status
from storyline.compose.summary import summarize

PLAN = "Ministers would meet on Monday to agree on emergency funds, the prime minister said."
DONE = "The storm cut power to 80,000 homes on Monday, the grid operator Statnett said."


def test_the_first_line_is_a_happening_not_a_plan() -> None:
    nlp = load_nlp()
    monday, tuesday = date(2024, 10, 14), date(2024, 10, 15)
    articles = [
        annotate("a", PLAN, nlp, outlet="Nordic Wire", published=monday),
        annotate("b", PLAN, nlp, outlet="Fjord Post", published=monday),
        annotate("c", DONE, nlp, outlet="Coastal Herald", published=tuesday),
    ]
    lines = summarize(build_facts(articles, []), articles)
    assert lines[0].text == DONE
    assert PLAN in [line.text for line in lines]


def test_a_cue_before_another_date_speaks_for_that_date() -> None:
    text = "The government will meet on Tuesday, Støre said on Monday."
    monday = text.index("Monday")
    found = read_status(text, "2024-10-14", (monday, monday + 6), date(2024, 10, 14), text.index(","))
    assert found.status == "happened"
    tuesday = text.index("Tuesday")
    assert read_status(text, "2024-10-15", (tuesday, tuesday + 7), date(2024, 10, 14)).status == "scheduled"
