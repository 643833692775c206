"""The whole JSON brief of the seeds, pinned. Regenerate with `make golden` and review the diff."""

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("regenerate_golden", ROOT / "scripts" / "regenerate_golden.py")
assert spec and spec.loader
golden = importlib.util.module_from_spec(spec)
spec.loader.exec_module(golden)


def test_seeds_brief_matches_golden_file() -> None:
    expected = json.loads(golden.GOLDEN.read_text(encoding="utf-8"))
    actual = json.loads(golden.seeds_brief_json())
    assert actual == expected, "the seeds' brief changed: run `make golden` and review the diff"
