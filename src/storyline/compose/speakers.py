"""Who said what: a story's quotes grouped by the actor who said them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.models import AnnotatedArticle, CitedQuote, Quote, SpeakerQuotes


def who_said_what(articles: Sequence[AnnotatedArticle]) -> list[SpeakerQuotes]:
    """Quotes with a resolved speaker, grouped by actor (or name), most-quoted first."""
    groups: dict[tuple[str | None, str], list[CitedQuote]] = defaultdict(list)
    names: dict[str, str] = {}
    for annotated in articles:
        for quote in annotated.quotes:
            if not quote.speaker:
                continue
            key = quote.speaker_id or quote.speaker
            names.setdefault(key, quote.speaker)
            groups[(quote.speaker_id, names[key])].append(_cite(annotated, quote))
    result = [
        SpeakerQuotes(
            actor_id,
            speaker,
            tuple(sorted(qs, key=lambda q: (q.published or "", q.article_id, q.content.start))),
        )
        for (actor_id, speaker), qs in groups.items()
    ]
    return sorted(result, key=lambda g: (-len(g.quotes), g.speaker))


QUOTE_MARKS = "\"'“”‘’«»„ "
TRAILING = ",;: "


def display_text(content: str) -> str:
    """The words said, without the quote marks and the comma that ties them to the cue."""
    text = content.strip().rstrip(TRAILING).strip(QUOTE_MARKS).rstrip(TRAILING)
    return " ".join(text.split())


def _cite(annotated: AnnotatedArticle, quote: Quote) -> CitedQuote:
    article = annotated.article
    published = article.published.value.isoformat() if article.published.value else None
    return CitedQuote(
        display_text(quote.content.text),
        quote.kind,
        article.id,
        article.outlet,
        published,
        quote.content,
        quote.source,
    )
