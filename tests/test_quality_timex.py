"""Quality gate for time expressions: a fixed slice of TempEval-3 (TBAQ) and MEANTIME documents,
scored the TempEval-3 way, must stay at or above the floors pinned in ``quality_floors/timex.json``.

Lowering a floor is an explicit, reviewed change to that file. The full figures, and HeidelTime
beside them, come from ``benchmarks/timex.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "timex"
FLOORS = json.loads((Path(__file__).parent / "quality_floors" / "timex.json").read_text())
SLICES = {"tbaq": 25, "meantime": 30}  # the first N documents of each set, by file name

sys.path.insert(0, str(ROOT / "benchmarks"))
from storyline.annotate.timex import find_times  # noqa: E402
from timeml import read_folder  # noqa: E402
from timex_score import Mention, align, score, total  # noqa: E402


def _scores(corpus: str) -> dict[str, float | int]:
    docs = read_folder(EVAL / corpus)[: SLICES[corpus]]
    counts = []
    for doc in docs:
        found = find_times(doc.text, doc.dct)
        system = [Mention(t.start, t.end, t.value, t.type) for t in found if doc.scored(t.start, t.end)]
        gold = [Mention(t.start, t.end, t.value, t.type) for t in doc.timexes]
        counts.append(score(system, gold))
    return total(counts).report()


@pytest.mark.skipif(not EVAL.exists(), reason="needs ../shared/eval/timex beside the clone")
@pytest.mark.parametrize("corpus", sorted(SLICES))
def test_time_expressions_stay_above_their_floors(corpus: str) -> None:
    found = _scores(corpus)
    floors = FLOORS[corpus]
    below = {name: (found[name], floor) for name, floor in floors.items() if found[name] < floor}
    assert not below, f"{corpus}: below the pinned floor (found, floor): {below}"


def test_a_nested_gold_mention_pairs_with_the_system_mention_of_its_length() -> None:
    # gold nests two years inside a range ("from 2009 to 2011"); the system finds the two years
    gold = [Mention(0, 17, "P2Y", "DURATION"), Mention(5, 9, "2009", "DATE"), Mention(13, 17, "2011", "DATE")]
    system = [Mention(5, 9, "2009", "DATE"), Mention(13, 17, "2011", "DATE")]
    pairs = align(system, gold)
    assert [(s.value, g.value) for s, g in pairs] == [("2009", "2009"), ("2011", "2011")]
    assert score(system, gold).value == 2
