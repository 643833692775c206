"""Actor timelines: `storyline.timeline(..., actor=NAME)` and `storyline timeline --actor NAME`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import storyline
from storyline.cli import main
from storyline.compose.actor_timeline import Named, carried_on
from storyline.models import ActorHappening, AnnotatedArticle, Article, Mention, PublishedDate, Sentence
from storyline.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("timeline") / "stories.db")
    storyline.ingest([EXAMPLES], db=path, progress=False)
    return path


def _lines(db: str, actor: str) -> list[ActorHappening]:
    return storyline.timeline(actor=actor, db=db, progress=False)


def test_lines_are_ordered_by_date_and_cite_their_words(store_path: str) -> None:
    lines = _lines(store_path, "Jonas Gahr Støre")
    assert len(lines) >= 3
    assert [x.entry.date for x in lines] == sorted(x.entry.date for x in lines)
    store = open_store(store_path)
    try:
        texts = {a.id: a.text for a in store.articles()}
    finally:
        store.close()
    for line in lines:
        (cite,) = line.entry.citations
        assert texts[cite.article_id][cite.start : cite.end] == line.entry.text
        assert line.story_id is not None and line.actor == "Jonas Gahr Støre"


def test_a_spelling_or_a_surname_names_the_actor(store_path: str) -> None:
    full = [x.entry.text for x in _lines(store_path, "Jonas Gahr Støre")]
    assert [x.entry.text for x in _lines(store_path, "jonas gahr støre")] == full
    assert [x.entry.text for x in _lines(store_path, "Støre")] == full


def test_plans_keep_their_status_and_a_reported_happening_replaces_its_plan(store_path: str) -> None:
    statnett = {(x.entry.date, x.entry.status) for x in _lines(store_path, "Statnett")}
    assert ("2024-10-13", "happened") in statnett and ("2024-10-16", "expected") in statnett
    vy = [(x.entry.date, x.entry.status, x.entry.text) for x in _lines(store_path, "Vy")]
    assert [(d, s) for d, s, _ in vy] == [("2024-10-16", "happened")]
    assert "reopened on Wednesday" in vy[0][2]


def test_an_unknown_actor_is_an_input_error_naming_known_ones(store_path: str) -> None:
    with pytest.raises(storyline.InputError, match=r"known actors: .*Statnett"):
        _lines(store_path, "Nobody Here")


def test_the_command_prints_one_line_per_happening(
    store_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["timeline", "--db", store_path, "--actor", "Statnett", "--quiet"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2024-10-13  happened ")
    assert any(line.startswith("2024-10-16  expected ") for line in out)
    assert main(["timeline", "--db", store_path, "--actor", "Nobody Here", "--quiet"]) == 1
    assert "known actors" in capsys.readouterr().err


def test_words_no_actor_carries_are_looked_for_in_the_sentences(store_path: str) -> None:
    lines = _lines(store_path, "rail line")
    assert lines and all("rail line" in x.entry.text.lower() for x in lines)
    assert {x.actor for x in lines} == {"rail line"}


def test_reported_places_undated_lines_on_their_lead_or_report_day(store_path: str) -> None:
    dated = _lines(store_path, "Jonas Gahr Støre")
    every = storyline.timeline(actor="Jonas Gahr Støre", db=store_path, reported=True, progress=False)
    added = [x for x in every if x not in dated]
    assert added and len(every) == len(dated) + len(added)
    store = open_store(store_path)
    try:
        published = {a.id: a.published.value for a in store.articles()}
    finally:
        store.close()
    for x in added:
        assert "no date of its own: placed on its" in x.entry.evidence
        day = published[x.entry.citations[0].article_id]
        assert day is not None and 0 <= (day - date.fromisoformat(x.entry.date)).days <= 7


def test_a_pronoun_opening_the_next_sentence_carries_the_actor_on() -> None:
    first = Sentence("a", 0, 30, "Boeing said it would cut jobs.")
    second = Sentence("a", 31, 60, "It also plans to sell a plant.")
    third = Sentence("a", 61, 90, "Airbus kept its forecast.")
    fourth = Sentence("a", 91, 120, "It did not comment.")
    found = carried_on([first, second, third, fourth], [(0, 6)])
    assert found == [(0, 6), (31, 33)]


def test_a_longer_name_holding_the_actors_is_another_entity() -> None:
    text = "Apple sold the iPod nano. The iPod sold well."
    article = Article("a", "a.txt", text, PublishedDate.unknown())
    nano = Mention("a", 15, 24, "iPod nano", "ORG", "organisation", "x")
    annotated = AnnotatedArticle(article, mentions=(nano,))
    assert Named("iPod", ()).spans(annotated) == [(30, 34)]


def test_the_command_adds_undated_lines_when_asked(
    store_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["timeline", "--db", store_path, "--actor", "Jonas Gahr Støre", "--quiet"]) == 0
    dated = capsys.readouterr().out.splitlines()
    assert main(["timeline", "--db", store_path, "--actor", "Jonas Gahr Støre", "--undated", "--quiet"]) == 0
    every = capsys.readouterr().out.splitlines()
    assert set(dated) < set(every)
