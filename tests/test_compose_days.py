"""compose's fallback day reader: weekdays resolved by the clause's direction, never an exception."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.compose.claims import content_stems, names_in, numbers_in
from storyline.compose.days import find_days, weekday_mismatches

MONDAY = date(2022, 3, 28)


def test_weekdays_look_ahead_back_or_to_the_nearest_day() -> None:
    values = {r.text: r.value for r in find_days("Talks could start Tuesday.", MONDAY)}
    assert values == {"Tuesday": "2022-03-29"}
    assert find_days("Zelensky spoke on Sunday.", MONDAY)[0].value == "2022-03-27"
    assert find_days("He said late Friday that it was over.", MONDAY)[0].value == "2022-03-25"
    assert find_days("On Monday, March 14, a session will be held.", MONDAY)[0].value == "2022-03-14"
    assert find_days("Talks on Tuesday.", None) == []


def test_weekday_beside_a_date_is_checked_against_the_calendar() -> None:
    assert weekday_mismatches("on Monday, March 14, 2022", None) == []
    wrong = weekday_mismatches("on Tuesday, March 14", MONDAY)
    assert len(wrong) == 1 and wrong[0].day == date(2022, 3, 14)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_readers_never_raise(text: str) -> None:
    find_days(text, MONDAY)
    weekday_mismatches(text, MONDAY)
    content_stems(text)
    names_in(text)
    numbers_in(text)
