"""Attributes written beside a person's name: age, home town, win-loss record.

"Anthony Phillip LaSalle, 36, of Bloomington", "61-year-old Sharron Diane Crawford Smith",
"Wladimir Klitschko (52-3, 46 KOs)": news writes these in a fixed shape right next to the name, so
they are read from the text around each PERSON mention, not from the parse. The person is the actor
the actors stage merged the mention into (its id), else the folded name: two articles giving one
person two ages, two home towns or two records disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from storyline.compose.slots import SlotValue, held_by
from storyline.models import AnnotatedArticle, Mention, Sentence
from storyline.text import ascii_fold

_AFTER_AGE = re.compile(r"\s*(?:,|\()\s*(?:age[ds]?\s+)?(\d{1,3})\s*(?:,|\)|$)")
_AFTER_RECORD = re.compile(r"\s*(?:,|\()\s*(\d{1,3}-\d{1,3}(?:-\d{1,3})?)\b")
_AFTER_HOME = re.compile(
    r"\s*,\s*(?:\d{1,3}\s*,\s*)?of\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)(?=\s*[,.;]|\s+(?:was|is|has|had|who|and)\b)"
)
_BEFORE_AGE = re.compile(r"\b(\d{1,3}|[A-Za-z]+(?:-[a-z]+)?)-year-old\s+(?:[a-z][\w-]*\s+){0,2}$")
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}


def attribute_values(articles: Sequence[AnnotatedArticle]) -> list[SlotValue]:
    """Every age, home town and record written beside a person's name in ``articles``."""
    out: list[SlotValue] = []
    for annotated in articles:
        for sentence in annotated.sentences:
            for mention in annotated.mentions:
                if mention.label == "PERSON" and sentence.start <= mention.start < sentence.end:
                    out.extend(_attributes(annotated, sentence, mention))
    return out


def _attributes(annotated: AnnotatedArticle, sentence: Sentence, mention: Mention) -> Iterator[SlotValue]:
    text = annotated.article.text
    after = text[mention.end : sentence.end]
    before = text[max(sentence.start, mention.start - 40) : mention.start]
    person = mention.actor_id or ascii_fold(mention.text.lower())
    name = mention.text
    age = _AFTER_AGE.match(after)
    if age and int(age.group(1)) < 120:
        yield from _held(annotated, sentence, ("number", f"age|{person}"), f"age of {name}", age.group(1),
                         mention.end + age.start(1))
    young = _BEFORE_AGE.search(before)
    years = _years(young.group(1)) if young else None
    if young and years is not None and years < 120:
        yield from _held(annotated, sentence, ("number", f"age|{person}"), f"age of {name}", str(years),
                         mention.start - len(before) + young.start(1), shown=young.group(1))
    record = _AFTER_RECORD.match(after)
    if record:
        yield from _held(annotated, sentence, ("number", f"record|{person}"), f"record of {name}",
                         record.group(1), mention.end + record.start(1))
    home = _AFTER_HOME.match(after)
    if home:
        place = home.group(1)
        yield from _held(annotated, sentence, ("place", f"home|{person}"), f"home town of {name}",
                         ascii_fold(place.lower()), mention.end + home.start(1), shown=place)


def _years(word: str) -> int | None:
    """ "61" → 61, "Sixty" → 60, "sixty-one" → 61; None for other words."""
    if word.isdigit():
        return int(word)
    parts = word.lower().split("-")
    if len(parts) == 1:
        return _TENS.get(parts[0], _UNITS.get(parts[0]))
    tens, unit = _TENS.get(parts[0]), _UNITS.get(parts[1])
    return tens + unit if tens is not None and unit is not None and unit < 10 else None


def _held(
    annotated: AnnotatedArticle,
    sentence: Sentence,
    slot: tuple[str, str],
    label: str,
    value: str,
    at: int,
    shown: str | None = None,
) -> Iterator[SlotValue]:
    stated = SlotValue(
        (slot[0], slot[1], "attribute"), label, value, shown or value, False, sentence,
        annotated.article.outlet, at=at,
    )
    held = held_by(stated, annotated)
    if held is not None:
        yield held
