"""compose's calendar check and text readers: weekday/date mismatches found, never an exception."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.compose.claims import content_stems, names_in, numbers_in
from storyline.compose.days import weekday_mismatches

MONDAY = date(2022, 3, 28)


def test_weekday_beside_a_date_is_checked_against_the_calendar() -> None:
    assert weekday_mismatches("on Monday, March 14, 2022", None) == []
    wrong = weekday_mismatches("on Tuesday, March 14", MONDAY)
    assert len(wrong) == 1 and wrong[0].day == date(2022, 3, 14)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_readers_never_raise(text: str) -> None:
    weekday_mismatches(text, MONDAY)
    content_stems(text)
    names_in(text)
    numbers_in(text)
