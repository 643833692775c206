"""A setting changed between runs on one store takes effect: stored stories are composed again
(before, `brief --db S --sentences 2` after a run with 6 printed 6 lines again)."""

from __future__ import annotations

from pathlib import Path

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
