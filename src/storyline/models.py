"""The records that flow between storyline's stages.

Every record is a frozen dataclass. Offsets (``start``/``end``) are character offsets into
``Article.text`` of the article named by ``article_id``, so any output can be traced back to the
words it came from. Stages never mutate a record: they build a new one with ``dataclasses.replace``.

    sources → RawDocument | Rejection
    extract → Article (clean text, title, outlet, byline, dateline, PublishedDate, Removed paragraphs)
    dedupe  → DuplicateGroup
    annotate→ AnnotatedArticle (Sentence, Mention, Quote, TimeExpression)
    actors  → Actor
    cluster → Event, Story
    compose → StoryBrief inside a Brief
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

SCHEMA_VERSION = "1.6"  # 1.1: StoryBrief.new_facts and Brief.since; 1.2: StoryBrief.coverage;
# 1.3: TimelineEntry.status and .evidence; 1.4: Conflict.nature, .reports_both, ConflictValue.holders, .texts;
# 1.5: CitedQuote.cue, .polarity, .direct, .speaker_kind, .speaker_confidence and SpeakerQuotes.kind;
# 1.6: SourceEntry.language and .not_read

DocumentKind = Literal["text", "html"]
ActorKind = Literal["person", "organisation", "place", "group", "other"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "indirect", "mixed"]
# What a dated line says of its happening (compose.status reads it)
Status = Literal["happened", "scheduled", "expected", "claimed", "background"]
# The stance of an attribution: what the cue does with the content ("said" / "denied" / "asked" /
# "was asked"); a denial's content is what the speaker says is not so.
Polarity = Literal["asserts", "denies", "asks", "is_asked"]
# Who speaks: a named person or organisation, a group ("officials", "Ukrainian officials"), an
# unnamed person described by role ("a Smith spokesperson"), or an outlet reporting ("Reuters reported").
SpeakerKind = Literal["person", "organisation", "group", "unnamed", "outlet"]
DateMethod = Literal[
    "metadata",  # a metadata field (JSON field, HTML meta tag) stated it
    "explicit",  # a full date written in the article's header ("March 29, 2022 / 7:43 AM")
    "dateline",  # the dateline gave day and month ("March 28 (UPI) --"), the year came from elsewhere
    "text",  # inferred from dates, weekdays and years mentioned in the text
    "story",  # borrowed from the other articles of the same story
    "unknown",
]


@dataclass(frozen=True)
class Span:
    """A stretch of an article's clean text."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span offsets {self.start}..{self.end}: need 0 <= start <= end")


@dataclass(frozen=True)
class RawDocument:
    """One input as a source read it, before extraction."""

    origin: str  # a path, a URL, "<stdin>", or "path#3" for the fourth record of a JSONL file
    kind: DocumentKind
    body: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # as the metadata gave it, not yet parsed
    language: str | None = None  # as the metadata gave it ("es", "en-GB"), not yet checked


@dataclass(frozen=True)
class Rejection:
    """An input, paragraph or record that a stage dropped, and why."""

    origin: str
    stage: str  # "sources", "extract", ...
    reason: str  # a short code: "empty", "binary", "undecodable", "too-large", "malformed", ...
    detail: str = ""


@dataclass(frozen=True)
class Removed:
    """A paragraph removed from an article as boilerplate, with where it stood in the extracted text."""

    text: str
    reason: str  # "photo-credit", "related-link", "appeal", "navigation", "repeated-in-outlet", ...
    start: int  # offsets into the text before cleaning (the .txt body, or trafilatura's output)
    end: int


LanguageMethod = Literal["metadata", "detected", "too-short", "unsure"]


@dataclass(frozen=True)
class Language:
    """The language an article is written in, and how storyline knows it (extract/language.py)."""

    code: str | None  # ISO 639-1 ("es"; ISO 639-3 where there is none), None when it cannot be told
    confidence: float | None  # the detector's probability; None when the metadata states it
    method: LanguageMethod


@dataclass(frozen=True)
class PublishedDate:
    """An article's publication date with the evidence behind it."""

    value: date | None
    method: DateMethod
    evidence: str  # human-readable: 'dateline "March 28 (UPI)"; year 2022 from 3 articles of the story'
    confidence: float  # 0..1

    @property
    def inferred(self) -> bool:
        """True when no metadata or header stated the full date."""
        return self.method not in ("metadata", "explicit")

    @staticmethod
    def unknown(evidence: str = "no date found") -> PublishedDate:
        return PublishedDate(None, "unknown", evidence, 0.0)


@dataclass(frozen=True)
class Article:
    """A clean article: text without boilerplate, and what is known about it."""

    id: str  # content hash of the clean text, stable across runs
    origin: str
    text: str  # paragraphs separated by blank lines
    published: PublishedDate
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    dateline: Span | None = None  # "March 28 (UPI) --", as it stands in ``text``
    url: str | None = None
    removed: tuple[Removed, ...] = ()
    language: Language | None = None  # None: stored before languages were recorded


@dataclass(frozen=True)
class DuplicateGroup:
    """Articles that are copies of one origin (exact, near-duplicate or syndicated)."""

    id: str
    origin_id: str  # the article treated as the origin (earliest, then longest)
    article_ids: tuple[str, ...]  # includes origin_id


@dataclass(frozen=True)
class Sentence:
    article_id: str
    start: int
    end: int
    text: str
    event_date: str | None = None  # TIMEX3 value of the happening the sentence reports, when known
    # Spans of the parse that do not report the sentence's own happening: ("sub", start, end) for a
    # relative clause or an apposition, ("since", start, end) for the start of a stretch.
    asides: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class Mention:
    """A named entity mention; ``actor_id`` is filled once mentions are merged into actors."""

    article_id: str
    start: int
    end: int
    text: str
    label: str  # the NER label: PERSON, ORG, GPE, LOC, NORP, FAC, ...
    kind: ActorKind
    actor_id: str | None = None


@dataclass(frozen=True)
class Quote:
    """An attribution: what was said (content), the cue that says so, and who said it (source)."""

    article_id: str
    kind: QuoteKind
    content: Span
    cue: Span | None
    source: Span | None  # the words naming the speaker in this article ("he", "Dmitry Peskov")
    speaker: str | None = None  # the speaker's resolved name, when the text allows
    speaker_id: str | None = None  # the actor id, filled by the actors stage
    unresolved: str | None = None  # why the speaker is unknown, when it is
    polarity: Polarity = "asserts"
    speaker_kind: SpeakerKind | None = None  # None when no speaker is resolved
    speaker_confidence: float = 0.0  # 0 to 1: how sure the resolution of ``speaker`` is
    direct: bool = False  # True only when the article puts the whole content in quotation marks
    # the noun phrase a relative clause's reported words leave out ("something" in "something Sanders
    # aides argue is possible"): the brief puts it back in brackets
    gap: Span | None = None


@dataclass(frozen=True)
class TimeExpression:
    article_id: str
    start: int
    end: int
    text: str
    value: str  # TIMEX3 value: 2022-03-29, 2022-W13, 2022-03, PRESENT_REF, P2W, XXXX-XX-XXTMO ...
    type: TimexType
    anchor: str | None = None  # the ISO date it was resolved against; None when the text was absolute


@dataclass(frozen=True)
class Slot:
    """What a sentence states a value for, read from its parse when the article is annotated.

    ``kind`` is "date", "place", "number" or "name"; a date or place slot points at the time
    expression that dates it (``time_start``/``time_end``), whose value is read when the brief is
    composed, so that an article dated later (from its story) gets its days right.
    """

    kind: str
    subject: str
    predicate: str
    label: str
    value: str  # a number without separators, a folded place or surname; "" for a date
    shown: str
    hedged: bool
    start: int  # the sentence that states it
    end: int
    time_start: int | None = None
    time_end: int | None = None


@dataclass(frozen=True)
class AnnotatedArticle:
    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    slots: tuple[Slot, ...] | None = None  # None: not read at annotation (compose parses the sentences)
    title_mentions: tuple[Mention, ...] = ()  # entities the headline names; offsets into ``article.title``
    # the tense the annotator's parse gave each time-expression span it asked about: (start, end, -1/0/+1)
    tenses: tuple[tuple[int, int, int], ...] = ()


@dataclass(frozen=True)
class Actor:
    """One person, organisation, place or group, merged across spellings, articles and outlets."""

    id: str
    name: str  # the fullest, most frequent spelling
    kind: ActorKind
    variants: tuple[str, ...]  # every spelling seen, name included
    roles: tuple[str, ...] = ()  # "Kremlin spokesperson", as the text states them
    article_ids: tuple[str, ...] = ()
    mention_count: int = 0


@dataclass(frozen=True)
class Event:
    """Articles that report one real-world happening."""

    id: str
    article_ids: tuple[str, ...]
    date: str | None  # the event's date (TIMEX3 day value) when the articles agree on one
    label: str  # a short description: the representative article's title or lead


@dataclass(frozen=True)
class Story:
    """Events of one developing story."""

    id: str
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Citation:
    """A pointer from an output line to the span of an article that supports it."""

    article_id: str
    outlet: str | None
    start: int
    end: int


@dataclass(frozen=True)
class SummarySentence:
    text: str
    citations: tuple[Citation, ...]
    outlets: tuple[str, ...]  # distinct outlets behind the citations
    origins: int  # independent origins: syndicated copies and one outlet's articles count once


@dataclass(frozen=True)
class TimelineEntry:
    date: str  # TIMEX3 day (or coarser) value
    text: str
    citations: tuple[Citation, ...]
    outlets: tuple[str, ...]
    status: Status = "happened"  # scheduled and expected entries are plans: the timeline's "ahead" lane
    evidence: str = ""  # the words (or the date's distance from the report) the status was read from


@dataclass(frozen=True)
class ActorHappening:
    """One line of an actor's timeline: a dated happening that names the actor, and its story."""

    actor: str  # the actor's name as the store knows it
    story_id: str | None
    entry: TimelineEntry
    named: tuple[tuple[int, int], ...] = ()  # where the sentence names the actor (article offsets)


@dataclass(frozen=True)
class CitedQuote:
    text: str
    kind: QuoteKind
    article_id: str
    outlet: str | None
    published: str | None
    content: Span
    source: Span | None
    cue: Span | None = None  # the words of attribution: "said", "denied", "did not confirm", "according to"
    polarity: Polarity = "asserts"
    direct: bool = False  # the article puts these words in quotation marks; else a paraphrase
    speaker_kind: SpeakerKind | None = None
    speaker_confidence: float = 0.0


@dataclass(frozen=True)
class SpeakerQuotes:
    actor_id: str | None  # None for a group, an unnamed speaker or an outlet: no actor speaks there
    speaker: str
    quotes: tuple[CitedQuote, ...]
    kind: SpeakerKind | None = None


@dataclass(frozen=True)
class ConflictValue:
    """One side of a conflict: a value, who holds it, and where it is written."""

    value: str
    citations: tuple[Citation, ...]
    outlets: tuple[str, ...]
    # who says it, once each: the speaker of the sentence when it is attributed, else the outlet itself
    holders: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()  # the cited sentences, one per citation, as the articles write them


# "conflict": the values cannot all be true; "update": one figure stated at different times (a toll
# that rises, homes "still without power" after "at the height"), values listed oldest first.
ConflictNature = Literal["conflict", "update"]


@dataclass(frozen=True)
class Conflict:
    slot: str  # what the values disagree about: "start date of the talks in Istanbul"
    kind: Literal["date", "number", "place", "name"]
    values: tuple[ConflictValue, ...]
    nature: ConflictNature = "conflict"
    reports_both: tuple[str, ...] = ()  # ids of the articles that cite more than one side


@dataclass(frozen=True)
class Fact:
    """One claim reported by one or more articles, in the words of its clearest sentence."""

    id: str
    text: str
    citations: tuple[Citation, ...]
    outlets: tuple[str, ...]
    origins: int


@dataclass(frozen=True)
class SourceEntry:
    article_id: str
    origin: str
    outlet: str | None
    title: str | None
    url: str | None
    published: PublishedDate
    duplicate_of: str | None = None  # the origin article when this one is a copy
    language: Language | None = None
    not_read: str | None = None  # what storyline could not read in the article's language, said plainly


@dataclass(frozen=True)
class RemovedEntry:
    article_id: str
    outlet: str | None
    text: str
    reason: str


UNKNOWN_OUTLET = "unknown outlet"  # how a table names the outlet of an article that names none


@dataclass(frozen=True)
class Coverage:
    """Outlets × facts: ``cells[i][j]`` counts the articles of outlet i citing fact j."""

    outlets: tuple[str, ...] = ()
    fact_ids: tuple[str, ...] = ()
    cells: tuple[tuple[int, ...], ...] = ()
    single_outlet: tuple[str, ...] = ()  # ids of facts that exactly one outlet reports

    def reports(self, outlet: str, fact_id: str) -> bool:
        return self.cells[self.outlets.index(outlet)][self.fact_ids.index(fact_id)] > 0

    def ranked(self, facts: Sequence[Fact]) -> list[tuple[Fact, tuple[int, ...]]]:
        """Each fact with its articles per outlet (in ``outlets`` order), the facts most outlets report
        first; ties keep the story's order."""
        column = {fact_id: j for j, fact_id in enumerate(self.fact_ids)}
        rows = [(f, tuple(row[column[f.id]] for row in self.cells)) for f in facts if f.id in column]
        return sorted(rows, key=lambda r: -sum(1 for n in r[1] if n))

    def exclusive(self) -> dict[str, int]:
        """For each outlet, how many facts it alone reports."""
        single = set(self.single_outlet)
        return {
            outlet: sum(1 for j, f in enumerate(self.fact_ids) if f in single and row[j])
            for outlet, row in zip(self.outlets, self.cells, strict=True)
        }


@dataclass(frozen=True)
class StoryBrief:
    story_id: str
    headline: str
    summary: tuple[SummarySentence, ...]
    timeline: tuple[TimelineEntry, ...]
    quotes: tuple[SpeakerQuotes, ...]
    actors: tuple[Actor, ...]
    sources: tuple[SourceEntry, ...]
    events: tuple[Event, ...]
    facts: tuple[Fact, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    removed: tuple[RemovedEntry, ...] = ()
    new_facts: tuple[Fact, ...] = ()  # with --since: facts no article published before that date reported
    coverage: Coverage = Coverage()  # which outlets report which facts

    def latest_happening(self) -> TimelineEntry | None:
        """The story's newest happening dated to a day (never a plan): what a brief says first."""
        happened = [e for e in self.timeline if e.status == "happened" and len(e.date) == len("2022-03-29")]
        return max(happened, key=lambda e: e.date, default=None)

    def inferred_article_ids(self) -> frozenset[str]:
        """The articles whose publication date storyline inferred: every date shown for them says so."""
        return frozenset(src.article_id for src in self.sources if src.published.inferred)

    def still_ahead(self, entry: TimelineEntry, plans: frozenset[str]) -> bool:
        """Whether a plan (a status in ``plans``) was still ahead when the story was last reported: its
        day, month or year does not end before the latest source's publication day. A plan whose day
        had passed by then ("was to be issued on Wednesday", reported Thursday) belongs to the dated
        timeline, marked as a plan, not to what lies ahead."""
        if entry.status not in plans:
            return False
        days = [src.published.value for src in self.sources if src.published.value is not None]
        if not days or "W" in entry.date or not entry.date[:4].isdigit():
            return True
        latest = max(days).isoformat()
        return entry.date >= latest[: len(entry.date)]


@dataclass(frozen=True)
class Brief:
    """The result of one run: a brief per story, and every input that was rejected."""

    stories: tuple[StoryBrief, ...]
    rejections: tuple[Rejection, ...] = ()
    schema_version: str = SCHEMA_VERSION
    generated_from: tuple[str, ...] = field(default=())  # the inputs as the user named them
    since: str | None = None  # the date "what's new" is counted from, when asked
