"""Quality gate: extraction F1 on a slice of AEB must not drop below the pinned floors."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "quality_floors" / "extract.json").read_text(encoding="utf-8"))


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("aeb_extraction", ROOT / "benchmarks" / "extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    module = _benchmark()
    if not (module.AEB / "ground-truth.json").is_file():
        pytest.skip(f"AEB is not at {module.AEB}")
    return module


def test_extract_f1_on_aeb_slice_holds_its_floor(bench: ModuleType) -> None:
    pages = bench.load_pages(FLOORS["pages"])
    f1 = bench.mean_f1(pages, bench.ours(pages))
    assert f1 >= FLOORS["storyline_f1"], f"extract F1 {f1:.4f} fell below the floor {FLOORS['storyline_f1']}"


def test_warc_path_f1_on_aeb_slice_holds_its_floor(bench: ModuleType, tmp_path: Path) -> None:
    pages = bench.load_pages(FLOORS["pages"])
    warc = tmp_path / "aeb.warc.gz"
    bench.write_warc(pages, warc)
    f1 = bench.mean_f1(pages, bench.through_warc(pages, warc))
    assert f1 >= FLOORS["warc_f1"], f"WARC-path F1 {f1:.4f} fell below the floor {FLOORS['warc_f1']}"
