"""Conflicts: same slot, same event, different values; different events never conflict."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from compose_fixtures import SEEDS, annotate, seed_articles, seed_key
from storyline.annotate.nlp import load_nlp
from storyline.annotate.quotes import find_quotes
from storyline.annotate.slots import number_value as _number
from storyline.compose.conflicts import find_conflicts
from storyline.models import AnnotatedArticle, Conflict, Event


@pytest.fixture(scope="module")
def seeds() -> list[AnnotatedArticle]:
    assert SEEDS.is_dir(), "the conflict tests need ../shared/seeds"
    nlp = load_nlp()
    return [quoted(a, nlp) for a in seed_articles(nlp)]


def quoted(annotated: AnnotatedArticle, nlp: Any) -> AnnotatedArticle:
    """The fixture's article with the quotes stage's attributions (who says each value)."""
    found = find_quotes(nlp(annotated.article.text), annotated.article.id, annotated.mentions)
    return dataclasses.replace(annotated, quotes=tuple(found))


def said(
    article_id: str, text: str, nlp: Any, outlet: str, published: date | None = None
) -> AnnotatedArticle:
    return quoted(annotate(article_id, text, nlp, outlet=outlet, published=published), nlp)


def _one_event(articles: list[AnnotatedArticle]) -> list[Event]:
    return [Event("all", tuple(a.article.id for a in articles), None, "all")]


def _days(conflict: Conflict) -> set[str]:
    return {v.value[:10] for v in conflict.values}


def test_monday_tuesday_start_of_the_istanbul_talks_is_found(seeds: list[AnnotatedArticle]) -> None:
    conflicts = find_conflicts(seeds, _one_event(seeds))
    dates = [c for c in conflicts if c.kind == "date" and _days(c) >= {"2022-03-28", "2022-03-29"}]
    assert dates, conflicts
    conflict = dates[0]
    assert "talk" in conflict.slot
    assert all(v.citations for v in conflict.values)
    assert any("UPI" in v.outlets for v in conflict.values)


def test_the_march_14_round_never_conflicts_with_the_istanbul_talks(seeds: list[AnnotatedArticle]) -> None:
    for events in (_one_event(seeds), _split_events(seeds)):
        for conflict in find_conflicts(seeds, events):
            assert "2022-03-14" not in _days(conflict) or not _days(conflict) & {"2022-03-28", "2022-03-29"}
            cited = {seed_key(seeds, c.article_id) for v in conflict.values for c in v.citations}
            assert not ("004" in cited and cited - {"004"}), conflict


def _split_events(seeds: list[AnnotatedArticle]) -> list[Event]:
    video = tuple(a.article.id for a in seeds if seed_key(seeds, a.article.id) == "004")
    rest = tuple(a.article.id for a in seeds if a.article.id not in video)
    return [Event("video", video, "2022-03-14", "video"), Event("istanbul", rest, "2022-03-29", "istanbul")]


def test_numbers_conflict_across_outlets_but_ranges_and_hedges_do_not() -> None:
    nlp = load_nlp()
    articles = [
        annotate("a", "The explosion killed 12 people in the market.", nlp, outlet="One"),
        annotate("b", "The blast killed 15 people, police said.", nlp, outlet="Two"),
        annotate("c", "The bomb killed at least 30 people, officials said.", nlp, outlet="Three"),
    ]
    conflicts = find_conflicts(articles, _one_event(articles))
    numbers = [c for c in conflicts if c.kind == "number"]
    assert len(numbers) == 1
    assert {v.value for v in numbers[0].values} >= {"12", "15"}
    assert {o for v in numbers[0].values for o in v.outlets} >= {"One", "Two"}


def test_different_events_are_never_compared() -> None:
    nlp = load_nlp()
    articles = [
        annotate("a", "The explosion killed 12 people in the market.", nlp, outlet="One"),
        annotate("b", "The blast killed 15 people, police said.", nlp, outlet="Two"),
    ]
    events = [Event("e1", ("a",), None, "one"), Event("e2", ("b",), None, "two")]
    assert find_conflicts(articles, events) == []


def test_counts_whose_subject_is_a_pronoun_are_not_compared() -> None:
    # "he" is Sanders in one article and Kasich in the other: nothing here says they are one person
    nlp = load_nlp()

    def numbers(first: str, second: str) -> list[Conflict]:
        texts = [f"Even if the delegates split, {first} would then need to win 55 percent of them in May.",
                 f"To clinch the nomination now, {second} must win 91 percent of the delegates left."]
        articles = [annotate(f"a{n}", text, nlp, outlet=f"Outlet {n}") for n, text in enumerate(texts)]
        return [c for c in find_conflicts(articles, _one_event(articles)) if c.kind == "number"]

    assert numbers("he", "he") == []
    assert len(numbers("the candidate", "the candidate")) == 1  # one subject, two figures


def test_places_of_one_happening_conflict_unless_named_together() -> None:
    nlp = load_nlp()
    day = "The peace talks will start in Geneva on Tuesday, officials said."
    other = "The peace talks will start in Vienna on Tuesday, diplomats said."
    articles = [
        annotate("a", day, nlp, outlet="One", published=date(2022, 3, 28)),
        annotate("b", other, nlp, outlet="Two", published=date(2022, 3, 28)),
    ]
    places = [c for c in find_conflicts(articles, _one_event(articles)) if c.kind == "place"]
    assert len(places) == 1 and {v.value for v in places[0].values} == {"Geneva", "Vienna"}
    both = annotate("c", "Vienna and Geneva have both offered to host.", nlp, outlet="Three")
    articles.append(both)
    assert not [c for c in find_conflicts(articles, _one_event(articles)) if c.kind == "place"]


@pytest.mark.parametrize("text", ["2018.04.05", "1.2.3", "36 - 3", "000", "1,400", "$ 80 million", "x"])
def test_odd_number_spellings_never_raise(text: str) -> None:
    value = _number(text)
    assert value is None or float(value) >= 0


def test_dotted_dates_and_versions_in_articles_do_not_break_conflicts() -> None:
    nlp = load_nlp()
    text = "The firm released version 2.4.1 on 2018.04.05 and hired 1.200.000 workers."
    articles = [annotate("a", text, nlp, outlet="One"), annotate("b", text, nlp, outlet="Two")]
    assert find_conflicts(articles, _one_event(articles)) == []  # one text twice agrees with itself
    counts = (("c", "2,500"), ("d", "1,200"))
    counted = [annotate(k, text.replace("1.200.000", n), nlp, outlet=k) for k, n in counts]
    (clash,) = find_conflicts([*articles, *counted], _one_event([*articles, *counted]))
    assert [v.value for v in clash.values] == ["1,200", "2,500"]  # a dotted figure is not read as a count


def test_ages_given_in_apposition_conflict_across_outlets() -> None:
    nlp = load_nlp()
    articles = [
        annotate("a", "Police said John Harlow, 49, fled the prison on Monday.", nlp, outlet="One"),
        annotate("b", "Officers said John Harlow, 52, fled the prison on foot.", nlp, outlet="Two"),
    ]
    ages = [c for c in find_conflicts(articles, _one_event(articles)) if c.slot.startswith("age")]
    assert len(ages) == 1 and {v.value for v in ages[0].values} == {"49", "52"}


def test_one_role_of_one_body_given_two_names_is_a_name_conflict() -> None:
    nlp = load_nlp()
    articles = [
        annotate("a", "Kremlin spokesman Dmitry Peskov said the talks would go on.", nlp, outlet="One"),
        annotate("b", "Kremlin spokesman Sergei Ivanov said the talks would go on.", nlp, outlet="Two"),
        annotate("c", "Kremlin spokesman Dmitri Peskov said the talks were useful.", nlp, outlet="Three"),
        annotate("d", "President Vladimir Putin met President Volodymyr Zelensky.", nlp, outlet="Four"),
    ]
    names = [c for c in find_conflicts(articles, _one_event(articles)) if c.kind == "name"]
    assert len(names) == 1
    assert len(names[0].values) == 2 and "kremlin" in names[0].slot


def test_a_weekday_the_calendar_contradicts_is_a_date_conflict() -> None:
    nlp = load_nlp()
    wrong = annotate("a", "The vote is set for Monday, March 15, 2022, officials said.", nlp, outlet="One")
    right = annotate("b", "The vote is set for Tuesday, March 15, 2022, officials said.", nlp, outlet="Two")
    conflicts = find_conflicts([wrong, right], _one_event([wrong, right]))
    calendar = [c for c in conflicts if c.slot == "weekday of 2022-03-15"]
    assert len(calendar) == 1 and calendar[0].values[0].citations[0].article_id == "a"


def test_slots_read_at_annotation_match_a_parse_of_each_sentence(seeds: list[AnnotatedArticle]) -> None:
    import dataclasses

    from storyline.compose.slots import slot_values

    assert all(a.slots is not None for a in seeds)
    stored = slot_values(seeds)
    reparsed = slot_values([dataclasses.replace(a, slots=None) for a in seeds])

    def keys(values: list) -> list:  # type: ignore[type-arg]
        return [(v.slot, v.value, v.shown, v.hedged, v.sentence.start, v.day) for v in values]

    assert stored and keys(stored) == keys(reparsed)


def test_a_count_of_an_earlier_happening_conflicts_with_no_one() -> None:
    nlp = load_nlp()
    june = date(2021, 6, 18)
    articles = [
        annotate("a", "The landslide killed 9 people in the valley on Thursday.", nlp, outlet="One",
                 published=june),
        annotate(
            "b",
            "The landslide killed 9 people on Thursday. In March 2019, floods in the same valley "
            "killed 230 people. They also destroyed 40 bridges.",
            nlp, outlet="Two", published=june,
        ),
        annotate("c", "In 2016 a landslide killed 48 people.\n\nIt buried 11 homes.", nlp, outlet="Three",
                 published=june),
    ]
    assert [c for c in find_conflicts(articles, _one_event(articles)) if c.kind == "number"] == []


def test_a_quake_s_magnitude_given_differently_is_a_conflict_but_its_aftershocks_are_not() -> None:
    nlp = load_nlp()
    articles = [
        annotate("a", "A magnitude-6.2 earthquake shook the coast of Peru.", nlp, outlet="One"),
        annotate("b", "The quake, measuring 5.8 on the Richter scale, damaged 300 homes.", nlp, outlet="Two"),
        annotate("c", "A 6.2 magnitude quake hit Peru. Aftershocks of magnitude 4.5 followed.", nlp,
                 outlet="Three"),
    ]
    (conflict,) = [c for c in find_conflicts(articles, _one_event(articles)) if "magnitude" in c.slot]
    assert {v.value for v in conflict.values} == {"5.8", "6.2"}
    assert {o for v in conflict.values for o in v.outlets} == {"One", "Two", "Three"}


def test_today_in_reports_of_different_days_names_two_days_not_a_conflict() -> None:
    nlp = load_nlp()
    monday, tuesday = date(2022, 3, 28), date(2022, 3, 29)
    articles = [
        annotate("a", "The strike begins today at the port of Velsen.", nlp, outlet="One", published=monday),
        annotate("b", "The strike begins today at the port of Velsen.", nlp, outlet="Two", published=tuesday),
    ]
    assert [c for c in find_conflicts(articles, _one_event(articles)) if c.kind == "date"] == []
    worded = [*articles, annotate("c", "The strike begins Wednesday at the port of Velsen.", nlp,
                                  outlet="Three", published=monday)]
    (conflict,) = [c for c in find_conflicts(worded, _one_event(worded)) if c.kind == "date"]
    assert {v.value[:10] for v in conflict.values} >= {"2022-03-28", "2022-03-30"}


def test_each_side_of_the_seeds_start_day_names_its_holder(seeds: list[AnnotatedArticle]) -> None:
    (conflict,) = [c for c in find_conflicts(seeds, _one_event(seeds)) if c.kind == "date"]
    monday, tuesday = sorted(conflict.values, key=lambda v: v.value)
    assert monday.value.startswith("2022-03-28") and monday.holders == ("Turkey",)
    assert "Kremlin" in tuesday.holders and "Turkey" not in tuesday.holders
    upi = {c.article_id for c in monday.citations}
    assert {seed_key(seeds, i) for i in upi} == {"000"}
    assert conflict.reports_both == tuple(upi)  # UPI quotes Turkey and the Kremlin both
    assert conflict.nature == "conflict"


def test_hedged_counts_are_ranges_that_conflict_only_when_they_cannot_meet() -> None:
    nlp = load_nlp()
    articles = [
        said("a", "About 80,000 homes lost power when the storm hit, the grid operator said.", nlp, "One"),
        said("b", "Officials said about 100,000 homes had lost power at the height of it.", nlp, "Two"),
        said("c", "Roughly 80,000 homes lost power in the storm.", nlp, "Three"),
        said("d", "Roughly 85,000 homes lost power in the storm.", nlp, "Four"),  # meets both: no side
    ]
    (conflict,) = find_conflicts(articles, _one_event(articles))
    assert [v.value.lower() for v in conflict.values] == ["about 80,000", "about 100,000"]
    assert conflict.values[1].holders == ("Officials",) and "Three" in conflict.values[0].holders
    meet = [articles[0], said("d", "At least 70,000 homes lost power in the storm.", nlp, "Four")]
    assert find_conflicts(meet, _one_event(meet)) == []


def test_a_figure_stated_for_a_later_time_is_an_update_not_a_conflict() -> None:
    nlp = load_nlp()
    articles = [
        said("a", "The storm killed 12 people in the region, police said.", nlp, "One"),
        said("b", "The storm has so far killed 19 people in the region.", nlp, "Two"),
    ]
    (update,) = find_conflicts(articles, _one_event(articles))
    assert update.nature == "update" and [v.value for v in update.values] == ["12", "19"]


def test_a_toll_that_rises_in_later_reports_is_an_update_one_that_falls_is_a_conflict() -> None:
    nlp = load_nlp()
    monday, tuesday = date(2021, 6, 14), date(2021, 6, 15)
    articles = [
        said("a", "The landslide killed 9 people in the valley.", nlp, "One", monday),
        said("b", "The landslide killed 14 people in the valley.", nlp, "Two", tuesday),
    ]
    (update,) = find_conflicts(articles, _one_event(articles))
    assert update.nature == "update" and [v.value for v in update.values] == ["9", "14"]
    fell = [articles[0], said("c", "The landslide killed 4 people in the valley.", nlp, "Three", tuesday)]
    (conflict,) = find_conflicts(fell, _one_event(fell))
    assert conflict.nature == "conflict"


def test_a_denied_figure_is_held_by_no_one() -> None:
    nlp = load_nlp()
    articles = [
        said("a", "The blast killed 12 people, police said.", nlp, "One"),
        said("b", "The army denied that the blast killed 40 people.", nlp, "Two"),
    ]
    assert [q.polarity for q in articles[1].quotes] == ["denies"]
    assert find_conflicts(articles, _one_event(articles)) == []
    asserted = tuple(dataclasses.replace(q, polarity="asserts") for q in articles[1].quotes)
    articles[1] = dataclasses.replace(articles[1], quotes=asserted)
    (conflict,) = find_conflicts(articles, _one_event(articles))  # "the army said" would disagree
    assert [h.lower() for h in conflict.values[1].holders] == ["the army"]


def test_markdown_and_html_show_each_side_with_holder_and_span_before_the_summary() -> None:
    """Briefing order (issue 18): where sources disagree and what changed come first, then the summary."""
    from brief_fixture import sample_brief
    from storyline.models import Citation, ConflictValue
    from storyline.render.html import render_html
    from storyline.render.markdown import render_markdown

    a, b = Citation("a1", "Coastal Herald", 0, 40), Citation("b2", "Nordic Wire", 10, 60)
    clash = Conflict("homes without power", "number", (
        ConflictValue("about 80,000", (a,), ("Coastal Herald",), ("Statnett",),
                      ("About 80,000 homes lost power.",)),
        ConflictValue("100,000", (b, a), ("Nordic Wire", "Coastal Herald"), ("Officials",),
                      ("Officials said 100,000 homes lost power.", "Later 100,000 were counted.")),
    ), reports_both=("a1",))
    update = Conflict("people killed", "number", (
        ConflictValue("9", (a,), ("Coastal Herald",), ("Coastal Herald",), ("The storm killed 9 people.",)),
        ConflictValue("14", (b,), ("Nordic Wire",), ("police",), ("The toll rose to 14, police said.",)),
    ), nature="update")
    brief = sample_brief()
    story = dataclasses.replace(brief.stories[0], conflicts=(clash, update))
    brief = dataclasses.replace(brief, stories=(story,))
    markdown = render_markdown(brief)
    summary, disagree, updates, timeline = (markdown.index(h) for h in (
        "## Summary", "## Where sources disagree", "## Figures that changed", "## Timeline"))
    assert disagree < updates < summary < timeline
    assert "**about 80,000**, held by Statnett (Coastal Herald) [1]" in markdown
    assert "“Officials said 100,000 homes lost power.”" in markdown and "[1] reports both" in markdown
    assert "**people killed** (9 → 14)" in markdown
    html = render_html(brief)
    headings = ("Where sources disagree", "Figures that changed", "<h2>Summary", "<h2>Timeline")
    order = [html.index(h) for h in headings]
    assert order == sorted(order)
    assert "held by Officials (Nordic Wire, Coastal Herald)" in html and "<q>The toll rose to 14" in html


def test_ages_home_towns_and_records_beside_a_name_conflict_across_outlets() -> None:
    nlp = load_nlp()
    texts = {
        "a": "Police stopped Anthony LaSalle, 36, of Bloomington, on Lyndale Avenue.",
        "b": "Officers said Anthony LaSalle, 38, of Minneapolis, refused to leave the car.",
        "c": "The judge said 61-year-old Sharron Smith was dying. The champion, Tom Baker (43-1), won.",
        "d": "Sixty-year-old Sharron Smith was released. The champion, Tom Baker (45-1, 33 KOs), won.",
    }
    articles = [annotate(k, text, nlp, outlet=k.upper()) for k, text in texts.items()]
    found = {c.slot: {v.value for v in c.values} for c in find_conflicts(articles, _one_event(articles))}
    assert found["home town of Anthony LaSalle"] == {"Bloomington", "Minneapolis"}
    assert found["age of Anthony LaSalle"] == {"36", "38"}
    assert found["age of Sharron Smith"] == {"Sixty", "61"}
    assert found["record of Tom Baker"] == {"43-1", "45-1"}


def test_a_value_swapped_in_a_sentence_another_outlet_also_writes_is_a_conflict() -> None:
    nlp = load_nlp()
    text = "The negotiators met the mediator in {place} on Tuesday to discuss the prisoner exchange plan."
    same = [annotate(k, text.format(place="Geneva"), nlp, outlet=k) for k in ("a", "b")]
    assert find_conflicts(same, _one_event(same)) == []
    swapped = [*same, annotate("c", text.format(place="Vienna"), nlp, outlet="c")]
    (conflict,) = find_conflicts(swapped, _one_event(swapped))
    assert {v.value for v in conflict.values} == {"Geneva", "Vienna"}
    assert [len(v.citations) for v in sorted(conflict.values, key=lambda v: v.value)] == [2, 1]


def test_sentences_that_differ_in_two_values_describe_two_things_not_a_conflict() -> None:
    nlp = load_nlp()
    articles = [
        annotate("a", "He hit 13 homers and drove in 43 runs in 54 games with the club last season.", nlp,
                 outlet="One"),
        annotate("b", "He hit 33 homers and drove in 121 runs in 157 games with the club last season.", nlp,
                 outlet="Two"),
    ]
    from storyline.compose.aligned import aligned_values

    assert aligned_values(articles) == []  # (the parse's slots still pair "54 games" and "157 games")
    one = [articles[0], annotate("c", articles[0].article.text.replace("43", "48"), nlp, outlet="Three")]
    assert {v.value for v in aligned_values(one)} == {"43", "48"}


def test_one_articles_two_days_for_one_kind_of_happening_are_two_happenings() -> None:
    # Politico: "Cruz campaigned in Rubio's Miami backyard on Wednesday" / "Cruz will campaign again in
    # Orlando on Friday" was a conflict "[2] reports both"; another outlet's other day still is one
    nlp = load_nlp()
    thursday = date(2016, 3, 10)
    text = "Cruz campaigned in Miami on Wednesday. Cruz will campaign again in Orlando on Friday."
    articles = [annotate("a", text, nlp, outlet="One", published=thursday)]
    assert [c for c in find_conflicts(articles, _one_event(articles)) if c.kind == "date"] == []


def test_a_quoted_sentence_that_names_its_speaker_still_states_values() -> None:
    # ECB+ 19ecb: '"... You think it's going to calm down and then it starts again,'' said Anna Pavlidou,
    # manager of a central Athens mobile phone store' opens inside a quotation; keeping it out of
    # summaries (compose.claims.only_claimed) kept it out of the aligned sentences too, and a place or
    # name given differently there was no conflict
    nlp = load_nlp()
    text = (
        "Rioters set fire to shops again on Saturday. \u201cIt has been a hard week. You think it is going "
        "to calm down and then it starts again,\u201d said Anna Pavlidou, manager of a mobile phone store "
        "in central {place} that has been attacked twice."
    )
    articles = [said(k, text.format(place=p), nlp, k) for k, p in (("One", "Athens"), ("Two", "Patras"))]
    from storyline.compose.aligned import aligned_values
    from storyline.compose.claims import only_claimed

    assert [only_claimed(articles[0], s) for s in articles[0].sentences][-1] == "quoted"
    assert {v.value for v in aligned_values(articles) if v.slot[0] == "place"} == {"athens", "patras"}
    places = [c for c in find_conflicts(articles, _one_event(articles)) if c.kind == "place"]
    assert [sorted(v.value for v in c.values) for c in places] == [["Athens", "Patras"]]
