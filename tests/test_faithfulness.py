"""Faithfulness: a line is a verbatim cited span, or its names, numbers and dates are in its spans."""

from __future__ import annotations

import logging

import pytest

from compose_fixtures import annotate
from storyline.annotate.nlp import load_nlp
from storyline.compose.faithfulness import audited, check_faithful
from storyline.config import load_settings
from storyline.errors import UnfaithfulLine
from storyline.models import AnnotatedArticle, Citation, SummarySentence, TimelineEntry

TEXT = "Negotiators met in Geneva on Tuesday, March 29. At least 20 people were hurt in the city."


def _article() -> AnnotatedArticle:
    return annotate("x", TEXT, load_nlp(), outlet="Wire")


def _cite(start: int, end: int) -> tuple[Citation, ...]:
    return (Citation("x", "Wire", start, end),)


def test_a_verbatim_span_is_faithful() -> None:
    end = TEXT.index(".") + 1
    assert check_faithful(TEXT[:end], _cite(0, end), [_article()]) == []


def test_a_paraphrase_keeping_every_name_number_and_date_is_faithful() -> None:
    line = "On Tuesday, March 29, 20 people were hurt after negotiators met in Geneva."
    assert check_faithful(line, _cite(0, len(TEXT)), [_article()]) == []


def test_a_new_name_number_or_date_is_reported() -> None:
    line = "Negotiators met in Vienna on Friday, 25 hurt."
    problems = check_faithful(line, _cite(0, len(TEXT)), [_article()])
    assert any("vienna" in p for p in problems)
    assert any("25" in p for p in problems)
    assert any("friday" in p for p in problems)


def test_bad_citations_are_problems() -> None:
    assert check_faithful("anything", (), [_article()]) == ["the line cites nothing"]
    assert check_faithful("x", (Citation("nope", None, 0, 1),), [_article()])
    assert check_faithful("x", _cite(5, 5000), [_article()])


def test_articles_may_be_clean_or_annotated_in_a_list_or_by_id() -> None:
    annotated = _article()
    end = TEXT.index(".") + 1
    for given in ([annotated], [annotated.article], {"x": annotated.article}, {"x": annotated}):
        assert check_faithful(TEXT[:end], _cite(0, end), given) == []


def _lines() -> list[SummarySentence]:
    end = TEXT.index(".") + 1
    good = SummarySentence(TEXT[:end], _cite(0, end), ("Wire",), 1)
    bad = SummarySentence("Negotiators met in Vienna.", _cite(0, end), ("Wire",), 1)
    return [good, bad]


def test_the_suite_audits_every_brief_it_composes() -> None:
    assert load_settings().audit == "raise"  # the tests' settings file (conftest), subprocesses too


def test_an_unfaithful_line_stops_the_run_under_the_audit() -> None:
    with pytest.raises(UnfaithfulLine, match="vienna"):
        audited(_lines(), [_article()], where="summary", audit="raise")


def test_without_the_audit_an_unfaithful_line_is_left_out_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        kept = audited(_lines(), [_article()], where="summary")
    assert [line.text for line in kept] == [_lines()[0].text]
    assert "Vienna" in caplog.text and "left out" in caplog.text


def test_timeline_entries_are_audited_too() -> None:
    entry = TimelineEntry("2022-03-29", "Talks in Geneva drew 300 people.", _cite(0, len(TEXT)), ("Wire",))
    with pytest.raises(UnfaithfulLine, match="300"):
        audited([entry], [_article()], where="timeline", audit="raise")
