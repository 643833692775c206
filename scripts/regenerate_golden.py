"""Regenerate the golden JSON brief of the seeds; review the change as a diff before committing it.

python scripts/regenerate_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import storyline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLDEN = ROOT / "tests" / "golden" / "seeds_brief.json"


def seeds_brief_json() -> str:
    """The JSON brief of ../shared/seeds, with origins relative to ../shared so it is machine-independent."""
    here = Path.cwd()
    os.chdir(SHARED)
    try:
        return storyline.render_json(storyline.brief(["seeds"]))
    finally:
        os.chdir(here)


if __name__ == "__main__":
    GOLDEN.write_text(seeds_brief_json(), encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(ROOT)}")
