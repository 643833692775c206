"""One actor's timeline across every story: the dated statements that name the actor, in order.

An actor is named by any spelling the actors stage merged ("Putin" names "Vladimir Putin"); a name no
actor carries (a product, an index) is looked for in the sentences' words. Each line keeps its status
(``compose.status``), its citation and its story.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.compose.status import StatusReading
from storyline.compose.timeline import dated_sentences, plans_overtaken, statements, status_of
from storyline.models import Actor, ActorHappening, AnnotatedArticle, Citation, Sentence, TimelineEntry

# a day, a month or a year: an actor's timeline keeps "in 1976" where a story's keeps days only
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CARRIED_SUBJECT = re.compile(
    r"(?:(?:But|And|However|Meanwhile|Also),? )?(He|She|It|They|The (?:company|firm|group|carrier|airline|"
    r"automaker|carmaker|manufacturer|maker|bank|index|aircraft|plane|jet|device|phone|agency|union))\b"
)
MOST = 3  # a spelling of at least 2 in 3 of a name's words stands for it
LEAD = 3  # sentences that make an article's lead
LEAD_WEEK = timedelta(days=7)
Placed = tuple[Sentence, AnnotatedArticle, StatusReading, tuple[tuple[int, int], ...]]


@dataclass(frozen=True)
class Named:
    """Who the timeline is about: the actors a name matched, else the name's words themselves."""

    name: str
    actors: tuple[Actor, ...]
    forms: tuple[str, ...] = ()  # more spellings looked for as written

    def spans(self, annotated: AnnotatedArticle) -> list[tuple[int, int]]:
        """The actors' mentions, and the name as written where the entity tagger missed it."""
        ids = {a.id for a in self.actors}
        found = {(m.start, m.end) for m in annotated.mentions if m.actor_id in ids}
        for form in (self.name, *self.forms):
            pattern = re.compile(rf"(?<!\w){re.escape(' '.join(form.split()))}(?!\w)", re.I)
            found.update(m.span() for m in pattern.finditer(annotated.article.text))
        # a longer name holding this one is another entity ("iPod nano" is not "iPod")
        longer = [(m.start, m.end) for m in annotated.mentions if not self._within_name(m.text)]
        return sorted(s for s in found if not any(lo <= s[0] and s[1] <= hi for lo, hi in longer))

    def _within_name(self, text: str) -> bool:
        spellings = (self.name, *self.forms, *(v for a in self.actors for v in (a.name, *a.variants)))
        words = {w for f in spellings for w in _folded(f).split()}
        return set(_folded(text).split()) <= words

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


def short_forms(actors: Sequence[Actor], name: str) -> tuple[str, ...]:
    """Spellings the articles use that are most of ``name`` ("Apple Corps" for "Beatles Apple Corps"):
    looked for as written, since the actor that holds them may be another one merged in."""
    wanted = _folded(name)
    found = {v for a in actors for v in (a.name, *a.variants) if _most_of(_folded(v), wanted)}
    return tuple(sorted(found))


def _most_of(spelling: str, wanted: str) -> bool:
    """A spelling of two words or more that is most of the name ("Apple Corps" of "Beatles Apple Corps")."""
    words, have = wanted.split(), spelling.split()
    inside = f" {spelling} " in f" {wanted} "
    return inside and len(have) >= 2 and len(have) * MOST >= len(words) * 2


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
        spans = carried_on(statements(annotated), who.spans(annotated))
        for sentence, day, reading in _placed(annotated, reported):
            named = tuple((lo, hi) for lo, hi in spans if sentence.start <= lo and hi <= sentence.end)
            if named:
                by_day[day].append((sentence, annotated, reading, named))
    found = []
    for day in sorted(by_day):
        for sentence, annotated, reading, named in _kept(day, by_day[day]):
            entry = _line(day, sentence, annotated, reading)
            found.append(ActorHappening(who.label, story_of.get(sentence.article_id), entry, named))
    return found


def carried_on(sentences: Sequence[Sentence], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, and the pronoun or "the company" that opens a sentence right after one naming the
    actor: news carries its subject on that way ("Boeing said ... It also plans ...")."""
    found = list(spans)
    for before, sentence in itertools.pairwise(sentences):
        if _names(before, found) and not _names(sentence, found):
            opening = CARRIED_SUBJECT.match(sentence.text)
            if opening:
                found.append((sentence.start + opening.start(1), sentence.start + opening.end(1)))
    return found


def _names(sentence: Sentence, spans: Sequence[tuple[int, int]]) -> bool:
    return any(sentence.start <= lo and hi <= sentence.end for lo, hi in spans)


def _placed(annotated: AnnotatedArticle, reported: bool) -> list[tuple[Sentence, str, StatusReading]]:
    dated = [(s, day, status_of(s, day, annotated)) for s, day in dated_sentences(annotated, DATE)]
    main = main_day(annotated)
    if not reported or main is None:
        return dated
    have = {s.start for s, _, _ in dated}
    day, why = main
    for s in statements(annotated):
        if s.start not in have:
            reading = status_of(s, day, annotated)
            evidence = f"{reading.evidence}; no date of its own: placed on {why}"
            dated.append((s, day, StatusReading(reading.status, evidence, reading.action)))
    return dated


def main_day(annotated: AnnotatedArticle) -> tuple[str, str] | None:
    """The day an article's undated lines most likely speak of: the day its lead dates (news puts
    the main happening first), when that is in the week before publication; else the report's day."""
    published = annotated.article.published.value
    if published is None:
        return None
    for sentence in statements(annotated)[:LEAD]:
        day = sentence.event_date
        if day and DAY.match(day) and timedelta(0) <= published - date.fromisoformat(day) <= LEAD_WEEK:
            return day, f"its article's lead day ({day})"
    return published.isoformat(), "its report's day"


def _kept(day: str, placed: list[Placed]) -> list[Placed]:
    readings = {(day, p[0].article_id, p[0].start): p[2] for p in placed}
    kept = {(s.article_id, s.start) for s in plans_overtaken(day, [p[0] for p in placed], readings)}
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
