"""Who said what: a story's quotes grouped by the speaker who said them.

A named person or organisation is grouped by actor; a group ("officials"), an unnamed speaker ("a
Smith spokesperson") and an outlet reporting ("Reuters reported") by their words, with no actor id:
the name that stands in them ("Smith") is not the one speaking. An outlet's report that holds
another attribution ('he said that "...," TASS reported') is left out: those words are the inner
speaker's, listed under them; so is a question put to someone ("Trump was asked whether ..."). A
speaker's statement told inside another's reported words is part of that statement, not a line of its
own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import cast

from storyline.models import AnnotatedArticle, CitedQuote, Quote, SpeakerKind, SpeakerQuotes

# Kinds of speaker that are actors of the story; the others are grouped by their words alone.
_ACTOR_KINDS = (None, "person", "organisation")

_Key = tuple[str | None, str, SpeakerKind | None]


def _relays(quote: Quote, quotes: Sequence[Quote]) -> bool:
    """Whether an outlet's report holds another attribution's cue: a relay of someone's words."""
    if quote.speaker_kind != "outlet":
        return False
    start, end = quote.content.start, quote.content.end
    cues = [o.cue for o in quotes if o is not quote and o.cue is not None]
    return any(start <= cue.start and cue.end <= end for cue in cues)


def _nested(quote: Quote, quotes: Sequence[Quote]) -> bool:
    """Whether a quote is told inside another's reported words ("Roberts said that she thinks the
    video should be released": "she thinks ..." is part of what Roberts said; "Bamberg said the
    videos show ...": the videos do not speak). The outer statement is the one a reader needs; an
    outlet is only the channel, so a report by an outlet is never the outer one (see ``_relays``)."""
    at = quote.cue.start if quote.cue is not None else quote.content.start
    return any(
        o is not quote
        and o.speaker  # an outer attribution nobody is named for is not shown: it hides nothing
        and o.polarity != "is_asked"
        and o.speaker_kind != "outlet"
        and o.content.start <= at
        and quote.content.end <= o.content.end
        and o.content.end - o.content.start > quote.content.end - quote.content.start
        for o in quotes
    )


def _key(quote: Quote, names: dict[str, str], kinds: Mapping[str, str]) -> _Key:
    """One heading per actor, whatever kind each article's reader gave the speaker (a name the word
    tables of another language read as an organisation is still the person the actors stage merged)."""
    assert quote.speaker is not None
    actor = quote.speaker_id if quote.speaker_kind in _ACTOR_KINDS else None
    word_key = actor or f"{quote.speaker_kind}:{quote.speaker.lower()}"
    names.setdefault(word_key, quote.speaker)
    kind = quote.speaker_kind
    if actor is not None and kinds.get(actor) in ("person", "organisation"):
        kind = cast(SpeakerKind, kinds[actor])
    return actor, names[word_key], kind


def who_said_what(
    articles: Sequence[AnnotatedArticle], kinds: Mapping[str, str] | None = None
) -> list[SpeakerQuotes]:
    """Quotes with a resolved speaker, grouped by actor (or name), most-quoted first; ``kinds`` are the
    actors' kinds by id (a speaker who is an actor is shown as the actor's kind)."""
    groups: dict[_Key, list[CitedQuote]] = defaultdict(list)
    names: dict[str, str] = {}
    for annotated in articles:
        for quote in annotated.quotes:
            # the one asked did not say the question's words
            if not quote.speaker or quote.polarity == "is_asked" or _relays(quote, annotated.quotes):
                continue
            if _nested(quote, annotated.quotes):
                continue
            groups[_key(quote, names, kinds or {})].append(_cite(annotated, quote))
    result = [
        SpeakerQuotes(
            actor_id,
            speaker,
            tuple(sorted(qs, key=lambda q: (q.published or "", q.article_id, q.content.start))),
            kind,
        )
        for (actor_id, speaker, kind), qs in groups.items()
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
        display_text(quote.content.text) if quote.direct else _paraphrase(quote.content.text),
        quote.kind,
        article.id,
        article.outlet,
        published,
        quote.content,
        quote.source,
        cue=quote.cue,
        polarity=quote.polarity,
        direct=quote.direct,
        speaker_kind=quote.speaker_kind,
        speaker_confidence=quote.speaker_confidence,
    )


def _paraphrase(content: str) -> str:
    """A paraphrase as written, its own quoted words kept in their marks (a mark left open where
    the content ends is closed)."""
    text = " ".join(content.strip().rstrip(TRAILING).split())
    marks = [c for c in text if c in '“”"']
    if len(marks) % 2 and marks[-1] in '“"':
        text += "”" if marks[-1] == "“" else '"'
    return text
