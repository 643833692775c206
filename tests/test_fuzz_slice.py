"""A short slice of the fuzzing run (benchmarks/fuzz.py), so the harness and the readers' promises
stay exercised in CI; the long run's figures are in BENCHMARKS.md.

The quote parser is left out: each of its inputs is a spaCy parse, too slow for a CI slice.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parents[1] / "benchmarks" / "fuzz.py"
SLICE = ("plain_text", "times", "feed", "warc")


@pytest.mark.slow
def test_a_short_fuzzing_slice_finds_no_crash(tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="fuzzing needs: pip install 'storyline[fuzz]'")
    done = subprocess.run(
        [sys.executable, str(FUZZ), "--targets", ",".join(SLICE), "--runs", "200", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert [(r["target"], r["inputs_tried"] >= 200, r["crashes"]) for r in results] == [
        (target, True, []) for target in SLICE
    ]
