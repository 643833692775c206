"""The issue-12 speaker scorer (benchmarks/speakers.py) on tiny hand-made examples."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("speaker_scorer", ROOT / "benchmarks" / "speakers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


S = _scorer()

TEXT = (
    'Acme campaign chairman Jane Roe told reporters, "We will win." '
    "A Smith spokesperson denied that the deal was off. "
    "Officials said talks would resume."
)


def gold(
    index: int, spans: tuple[tuple[int, int], ...], speaker: str, kind: str, polarity: str = "asserts"
) -> object:
    return S.GoldQuote("t", index, "E1", spans, speaker, kind, polarity, False)


def test_pairs_one_to_one_by_largest_overlap() -> None:
    golds = [gold(0, ((10, 20), (40, 50)), "A", "person"), gold(0, ((60, 70),), "B", "person")]
    tools = [
        S.ToolQuote((45, 65), "x", None),  # 5 with the first gold, 5 with the second
        S.ToolQuote((12, 50), "y", None),  # 8 + 10 with the first gold
        S.ToolQuote((100, 110), "z", None),  # overlaps nothing
    ]
    assert S.pair(golds, tools) == {0: 1, 1: 0}


def test_names_compare_without_case_titles_diacritics_or_middle_initials() -> None:
    assert S.same_speaker("Jane Roe", "person", "Ms. JANE ROE", TEXT)
    assert S.same_speaker("José Núñez", "person", "Jose Nunez", TEXT)
    assert S.same_speaker("John D. Podesta", "person", "John Podesta", TEXT)
    assert not S.same_speaker("Jane Roe", "person", "Acme", TEXT)
    assert not S.same_speaker("Jane Roe", "person", None, TEXT)


def test_a_surname_alone_counts_only_when_it_denotes_one_person() -> None:
    assert S.same_speaker("Jane Roe", "person", "Roe", TEXT)
    assert S.same_speaker("Jane Roe", "person", "Mrs. Roe", "But Roe said so. Mrs. Roe agreed.")
    assert not S.same_speaker("Jane Roe", "person", "Roe", TEXT + " Her brother, Bill Roe, disagreed.")
    assert S.same_speaker("Obama", "person", "Barack Obama", "Mr. Obama said.")


def test_an_organisation_may_be_named_by_its_last_words_but_not_a_generic_one() -> None:
    assert S.same_speaker("New York Post", "outlet", "The Post", TEXT)
    assert not S.same_speaker("Acme campaign", "organisation", "the campaign", TEXT)
    assert not S.same_speaker("Acme campaign", "organisation", "Acme", TEXT)


def test_score_counts_found_named_groups_and_denials_per_half() -> None:
    golds = [
        gold(0, ((48, 62),), "Jane Roe", "person"),
        gold(1, ((91, 112),), "spokesperson", "unnamed", "denies"),
        gold(1, ((129, 147),), "officials", "group"),
    ]
    tools = [
        S.ToolQuote((47, 62), "Acme", "organisation"),  # found, the candidate's campaign: wrong
        S.ToolQuote((84, 113), "Smith", "person", "asserts"),  # found; a group upgraded, denial lost
        S.ToolQuote((114, 148), "officials", None),  # found, kept as a group (no kind: by its words)
    ]
    tallies, errors = S.score(golds, {"t": tools}, {"t": TEXT})
    even, odd, total = (tallies[k].report() for k in ("even", "odd", "all"))
    assert (even["gold"], even["found"], even["named"], even["named_right"]) == (1, 1, 1, 0)
    assert (odd["groups"], odd["groups_kept"], odd["groups_upgraded"]) == (2, 1, 1)
    assert (total["denials"], total["denials_kept"], total["found_rate"]) == (1, 0, 1.0)
    assert len(errors) == 2 and "speaker" in errors[0] and "group,polarity" in errors[1]


def test_a_missed_denial_is_not_kept() -> None:
    golds = [gold(0, ((91, 112),), "spokesperson", "unnamed", "denies")]
    tallies, errors = S.score(golds, {"t": []}, {"t": TEXT})
    report = tallies["all"].report()
    assert (report["found"], report["denials"], report["denials_kept_rate"]) == (0, 1, 0.0)
    assert "missed" in errors[0]


@pytest.mark.parametrize(
    ("quote_fields", "expected"),
    [
        ({}, ("asserts", None, False)),
        ({"polarity": "denies", "speaker_kind": "group", "direct": True}, ("denies", "group", True)),
    ],
)
def test_quotes_without_the_issue_12_fields_read_as_defaults(
    quote_fields: dict[str, object], expected: tuple[object, ...]
) -> None:
    class Span:
        start, end = 3, 9

    class OldQuote:
        content = Span()
        speaker = "Jane Roe"

    quote = OldQuote()
    for name, value in quote_fields.items():
        setattr(quote, name, value)
    read = S.tool_quote(quote)
    assert (read.content, read.speaker) == ((3, 9), "Jane Roe")
    assert (read.polarity, read.kind, read.direct) == expected
