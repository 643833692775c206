"""Quality gate: quote attribution F1 on a slice of PolNeAR dev must not drop below the pinned floors."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "quality_floors" / "quotes.json").read_text(encoding="utf-8"))
DEV = ROOT.parent / "shared" / "eval" / "quotes" / "polnear" / "dev"


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("polnear_quotes", ROOT / "benchmarks" / "quotes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    if not (DEV / "attributions").is_dir():
        pytest.skip(f"PolNeAR dev is not at {DEV}")
    report: dict[str, Any] = _benchmark().run(DEV, limit=FLOORS["documents"], baseline=False)
    return report["storyline"]


@pytest.mark.parametrize("figure", sorted(FLOORS["f1"]))
def test_quote_f1_on_polnear_slice_holds_its_floor(scores: dict[str, Any], figure: str) -> None:
    subset, role = figure.split(":")
    f1 = scores[subset][role]["f1"]
    assert f1 >= FLOORS["f1"][figure], f"{figure} F1 {f1:.4f} fell below the floor {FLOORS['f1'][figure]}"
