"""Direct quotations in eight languages besides English (issue 20's first layer): es, fr, de, it, nl,
ru, uk, tr, each found by that language's quotation marks and a speech verb next to the quotation.

A quotation is the words between one pair of marks (« », „ “, „ ”, “ ”, » «, ‚ ‘, or straight
marks) in one paragraph; it is kept as a quote only when a speech verb of the article's language stands
in its sentence, within a few words before the opening mark ('erklärte er: „...“') or after the
closing one ('«...», afirmó'). The speaker is the named person (else organisation) of the sentence
nearest the verb, as the entity mentions found it; with none, the quote keeps no speaker and says why.
Paraphrase ('dijo que ...') is not read: it needs the language's grammar.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from storyline.models import Mention, Quote, Sentence, Span

__all__ = ["LANGUAGES", "find_foreign_quotes"]

# Speech verbs, in the forms news uses (past and present, third person), one regex alternative each.
_VERBS: dict[str, str] = {
    "es": r"dijo|dice|afirmó|afirma|declaró|aseguró|asegura|señaló|explicó|añadió|agregó|subrayó|indicó|"
    r"advirtió",
    "fr": r"a-t-(?:il|elle) (?:dit|déclaré|affirmé|ajouté|expliqué|souligné|assuré)|a (?:dit|déclaré|affirmé|"
    r"ajouté|expliqué|souligné|assuré)|déclare|affirme|dit|estime|explique",
    "de": r"sagte|sagt|erklärte|erklärt|betonte|betont|fügte|warnte|versicherte|meinte|so",
    "it": r"ha (?:detto|dichiarato|affermato|spiegato|aggiunto|sottolineato|concluso)|dice|afferma|dichiara",
    "nl": r"zei|zegt|verklaarde|verklaart|stelde|benadrukte|voegde|aldus|zo",
    "ru": r"сказал[аио]?|заявил[аио]?|отметил[аио]?|добавил[аио]?|подчеркнул[аио]?|говорит|заявляет|"
    r"сообщил[аио]?",
    "uk": r"сказав|сказала|заявив|заявила|зазначив|зазначила|додав|додала|наголосив|наголосила|повідомив|"
    r"повідомила|каже",
    "tr": r"dedi|diyor|söyledi|açıkladı|ifade etti|belirtti|vurguladı|kaydetti",
}
LANGUAGES = frozenset(_VERBS)
_PAIRS = (("«", "»"), ("„", "“"), ("„", "”"), ("“", "”"), ("»", "«"), ("‚", "‘"), ("‘", "’"), ('"', '"'))
_QUOTATION = re.compile(
    "|".join(
        f"{re.escape(o)}(?P<q{i}>[^{re.escape(o + c)}\\n]{{2,}}?){re.escape(c)}"
        for i, (o, c) in enumerate(_PAIRS)
    )
)
_NEAR = 60  # characters either side of the quotation where its verb may stand (a few words)


@cache
def _verb(code: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_VERBS[code]})(?!\w)", re.IGNORECASE)


def _sentence_of(sentences: Sequence[Sentence], start: int, end: int, text: str) -> tuple[int, int]:
    """The stretch of the sentences the quotation overlaps (the paragraph when no sentence does)."""
    touching = [s for s in sentences if s.start < end and s.end > start]
    if touching:
        return min(min(t.start for t in touching), start), max(max(t.end for t in touching), end)
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right < 0 else right


def _cue(text: str, code: str, start: int, end: int, bounds: tuple[int, int]) -> re.Match[str] | None:
    """The speech verb nearest the quotation, inside its sentence: after it first, then before."""
    after = _verb(code).search(text, end, min(bounds[1], end + _NEAR))
    if after:
        return after
    before = list(_verb(code).finditer(text, max(bounds[0], start - _NEAR), start))
    return before[-1] if before else None


def _speaker(
    mentions: Sequence[Mention], bounds: tuple[int, int], quote: tuple[int, int], cue: Span
) -> Mention | None:
    """The named person (else organisation) of the sentence, outside the quotation and its verb (an
    English tagger reads 'afirmó ayer' as a name), nearest the verb."""
    outside = [
        m
        for m in mentions
        if bounds[0] <= m.start
        and m.end <= bounds[1]
        and (m.end <= quote[0] or m.start >= quote[1])
        and (m.end <= cue.start or m.start >= cue.end)
    ]
    for kind in ("person", "organisation"):
        named = [m for m in outside if m.kind == kind]
        if named:
            return min(named, key=lambda m: abs(m.start - cue.start))
    return None


def find_foreign_quotes(
    text: str, code: str, article_id: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> list[Quote]:
    """The direct quotations of ``text`` in language ``code`` that a speech verb attributes."""
    if code not in _VERBS:
        return []
    quotes = []
    for match in _QUOTATION.finditer(text):
        name = next(k for k, v in match.groupdict().items() if v is not None)
        words = match.group(name)
        start = match.start(name) + len(words) - len(words.lstrip())  # « Nous ... »: the spaces are not said
        end = match.end(name) - len(words) + len(words.rstrip())
        bounds = _sentence_of(sentences, match.start(), match.end(), text)
        cue = _cue(text, code, match.start(), match.end(), bounds)
        if cue is None:
            continue  # a title, a term or a name in quotation marks: nobody is said to speak
        verb = Span(cue.start(), cue.end(), cue.group(0))
        speaker = _speaker(mentions, bounds, (match.start(), match.end()), verb)
        quotes.append(
            Quote(
                article_id,
                "direct",
                Span(start, end, text[start:end]),
                verb,
                Span(speaker.start, speaker.end, speaker.text) if speaker else None,
                speaker=speaker.text if speaker else None,
                unresolved=None if speaker else "no named person or organisation in the quotation's sentence",
                speaker_kind=None
                if speaker is None
                else "person"
                if speaker.kind == "person"
                else "organisation",
                speaker_confidence=0.5 if speaker else 0.0,  # the nearest name, with no parse to confirm it
                direct=True,
            )
        )
    return quotes
