"""A setting changed between runs on one store takes effect: stored stories are composed again
(before, `brief --db S --sentences 2` after a run with 6 printed 6 lines again)."""

from __future__ import annotations

from pathlib import Path

import pytest

import storyline
from storyline.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def _longest_summary(brief: storyline.Brief) -> int:
    return max(len(s.summary) for s in brief.stories)


def test_a_changed_summary_length_recomposes_stored_stories(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    long = storyline.brief([EXAMPLES], db=db, summary_sentences=6, progress=False)
    assert _longest_summary(long) > 2
    short = storyline.brief([EXAMPLES], db=db, summary_sentences=2, progress=False)
    assert _longest_summary(short) <= 2
    # from the store alone, no inputs: the stored stories follow the setting too
    again = storyline.brief([], db=db, summary_sentences=3, progress=False)
    assert 2 < _longest_summary(again) <= 3


def test_ingest_takes_the_compose_flags_and_brief_follows(tmp_path: Path, capsys: object) -> None:
    db = str(tmp_path / "s.db")
    assert main(["ingest", str(EXAMPLES), "--db", db, "--sentences", "1", "--quiet"]) == 0
    assert _longest_summary(storyline.brief([], db=db, summary_sentences=1)) == 1
    assert _longest_summary(storyline.brief([], db=db, summary_sentences=4)) > 1


def test_the_spacy_model_setting_reaches_every_parse(tmp_path: Path) -> None:
    """Annotation, and the tense reader that parses outside it, load the model the settings name."""
    from storyline.annotate.nlp import DEFAULT_MODEL, use_model
    from storyline.annotate.timex.finder import parse

    try:
        with pytest.raises(storyline.MissingDependency, match="no_such_model"):
            storyline.ingest([EXAMPLES / "01-coastal-herald.txt"], spacy_model="no_such_model")
        with pytest.raises(storyline.MissingDependency, match="no_such_model"):
            parse("The talks resumed on Tuesday.")  # the run's model, not the default
    finally:
        use_model(DEFAULT_MODEL)
    assert parse("The talks resumed on Tuesday.")[0].text == "The"
