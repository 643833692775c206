"""The summary's first line is the main happening: not a plan dated after the reports, nor background."""

from __future__ import annotations

from datetime import date

import pytest

from compose_fixtures import annotate, singleton_groups
from storyline.annotate.nlp import load_nlp
from storyline.compose.facts import build_facts
from storyline.compose.summary import summarize
from storyline.models import AnnotatedArticle

_STORM = [
    "A storm flooded the harbour town of Wexley on Wednesday, cutting power to 4,000 homes.",
    "Floodwater swept through Wexley's harbour on Wednesday and left 4,000 homes without power.",
    "Wexley was flooded by a storm on Wednesday that knocked out power to 4,000 homes.",
]
_PLAN = "The town council will vote on a relief fund for Wexley on Monday."
_BACKGROUND = "Wexley's harbour wall was built on May 2, 1871, by the Harbour Board."


@pytest.fixture(scope="module")
def storm() -> list[AnnotatedArticle]:
    nlp = load_nlp()
    friday = date(2024, 3, 8)
    return [
        annotate(f"art-{n}", f"{lead}\n\n{_PLAN}\n\n{_BACKGROUND}", nlp, outlet=f"O{n}", published=friday)
        for n, lead in enumerate(_STORM)
    ]


def test_a_day_after_the_reports_is_a_plan_not_the_main_happening(storm: list[AnnotatedArticle]) -> None:
    lines = summarize(build_facts(storm, singleton_groups(storm)), storm, sentences=2)
    assert "Wednesday" in lines[0].text, [line.text for line in lines]


def test_undated_reports_take_the_story_s_date_for_the_main_day(storm: list[AnnotatedArticle]) -> None:
    # Read as told in 1871, five undated reports of the harbour wall would outweigh the storm's day.
    nlp = load_nlp()
    undated = [annotate(f"undated-{n}", f"{_BACKGROUND}\n\n{_PLAN}", nlp) for n in range(5)]
    articles = [*storm[:2], *undated]
    lines = summarize(build_facts(articles, singleton_groups(articles)), articles, sentences=2)
    assert "Wednesday" in lines[0].text, [line.text for line in lines]
