"""One actor's timeline across every story: the dated statements that name the actor, in order.

An actor is named by any spelling the actors stage merged ("Putin" names "Vladimir Putin"); a name no
actor carries (a product, an index) is looked for in the sentences' words. Each line keeps its status
(``compose.status``), its citation and its story.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.compose.status import StatusReading
from storyline.compose.timeline import dated_sentences, plans_overtaken, statements, status_of
from storyline.models import Actor, ActorHappening, AnnotatedArticle, Citation, Sentence, TimelineEntry

# a day, a month or a year: an actor's timeline keeps "in 1976" where a story's keeps days only
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
Placed = tuple[Sentence, AnnotatedArticle, StatusReading]


@dataclass(frozen=True)
class Named:
    """Who the timeline is about: the actors a name matched, else the name's words themselves."""

    name: str
    actors: tuple[Actor, ...]

    def spans(self, annotated: AnnotatedArticle) -> list[tuple[int, int]]:
        if self.actors:
            ids = {a.id for a in self.actors}
            return [(m.start, m.end) for m in annotated.mentions if m.actor_id in ids]
        pattern = re.compile(rf"(?<!\w){re.escape(' '.join(self.name.split()))}(?!\w)", re.I)
        return [m.span() for m in pattern.finditer(annotated.article.text)]

    @property
    def label(self) -> str:
        return self.actors[0].name if self.actors else self.name


def matching_actors(actors: Sequence[Actor], name: str) -> list[Actor]:
    """The actors ``name`` names: a spelling of theirs, else a spelling holding its words in order
    ("Putin" names "Vladimir Putin")."""
    wanted = _folded(name)
    exact = [a for a in actors if any(_folded(v) == wanted for v in (a.name, *a.variants))]
    if exact or not wanted:
        return exact
    pattern = re.compile(rf"(^| ){re.escape(wanted)}( |$)")
    return [a for a in actors if any(pattern.search(_folded(v)) for v in (a.name, *a.variants))]


def _folded(name: str) -> str:
    words = re.sub(r"[^\w\s&-]", " ", name.casefold()).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def actor_timeline(
    articles: Sequence[AnnotatedArticle],
    who: Named,
    story_of: Mapping[str, str],
    *,
    reported: bool = False,
) -> list[ActorHappening]:
    """Every dated statement naming ``who``, with its status, ordered by date, then publication, then
    place in the article; plans that a same-day happening reports done are left out. With
    ``reported``, a statement without a date of its own is placed on its article's publication day."""
    by_day: dict[str, list[Placed]] = defaultdict(list)
    for annotated in articles:
        spans = who.spans(annotated)
        for sentence, day, reading in _placed(annotated, reported):
            if any(sentence.start <= lo and hi <= sentence.end for lo, hi in spans):
                by_day[day].append((sentence, annotated, reading))
    found = []
    for day in sorted(by_day):
        for sentence, annotated, reading in _kept(day, by_day[day]):
            entry = _line(day, sentence, annotated, reading)
            found.append(ActorHappening(who.label, story_of.get(sentence.article_id), entry))
    return found


def _placed(annotated: AnnotatedArticle, reported: bool) -> list[tuple[Sentence, str, StatusReading]]:
    dated = [(s, day, status_of(s, day, annotated)) for s, day in dated_sentences(annotated, DATE)]
    published = annotated.article.published.value
    if not reported or published is None:
        return dated
    have = {s.start for s, _, _ in dated}
    day = published.isoformat()
    for s in statements(annotated):
        if s.start not in have:
            reading = status_of(s, day, annotated)
            evidence = f"{reading.evidence}; no date of its own: placed on its report's day"
            dated.append((s, day, StatusReading(reading.status, evidence, reading.action)))
    return dated


def _kept(day: str, placed: list[Placed]) -> list[Placed]:
    readings = {(day, s.article_id, s.start): r for s, _, r in placed}
    kept = {(s.article_id, s.start) for s in plans_overtaken(day, [s for s, _, _ in placed], readings)}
    ordered = sorted(placed, key=lambda p: (_order(p[1]), p[0].start))
    return [p for p in ordered if (p[0].article_id, p[0].start) in kept]


def _order(annotated: AnnotatedArticle) -> tuple[str, str]:
    published = annotated.article.published.value
    return (published.isoformat() if published else "9999", annotated.article.id)


def _line(day: str, sentence: Sentence, annotated: AnnotatedArticle, reading: StatusReading) -> TimelineEntry:
    outlet = annotated.article.outlet
    cite = Citation(sentence.article_id, outlet, sentence.start, sentence.end)
    return TimelineEntry(
        day, sentence.text, (cite,), (outlet,) if outlet else (), reading.status, reading.evidence
    )
