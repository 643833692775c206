"""The SemEval-2015 Task 4 scorer (benchmarks/timeline_score.py) on the trial data's gold timelines."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from timeline_score import (
    Line,
    Timeline,
    counts,
    format_timeline,
    parse_timeline,
    read_timelines,
    score,
)

TRIAL = (
    Path(__file__).resolve().parents[2]
    / "shared/eval/timelines/semeval2015-task4/TimeLines_trial_data_task4_v1.2"
)


@pytest.fixture(scope="module")
def trial() -> dict[str, Timeline]:
    found = read_timelines(TRIAL)
    assert len(found) == 6, f"the trial gold timelines are missing from {TRIAL}"
    return found


def test_gold_against_itself_scores_100(trial: dict[str, Timeline]) -> None:
    total = score(trial, trial)
    assert total.ref_total > 100
    assert (total.precision, total.recall, total.f1) == (1.0, 1.0, 1.0)


def _damaged(timeline: Timeline, damage: str) -> Timeline:
    lines = list(timeline.lines)
    if damage == "drop-half":
        lines = lines[::2]
    elif damage == "reverse-order":
        top = max(line.ordinal for line in lines)
        lines = [dataclasses.replace(ln, ordinal=top + 1 - ln.ordinal if ln.ordinal else 0) for ln in lines]
    elif damage == "one-ordinal":
        lines = [dataclasses.replace(ln, ordinal=1) for ln in lines]
    elif damage == "wrong-anchors":
        lines = [dataclasses.replace(ln, anchor="1999-01-01") for ln in lines]
    return dataclasses.replace(timeline, lines=tuple(lines))


@pytest.mark.parametrize("damage", ["drop-half", "reverse-order", "one-ordinal", "wrong-anchors"])
def test_damaged_copies_score_lower(trial: dict[str, Timeline], damage: str) -> None:
    damaged = {name: _damaged(t, damage) for name, t in trial.items()}
    total = score(damaged, trial)
    assert 0.0 <= total.f1 < 0.95, damage


def test_dropping_lines_keeps_precision_and_loses_recall(trial: dict[str, Timeline]) -> None:
    total = score({n: _damaged(t, "drop-half") for n, t in trial.items()}, trial)
    assert total.precision == 1.0
    assert total.recall < 0.8


def test_missing_target_counts_as_missed(trial: dict[str, Timeline]) -> None:
    some = dict(list(trial.items())[:3])
    total = score(some, trial)
    assert total.precision == 1.0 and total.recall < 1.0


def test_counts_on_a_small_timeline_by_hand() -> None:
    ref = Timeline(
        "X",
        (Line(1, "2005", ("1-1-a",)), Line(2, "2005", ("1-2-b", "2-1-b")), Line(3, "XXXX-XX-XX", ("1-3-c",))),
    )
    # reference reduction: a<b, b=b', b<c, a in 2005, b in 2005: 5 relations
    sys_ = Timeline("X", (Line(1, "2005-XX-XX", ("1-2-b",)), Line(2, "2006", ("1-1-a",))))
    found = counts(sys_, ref)
    # system reduction: b<a (wrong), b in 2005 (right), a in 2006 (wrong)
    assert (found.sys_matched, found.sys_total) == (1, 3)
    # of the reference's 5, the system's closure holds only b in 2005
    assert (found.ref_matched, found.ref_total) == (1, 5)


def test_ordinal_zero_events_relate_to_nothing() -> None:
    ref = Timeline("X", (Line(0, "XXXX-XX-XX", ("1-1-a", "1-2-b")), Line(1, "2005", ("1-3-c",))))
    assert counts(ref, ref).ref_total == 1  # c in 2005 alone


def test_format_reads_back(trial: dict[str, Timeline]) -> None:
    for timeline in trial.values():
        assert parse_timeline(format_timeline(timeline)) == timeline


def test_malformed_line_is_refused() -> None:
    with pytest.raises(ValueError, match="ORDINAL"):
        parse_timeline("X\n1\t2005\n")
