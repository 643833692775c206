"""Actor timelines: `storyline.timeline(..., actor=NAME)` and `storyline timeline --actor NAME`."""

from __future__ import annotations

from pathlib import Path

import pytest

import storyline
from storyline.cli import main
from storyline.models import ActorHappening
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
