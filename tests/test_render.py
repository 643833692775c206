import dataclasses
import json
import re

import pytest

import storyline
from brief_fixture import HOSTILE, sample_brief
from storyline.models import Brief, Fact, TimelineEntry
from storyline.render import render, render_html, render_json, render_markdown
from storyline.serialize import from_jsonable


def test_json_is_versioned_and_round_trips() -> None:
    brief = sample_brief()
    data = json.loads(render_json(brief))
    assert data["schema_version"] == storyline.SCHEMA_VERSION
    assert data["stories"][0]["summary"][0]["origins"] == 2
    assert from_jsonable(Brief, data) == brief


def test_markdown_cites_every_line_and_lists_rejections() -> None:
    text = render_markdown(sample_brief())
    assert "- Storm Elin cut power to 80,000 homes. [1][2] *(2 outlets, 2 origins)*" in text
    assert "- **2024-10-15** Ministers met. [1][2]" in text
    assert "copy of [1]" in text
    assert "inferred, dateline" in text and "stated, explicit" in text
    assert "`bad.bin` (sources): **binary** NUL bytes" in text


def test_markdown_and_html_show_the_coverage_of_each_fact() -> None:
    brief = sample_brief()
    text = render_markdown(brief)
    assert "## Coverage" in text
    assert "| fact | Nordic Wire | Coastal Herald |" in text
    assert "| Storm Elin cut power to 80,000 homes. | ✓ | ✓ |" in text
    assert "2 facts; 1 reported by one outlet only (Nordic Wire 1)." in text
    page = render_html(brief)
    assert "<h2>Coverage</h2>" in page and "<th>Nordic Wire</th><th>Coastal Herald</th>" in page
    assert "2 facts; 1 reported by one outlet only (Nordic Wire 1)." in page
    assert "<script>alert(1)" not in page


def test_the_json_brief_carries_the_coverage_matrix() -> None:
    story = json.loads(render_json(sample_brief()))["stories"][0]
    assert story["coverage"] == {
        "outlets": ["Nordic Wire", "Coastal Herald"],
        "fact_ids": ["f1", "f2"],
        "cells": [[1, 1], [1, 0]],
        "single_outlet": ["f2"],
    }


def test_html_escapes_article_text_and_requests_nothing() -> None:
    page = render_html(sample_brief())
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"<img\b", page)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "default-src 'none'" in page  # the CSP forbids any fetch even if something slipped through
    assert page.count("<circle") == 2  # one point per timeline entry


def test_html_citations_link_to_sources() -> None:
    page = render_html(sample_brief())
    assert 'href="#s-s1-2"' in page and 'id="s-s1-2"' in page


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="choose one of markdown, json, html"):
        render(sample_brief(), "pdf")


def test_hostile_text_survives_json_verbatim() -> None:
    assert HOSTILE in json.loads(render_json(sample_brief()))["stories"][0]["headline"]


def test_a_date_storyline_inferred_says_so_wherever_it_is_shown() -> None:
    brief = sample_brief()
    story = brief.stories[0]
    group = story.quotes[0]
    moved = dataclasses.replace(group.quotes[0], article_id="b2", outlet="Nordic Wire")  # b2: dateline-dated
    story = dataclasses.replace(story, quotes=(dataclasses.replace(group, quotes=(moved,)),))
    assert story.inferred_article_ids() == {"b2"}
    inferred = dataclasses.replace(brief, stories=(story,))
    assert "— Nordic Wire, 2024-10-14 (inferred) [2]" in render_markdown(inferred)
    assert "Nordic Wire, 2024-10-14 (inferred)</span>" in render_html(inferred)
    assert "— Coastal Herald, 2024-10-14 [1]" in render_markdown(brief)  # a stated date is shown plain


def _with_repeated_quote_and_no_outlets() -> Brief:
    brief = sample_brief()
    story = brief.stories[0]
    (group,) = story.quotes
    quote = group.quotes[0]
    echoed = dataclasses.replace(quote, text="Nobody  was hurt.", article_id="b2", outlet="Nordic Wire")
    other = dataclasses.replace(quote, text="The pier is gone", content=dataclasses.replace(quote.content))
    quotes = (dataclasses.replace(group, quotes=(quote, echoed, other)),)
    unknown = dataclasses.replace(story.summary[0], outlets=())
    story = dataclasses.replace(story, quotes=quotes, summary=(unknown, *story.summary[1:]))
    return dataclasses.replace(brief, stories=(story,))


def test_words_several_articles_carry_are_shown_once_with_every_citation() -> None:
    brief = _with_repeated_quote_and_no_outlets()
    text = render_markdown(brief)
    assert "- “Nobody was hurt” — Coastal Herald, Nordic Wire, 2024-10-14 [1][2]" in text
    assert text.count("Nobody") == 1 and "- “The pier is gone” — Coastal Herald, 2024-10-14 [1]" in text
    page = render_html(brief)
    assert page.count("Nobody was hurt") == 1 and "Coastal Herald, Nordic Wire, 2024-10-14" in page


def test_a_line_from_articles_without_an_outlet_does_not_claim_zero_outlets() -> None:
    brief = _with_repeated_quote_and_no_outlets()
    text = render_markdown(brief)
    assert "*(outlet unknown, 2 origins)*" in text and "0 outlets" not in text
    assert "outlet unknown, 2 origins" in render_html(brief)


def test_whats_new_in_the_terminal_shows_the_best_supported_facts_first_and_counts_the_rest() -> None:
    brief = sample_brief()
    story = brief.stories[0]
    cite = story.facts[0].citations[0]
    many = tuple(Fact(f"n{i}", f"New fact number {i}.", (cite,), ("Coastal Herald",), 1) for i in range(14))
    best = Fact("top", "The widely reported new fact.", story.facts[0].citations, story.facts[0].outlets, 2)
    story = dataclasses.replace(story, new_facts=(*many, best))
    text = render_markdown(dataclasses.replace(brief, stories=(story,), since="2024-10-14"))
    section = text.split("## What's new since 2024-10-14")[1].split("##")[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert lines[0].startswith("- The widely reported new fact.")
    assert len(lines) == 13 and lines[-1].startswith("- … and 3 more new facts")


def test_a_plan_whose_day_had_passed_when_last_reported_is_dated_not_ahead() -> None:
    # NYT, 2016-05-19 (unseen): "the regulation that was to be issued ... on Wednesday" (the 18th)
    # stood under "Ahead" in a brief whose latest report was the 19th
    brief = sample_brief()  # its sources were published on 2024-10-14
    story = brief.stories[0]
    cite, outlet = story.timeline[0].citations, ("Coastal Herald",)
    passed = TimelineEntry("2024-10-13", "The ferry was to sail on Sunday.", cite, outlet, "scheduled")
    coming = TimelineEntry("2024-10-20", "The ferry will sail next Sunday.", cite, outlet, "scheduled")
    month = TimelineEntry("2024-10", "Repairs are expected this month.", cite, outlet, "expected")
    story = dataclasses.replace(story, timeline=(*story.timeline, passed, coming, month))
    text = render_markdown(dataclasses.replace(brief, stories=(story,)))
    dated, ahead = text.split("### Ahead: plans and forecasts")
    assert "**2024-10-13** *(scheduled)* The ferry was to sail on Sunday." in dated
    assert "The ferry will sail next Sunday." in ahead and "Repairs are expected this month." in ahead
    assert "was to sail" not in ahead
