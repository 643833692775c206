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

from storyline.models import AnnotatedArticle, CitedQuote, Quote, Span, SpeakerKind, SpeakerQuotes

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
        shown = [
            quote
            for quote in annotated.quotes
            # the one asked did not say the question's words
            if quote.speaker and quote.polarity != "is_asked" and not _relays(quote, annotated.quotes)
            and not _nested(quote, annotated.quotes)
        ]
        for parts in _sentences_split_by_cue(shown, annotated.article.text):
            groups[_key(parts[0], names, kinds or {})].append(_cite(annotated, *parts))
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


def _sentences_split_by_cue(quotes: Sequence[Quote], text: str) -> list[tuple[Quote, ...]]:
    """The quotes in text order, a sentence the attribution interrupts made one again ("My hope," he
    said, "is that ..."; many of the prisons, she said, are aging): shown apart, its halves read as two
    fragments ("My hope"). The halves share their cue and speaker, and the attribution between them is
    set off by commas, not ended by the full stop that ends a sentence before a new one ("We will go,"
    said Berg. "It is time.")."""
    out: list[tuple[Quote, ...]] = []
    for quote in sorted(quotes, key=lambda q: q.content.start):
        if out and _continues(out[-1][-1], quote, text):
            out[-1] = (*out[-1], quote)
        else:
            out.append((quote,))
    return out


def _continues(first: Quote, second: Quote, text: str) -> bool:
    if first.direct != second.direct or first.cue is None or first.cue != second.cue:
        return False
    if first.speaker != second.speaker or not first.content.end <= first.cue.start < second.content.start:
        return False
    between = text[first.content.end : second.content.start].strip()
    opened = first.content.text.rstrip(QUOTE_MARKS).endswith(",") or between.startswith(",")
    return opened and between.endswith(",")


def _cite(annotated: AnnotatedArticle, quote: Quote, *rest: Quote) -> CitedQuote:
    """The quote as a cited line; ``rest`` are the later halves of a sentence its cue interrupts, shown
    as one quotation and cited as the stretch from the first half's start to the last one's end."""
    article = annotated.article
    published = article.published.value.isoformat() if article.published.value else None
    content = quote.content
    if rest:
        end = rest[-1].content.end
        content = Span(content.start, end, article.text[content.start : end])
    parts = [q.content.text for q in (quote, *rest)]
    said = _rejoined(list(map(display_text, parts))) if quote.direct else _paraphrase(_rejoined(parts))
    if quote.gap is not None and not quote.direct:
        # the subject a relative clause's words leave out, put back as an editor does: "[something] is
        # possible" for "something Sanders aides argue is possible"
        said = f"[{' '.join(quote.gap.text.split())}] {said}"
    return CitedQuote(
        said,
        quote.kind,
        article.id,
        article.outlet,
        published,
        content,
        quote.source,
        cue=quote.cue,
        polarity=quote.polarity,
        direct=quote.direct,
        speaker_kind=quote.speaker_kind,
        speaker_confidence=quote.speaker_confidence,
    )


# Words that open an introductory phrase or clause, whose comma the sentence keeps
_INTRODUCING_WORDS = """
    like unlike as after before although though because since if when while unless until despite with
    without in on for under given by"""
_INTRODUCING = frozenset(_INTRODUCING_WORDS.split())


def _rejoined(parts: Sequence[str]) -> str:
    """The halves of a sentence an attribution interrupts, joined as the sentence reads: with its comma
    after an introductory phrase ("Like his comments about Mr. Curiel, [Mr. Graham said,] Mr. Trump's
    jabs ... were entirely unacceptable"), without one after a subject ("many of the prisons, [she
    said,] are aging")."""
    text = parts[0]
    introduced = text.strip(QUOTE_MARKS).split(" ", 1)[0].lower() in _INTRODUCING
    for part in parts[1:]:
        text = f"{text.rstrip(TRAILING)}, {part}" if introduced else f"{text} {part}"
    return text


def _paraphrase(content: str) -> str:
    """A paraphrase as written, its own quoted words kept in their marks (a mark left open where
    the content ends is closed)."""
    text = " ".join(content.strip().rstrip(TRAILING).split())
    marks = [c for c in text if c in '“”"']
    if len(marks) % 2 and marks[-1] in '“"':
        text += "”" if marks[-1] == "“" else '"'
    return text
