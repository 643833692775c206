"""Timeline statuses: happenings apart from plans, read at the words that name the day."""

from __future__ import annotations

from datetime import date

import pytest

from compose_fixtures import annotate
from storyline.annotate.nlp import load_nlp
from storyline.compose.status import read_status
from storyline.compose.timeline import build_timeline

PUBLISHED = date(2024, 10, 14)  # a Monday


def _status(text: str, day: str, when: str) -> tuple[str, str]:
    start = text.index(when)
    found = read_status(text, day, (start, start + len(when)), PUBLISHED)
    return found.status, found.evidence


@pytest.mark.parametrize(
    ("text", "day", "when", "status", "cue"),
    [
        (
            "The rail line will reopen on Wednesday, the operator said.",
            "2024-10-16",
            "Wednesday",
            "scheduled",
            "will",
        ),
        ("The institute said the storm would weaken on Monday.", "2024-10-14", "Monday", "expected", "would"),
        (
            "Crews expected to restore power by Wednesday.",
            "2024-10-16",
            "Wednesday",
            "expected",
            "expected to",
        ),
        (
            "The summit is scheduled for Jan. 21, officials said.",
            "2025-01-21",
            "Jan. 21",
            "scheduled",
            "is scheduled for",
        ),
        ("The company plans to open the plant on Friday.", "2024-10-18", "Friday", "scheduled", "plans to"),
        (
            "The goal is to restore it by Monday, March 4th.",
            "2025-03-04",
            "Monday, March 4th",
            "scheduled",
            "goal is to",
        ),
        ("He allegedly took the money on Sunday.", "2024-10-13", "Sunday", "claimed", "allegedly"),
    ],
)
def test_the_cue_before_the_date_sets_the_status(
    text: str, day: str, when: str, status: str, cue: str
) -> None:
    found, evidence = _status(text, day, when)
    assert found == status
    assert f"'{cue}'" in evidence


def test_a_cue_in_another_clause_does_not_speak_for_the_date() -> None:
    text = "Officials say the road will stay shut after the storm tore across the island on Sunday."
    assert _status(text, "2024-10-13", "Sunday")[0] == "happened"


def test_the_cue_nearest_the_date_decides() -> None:
    text = 'He said the state "will not leave them alone" and said ministers would meet on Tuesday.'
    assert _status(text, "2024-10-15", "Tuesday")[0] == "expected"


def test_a_happening_in_the_past_tense_happened() -> None:
    text = "The government on Tuesday approved 250 million kroner in emergency aid."
    assert _status(text, "2024-10-08", "Tuesday") == ("happened", "no plan, forecast or claim in the clause")


def test_dates_far_from_the_report_are_plans_or_background() -> None:
    assert read_status("The talks open that day.", "2024-10-20", None, PUBLISHED).status == "scheduled"
    assert read_status("The bridge opened that day.", "2019-05-02", None, PUBLISHED).status == "background"
    assert read_status("The bridge opened that day.", "2024-10-02", None, PUBLISHED).status == "happened"


@pytest.fixture(scope="module")
def storm_timeline() -> list[tuple[str, str, str]]:
    nlp = load_nlp()
    monday = annotate(
        "a",
        "The rail line between Bergen and Oslo will reopen on Wednesday, the operator Vy said on Monday.\n\n"
        "Prime Minister Jonas Gahr Store said ministers would meet on Tuesday to agree on emergency funds.",
        nlp,
        outlet="Nordic Wire",
        published=date(2024, 10, 14),
    )
    thursday = annotate(
        "b",
        "The rail line between Bergen and Oslo reopened on Wednesday morning, the operator Vy said.\n\n"
        "The Norwegian government on Tuesday approved 250 million kroner in emergency aid for the towns.",
        nlp,
        outlet="Coastal Herald",
        published=date(2024, 10, 17),
    )
    return [(e.date, e.status, e.text) for e in build_timeline([monday, thursday])]


def test_a_later_report_of_the_happening_replaces_the_plan(
    storm_timeline: list[tuple[str, str, str]],
) -> None:
    wednesday = [(status, text) for day, status, text in storm_timeline if day == "2024-10-16"]
    assert wednesday == [
        (
            "happened",
            "The rail line between Bergen and Oslo reopened on Wednesday morning, the operator Vy said.",
        )
    ]


def test_a_plan_another_happening_shares_a_day_with_stays_a_plan(
    storm_timeline: list[tuple[str, str, str]],
) -> None:
    tuesday = {status: text for day, status, text in storm_timeline if day == "2024-10-15"}
    assert tuesday["happened"].startswith("The Norwegian government on Tuesday approved")
    assert "ministers would meet on Tuesday" in tuesday["expected"]


def test_a_forecast_after_the_date_in_its_clause_counts() -> None:
    text = "Peskov said on Monday, however, that Tuesday was more likely."
    assert _status(text, "2024-10-15", "Tuesday") == ("expected", "'was more likely' after the date")


def test_the_month_may_is_not_the_modal() -> None:
    text = "She left the clinic on Thursday, May 2, and checked in elsewhere."
    assert _status(text, "2024-05-02", "Thursday, May 2")[0] == "happened"
    assert _status("Talks may resume on Friday.", "2024-10-18", "Friday")[0] == "expected"


def test_a_modal_inside_a_quotation_speaks_for_the_quote_not_the_telling() -> None:
    text = 'And that would not have hurt the rich," he told Parliament on Wednesday.'
    assert _status(text, "2024-10-09", "Wednesday")[0] == "happened"
    text = 'He said "we will win" and ministers would meet on Tuesday.'
    assert _status(text, "2024-10-15", "Tuesday")[0] == "expected"


def test_a_deed_done_on_the_date_is_not_the_plan_before_it() -> None:
    text = "It was a blow to the plans to push through cuts in exchange for a package unveiled on Sunday."
    assert _status(text, "2024-10-13", "Sunday") == ("happened", "'unveiled' right before the date")
    text = "A message said the office would be closed Tuesday in memory of her."
    assert _status(text, "2024-10-15", "Tuesday")[0] == "expected"


def test_a_thing_still_to_be_done_on_the_date_is_scheduled() -> None:
    text = "The government was preparing for the measures to be voted on Thursday."
    assert _status(text, "2024-10-17", "Thursday") == ("scheduled", "'to be voted' before the date")
    assert _status("He was said to be arrested on Monday.", "2024-10-14", "Monday")[0] == "happened"


def test_likely_before_its_noun_forecasts_nothing() -> None:
    # USA Today, 2016-02-17: a poll of "likely voters" taken last Thursday was under "Ahead", expected
    text = (
        "The poll of 1,000 likely voters, taken Thursday through Monday, has a margin of error of 3 points."
    )
    assert _status(text, "2024-10-10", "Thursday")[0] == "happened"
    assert (
        _status("Officials said talks are likely to resume on Friday.", "2024-10-18", "Friday")[0]
        == "expected"
    )
    ahead = "The next round will likely take place on Friday."
    assert _status(ahead, "2024-10-18", "Friday") == ("expected", "'likely' before the date")
