"""What the pages show, built from store records: story lists with filters and search, the coverage
matrix, the timeline's geometry, source labels. Plain functions over records; no SQL and no HTML.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from storyline.api import SearchHit, StoryRow
from storyline.models import UNKNOWN_OUTLET, Citation, Fact, StoryBrief, TimelineEntry
from storyline.serialize import to_jsonable
from storyline.web.reader import Reader

WIDTH, LEFT, RIGHT = 760, 50, 50
MIN_LABEL_GAP = 64  # px between two date labels on the axis
PLAN_STATUSES = ("scheduled", "expected")  # what the timeline draws in the lane of plans
_SNIPPET_MARK = re.compile(r"\[([^\[\]]*)\]")
_WORD = re.compile(r"\w+")


PAGE_SIZE = 25  # stories a page of the list shows
SORTS = ("latest", "size")  # newest story first, or the story most articles report first


@dataclass(frozen=True)
class StoryFilter:
    q: str = ""
    start: date | None = None
    end: date | None = None
    outlet: str = ""
    actor: str = ""
    sort: str = "latest"
    page: int = 1
    language: str = ""  # an ISO 639-1 code: stories with a source in that language

    def query(self) -> dict[str, Any]:
        """The parameters that differ from the defaults, for links to this list."""
        default = StoryFilter()
        return {k: v for k, v in self.as_dict().items() if v and v != default.as_dict()[k]}

    def as_dict(self) -> dict[str, Any]:
        return {
            "q": self.q,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "outlet": self.outlet,
            "actor": self.actor,
            "sort": self.sort,
            "page": self.page,
            "language": self.language,
        }


@dataclass(frozen=True)
class Hit:
    kind: str
    href: str
    story_id: str | None
    title: str
    snippet: str

    def pieces(self, query: str) -> list[tuple[str, bool]]:
        """The snippet as (text, matched) pieces. The store marks matches with brackets, which an
        article may use too: only brackets around words of the query count as marks."""
        wanted = tokens(query)
        out, at = [], 0
        for m in _SNIPPET_MARK.finditer(self.snippet):
            inside = tokens(m.group(1))
            matched = bool(inside) and inside <= wanted
            out += [(self.snippet[at : m.start()], False), (m.group(1) if matched else m.group(0), matched)]
            at = m.end()
        return [p for p in [*out, (self.snippet[at:], False)] if p[0]]


def tokens(text: str) -> set[str]:
    """Words folded the way the search index folds them: case and diacritics dropped."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return set(_WORD.findall(plain.casefold()))


def _in_range(row: StoryRow, f: StoryFilter) -> bool:
    if f.start and (row.last_date or "") < f.start.isoformat():
        return False
    return not (f.end and row.first_date and row.first_date > f.end.isoformat())


def _has_actor(brief: StoryBrief | None, actor: str) -> bool:
    wanted = actor.casefold()
    return brief is not None and any(wanted in v.casefold() for a in brief.actors for v in a.variants)


def _languages(brief: StoryBrief | None) -> set[str]:
    """The languages of a story's sources (those known)."""
    if brief is None:
        return set()
    return {s.language.code for s in brief.sources if s.language is not None and s.language.code}


def hits_for(reader: Reader, q: str) -> list[Hit]:
    if not q.strip():
        return []
    owners = reader.stories_of_articles()
    out = []
    for h in reader.search(q):
        story_id = h.story_id or next(iter(owners.get(h.ref, ())), None)
        out.append(Hit(h.kind, _hit_href(h, story_id), story_id, h.title, h.snippet))
    return out


def _hit_href(hit: SearchHit, story_id: str | None) -> str:
    if hit.kind == "fact" and story_id:
        return f"/stories/{story_id}#summary"
    return f"/articles/{hit.ref.split('#')[0]}"


def filter_stories(reader: Reader, f: StoryFilter, hits: list[Hit]) -> list[StoryRow]:
    """The story rows that pass the filters; with a query, only stories with a hit, best hit first."""
    rows = [r for r in reader.stories() if _in_range(r, f)]
    if f.outlet:
        rows = [r for r in rows if f.outlet in r.outlets]
    if f.actor:
        rows = [r for r in rows if _has_actor(reader.story(r.id), f.actor)]
    if f.language:
        rows = [r for r in rows if f.language.casefold() in _languages(reader.story(r.id))]
    if f.q.strip():
        order = {sid: n for n, sid in reversed(list(enumerate(h.story_id for h in hits))) if sid}
        rows = sorted((r for r in rows if r.id in order), key=lambda r: order[r.id])
    elif f.sort == "size":
        rows = sorted(rows, key=lambda r: (-r.article_count, -r.outlet_count, r.id))
    return rows


def page_of(rows: list[StoryRow], page: int) -> tuple[list[StoryRow], int]:
    """The rows of page ``page`` (from 1) and the number of pages."""
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    start = (min(max(page, 1), pages) - 1) * PAGE_SIZE
    return rows[start : start + PAGE_SIZE], pages


def leads(reader: Reader, rows: list[StoryRow]) -> dict[str, str]:
    """Each story's first summary line: what it is about, in a source's words."""
    out = {}
    for r in rows:
        brief = reader.story(r.id)
        if brief is not None and brief.summary:
            out[r.id] = brief.summary[0].text
    return out


def facets(reader: Reader) -> dict[str, Any]:
    """The filter values, each outlet with the number of stories it reports (as Datasette's facets)."""
    counts: dict[str, int] = {}
    for r in reader.stories():
        for o in r.outlets:
            counts[o] = counts.get(o, 0) + 1
    actors = sorted(
        {a.name for b in reader.briefs() for a in b.actors if a.kind in ("person", "organisation")}
    )
    languages: dict[str, int] = {}
    for b in reader.briefs():
        for code in _languages(b):
            languages[code] = languages.get(code, 0) + 1
    return {
        "outlets": sorted(counts),
        "outlet_stories": dict(sorted(counts.items())),
        "actors": actors,
        "language_stories": dict(sorted(languages.items())),
    }


def labels(story: StoryBrief) -> dict[str, int]:
    """Article id → its source number on the story page ([1], [2], ...)."""
    return {s.article_id: n for n, s in enumerate(story.sources, start=1)}


def cite_names(story: StoryBrief) -> dict[str, str]:
    """Article id → what its citation says of it: outlet and day ("UPI, Mar 28"), so a reader sees where
    a line comes from without hovering; a day inferred from the text is marked with "~"."""
    named = {}
    for s in story.sources:
        day = s.published.value
        when = "undated" if day is None else ("~" if s.published.inferred else "") + f"{day:%b} {day.day}"
        named[s.article_id] = f"{s.outlet or 'unknown outlet'}, {when}"
    return named


def page_href(f: StoryFilter, page: int) -> str:
    """The list's address with the same filters, on page ``page``."""
    query = {k: v for k, v in f.query().items() if k != "page"}
    return "/?" + urlencode({**query, "page": page})


def cite_href(c: Citation) -> str:
    return f"/articles/{c.article_id}?hl={c.start}-{c.end}#hl"


# -- coverage -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageRow:
    fact: Fact
    cells: tuple[Citation | None, ...]  # one per outlet: the first citation from that outlet
    outlet_count: int  # how many outlets report the fact


def coverage(story: StoryBrief) -> tuple[list[str], list[CoverageRow]]:
    """The brief's own coverage matrix (never computed again here), facts most outlets report first,
    each cell linked to the first citation of its outlet."""
    outlets = list(story.coverage.outlets)
    rows = []
    for fact, counts in story.coverage.ranked(story.facts):
        first: dict[str, Citation] = {}
        for c in fact.citations:
            first.setdefault(c.outlet or UNKNOWN_OUTLET, c)
        cells = tuple(first.get(o) if n else None for o, n in zip(outlets, counts, strict=True))
        rows.append(CoverageRow(fact, cells, sum(1 for n in counts if n)))
    return outlets, rows


def coverage_json(story: StoryBrief) -> dict[str, Any]:
    outlets, rows = coverage(story)
    return {
        "outlets": outlets,
        "facts": [
            {
                "id": r.fact.id,
                "text": r.fact.text,
                "outlets": [o for o, c in zip(outlets, r.cells, strict=True) if c],
            }
            for r in rows
        ],
    }


# -- timeline -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    index: int  # position in story.timeline, for the link to the list entry
    entry: TimelineEntry


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


def day_of(value: str) -> date | None:
    """The first day a TIMEX3 value names (2022-03-29, 2022-03 → 1 March); None for weeks, seasons ..."""
    parts = value.split("-")
    try:
        if len(parts) >= 3 and len(parts[2]) == 2:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 2 and len(parts[1]) == 2:
            return date(int(parts[0]), int(parts[1]), 1)
    except ValueError:
        return None
    return None


@dataclass(frozen=True)
class Timeline:
    dots: tuple[Dot, ...]
    ticks: tuple[Tick, ...]
    axis_y: int
    width: int = WIDTH
    plans_below: int = 0  # rows of plans drawn under the axis

    @property
    def height(self) -> int:
        return self.axis_y + 30 + 28 * self.plans_below


def _radius(entry: TimelineEntry) -> int:
    return min(8 + 2 * len(entry.outlets), 13)  # more outlets, a bigger mark; never hiding its number


def timeline_geometry(story: StoryBrief) -> Timeline:
    """Dots on a date axis (same-day entries stack, radius grows with outlets) and the axis ticks."""
    placed = [(day, n, e) for n, e in enumerate(story.timeline) if (day := day_of(e.date)) is not None]
    if not placed:
        return Timeline((), (), 0)
    first, last = min(p[0] for p in placed), max(p[0] for p in placed)
    span = max((last - first).days, 1)

    def x_of(day: date) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span, 1)

    # happenings stack above the axis, plans and forecasts below it: their own lane
    seen: dict[tuple[date, bool], int] = {}
    stack = []
    for day, n, e in placed:
        plan = e.status in PLAN_STATUSES
        seen[day, plan] = seen.get((day, plan), 0) + 1
        stack.append((day, n, e, seen[day, plan] - 1, plan))
    above = max((s[3] for s in stack if not s[4]), default=-1) + 1
    below = max((s[3] for s in stack if s[4]), default=-1) + 1
    axis_y = 24 + 28 * above
    dots = tuple(
        Dot(x_of(day), axis_y + (40 + 28 * lv if plan else -22 - 28 * lv), _radius(e), n, e)
        for day, n, e, lv, plan in stack
    )
    ticks: list[Tick] = []
    for day in sorted({p[0] for p in placed}):
        x = x_of(day)
        if not ticks or x - ticks[-1].x >= MIN_LABEL_GAP:  # labels never overlap; dots keep their day
            ticks.append(Tick(x, f"{day:%b} {day.day}"))  # the C locale: "Mar 29"
    return Timeline(dots, tuple(ticks), axis_y, plans_below=below)


def story_json(story: StoryBrief) -> dict[str, Any]:
    return {"story": to_jsonable(story), "coverage": coverage_json(story)}
