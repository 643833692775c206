"""A sentence's event date comes from its main clause: asides read from the parse give way."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.annotate.nlp import load_nlp
from storyline.annotate.timex import find_times, sentence_event_dates
from storyline.annotate.timex.events import mark_asides
from storyline.models import Sentence

ANCHOR = date(2022, 3, 13)  # a Sunday


def _event_date(text: str, anchor: date | None = ANCHOR) -> str | None:
    doc = load_nlp()(text)
    [sentence] = mark_asides(doc, [Sentence("a", 0, len(text), text)])
    times = find_times(text, anchor, article_id="a", doc=doc)
    return sentence_event_dates([sentence], times)[0].event_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative clause's date is background: the main clause's (here the telling's) wins
        ("The minister, who took office on Feb. 2, said on Friday that the plan had failed.", "2022-03-11"),
        # the start of a stretch never dates the happening
        ("Prices have risen sharply since March 1, the agency said.", None),
        # what was told is dated before the telling, as before
        ("Peskov said on Sunday that the talks will start on Tuesday.", "2022-03-15"),
        ("The talks began on Monday in Istanbul.", "2022-03-07"),
        # the dateline's day is when the story was filed, not what the sentence reports
        ("ISTANBUL, March 13 (UPI) — Fans took to social media to complain about the talks on Tuesday.",
         "2022-03-08"),
        ("ISTANBUL, March 13 (UPI) — Fans took to social media to complain about the talks.", None),
    ],
)
def test_event_date_of_the_main_clause(text: str, expected: str | None) -> None:
    assert _event_date(text) == expected


def test_asides_survive_a_later_dating_without_a_parse() -> None:
    text = "The minister, who took office on Feb. 2, said on Friday that the plan had failed."
    doc = load_nlp()(text)
    [sentence] = mark_asides(doc, [Sentence("a", 0, len(text), text)])
    assert sentence.asides and all(kind in ("sub", "since") for kind, _, _ in sentence.asides)
    undated = sentence_event_dates([sentence], find_times(text, None, article_id="a", doc=doc))
    later = sentence_event_dates(undated, find_times(text, ANCHOR, article_id="a"))
    assert later[0].event_date == "2022-03-11"


def test_the_timeline_places_a_sentence_on_its_own_day_and_its_asides_days() -> None:
    from storyline.compose.timeline import build_timeline
    from storyline.models import AnnotatedArticle, Article, PublishedDate

    text = "The minister, who took office on Feb. 2, said on Friday that the plan had failed."
    doc = load_nlp()(text)
    sentences = mark_asides(doc, [Sentence("a", 0, len(text), text)])
    times = find_times(text, ANCHOR, article_id="a", doc=doc)
    article = Article("a", "a.txt", text, PublishedDate(ANCHOR, "metadata", "test", 1.0))
    annotated = AnnotatedArticle(article, tuple(sentence_event_dates(sentences, times)), times=tuple(times))
    assert annotated.sentences[0].event_date == "2022-03-11"
    assert [e.date for e in build_timeline([annotated])] == ["2022-02-02", "2022-03-11"]
