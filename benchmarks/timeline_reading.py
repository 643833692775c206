"""Timeline by reading (issue 15): 100 timeline entries from ten ECB+ stories, judged by a reader.

    .venv/bin/python benchmarks/timeline_reading.py sheet     # brief ten topics, write the sheet
    .venv/bin/python benchmarks/timeline_reading.py score     # score the judgments written beside it

``sheet`` briefs the ``*ecbplus`` topic folders of ../shared/eval/ecbplus in order (one brief each)
until it has 100 entries, keeping ten entries of each topic's largest story (evenly spaced when it
has more), with the cited sentence, its article's publication date, the status and its evidence.
The reader then writes ``judged.jsonl`` (one line per entry id) by the rules in ``RULES.md`` beside
the sheet. ``score`` reports right date, right status, right lane (happening or plan) and both right,
after (the status shown) and before (the timeline had no status: every entry read as a happening).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import storyline

ROOT = Path(__file__).resolve().parent
ECB = ROOT.parents[1] / "shared/eval/ecbplus"
SHEET = ROOT / "gold/timeline_reading/entries.jsonl"
JUDGED = ROOT / "gold/timeline_reading/judged.jsonl"
PLANS = {"scheduled", "expected"}
PER_STORY = 10
ENTRIES = 100


def topics() -> list[Path]:
    found = [p for p in ECB.iterdir() if p.name.endswith("ecbplus")]
    return sorted(found, key=lambda p: int(p.name.removesuffix("ecbplus")))


def sheet_rows(folder: Path) -> list[dict[str, Any]]:
    brief = storyline.brief([folder], progress=False, engine="local")
    story = max(brief.stories, key=lambda s: (len(s.sources), s.story_id))
    published = {s.article_id: str(s.published.value) for s in story.sources}
    entries = list(story.timeline)
    step = max(1, len(entries) / PER_STORY)
    picked = [entries[int(i * step)] for i in range(min(PER_STORY, len(entries)))]
    return [
        {
            "id": f"{folder.name}-{n}",
            "date": e.date,
            "status": e.status,
            "evidence": e.evidence,
            "text": e.text,
            "published": published.get(e.citations[0].article_id),
        }
        for n, e in enumerate(picked)
    ]


def write_sheet() -> None:
    rows: list[dict[str, Any]] = []
    used = 0
    for folder in topics():  # topics in order until 100 entries: a story with fewer than ten gives all
        if len(rows) >= ENTRIES:
            break
        rows += sheet_rows(folder)[: ENTRIES - len(rows)]
        used += 1
    SHEET.parent.mkdir(parents=True, exist_ok=True)
    SHEET.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} entries from {used} topics -> {SHEET.relative_to(ROOT.parent)}")


def _rate(hits: Sequence[bool]) -> str:
    return f"{sum(hits)}/{len(hits)} = {sum(hits) / len(hits):.2f}" if hits else "none"


def score() -> None:
    entries = {r["id"]: r for r in map(json.loads, SHEET.read_text(encoding="utf-8").splitlines())}
    judged = [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines()]
    missing = set(entries) - {j["id"] for j in judged}
    if missing:
        raise SystemExit(f"{len(missing)} entries not judged yet, e.g. {sorted(missing)[:3]}")
    date = [j["date_right"] for j in judged]
    status = [j["status"] == entries[j["id"]]["status"] for j in judged]
    lane = [(j["status"] in PLANS) == (entries[j["id"]]["status"] in PLANS) for j in judged]
    before = [j["status"] in {"happened", "background"} for j in judged]
    print(f"right date: {_rate(date)}")
    print(f"after:  right status {_rate(status)}; right lane {_rate(lane)}; "
          f"date and status {_rate([d and s for d, s in zip(date, status, strict=True)])}")
    print(f"before: right status (all read as happenings) {_rate(before)}; "
          f"date and status {_rate([d and b for d, b in zip(date, before, strict=True)])}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("step", choices=["sheet", "score"])
    args = parser.parse_args(argv)
    write_sheet() if args.step == "sheet" else score()
    return 0


if __name__ == "__main__":
    sys.exit(main())
