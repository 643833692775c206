"""One shape for every measured figure a harness writes with ``--json FILE``.

Each figure is a row ``{system, data, metric, value, command, commit, date}``: what was measured, on
what, by which command, at which commit and when. ``make bench`` gathers every harness's rows into one
file, from which ``scripts/glance.py`` writes BENCHMARKS.md's table at a glance.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Figure:
    system: str  # "storyline", or the baseline's name
    data: str  # the set and part measured: "ECB+ shared topics, odd half"
    metric: str  # "story B-cubed F1", "wall seconds (median of 3)"
    value: float


def commit() -> str:
    """The checkout measured: its commit, with "+dirty" when the working tree has changes."""
    def git(*args: str) -> str:
        found = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return found.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def rows(figures: list[Figure], command: str | None = None) -> list[dict[str, object]]:
    stamp = {
        "command": command or " ".join(shlex.quote(a) for a in ["python", *sys.argv]),
        "commit": commit(),
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return [{**asdict(f), **stamp} for f in figures]


def write(path: Path, figures: list[Figure], command: str | None = None) -> None:
    """Append ``figures`` to the JSON list at ``path`` (created when missing)."""
    existing = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    path.write_text(json.dumps(existing + rows(figures, command), indent=2) + "\n", encoding="utf-8")
