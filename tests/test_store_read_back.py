"""A store hands back the brief it wrote while its maker holds it, and decodes the record otherwise."""

from __future__ import annotations

import gc
from dataclasses import replace

from brief_fixture import sample_brief
from storyline.store.sqlite import SQLiteStore


def test_a_brief_just_written_is_read_back_as_the_same_object(tmp_path) -> None:
    story = sample_brief().stories[0]
    store = SQLiteStore(tmp_path / "s.db")
    try:
        store.put_stories([story])
        assert store.story(story.story_id) is story
    finally:
        store.close()


def test_a_record_written_elsewhere_or_let_go_is_decoded(tmp_path) -> None:
    story = sample_brief().stories[0]
    path = tmp_path / "s.db"
    mine, other = SQLiteStore(path), SQLiteStore(path)
    try:
        mine.put_stories([story])
        changed = replace(story, headline="Another headline")
        other.put_stories([changed])  # another writer: this store's kept brief is not what is stored
        found = mine.story(story.story_id)
        assert found is not changed and found == changed
        del story
        other.put_stories([sample_brief().stories[0]])
        gc.collect()
        again = other.story("s1")
        assert again == sample_brief().stories[0]
        assert other.story("missing") is None
    finally:
        mine.close()
        other.close()


def test_a_stored_record_decodes_to_a_brief_equal_to_the_one_written(tmp_path) -> None:
    story = sample_brief().stories[0]
    store = SQLiteStore(tmp_path / "s.db")
    try:
        store.put_stories([story])
        store._written().clear()  # as another process reads it
        assert store.story(story.story_id) == story
    finally:
        store.close()
