"""A small hand-built store for the web app's tests: one story from three outlets, and a hostile article.

Written by hand (no pipeline), so the pages are tested while the stages are still being built. The
texts are invented; offsets are found in them, so every citation points at the words it names.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storyline.compose.coverage import build_coverage
from storyline.models import (
    Actor,
    AnnotatedArticle,
    Article,
    Citation,
    CitedQuote,
    Conflict,
    ConflictValue,
    Event,
    Fact,
    Mention,
    PublishedDate,
    Quote,
    Removed,
    Sentence,
    SourceEntry,
    Span,
    SpeakerQuotes,
    StoryBrief,
    SummarySentence,
    TimeExpression,
    TimelineEntry,
)
from storyline.store import SQLiteStore

STORY_ID = "st-bridge"
HOSTILE = (
    'The council met. <script>window.__pwned = 1; alert("x")</script> '
    '<img src="http://203.0.113.9/pixel.png" onerror="window.__pwned = 2"> '
    '<a href="javascript:window.__pwned = 3">click</a> <iframe src="http://203.0.113.9/"></iframe> '
    "Mayor Ana Ruiz said the bridge would reopen on Monday."
)
TEXTS = {
    "a1": (
        "Harbour bridge to reopen Monday",
        "Coastal Herald",
        date(2024, 5, 3),
        "The harbour bridge will reopen on Monday, May 6, after two years of repairs, "
        "Mayor Ana Ruiz said on Friday.\n\n"
        '"We kept every promise to the ferry workers," Ruiz said.\n\n'
        "The repairs cost 40 million euros.",
    ),
    "a2": (
        "Bridge reopening set for May 6",
        "Bay Times",
        date(2024, 5, 4),
        "City engineers confirmed that the harbour bridge reopens on May 6.\n\n"
        "According to Mayor Ana Ruíz, the repairs cost 42 million euros.",
    ),
    "a3": (
        "Ferry workers welcome bridge news",
        "Port Daily",
        date(2024, 5, 4),
        "Ferry workers welcomed the news on Saturday. Union leader Tomas Berg said the crossing "
        "had been closed since April 2022.",
    ),
}


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def _cite(article_id: str, outlet: str, text: str, words: str) -> Citation:
    s = _span(text, words)
    return Citation(article_id, outlet, s.start, s.end)


def articles() -> dict[str, Article]:
    out = {}
    for aid, (title, outlet, day, text) in TEXTS.items():
        out[aid] = Article(
            id=aid,
            origin=f"fixtures/{aid}.txt",
            text=text,
            published=PublishedDate(day, "explicit", f"header date {day.isoformat()}", 0.95),
            title=title,
            outlet=outlet,
            url=f"https://news.example/{aid}",
            removed=(Removed("Follow us on every network", "navigation", 0, 26),),
        )
    out["evil"] = Article(
        id="evil",
        origin="fixtures/<evil>.html",
        text=HOSTILE,
        published=PublishedDate(date(2024, 5, 4), "text", "<b>weekday</b> in text", 0.4),
        title='<script>window.__pwned = 4</script>Bridge "news"',
        outlet="<img src=x onerror=alert(1)>",
        url="javascript:alert(1)",
        removed=(Removed('<img src="http://203.0.113.9/r.png">', "photo-credit", 0, 10),),
    )
    return out


def annotated(arts: dict[str, Article]) -> list[AnnotatedArticle]:
    out = []
    for aid, a in arts.items():
        mentions = [
            Mention(aid, s.start, s.end, s.text, "PERSON", "person", "ac-ruiz")
            for name in ("Ana Ruiz", "Ana Ruíz")
            if name in a.text
            for s in [_span(a.text, name)]
        ]
        quotes = []
        if aid == "a1":
            content = _span(a.text, "We kept every promise to the ferry workers,")
            quotes.append(
                Quote(aid, "direct", content, _span(a.text, "said."), _span(a.text, "Ruiz said"), "Ana Ruiz")
            )
        times = []
        if "Monday, May 6" in a.text:
            s = _span(a.text, "Monday, May 6")
            times.append(TimeExpression(aid, s.start, s.end, s.text, "2024-05-06", "DATE", "2024-05-03"))
        sentences = (Sentence(aid, 0, len(a.text), a.text),)
        out.append(AnnotatedArticle(a, sentences, tuple(mentions), tuple(quotes), tuple(times)))
    return out


def story(arts: dict[str, Article]) -> StoryBrief:
    a1, a2, a3 = (arts[k].text for k in ("a1", "a2", "a3"))
    reopen = (
        _cite("a1", "Coastal Herald", a1, "The harbour bridge will reopen on Monday, May 6"),
        _cite("a2", "Bay Times", a2, "the harbour bridge reopens on May 6"),
    )
    cost1 = _cite("a1", "Coastal Herald", a1, "The repairs cost 40 million euros.")
    cost2 = _cite("a2", "Bay Times", a2, "the repairs cost 42 million euros.")
    workers = _cite("a3", "Port Daily", a3, "Ferry workers welcomed the news on Saturday.")
    quote = _span(a1, "We kept every promise to the ferry workers,")
    facts = (
        Fact("f1", "The harbour bridge reopens on May 6.", reopen, ("Bay Times", "Coastal Herald"), 2),
        Fact("f2", "Ferry workers welcomed the news.", (workers,), ("Port Daily",), 1),
    )
    return StoryBrief(
        story_id=STORY_ID,
        headline="Harbour bridge reopens on May 6 after two years of repairs",
        summary=(
            SummarySentence(
                "The harbour bridge reopens on May 6.", reopen, ("Bay Times", "Coastal Herald"), 2
            ),
            SummarySentence("Ferry workers welcomed the news.", (workers,), ("Port Daily",), 1),
        ),
        timeline=(
            TimelineEntry("2022-04", "The crossing closed.", (workers,), ("Port Daily",)),
            TimelineEntry("2024-05-03", "The mayor announced the date.", (reopen[0],), ("Coastal Herald",)),
            TimelineEntry("2024-05-06", "The bridge reopens.", reopen, ("Bay Times", "Coastal Herald")),
            TimelineEntry("2024-05-06", "Ferries change their timetable.", (workers,), ("Port Daily",)),
        ),
        quotes=(
            SpeakerQuotes(
                "ac-ruiz",
                "Ana Ruiz",
                (CitedQuote(quote.text, "direct", "a1", "Coastal Herald", "2024-05-03", quote, None),),
            ),
        ),
        actors=(
            Actor(
                "ac-ruiz", "Ana Ruiz", "person", ("Ana Ruiz", "Ana Ruíz", "Ruiz"), ("mayor",), ("a1", "a2"), 3
            ),
            Actor("ac-berg", "Tomas Berg", "person", ("Tomas Berg",), ("union leader",), ("a3",), 1),
            Actor("ac-harbour", "Harbour", "place", ("Harbour",), (), ("a1",), 1),
        ),
        sources=tuple(
            SourceEntry(a.id, a.origin, a.outlet, a.title, a.url, a.published)
            for a in (arts["a1"], arts["a2"], arts["a3"], arts["evil"])
        ),
        events=(Event("ev-1", ("a1", "a2", "a3", "evil"), "2024-05-06", "Harbour bridge reopens"),),
        facts=facts,
        coverage=build_coverage(facts),  # as compose builds it: the page shows the brief's own matrix
        conflicts=(
            Conflict(
                "cost of the repairs",
                "number",
                (
                    ConflictValue("40 million euros", (cost1,), ("Coastal Herald",)),
                    ConflictValue("42 million euros", (cost2,), ("Bay Times",)),
                ),
            ),
        ),
    )


def fill(store: SQLiteStore) -> None:
    arts = articles()
    store.put_articles(arts.values())
    store.put_annotations(annotated(arts))
    store.put_stories([story(arts)])


def make_db(path: Path) -> str:
    store = SQLiteStore(path)
    try:
        fill(store)
    finally:
        store.close()
    return str(path)
