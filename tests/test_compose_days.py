"""compose's calendar check and text readers: weekday/date mismatches found, never an exception."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.compose.days import weekday_mismatches
from storyline.compose.words import content_stems, names_in, numbers_in

MONDAY = date(2022, 3, 28)


def test_weekday_beside_a_date_is_checked_against_the_calendar() -> None:
    assert weekday_mismatches("on Monday, March 14, 2022", None) == []
    wrong = weekday_mismatches("on Tuesday, March 14", MONDAY)
    assert len(wrong) == 1 and wrong[0].day == date(2022, 3, 14)


_CALENDAR_WORDS = st.sampled_from(
    ["Monday, ", "Tuesday ", "March ", "Sept. ", "14", "29, ", "2022", "31", "Feb ", "30", " ", "Smith", ",",
     "1,200"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_CALENDAR_WORDS, st.text(max_size=12)), max_size=25).map("".join))
def test_readers_keep_their_promises_on_any_text(text: str) -> None:
    for wrong in weekday_mismatches(text, MONDAY):
        # the span is the text's own, and the calendar really does put the date on another day
        assert text[wrong.start : wrong.end].startswith(wrong.written)
        assert wrong.day.strftime("%A") != wrong.written
    assert all(stem and " " not in stem for stem in content_stems(text))
    assert all(name == name.lower() and name.strip() for name in names_in(text))
    # a figure, a decimal, a time or a score ("1:30"): digits and separators, thousands commas dropped
    assert all(re.fullmatch(r"\d+(?:[.:]\d+)*", number) for number in numbers_in(text))


def test_names_are_lower_case_after_folding() -> None:
    # a mathematical capital has no lower case of its own but folds to a capital letter (Hypothesis found it)
    assert names_in(":A𝖠") == {"aa"}
