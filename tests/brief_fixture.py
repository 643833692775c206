"""A small hand-built Brief for renderer and store tests, with hostile text where article text goes."""

from datetime import date

from storyline.compose.coverage import build_coverage
from storyline.models import (
    Actor,
    Brief,
    Citation,
    CitedQuote,
    Conflict,
    ConflictValue,
    Event,
    Fact,
    PublishedDate,
    Rejection,
    RemovedEntry,
    SourceEntry,
    Span,
    SpeakerQuotes,
    StoryBrief,
    SummarySentence,
    TimelineEntry,
)

HOSTILE = '<script>alert(1)</script><img src="https://evil.example/x.png" onerror="alert(2)">'


def sample_brief() -> Brief:
    cite_a = Citation("a1", "Coastal Herald", 0, 40)
    cite_b = Citation("b2", "Nordic Wire", 10, 60)
    both = ("Coastal Herald", "Nordic Wire")
    facts = (
        Fact("f1", "Storm Elin cut power to 80,000 homes.", (cite_a, cite_b), both, 2),
        Fact("f2", f"A hostile line {HOSTILE}", (cite_b,), ("Nordic Wire",), 1),
    )
    story = StoryBrief(
        story_id="s1",
        headline=f"Storm cuts power {HOSTILE}",
        summary=(
            SummarySentence(
                "Storm Elin cut power to 80,000 homes.",
                (cite_a, cite_b),
                ("Coastal Herald", "Nordic Wire"),
                2,
            ),
            SummarySentence(f"A hostile line {HOSTILE}", (cite_b,), ("Nordic Wire",), 1),
        ),
        timeline=(
            TimelineEntry("2024-10-13", "The storm hit the coast.", (cite_a,), ("Coastal Herald",)),
            TimelineEntry(
                "2024-10-15", "Ministers met.", (cite_a, cite_b), ("Coastal Herald", "Nordic Wire")
            ),
        ),
        quotes=(
            SpeakerQuotes(
                "p1",
                "Marit Lunde",
                (
                    CitedQuote(
                        "Nobody was hurt",
                        "direct",
                        "a1",
                        "Coastal Herald",
                        "2024-10-14",
                        Span(5, 20, "Nobody was hurt"),
                        None,
                    ),
                ),
            ),
        ),
        actors=(
            Actor("p1", "Marit Lunde", "person", ("Marit Lunde", "Lunde"), ("mayor of Askøy",), ("a1",), 3),
        ),
        sources=(
            SourceEntry(
                "a1",
                "a.txt",
                "Coastal Herald",
                "Storm",
                None,
                PublishedDate(date(2024, 10, 14), "explicit", "header date", 0.95),
            ),
            SourceEntry(
                "b2",
                "b.txt",
                "Nordic Wire",
                None,
                None,
                PublishedDate(date(2024, 10, 14), "dateline", "dateline Oct. 14", 0.8),
                "a1",
            ),
        ),
        events=(Event("e1", ("a1", "b2"), "2024-10-13", "Storm"),),
        facts=facts,
        coverage=build_coverage(facts),
        conflicts=(
            Conflict(
                "homes without power",
                "number",
                (
                    ConflictValue("80,000", (cite_a,), ("Coastal Herald",)),
                    ConflictValue("100,000", (cite_b,), ("Nordic Wire",)),
                ),
            ),
        ),
        removed=(RemovedEntry("a1", "Coastal Herald", "RELATED Ferry crossings cancelled", "related-link"),),
    )
    return Brief(stories=(story,), rejections=(Rejection("bad.bin", "sources", "binary", "NUL bytes"),))
