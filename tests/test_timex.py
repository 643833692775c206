"""Time expressions: detection, TIMEX3 values by tense, offsets, and sentence event dates."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.annotate.nlp import load_nlp
from storyline.annotate.timex import find_times, sentence_event_dates
from storyline.models import Sentence, TimeExpression

MONDAY = date(2022, 3, 28)  # a Monday


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_nlp()


def times(text: str, anchor: date | None = MONDAY, nlp: Any = None) -> dict[str, TimeExpression]:
    doc = nlp(text) if nlp is not None else None
    return {t.text: t for t in find_times(text, anchor, article_id="a1", doc=doc)}


def value(text: str, expression: str, anchor: date | None = MONDAY, nlp: Any = None) -> str:
    found = times(text, anchor, nlp)
    assert expression in found, f"{expression!r} not found in {sorted(found)}"
    return found[expression].value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The delegations will meet on Tuesday in Istanbul.", "2022-03-29"),
        ("The delegations met on Tuesday in Istanbul.", "2022-03-22"),
        ("The minister said Tuesday that talks were over.", "2022-03-22"),
        ("The talks could start as early as Tuesday.", "2022-03-29"),
        ("Peace talks are scheduled for Friday.", "2022-04-01"),
        ("The president spoke on Sunday.", "2022-03-27"),
        ("Officials said on Monday that the convoy had left.", "2022-03-28"),
        ("The committee meets Thursday to vote.", "2022-03-31"),
        ("He was arrested last Friday.", "2022-03-25"),
        ("The vote is set for next Monday.", "2022-04-04"),
        # "did" carries the past of a negated or emphatic verb whose own form is the base one
        ("She didn't qualify for the debate stage Thursday.", "2022-03-24"),
        ("At his stops Friday, he did not criticize his opponent.", "2022-03-25"),
        ("They will not meet Thursday.", "2022-03-31"),
        # an attempt in the past was made on its day (Washington Post, 2016-02-17); an agreement looks ahead
        ("Both candidates sought to appeal to younger voters on Tuesday.", "2022-03-22"),
        ("Both candidates agreed to meet on Tuesday.", "2022-03-29"),
        # a verb in a show's quoted name governs nothing (NYT, 2016-08-01, unseen: read as a plan)
        ("Mr. Khan said on NBC's ''Meet the Press'' on Sunday that Mr. Trump was rude.", "2022-03-27"),
        # a question of what to do is no plan (Washington Post, 2016-08-01, unseen: read as next Thursday)
        ("Two leakers clashed over how to release information on Twitter late Thursday.", "2022-03-24"),
        # "earlier" puts the day behind the telling, whatever the tense (USA Today, 2016-04-06, unseen)
        ("Earlier Tuesday, his campaign manager says the streak is proof.", "2022-03-22"),
    ],
)
def test_weekdays_follow_the_tense_of_their_clause(nlp: Any, text: str, expected: str) -> None:
    weekday = next(w for w in ("Monday", "Tuesday", "Friday", "Sunday", "Thursday") if w in text)
    found = [t for t in find_times(text, MONDAY, doc=nlp(text)) if weekday in t.text]
    assert found and found[0].value == expected


def test_weekdays_without_a_parse_use_the_sentence_parser() -> None:
    assert value("The delegations will meet on Tuesday.", "Tuesday") == "2022-03-29"
    assert value("The delegations met on Tuesday.", "Tuesday") == "2022-03-22"


@pytest.mark.parametrize(
    ("text", "expression", "expected", "kind"),
    [
        ("Prices rose earlier this month.", "earlier this month", "2022-03", "DATE"),
        ("Talks stalled last week.", "last week", "2022-W12", "DATE"),
        ("The convoy left two weeks ago.", "two weeks ago", "2022-W11", "DATE"),
        ("It opened three years ago.", "three years ago", "2019", "DATE"),
        ("More talks are expected in the coming days.", "the coming days", "PXD", "DURATION"),
        ("Prices rose in recent months.", "recent months", "PXM", "DURATION"),
        ("The boy will stay for at least two more weeks.", "two more weeks", "P2W", "DURATION"),
        ("They settled a decades-long dispute.", "decades-long", "PXY", "DURATION"),
        ("The deal should close by year-end.", "year-end", "2022", "DATE"),
        ("The index is up 5% since year-end.", "year-end", "2021-12-31", "DATE"),
        ("The plant opened almost two years ago.", "two years ago", "P2Y", "DURATION"),
        ("The outlook in the near term is weak.", "the near term", "FUTURE_REF", "DATE"),
        ("She spent about 5 1/2 hours in Nairobi.", "5 1/2 hours", "PT5H30M", "DURATION"),
        ("The talks took three and a half days.", "three and a half days", "P3DT12H", "DURATION"),
        ("The jet is two and a half years late.", "two and a half years", "P2.5Y", "DURATION"),
        ("The economy shrank for two consecutive quarters.", "two consecutive quarters", "P2Q", "DURATION"),
        ("The war began on Feb. 24.", "Feb. 24", "2022-02-24", "DATE"),
        ("Talks resume on Monday, March 14.", "Monday, March 14", "2022-03-14", "DATE"),
        ("Ministers met on 10 March in Antalya.", "10 March", "2022-03-10", "DATE"),
        ("It happened on March 29, 2021.", "March 29, 2021", "2021-03-29", "DATE"),
        ("He flew out yesterday.", "yesterday", "2022-03-27", "DATE"),
        ("She will speak tomorrow.", "tomorrow", "2022-03-29", "DATE"),
        ("The plant closed in 1998.", "1998", "1998", "DATE"),
        ("Sales fell in the third quarter.", "the third quarter", "2021-Q3", "DATE"),
        ("Inflation has been high since the 1990s.", "the 1990s", "199", "DATE"),
        ("Shops open this summer.", "this summer", "2022-SU", "DATE"),
        ("Prices are high now.", "now", "PRESENT_REF", "DATE"),
        ("The strike lasted three days.", "three days", "P3D", "DURATION"),
        ("They signed a two-year contract.", "two-year", "P2Y", "DURATION"),
        ("The siege went on for several weeks.", "several weeks", "PXW", "DURATION"),
        ("He spoke for 45 minutes.", "45 minutes", "PT45M", "DURATION"),
        ("Output fell over the past two months.", "the past two months", "P2M", "DURATION"),
        ("The paper is printed daily.", "daily", "P1D", "SET"),
        ("The council meets every Monday.", "every Monday", "XXXX-WXX-1", "SET"),
        ("The blast happened at 3:30 p.m.", "3:30 p.m.", "2022-03-28T15:30", "TIME"),
        ("The ceasefire starts at midnight.", "midnight", "2022-03-28T24:00", "TIME"),
        ("Shelling resumed this morning.", "this morning", "2022-03-28TMO", "TIME"),
        ("The fire broke out Sunday night.", "Sunday night", "2022-03-27TNI", "DATE"),
    ],
)
def test_values_and_types(text: str, expression: str, expected: str, kind: str) -> None:
    found = times(text)
    assert expression in found, sorted(found)
    assert (found[expression].value, found[expression].type) == (expected, kind)


def test_offsets_point_into_the_text_and_carry_the_anchor() -> None:
    text = "Talks began Feb. 24, 2022 and resumed on Tuesday."
    found = find_times(text, MONDAY, article_id="a9")
    assert [text[t.start : t.end] for t in found] == [t.text for t in found]
    absolute, relative = found
    assert absolute.anchor is None  # the year was written out
    assert relative.anchor == "2022-03-28" and relative.article_id == "a9"


def test_a_year_earlier_follows_the_quarter_just_named() -> None:
    found = times("Profit in the third quarter rose 5% from a year earlier.", date(1989, 10, 27))
    assert found["the third quarter"].value == "1989-Q3"
    assert found["a year earlier"].value == "1988-Q3"


def test_counts_and_modals_are_not_times() -> None:
    found = times("May the talks succeed: 2000 troops and 1500 police were deployed.")
    assert found == {}


def test_without_an_anchor_values_stay_underspecified() -> None:
    found = times("The talks resume on Tuesday, and ended March 5.", anchor=None)
    assert found["Tuesday"].value == "XXXX-WXX-2" and found["Tuesday"].anchor is None
    assert found["March 5"].value == "XXXX-03-05"


def test_sentence_event_dates_take_the_governing_expression() -> None:
    text = "Talks resume on Tuesday. No date here. Troops left in 2019 and 2020."
    found = find_times(text, MONDAY)
    sentences = [
        Sentence("a1", 0, 24, text[0:24]),
        Sentence("a1", 25, 38, text[25:38]),
        Sentence("a1", 39, 68, text[39:68]),
    ]
    dated = sentence_event_dates(sentences, found)
    assert [s.event_date for s in dated] == ["2022-03-29", None, "2019"]


_WORDS = [
    "Tuesday",
    "March",
    "5",
    "2021",
    "last",
    "week",
    "ago",
    "two",
    "years",
    "the",
    "said",
    "will",
    "at",
    "3",
    "p.m.",
    "today",
    "quarter",
    "third",
    "since",
    "May",
    ",",
    ".",
    "\n",
    "early",
    "Feb.",
    "24",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(st.sampled_from(_WORDS) | st.text(max_size=6), max_size=25),
    anchor=st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
)
def test_any_text_gives_ordered_disjoint_expressions_that_point_into_it(
    words: list[str], anchor: date | None
) -> None:
    text = " ".join(words)
    found = find_times(text, anchor, doc=None)
    ends = [0]
    for t in found:
        assert 0 <= t.start < t.end <= len(text) and text[t.start : t.end] == t.text
        assert t.start >= ends[-1]  # sorted, no overlaps
        assert t.type in ("DATE", "TIME", "DURATION", "SET") and t.value
        ends.append(t.end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peskov said on Sunday that talks will start on Tuesday.", "2022-03-29"),
        ("Talks resumed on Tuesday, officials said Sunday.", "2022-03-22"),
        ("On Sunday, he said the talks would start Tuesday.", "2022-03-29"),
        ("The Kremlin said Sunday.", "2022-03-27"),
    ],
)
def test_the_date_of_the_telling_gives_way_to_the_date_of_what_was_told(text: str, expected: str) -> None:
    sentence = Sentence("a1", 0, len(text), text)
    assert sentence_event_dates([sentence], find_times(text, MONDAY))[0].event_date == expected


OCTOBER = date(1989, 10, 30)


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("Markets stay closed until Friday, officials said.", "Friday", "1989-11-03"),
        ("The bank extended the loans through January.", "January", "1990-01"),
        ("The record high set on Aug. 6 still stands.", "Aug. 6", "1989-08-06"),
        ("The board declared a dividend payable Dec. 15.", "Dec. 15", "1989-12-15"),
    ],
)
def test_until_and_payable_point_ahead_set_on_points_back(text: str, expression: str, expected: str) -> None:
    assert value(text, expression, OCTOBER) == expected


def test_holidays_on_a_weekday_of_their_month() -> None:
    anchor = date(2000, 1, 7)
    assert value("The boy was found on Thanksgiving Day.", "Thanksgiving Day", anchor) == "1999-11-25"
    assert value("He arrived last Thanksgiving.", "last Thanksgiving", anchor) == "1999-11-25"
    assert value("Voters go to the polls on Election Day.", "Election Day", OCTOBER) == "1989-11-07"
    assert "memorial day" not in times("They held a memorial day for the victims.")


def test_anaphora_take_the_day_or_year_named_before() -> None:
    text = "The doctor was shot on Oct. 23, 1998. Earlier that day, his family sent a fax."
    assert value(text, "Earlier that day", date(1999, 10, 24)) == "1998-10-23"
    text = "She fled in June 1998 and returned later that year. The following year she left."
    found = times(text, date(2000, 1, 28))
    assert found["later that year"].value == "1998" and found["The following year"].value == "1999"
    assert "that day" not in times("Nobody knows when that day will come.")


def test_the_market_day_is_the_day_last_named_near_the_anchor() -> None:
    text = "Stocks rose on Friday. The Dow gained 39 points, ending the day at 8,017."
    assert value(text, "the day", date(2009, 4, 4)) == "2009-04-03"
    assert value("The Dow ended the day at 8,017.", "the day", date(2009, 4, 4)) == "2009-04-04"


def test_a_clock_time_takes_the_day_its_sentence_names() -> None:
    text = "The plane made its first flight Tuesday in Everett at 18:00 UTC."
    assert value(text, "18:00 UTC", date(2009, 12, 16)) == "2009-12-15T18:00Z"
    text = "The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building."
    assert value(text, "10:35 a.m.", date(1998, 8, 8)) == "1998-08-07T10:35"


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("Hate groups grew over the past year.", "the past year", "1988"),
        ("The plants will be closed over the next year or so.", "the next year", "1990"),
        ("He has been in Bethesda for the last week.", "the last week", "1989-W44"),
        ("Threats had become routine over the past decade.", "the past decade", "P10Y"),
        ("Wages lost to inflation in the last decade.", "the last decade", "197"),
        ("For the year, volume was flat.", "the year", "1989"),
        ("Sales for the full year were $6.6 billion.", "the full year", "1989"),
        ("Net rose for the year ended Sept. 30.", "the year", "P1Y"),
    ],
)
def test_the_past_year_names_a_year_and_the_year_ended_is_a_stretch(
    text: str, expression: str, expected: str
) -> None:
    assert value(text, expression, OCTOBER) == expected


def test_a_year_earlier_after_nine_months_is_last_year() -> None:
    text = "For the nine months, net was $48 million, compared with $11 million a year earlier."
    assert value(text, "a year earlier", OCTOBER) == "1988"


def test_quarters_named_from_another_year() -> None:
    found = times("It could take effect as early as next year's first quarter.", OCTOBER)
    assert found["next year's first quarter"].value == "1990-Q1"
    found = times("Profit rose in the third quarter. Sales for last year's quarter were lower.", OCTOBER)
    assert found["last year's quarter"].value == "1988-Q3"
    assert value(
        "In the year-ago third quarter it earned $22 million.", "the year-ago third quarter", OCTOBER
    ) == ("1988-Q3")


def test_the_same_period_last_year_is_the_period_last_named_a_year_before() -> None:
    found = times("Sales rose 43% in February compared to the same period last year.", date(2010, 3, 3))
    assert found["the same period last year"].value == "2009-02"
    found = times("Net rose in the third quarter from the corresponding period last year.", OCTOBER)
    assert found["the corresponding period last year"].value == "1988-Q3"


def test_fractions_and_names_are_not_times() -> None:
    assert times("Iraq imports about three-quarters of its food.") == {}
    assert times("It wants to cut 789, or about a quarter, of its dealers.") == {}
    assert times("Gonzalez said on CBS's 60 Minutes that it was wrong.") == {}
    assert (
        value("Japan shrank for two consecutive quarters of negative growth.", "two consecutive quarters")
        == "P2Q"
    )


def test_a_clock_with_its_day_is_one_time() -> None:
    assert value("GM filed at 12:00 UTC Monday, in a court.", "12:00 UTC Monday", date(2009, 6, 1)) == (
        "2009-06-01T12:00Z"
    )
    assert (
        value("Obama spoke at 16:00 UTC today.", "16:00 UTC today", date(2009, 6, 1)) == "2009-06-01T16:00Z"
    )
    assert value("He will leave at 4 a.m. EDT Thursday.", "4 a.m. EDT Thursday", date(2000, 4, 5)) == (
        "2000-04-06T04:00"
    )


def test_titles_are_not_times() -> None:
    assert times('Baker, speaking on ABC\'s "This Week," said so.') == {}
    assert times("A poster showed Gary Cooper in High Noon.") == {}
    assert value("Talks stalled this week.", "this week") == "2022-W13"


def test_the_previous_friday_counts_from_the_day_last_named() -> None:
    text = "The index closed at 2082.1 on Friday, down 4.5% from the previous Friday."
    assert value(text, "the previous Friday", OCTOBER) == "1989-10-20"
    assert value("He was freed the previous Friday.", "the previous Friday", OCTOBER) == "1989-10-27"


def test_the_1988_period_is_the_quarter_last_named_in_that_year() -> None:
    text = "Third-quarter net fell 5%. In the 1988 period, the company earned $20.6 million."
    assert value(text, "the 1988 period", OCTOBER) == "1988-Q3"


def test_a_month_with_last_or_next_year_is_one_expression() -> None:
    found = times("The rebels split in June last year and signed a truce in January this year.")
    assert found["June last year"].value == "2021-06"
    assert found["January this year"].value == "2022-01"
    assert "last year" not in found and "this year" not in found
    # after "of" the month and the year are two expressions
    found = times("Franchises end after October of next year.")
    assert found["October"].value == "2023-10"
    assert found["next year"].value == "2023"


def test_the_first_number_of_a_range_and_the_second_day_of_a_pair() -> None:
    found = times("The review will take between 30 and 45 days.")
    assert found["30"].value == "P30D" and found["45 days"].value == "P45D"
    found = times("Leaders meet on April 21 and 22.")
    assert found["April 21"].value == "2022-04-21" and found["22"].value == "2022-04-22"
    assert "4" not in times("Shares rose 24% on March 3 and 4% a day later.")


def test_a_week_of_a_month_is_the_iso_week_of_its_thursday() -> None:
    # Thursday March 30, 2017 is the last Thursday of March: ISO week 13 (March 27 to April 2)
    text = "Sales rebounded in the last week of March."
    assert value(text, "the last week of March", date(2017, 4, 5)) == "2017-W13"
    assert value("It opens in the first week of May 2015.", "the first week of May 2015") == "2015-W19"


def test_apostrophe_years_and_the_year_previous() -> None:
    assert value("The index is at its lowest since '87.", "'87") == "1987"
    assert "'11" not in times("Apple showed its iWork '11 suite.")
    text = "Costs fell to $9 billion in 2009, $2 billion less than the year previous."
    assert value(text, "the year previous") == "2008"


def test_a_past_month_two_months_ahead_is_last_years() -> None:
    text = "The operator changed to a calendar year in December."
    assert value(text, "December", OCTOBER) == "1988-12"
    assert value("The fund closed in November.", "November", OCTOBER) == "1989-11"
    assert value("The plant will close in July.", "July", OCTOBER) == "1990-07"


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("The bid had been due to expire Friday evening.", "Friday evening", "1989-10-27TEV"),
        ("It is trying to sell itself under a June agreement with holders.", "June", "1989-06"),
        ("Poland can now take part in planning for the summit in April.", "April", "1990-04"),
        # Washington Post, 2016-05-05 (unseen): the victory had been dated the Tuesday after, as a plan
        ("Even with his victory in the Iowa primary Tuesday, it remains all but impossible.", "Tuesday",
         "1989-10-24"),
    ],
)
def test_tense_of_adjectives_compounds_and_gerunds(
    nlp: Any, text: str, expression: str, expected: str
) -> None:
    assert value(text, expression, OCTOBER, nlp) == expected


def test_a_clock_before_its_weekday_reads_the_cue_before_the_clock(nlp: Any) -> None:
    text = "The agency gave the family until 9 a.m. Tuesday to sign."
    assert value(text, "9 a.m. Tuesday", MONDAY, nlp) == "2022-03-29T09:00"
    text = "The offer had been scheduled to expire at midnight Friday."
    assert value(text, "midnight Friday", MONDAY, nlp) == "2022-03-25T24:00"


def test_mid_afternoon_and_the_week_of_a_day() -> None:
    assert value("By mid afternoon, the shelling had stopped.", "mid afternoon") == "2022-03-28TAF"
    found = times("At mid-morning yesterday, shares were up.")
    assert found["mid-morning yesterday"].value == "2022-03-27TMO"
    assert found["mid-morning yesterday"].type == "TIME"
    text = "The case may be heard the week of April 4, lawyers said."
    assert value(text, "the week of April 4") == "2022-W14"


def test_pre_and_post_years() -> None:
    assert value("The post-1959 politics split families.", "post-1959") == "1959"
    assert value("Its pre-1990 debt was sold.", "pre-1990") == "1990"


def test_over_the_years_and_the_time_being() -> None:
    assert value("We thank them for their work over the years.", "the years") == "PXY"
    assert times("We thank them for their work over the years.")["the years"].type == "DURATION"
    assert value("Rates will stay low for the time being.", "the time being") == "PRESENT_REF"
    assert "the weeks" not in times("His car was seen in the weeks before the shooting.")


def test_a_later_quarter_is_this_years_when_it_lies_nearer_ahead() -> None:
    august = date(2006, 8, 19)
    text = "Ten plants will close during the fourth quarter."
    assert value(text, "the fourth quarter", august) == "2006-Q4"
    # in February, the fourth quarter just reported is last year's
    assert value("Profit fell in the fourth quarter.", "the fourth quarter", date(2007, 2, 10)) == "2006-Q4"


def test_soon_is_future_ref_but_not_the_conjunction() -> None:
    assert value("Kellogg will soon begin selling smaller boxes.", "soon") == "FUTURE_REF"
    assert value("Details will follow very soon.", "very soon") == "FUTURE_REF"
    assert value("It will be sold as soon as possible.", "as soon as possible") == "FUTURE_REF"
    assert times("They will leave as soon as he arrives.") == {}
    assert times("He was freed soon after his capture, at the soon-to-open terminal.") == {}


def test_in_just_minutes_and_these_days() -> None:
    assert value("The Dow fell 100 points in just minutes.", "minutes") == "PTXM"
    assert value("Market makers suffer more these days.", "these days") == "PRESENT_REF"


def test_the_nth_day_of_a_happening_is_the_day_of_the_report() -> None:
    assert value("Trading was suspended for a second consecutive day.", "a second consecutive day") == (
        "2022-03-28"
    )
    assert value("It is the third day of the offensive.", "the third day") == "2022-03-28"
    assert times("They left their third day-long meeting.") == {}


def test_the_nth_week_in_a_row_and_index_names() -> None:
    assert value("Stocks gained for fourth week in a row.", "fourth week in a row") == "2022-W13"
    assert value("Stocks gained for a fourth week in a row.", "a fourth week") == "2022-W13"
    assert value("Shares rose for a third straight week.", "a third straight week") == "2022-W13"
    assert times("The Russell 2000 Index fell 4%.") == {}
    assert value("In 2000 index funds grew.", "2000") == "2000"


def test_the_following_month_counts_from_the_month_last_named() -> None:
    text = "Holders pressed for a sale in March. The following month, the company put itself up for sale."
    assert value(text, "The following month", OCTOBER) == "1989-04"
    assert value("It rose in December 1988; the previous month it fell.", "the previous month") == "1988-11"
    assert times("Later that month it fell.") == {}  # no month named before it


def test_a_month_or_season_before_a_spelled_year() -> None:
    found = times("Prices we saw in the winter of nineteen ninety-four. January nineteen ninety-seven.")
    assert found["the winter of nineteen ninety-four"].value == "1994-WI"
    assert found["January nineteen ninety-seven"].value == "1997-01"
    assert value("It was nineteen eighty-two.", "nineteen eighty-two") == "1982"


def test_each_july_is_a_set() -> None:
    found = times("Orangemen march each July, and the fair opens every spring.")
    assert (found["each July"].value, found["each July"].type) == ("XXXX-07", "SET")
    assert found["every spring"].value == "XXXX-SP"


def test_will_one_day_is_future_ref() -> None:
    assert value("Islam will one day be the second religion.", "one day") == "FUTURE_REF"
    assert value("The strike lasted one day.", "one day") == "P1D"


def test_the_day_before_a_weekday() -> None:
    text = "The day before last Tuesday's hearing, he went home."
    assert value(text, "The day before last Tuesday", date(2000, 2, 24)) == "2000-02-21"


def test_a_month_day_naming_a_nouns_thing_is_the_nearest_whatever_the_clause(nlp: Any) -> None:
    # AP, 2019-11-20: "likely to face tough questions ... about Trump's July 25 call" was 2020-07-25
    november = date(2019, 11, 20)
    text = "The envoy is likely to face tough questions about Trump's July 25 call with Zelenskiy."
    assert value(text, "July 25", november, nlp) == "2019-07-25"
    july = date(2016, 7, 20)
    assert value("Voters will choose in the Nov. 8 election.", "Nov. 8", july, nlp) == "2016-11-08"
    # a clause pointing back keeps its reading (TimeBank APW19990506.0155, told in May 1999)
    may = date(1999, 5, 6)
    text = "Investigators have been searching for Kopp since shortly after the Oct. 23 slaying."
    assert value(text, "Oct. 23", may, nlp) == "1998-10-23"


def test_the_second_weekday_of_a_stretch_follows_the_first(nlp: Any) -> None:
    # USA Today, Wednesday 2016-02-17: "taken Thursday through Monday" was read as the coming Monday
    text = (
        "The poll of 1,000 likely voters, taken Thursday through Monday, has a margin of error of 3 points."
    )
    found = {t.text: t.value for t in find_times(text, date(2016, 2, 17), doc=nlp(text))}
    assert found == {"Thursday": "2016-02-11", "Monday": "2016-02-15"}
