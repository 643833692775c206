"""A store grows run by run: the same story keeps its id, re-running adds nothing, updates are listed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import storyline
from storyline.store import SQLiteStore


@pytest.fixture(scope="module")
def first_and_second(
    seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[storyline.Brief, storyline.Brief, storyline.Brief, Path]:
    folder = tmp_path_factory.mktemp("incremental")
    db = folder / "store.db"
    early = folder / "early"
    early.mkdir()
    for seed in sorted(seeds_dir.iterdir()):
        if not seed.name.startswith("003"):
            shutil.copy(seed, early / seed.name)
    first = storyline.brief([early], db=str(db))
    second = storyline.brief(
        [seeds_dir / next(p.name for p in seeds_dir.iterdir() if p.name.startswith("003"))],
        db=str(db),
        since="2022-03-29",
    )
    again = storyline.brief([early], db=str(db))
    return first, second, again, db


def test_adding_an_article_grows_the_same_story(first_and_second: tuple[storyline.Brief, ...]) -> None:
    first, second, _, _ = first_and_second
    assert len(first.stories) == 1 and len(second.stories) == 1
    assert second.stories[0].story_id == first.stories[0].story_id
    assert len(first.stories[0].sources) == 4 and len(second.stories[0].sources) == 5


def test_whats_new_lists_the_new_facts_only(first_and_second: tuple[storyline.Brief, ...]) -> None:
    _, second, _, _ = first_and_second
    new = second.stories[0].new_facts
    assert second.since == "2022-03-29"
    assert any("Dolmabahce" in fact.text for fact in new)
    first_ids = {
        s.article_id
        for s in second.stories[0].sources
        if s.published.value and str(s.published.value) < "2022-03-29"
    }
    assert all(not first_ids & {c.article_id for c in fact.citations} for fact in new)


def test_running_again_adds_nothing_and_history_is_kept(
    first_and_second: tuple[storyline.Brief, ...],
) -> None:
    _, second, again, db = first_and_second
    assert again.stories[0].story_id == second.stories[0].story_id
    store = SQLiteStore(db)
    try:
        assert len(store.article_ids()) == 5
        assert store.history(), "cluster changes are recorded"
    finally:
        store.close()


def test_stories_command_lists_each_story_with_its_events(
    first_and_second: tuple[storyline.Brief, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    from storyline.cli import main

    _, _, again, db = first_and_second
    story = again.stories[0]
    [row] = storyline.stories(db=str(db))
    assert row.id == story.story_id and row.event_count == len(story.events) == len(row.events)
    assert {(e.id, e.date, e.article_count) for e in row.events} == {
        (e.id, e.date, len(e.article_ids)) for e in story.events
    }
    assert main(["stories", "--db", str(db)]) == 0
    table = capsys.readouterr().out
    for event in story.events:
        assert event.id in table and (event.date or "undated") in table
