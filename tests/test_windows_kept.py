"""An ingest read in several windows makes the briefs one window makes (the first window's annotations
handed to the update, none of a longer ingest's), and every window's articles are stored."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

import storyline.pipeline.run as run
from generated_articles import write_articles
from storyline.config import load_settings
from storyline.pipeline import brief_from_store, ingest
from storyline.render.json import render_json
from storyline.store import open_store


def _brief(folder: Path, db: Path) -> str:
    store = open_store(str(db))
    try:
        result = ingest([str(folder)], load_settings(), store)
        return render_json(brief_from_store(store, result.article_ids, result.rejections, []))
    finally:
        store.close()


def test_windows_of_two_make_the_brief_one_makes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 5)
    whole = _brief(folder, tmp_path / "one.db")
    monkeypatch.setattr(run, "windows", partial(run.windows, size=2))
    assert _brief(folder, tmp_path / "three.db") == whole
    assert '"story_id"' in whole
