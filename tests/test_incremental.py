"""A store grows run by run: the same story keeps its id, re-running adds nothing, updates are listed."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline.annotate.story_dating import days_worth_trusting
from storyline.cluster.features import article_features
from storyline.cluster.table import FeatureTable
from storyline.config import load_settings
from storyline.engine.stages import Annotated, annotate_chunk
from storyline.models import AnnotatedArticle, Article, StoryBrief
from storyline.pipeline.run import CLUSTER_STATE, StoriesUpdate, read_and_extract, update_stories
from storyline.pipeline.update import DUPLICATES, MADE_BY, made_by_other_code
from storyline.progress import Silent
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


# --- pay only for the new (issue 19): an update in batches gives what a full recompute gives -----------

EVAL_ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecbplus"


def _generated_batches(folder: Path, seeds_dir: Path) -> list[list[AnnotatedArticle]]:
    """Invented articles of a few stories (with syndicated copies; every fifth one undated, so dating
    from the story has work), and the seeds, annotated once and cut into batches that grow stories
    made before; the last batch is one article, which leaves most stories untouched."""
    from cluster_scoring import read_event_folders
    from generate_corpus import generate

    lines = []
    for n, doc in enumerate(generate(read_event_folders(EVAL_ECBPLUS), 40, 5)):
        record = json.loads(doc.to_json())
        if n % 5 == 4:
            record.pop("published")
        lines.append(json.dumps(record))
    (folder / "generated.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = load_settings()
    articles, _ = read_and_extract([str(folder / "generated.jsonl"), str(seeds_dir)], settings, Silent())
    annotated = [a for a in annotate_chunk(articles, settings.spacy_model) if isinstance(a, AnnotatedArticle)]
    return [annotated[0:-1:3], annotated[1:-1:3], annotated[2:-1:3], annotated[-1:]]


def _snapshot(store: SQLiteStore) -> dict[str, object]:
    """Everything an update writes, but the time it wrote it (the features as what they say: a full
    recompute numbers the terms afresh)."""
    table = FeatureTable.from_stored(*store.cluster_features())
    return {
        "stories": store._rows("SELECT id, headline, first_date, last_date, record FROM stories ORDER BY id"),
        "search": sorted(store._rows("SELECT kind, ref, story_id, title, body FROM search")),
        "annotations": store._rows("SELECT article_id, record FROM annotations ORDER BY article_id"),
        "articles": store._rows("SELECT id, published, record FROM articles ORDER BY id"),
        "clusterer": store.get_state(CLUSTER_STATE),
        "features": [table.features(a) for a in sorted(table)],
        "signatures": store._rows("SELECT * FROM signatures ORDER BY article_id"),
        "bands": store._rows("SELECT band, article_id FROM signature_bands ORDER BY band, article_id"),
        "history": store.history(),
        "pending": store.pending(),
    }


Updates = tuple[list[dict[str, object]], list[dict[str, object]], list[StoriesUpdate], SQLiteStore]


@pytest.fixture(scope="module")
def batched_updates(
    seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Updates:
    folder = tmp_path_factory.mktemp("pay-for-the-new")
    batches = _generated_batches(folder, seeds_dir)
    settings = load_settings()
    incremental, full = SQLiteStore(folder / "incremental.db"), SQLiteStore(folder / "full.db")
    seen: list[dict[str, object]] = []
    expected: list[dict[str, object]] = []
    updates = []
    for batch in batches:
        for store, snapshots, whole in ((incremental, seen, False), (full, expected, True)):
            store.put_annotated(batch)
            done = update_stories(store, settings, Silent(), full=whole)
            snapshots.append(_snapshot(store))
            if not whole:
                updates.append(done)
    full.close()
    return seen, expected, updates, incremental


def test_updates_in_batches_store_what_a_full_recompute_stores(
    batched_updates: Updates,
) -> None:
    seen, expected, updates, _ = batched_updates
    assert len({len(u.stories) for u in updates}) > 1 and len(updates[-1].stories) > 3
    assert any(len(u.stories) for u in updates)
    for k, (got, want) in enumerate(zip(seen, expected, strict=True)):
        for key in want:
            assert got[key] == want[key], f"batch {k + 1}: {key} differs from a full recompute"


def test_an_update_composes_only_the_stories_its_articles_touch(
    batched_updates: Updates,
) -> None:
    seen, _, updates, store = batched_updates
    rows, last = seen[-2]["stories"], updates[-1]
    assert isinstance(rows, list)
    before = {row[0] for row in rows}
    new = store.annotated_ids() - _article_ids(updates[-2])
    [home] = [s.id for s in last.stories if new & set(s.article_ids)]
    composed = {b.story_id for b in last.composed}
    assert home in composed and len(composed) < len(last.stories) and before - composed
    assert not store.pending()


def _article_ids(update: StoriesUpdate) -> set[str]:
    return {a for s in update.stories for a in s.article_ids}


def test_signatures_kept_before_their_band_keys_get_them(batched_updates: Updates) -> None:
    """A store whose signatures were kept before their LSH band keys were (an older release) gets the keys
    at its next update, and groups the copies a full recompute groups."""
    _, _, _, store = batched_updates
    keys = "SELECT band, article_id FROM signature_bands ORDER BY band, article_id"
    before, groups = store._rows(keys), store.get_state(DUPLICATES)
    with store._tx() as db:
        some = "SELECT article_id FROM signatures LIMIT 9"
        db.execute(f"DELETE FROM signature_bands WHERE article_id IN ({some})")
    assert len(store.unbanded()) == 9
    update_stories(store, load_settings(), Silent())
    assert store._rows(keys) == before and store.get_state(DUPLICATES) == groups and not store.unbanded()


def test_a_changed_setting_composes_every_story_again(
    batched_updates: Updates,
) -> None:
    _, _, updates, store = batched_updates
    done = update_stories(store, load_settings(summary_sentences=3), Silent())
    assert {b.story_id for b in done.composed} == {s.id for s in updates[-1].stories}
    again = update_stories(store, load_settings(summary_sentences=3), Silent())
    assert again.composed == []
    update_stories(store, load_settings(), Silent())  # as the other tests expect it


def test_batches_give_the_stories_of_one_run_over_the_same_articles(
    batched_updates: Updates,
    tmp_path: Path,
) -> None:
    """From scratch, the same articles make the same stories (ids aside: they keep their history)."""
    _, _, updates, store = batched_updates
    scratch = SQLiteStore(tmp_path / "scratch.db")
    try:
        scratch.put_annotated(list(store.annotations().values()))
        once = update_stories(scratch, load_settings(), Silent())
        assert {frozenset(s.article_ids) for s in once.stories} == {
            frozenset(s.article_ids) for s in updates[-1].stories
        }
        for story in updates[-1].stories:
            [twin] = [s for s in once.stories if s.article_ids == story.article_ids]
            mine, theirs = store.story(story.id), scratch.story(twin.id)
            assert mine is not None and theirs is not None
            assert _without_ids(mine) == _without_ids(theirs)
    finally:
        scratch.close()


def _without_ids(brief: StoryBrief) -> StoryBrief:
    events = tuple(dataclasses.replace(e, id="") for e in brief.events)
    return dataclasses.replace(brief, story_id="", events=events)


def test_an_update_after_a_code_change_is_a_full_one(batched_updates: Updates) -> None:
    """Stories kept from before were made by other code (a release, an edit): the next update re-makes
    them all, as a full recompute does, and the one after pays only for the new again."""
    _, _, updates, store = batched_updates
    assert not made_by_other_code(store)
    every = {s.id for s in updates[-1].stories}
    quiet = update_stories(store, load_settings(), Silent())  # (a story whose dating moved is dated again)
    assert len(quiet.composed) < len(every)
    store.put_state(MADE_BY, "the fingerprint of an older release")
    assert made_by_other_code(store)
    again = update_stories(store, load_settings(), Silent())
    assert {b.story_id for b in again.composed} == every
    assert not made_by_other_code(store)
    assert len(update_stories(store, load_settings(), Silent()).composed) < len(every)


def test_an_update_never_overwrites_one_written_meanwhile(
    batched_updates: Updates, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes updating one store (a CLI ingest beside the web app): an update whose start another
    one's write follows writes nothing and starts again from that one's state."""
    _, _, _, store = batched_updates
    before = store.updates_written()
    stale = {"seen": before + 7, "states": {"probe": 1}, "history": [{"probe": 1}], "removed": [], "done": []}
    assert store.finish_update(stories=[], **stale) is False  # type: ignore[arg-type]
    assert store.get_state("probe") is None and store.updates_written() == before
    reads = iter([before + 7])  # the first attempt read the count before another update was written
    real = store.updates_written
    attempts = []

    def counted() -> int:
        attempts.append(1)
        return next(reads, None) or real()

    monkeypatch.setattr(store, "updates_written", counted)
    done = update_stories(store, load_settings(), Silent())
    assert len(attempts) == 2 and real() == before + 1 and done.stories


def test_features_computed_where_an_article_is_annotated_are_those_of_its_stored_annotation(
    seeds_made: tuple[Any, list[Article], list[Annotated]], tmp_path: Path
) -> None:
    """The update joins the features the workers computed beside each annotation (``annotate_and_featurise``)
    instead of featurising the stored annotations: they must be the same."""
    _, articles, done = seeds_made
    store = SQLiteStore(tmp_path / "store.db")
    try:
        store.put_annotated([item.result for item in done if isinstance(item.result, AnnotatedArticle)])
        stored = store.annotations([a.id for a in articles])
    finally:
        store.close()
    assert done
    for item in done:
        assert item.features is not None
        assert item.features == article_features(days_worth_trusting(stored[item.features.article_id]))
