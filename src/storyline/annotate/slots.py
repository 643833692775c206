"""Slots read from the dependency parse while the article's parse is at hand.

A slot is what a value is about: the day the talks start (a date under the predicate "start" whose
subject is "talks"), the number of people killed (a number on "people" under "kill"), where a dated
happening takes place, a person's age, who holds a sole-holder role of a named body. The date of a
statement ("said on Monday") is not a slot. ``compose.conflicts`` compares the values; reading them
here spares compose a second parse of every sentence that holds a number, a day or a titled person.

The readers take a spaCy span and ``shift``, the article offset of its doc's first character: 0 for
the article's own doc, the sentence's start for a doc parsed from one sentence alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storyline.annotate.token_arrays import picked
from storyline.models import Mention, Sentence, Slot, TimeExpression
from storyline.text import SYNONYMS, ascii_fold

_REPORTING = {"say", "tell", "state", "announce", "report", "add", "confirm", "claim", "write", "quote"}
_EVENT_NOUNS = {"talk", "negotiation", "discussion", "meeting", "round", "session", "summit", "conference"}
_DATE_VERBS = {
    "start": "start",
    "begin": "start",
    "resume": "start",
    "open": "start",
    "continue": "start",
    "hold": "start",
    "take": "start",
    "meet": "start",
    "convene": "start",
    "commence": "start",
}
HEDGES = re.compile(
    r"\b(at least|more than|over|about|around|nearly|almost|up to|some|approximately|roughly|"
    r"possibly|as many as|as much as|less than|fewer than|under|between)\s*\W*$",
    re.IGNORECASE,
)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Roles one person holds at a time in a named body; "official" or "counterpart" have many holders.
_SOLE_HOLDER_TITLES = {
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "chancellor",
    "king",
    "queen",
    "governor",
    "mayor",
    "chief",
    "head",
    "leader",
    "director",
    "chairman",
    "chairwoman",
    "commissioner",
    "ambassador",
    "coach",
    "manager",
    "captain",
    "premier",
    "pope",
    "ceo",
    "owner",
    "sheriff",
    "prosecutor",
}
_BODY_LABELS = {"ORG", "GPE", "NORP", "LOC", "FAC"}
_TITLE_BEFORE = re.compile(r"(\b[a-z]{3,}|,) $")
# Verbs too general to say what a number counts ("had 176", "made 88").
_LIGHT_VERBS = {
    "be",
    "have",
    "get",
    "make",
    "give",
    "take",
    "do",
    "include",
    "reach",
    "face",
    "point",
    "see",
    "show",
    "average",
    "improve",
    "house",
    "carry",
    "go",
    "come",
    "put",
    "keep",
    "hit",
    "score",
}
_DIGIT = re.compile(r"\d")
# compiled once here rather than looked up in ``re``'s cache on every call
_HEDGED_NUMBER = re.compile(r"\W*(at least|some|about|nearly|more than|over|up to)\b", re.IGNORECASE)
_AFTERSHOCK = re.compile(r"aftershock|tremors? of", re.IGNORECASE)
_HEDGED_MAGNITUDE = re.compile(r"at least|about|around", re.IGNORECASE)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_RANGE = re.compile(r"\d\s*[-–]\s*\d")


def worth_reading(
    text: str, sentence: Sentence, times: Sequence[TimeExpression], mentions: Sequence[Mention]
) -> bool:
    """A sentence can state a slot only with a time expression, a digit or a titled person in it."""
    if any(sentence.start <= t.start < sentence.end for t in times) or _DIGIT.search(sentence.text):
        return True
    return any(
        m.label == "PERSON"
        and sentence.start <= m.start < sentence.end
        and _TITLE_BEFORE.search(text[max(sentence.start, m.start - 40) : m.start])
        for m in mentions
    )


def read_slots(
    text: str,
    doc: Any,
    sentences: Iterable[Sentence],
    times: Sequence[TimeExpression],
    mentions: Sequence[Mention],
    shift: int = 0,
) -> Iterator[Slot]:
    """The slots the ``sentences`` of ``doc`` state; ``doc`` holds the article from offset ``shift``."""
    entities = list(doc.ents)  # once: a span's ``ents`` walks the whole doc's entities each time
    # entities never overlap and come in order: a sentence's are one run of them, found by bisection
    starts, ends = [e.start for e in entities], [e.end for e in entities]
    appositions = picked(doc, DEP=["appos"])  # the only tokens that can state an age
    for sentence in sentences:
        if not worth_reading(text, sentence, times, mentions):
            continue
        span = doc.char_span(sentence.start - shift, sentence.end - shift, alignment_mode="expand")
        if span is None:
            continue
        inside = [t for t in times if sentence.start <= t.start < sentence.end and t.type == "DATE"]
        ents = entities[bisect_left(starts, span.start) : bisect_right(ends, span.end)]
        yield from _date_slots(span, sentence, inside, shift)
        yield from _number_slots(span, ents, sentence)
        apposed = appositions[bisect_left(appositions, span.start) : bisect_left(appositions, span.end)]
        yield from _age_slots(span, [span.doc[i] for i in apposed], sentence)
        yield from _magnitude_slots(sentence)
        yield from _name_slots(ents, sentence)


def _date_slots(sent: Any, sentence: Sentence, times: Iterable[TimeExpression], shift: int) -> Iterator[Slot]:
    for time in times:
        span = sent.doc.char_span(time.start - shift, time.end - shift, alignment_mode="expand")
        slot = _predicate_slot(span.root) if span is not None else None
        if slot is None:
            continue
        subject, predicate, label, verb = slot
        where = (sentence.start, sentence.end, time.start, time.end)
        yield Slot("date", subject, predicate, label, "", time.text, False, *where)
        place = _place_of(verb) if predicate == "start" else None
        if place is not None:
            folded = ascii_fold(place.lower())
            yield Slot("place", subject, predicate, f"place of the {subject}s", folded, place, False, *where)


def _place_of(verb: Any) -> str | None:
    """The place a happening is located in: "start in Turkey", "take place ... in Istanbul"."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in PLACE_LABELS:
                    entity = [t for t in obj.subtree if t.ent_type_ == obj.ent_type_]
                    return " ".join(t.text for t in entity)
    return None


def _predicate_slot(token: Any) -> tuple[str, str, str, Any] | None:
    """(subject, predicate, label, verb) of the happening a date dates; None for a statement's date."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ in _REPORTING:
        return None
    subject = _subject(verb)
    if subject is None:
        return None
    noun = _fold(subject.lemma_.lower())
    predicate = _DATE_VERBS.get(verb.lemma_, verb.lemma_) if noun in _EVENT_NOUNS else verb.lemma_
    if noun in _EVENT_NOUNS and predicate != "start":
        return None
    label = f"start date of the {noun}s" if predicate == "start" else f"date {noun} {verb.lemma_}"
    return noun, predicate, label, verb


def _subject(verb: Any) -> Any | None:
    """The subject of ``verb``, looking through "are likely to start" and "the next round of talks"."""
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return _through_of(subjects[0])
        if verb.dep_ not in ("xcomp", "acomp", "conj", "advcl") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _through_of(noun: Any) -> Any:
    # "the next round of talks": the talks are the subject, "round" only counts them.
    if noun.lemma_.lower() in ("round", "session", "start", "part"):
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return noun


def _fold(word: str) -> str:
    folded = SYNONYMS.get(word, word)
    return "talk" if folded in _EVENT_NOUNS or folded == "talks" else folded


def _number_slots(sent: Any, ents: Sequence[Any], sentence: Sentence) -> Iterator[Slot]:
    for ent in ents:
        if ent.label_ not in _NUMBER_LABELS:
            continue
        value = number_value(ent.text)
        slot = _counted_slot(ent)
        if value is None or slot is None:
            continue
        subject, predicate, label = slot
        hedged = bool(HEDGES.search(sent.text[: ent.start_char - sent.start_char])) or bool(
            _HEDGED_NUMBER.match(ent.text)
        )
        yield Slot("number", subject, predicate, label, value, ent.text, hedged, sentence.start, sentence.end)


def _age_slots(sent: Any, apposed: Sequence[Any], sentence: Sentence) -> Iterator[Slot]:
    """ "Arcade Joseph Comeaux Jr., 49,": the age of a named person (NER calls it a DATE), stated by
    one of ``apposed``, the appositions of ``sent`` in order."""
    doc = sent.doc
    for token in apposed:
        if token.head.pos_ != "PROPN" or not token.text.isdigit():
            continue
        after = doc[token.i + 1].text if token.i + 1 < sent.end else ""
        if token.i == sent.start or doc[token.i - 1].text != "," or after not in (",", ""):
            continue  # only ", 49," stands for an age; "(45-7-2)" is a record
        person = _named(token.head)
        if person and int(token.text) < 120:
            age = token.text
            yield Slot(
                "number",
                "age",
                person.lower(),
                f"age of {person}",
                age,
                age,
                False,
                sentence.start,
                sentence.end,
            )


# "a magnitude of 5.6", "magnitude-5.9", "a 6.1-magnitude quake", "measuring 6.0", "5.2 on the Richter
# scale": the strength of a quake, which agencies often state differently. Aftershocks are other quakes.
_MAGNITUDE = re.compile(
    r"(?:\bmagnitude(?:\s+(?:of|at))?|\bmeasur(?:ing|ed)(?:\s+at\s+least|\s+about|\s+around)?(?:\s+magnitude)?)"
    r"\s*[-–]?\s*(?P<after>[1-9]\.\d)\b(?!\s*[-–]?\s*\d)"
    r"|(?<![\d.])(?P<before>[1-9]\.\d)\s*[-–]?\s*(?:magnitude\b|on the Richter)",
    re.IGNORECASE,
)


def _magnitude_slots(sentence: Sentence) -> Iterator[Slot]:
    text = sentence.text
    if _AFTERSHOCK.search(text):
        return
    for match in _MAGNITUDE.finditer(text):
        value = match.group("after") or match.group("before")
        hedged = bool(HEDGES.search(text[: match.start()])) or bool(
            _HEDGED_MAGNITUDE.search(match.group(0))
        )
        yield Slot(
            "number", "magnitude", "quake", "magnitude of the quake", f"{float(value):g}", value, hedged,
            sentence.start, sentence.end,
        )


def _name_slots(ents: Sequence[Any], sentence: Sentence) -> Iterator[Slot]:
    """ "Kremlin spokesman Dmitry Peskov": who holds a role of a named body, as one article says."""
    for ent in ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        role = _role_of(ent.root)
        if role is None:
            continue
        title, body = role
        surname = ascii_fold(ent[-1].text.lower())
        label = f"{body} {title}".strip()
        yield Slot("name", title, body, label, surname, ent.text, False, sentence.start, sentence.end)


def _role_of(person: Any) -> tuple[str, str] | None:
    """(title, body) from "Kremlin spokesman X" or "X, the Kremlin spokesman"; None without a body."""
    titles = [c for c in person.children if c.dep_ in ("compound", "appos") and c.pos_ == "NOUN"]
    if not titles and person.dep_ == "appos" and person.head.pos_ == "NOUN":
        titles = [person.head]
    for title in titles:
        if title.lemma_.lower() not in _SOLE_HOLDER_TITLES:
            continue
        body = [
            ascii_fold(c.text.lower())
            for c in title.children
            if c.dep_ in ("compound", "nmod", "amod", "poss") and c.ent_type_ in _BODY_LABELS
        ]
        if body:
            return title.lemma_.lower(), " ".join(body)
    return None


def number_value(text: str) -> str | None:
    """A count written in ``text`` without separators ("12,000" → "12000"); None for years, records."""
    match = _DIGITS.search(text)
    # "36-3" is a record or a score, "000" the tail of a split "36 , 000": neither is one count.
    if match is None or match.group(0).startswith("0") or _NUMBER_RANGE.search(text):
        return None
    digits = match.group(0).replace(",", "")
    if digits.count(".") > 1:
        return None  # "2018.04.05" is a date, "1.2.3" a version: not a count
    value = float(digits)
    for word, scale in _SCALE.items():
        if word in text.lower():
            value *= scale
    if 1900 <= value <= 2100 and "$" not in text:
        return None  # a year, not a count
    return f"{value:g}"


def _counted_slot(ent: Any) -> tuple[str, str, str] | None:
    """(noun, verb, label) for "killed 20 people": the thing counted and what happened to it.

    A named subject is part of the slot: "Smith ran 176 yards" and "Jones ran 189 yards" are two slots.
    """
    root = ent.root
    noun = root.head if root.dep_ in ("nummod", "quantmod", "compound") else root
    if noun.pos_ not in ("NOUN", "SYM") or (noun.i == root.i and root.dep_ not in ("dobj", "nsubj")):
        return None
    if noun.head.lower_ == "of":
        return None  # "10 of the 16 games": 16 is the whole, not the count
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ in _REPORTING or verb.lemma_ in _LIGHT_VERBS:
        return None
    thing = "money" if ent.label_ == "MONEY" else noun.lemma_.lower()
    subject = _subject(verb)
    if subject is not None and subject.tag_ == "PRP":
        # "he would need to win 55 percent" and "all he has to do is win 91 percent": two people, maybe;
        # whom a pronoun stands for is not read here, so the count is no slot two sentences can share
        return None
    actor = _named(subject)
    label = f"number of {thing} ({actor + ' ' if actor else ''}{verb.lemma_})"
    return thing, f"{_fold(verb.lemma_)}|{actor.lower()}", label


def _named(subject: Any | None) -> str:
    """The subject's name when it is a proper noun, else nothing: "the blast" and "the bomb" agree."""
    if subject is None or subject.pos_ != "PROPN":
        return ""
    return " ".join(t.text for t in subject.subtree if t.pos_ == "PROPN")
