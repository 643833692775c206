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
# entries a later sheet holds that the first did not, judged by the same rules (keyed by text and date)
JUDGED_AFTER = ROOT / "gold/timeline_reading/judged_after.jsonl"
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


def write_sheet(path: Path) -> None:
    rows: list[dict[str, Any]] = []
    used = 0
    for folder in topics():  # topics in order until 100 entries: a story with fewer than ten gives all
        if len(rows) >= ENTRIES:
            break
        rows += sheet_rows(folder)[: ENTRIES - len(rows)]
        used += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} entries from {used} topics -> {path}")


def _rate(hits: Sequence[bool]) -> str:
    return f"{sum(hits)}/{len(hits)} = {sum(hits) / len(hits):.2f}" if hits else "none"


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _half(entry_id: str) -> str:
    # topics 1-9 are where status rules were read off after the first judging; 10 on only report
    return "tuning (topics 1-9)" if int(entry_id.split("ecbplus")[0]) < 10 else "report (topics 10-)"


def score(sheet: Path) -> None:
    """Judgments are matched to the sheet's entries by their text and date, so a sheet written after a
    change is scored with the judgments of the entries it shares; the rest are listed to be judged."""
    judged = {(e["text"], e["date"]): j for e, j in zip(_read(SHEET), _read(JUDGED), strict=True)}
    judged.update({(j["text"], j["date"]): j for j in _read(JUDGED_AFTER)})
    rows = _read(sheet)
    unjudged = [r for r in rows if (r["text"], r["date"]) not in judged]
    for r in unjudged:
        print("NOT JUDGED:", json.dumps(r, ensure_ascii=False))
    for half in sorted({_half(r["id"]) for r in rows}):
        pairs = [
            (r, judged[(r["text"], r["date"])]) for r in rows if r not in unjudged and _half(r["id"]) == half
        ]
        _report(half, pairs)
    _report("all", [(r, judged[(r["text"], r["date"])]) for r in rows if r not in unjudged])


def _report(name: str, pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    date = [j["date_right"] for _, j in pairs]
    status = [j["status"] == r["status"] for r, j in pairs]
    lane = [(j["status"] in PLANS) == (r["status"] in PLANS) for r, j in pairs]
    before = [j["status"] in {"happened", "background"} for _, j in pairs]
    both = [d and s for d, s in zip(date, status, strict=True)]
    print(f"{name}: right date {_rate(date)}")
    print(f"  after:  right status {_rate(status)}; right lane {_rate(lane)}; date and status {_rate(both)}")
    before_both = [d and b for d, b in zip(date, before, strict=True)]
    print(
        f"  before: right status (all as happenings) {_rate(before)}; date and status {_rate(before_both)}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("step", choices=["sheet", "score"])
    parser.add_argument("--sheet", type=Path, default=SHEET, help="the sheet to write or to score")
    args = parser.parse_args(argv)
    write_sheet(args.sheet) if args.step == "sheet" else score(args.sheet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
