"""scripts/glance.py: BENCHMARKS.md's table at a glance is written from the figure rows, and only there."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = """# Benchmarks

Prose above stays.

<!-- glance:start -->
| old table |
<!-- glance:end -->

## A section below

Prose below stays.
"""


def _row(system: str, metric: str, value: float, date: str, commit: str = "abc1234") -> dict[str, object]:
    return {
        "system": system,
        "data": "timex/tbaq (256 docs)",
        "metric": metric,
        "value": value,
        "command": "python benchmarks/timex.py --data ../shared/eval/timex/tbaq --json bench/figures.json",
        "commit": commit,
        "date": date,
    }


ROWS = [
    _row("storyline", "value F1", 0.80, "2026-12-01T10:00:00Z", "old0001"),
    _row("heideltime", "value F1", 0.744, "2026-12-01T10:00:00Z", "old0001"),
    _row("storyline", "value F1", 0.8183, "2026-12-03T10:00:00Z", "new0002"),
    _row("storyline", "seconds per document", 0.0123456, "2026-12-03T10:00:00Z", "new0002"),
    _row("storyline", "errors (count)", 3.0, "2026-12-03T10:00:00Z", "new0002"),
]


@pytest.fixture(scope="module")
def glance() -> ModuleType:
    spec = importlib.util.spec_from_file_location("glance_script", ROOT / "scripts" / "glance.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_newest_row_of_each_figure_counts_in_first_seen_order(glance: ModuleType) -> None:
    chosen = glance.latest(ROWS)
    assert [(r["system"], r["metric"], r["value"]) for r in chosen] == [
        ("storyline", "value F1", 0.8183),
        ("heideltime", "value F1", 0.744),
        ("storyline", "seconds per document", 0.0123456),
        ("storyline", "errors (count)", 3.0),
    ]


def test_the_table_replaces_only_what_lies_between_the_markers(glance: ModuleType) -> None:
    new = glance.with_table(DOC, ROWS)
    before, after = DOC.split("<!-- glance:start -->")[0], DOC.split("<!-- glance:end -->")[1]
    assert new.startswith(before) and new.endswith(after)
    assert "| old table |" not in new
    newest = "| value F1 | storyline | 0.8183 | `timex.py` | new0002 | 2026-12-03 |"
    assert f"| timex/tbaq (256 docs) {newest}" in new
    assert "| 0.01235 |" in new and "| 3 |" in new and "| 0.8 |" not in new
    assert glance.with_table(new, ROWS) == new  # running it again changes nothing


def test_a_document_without_both_markers_is_refused(glance: ModuleType) -> None:
    with pytest.raises(SystemExit, match="glance:start"):
        glance.with_table(DOC.replace("<!-- glance:end -->", ""), ROWS)


def test_check_reports_a_stale_table_then_the_written_one_matches(glance: ModuleType, tmp_path: Path) -> None:
    figures, doc = tmp_path / "figures.json", tmp_path / "BENCHMARKS.md"
    figures.write_text(json.dumps(ROWS), encoding="utf-8")
    doc.write_text(DOC, encoding="utf-8")
    assert glance.main([str(figures), "--doc", str(doc), "--check"]) == 1
    assert doc.read_text(encoding="utf-8") == DOC
    assert glance.main([str(figures), "--doc", str(doc)]) == 0
    assert glance.main([str(figures), "--doc", str(doc), "--check"]) == 0


def test_make_bench_runs_every_harness() -> None:
    """A harness (a script under benchmarks/ that runs on its own) left out of `make bench` would
    never reach the table."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    bench = makefile.split("\nbench:", 1)[1].split("\n\n", 1)[0]
    harnesses = [
        p.name for p in sorted((ROOT / "benchmarks").glob("*.py"))
        if 'if __name__ == "__main__":' in p.read_text(encoding="utf-8")
    ]
    assert harnesses and [h for h in harnesses if f"benchmarks/{h}" not in bench] == []
