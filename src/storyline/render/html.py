"""One self-contained HTML file: inline CSS, an inline SVG timeline, no script and no external request.

Everything taken from an article passes through Jinja2's autoescaping: article text is data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import jinja2

from storyline.compose.coverage import exclusive_counts, ranked_rows
from storyline.compose.status import PLANS
from storyline.languages import language_label
from storyline.models import Brief, StoryBrief, TimelineEntry
from storyline.render.quotes import counted, said_line, shown_quotes, speaker_label, support

WIDTH, LEFT, RIGHT = 760, 40, 40


@dataclass(frozen=True)
class Tick:
    x: float
    y: float
    r: float
    label: str
    entry: TimelineEntry


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storyline.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["counted"] = counted
    return env


def timeline_ticks(story: StoryBrief) -> list[Tick]:
    """Points of the timeline on a date axis; same-day entries stack upward; radius grows with outlets."""
    days = [date.fromisoformat(e.date) for e in story.timeline]
    if not days:
        return []
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    stacked: dict[date, int] = {}
    ticks = []
    for day, entry in zip(days, story.timeline, strict=True):
        level = stacked.get(day, 0)
        stacked[day] = level + 1
        x = LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span
        ticks.append(Tick(round(x, 1), 70 - 22 * level, 5 + 2 * len(entry.outlets), entry.date, entry))
    return ticks


def render_html(brief: Brief) -> str:
    labels = [{src.article_id: n for n, src in enumerate(s.sources, start=1)} for s in brief.stories]
    coverage = [(ranked_rows(s.facts, s.coverage), exclusive_counts(s.coverage)) for s in brief.stories]
    return (
        _env()
        .get_template("brief.html.j2")
        .render(
            brief=brief,
            stories=list(zip(brief.stories, labels, [timeline_ticks(s) for s in brief.stories], coverage,
                             strict=True)),
            width=WIDTH,
            plans=sorted(PLANS),
            shown_quotes=shown_quotes,
            said_line=said_line,
            speaker_label=speaker_label,
            support=support,
            language_label=language_label,
        )
    )
