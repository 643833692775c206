"""Slots and their values, read from the dependency parse of the sentences that state them.

A slot is what a value is about: the day the talks start (a date under the predicate "start" whose
subject is "talks"), the number of people killed (a number on "people" under "kill"), where a dated
happening takes place, a person's age, who holds a sole-holder role of a named body. The date of a
statement ("said on Monday") is not a slot. ``compose.conflicts`` compares the values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from storyline.annotate.nlp import load_nlp
from storyline.compose.claims import SYNONYMS, article_times, ascii_fold
from storyline.models import AnnotatedArticle, Sentence

_REPORTING = {"say", "tell", "state", "announce", "report", "add", "confirm", "claim", "write", "quote"}
_EVENT_NOUNS = {"talk", "negotiation", "discussion", "meeting", "round", "session", "summit", "conference"}
_DATE_VERBS = {
    "start": "start", "begin": "start", "resume": "start", "open": "start", "continue": "start",
    "hold": "start", "take": "start", "meet": "start", "convene": "start", "commence": "start",
}
_HEDGES = re.compile(
    r"\b(at least|more than|over|about|around|nearly|almost|up to|some|approximately|roughly|"
    r"possibly|as many as|as much as|less than|fewer than|under|between)\s*\W*$",
    re.IGNORECASE,
)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
# Roles one person holds at a time in a named body; "official" or "counterpart" have many holders.
_SOLE_HOLDER_TITLES = {
    "president", "minister", "spokesman", "spokeswoman", "spokesperson", "secretary", "chancellor",
    "king", "queen", "governor", "mayor", "chief", "head", "leader", "director", "chairman",
    "chairwoman", "commissioner", "ambassador", "coach", "manager", "captain", "premier", "pope",
    "ceo", "owner", "sheriff", "prosecutor",
}
_BODY_LABELS = {"ORG", "GPE", "NORP", "LOC", "FAC"}
_TITLE_BEFORE = re.compile(r"(\b[a-z]{3,}|,) $")
# Verbs too general to say what a number counts ("had 176", "made 88").
_LIGHT_VERBS = {
    "be", "have", "get", "make", "give", "take", "do", "include", "reach", "face", "point", "see",
    "show", "average", "improve", "house", "carry", "go", "come", "put", "keep", "hit", "score",
}
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class SlotValue:
    """One statement of a value for a slot, with the sentence that makes it."""

    slot: tuple[str, str, str]  # (kind, subject, predicate)
    label: str  # a readable slot name
    value: str  # normalised: ISO day, or a number without separators
    shown: str  # the value as a reader should see it
    hedged: bool
    sentence: Sentence
    outlet: str | None
    day: str | None = None  # for a place: the day of the happening it locates


def slot_values(articles: Sequence[AnnotatedArticle]) -> list[SlotValue]:
    """Every date and number slot stated in ``articles``; only sentences holding a value are parsed."""
    nlp = load_nlp()
    jobs = []
    for annotated in articles:
        times = article_times(annotated)
        for sentence in annotated.sentences:
            days = [t for t in times if sentence.start <= t.start < sentence.end and _is_day(t.value)]
            if days or re.search(r"\d", sentence.text) or _titled_person(annotated, sentence):
                jobs.append((annotated, sentence, days))
    found: list[SlotValue] = []
    docs = nlp.pipe((s.text for _, s, _ in jobs), batch_size=32)
    for (annotated, sentence, days), doc in zip(jobs, docs, strict=True):
        outlet = annotated.article.outlet
        found.extend(_date_slots(doc, sentence, days, outlet))
        found.extend(_number_slots(doc, sentence, outlet))
        found.extend(_age_slots(doc, sentence, outlet))
        found.extend(_name_slots(doc, sentence, outlet))
    return found


def _titled_person(annotated: AnnotatedArticle, sentence: Sentence) -> bool:
    """A person named right after a lower-case title word or a comma: a role may be stated."""
    text = annotated.article.text
    return any(
        m.label == "PERSON"
        and sentence.start <= m.start < sentence.end
        and _TITLE_BEFORE.search(text[max(sentence.start, m.start - 40) : m.start])
        for m in annotated.mentions
    )


def _is_day(value: str) -> bool:
    if not _ISO.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _date_slots(doc: Any, sentence: Sentence, times: Iterable[Any], outlet: str | None) -> list[SlotValue]:
    out = []
    for time in times:
        span = doc.char_span(time.start - sentence.start, time.end - sentence.start, alignment_mode="expand")
        slot = _predicate_slot(span.root) if span is not None else None
        if slot is None:
            continue
        subject, predicate, label, verb = slot
        shown = f"{time.value} ({weekday_name(time.value)}, \"{time.text}\")"
        out.append(SlotValue(("date", subject, predicate), label, time.value, shown, False, sentence, outlet))
        place = _place_of(verb) if predicate == "start" else None
        if place is not None:
            key, where = ("place", subject, predicate), f"place of the {subject}s"
            folded = ascii_fold(place.lower())
            out.append(SlotValue(key, where, folded, place, False, sentence, outlet, time.value))
    return out


def _place_of(verb: Any) -> str | None:
    """The place a happening is located in: "start in Turkey", "take place ... in Istanbul"."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in PLACE_LABELS:
                    entity = [t for t in obj.subtree if t.ent_type_ == obj.ent_type_]
                    return " ".join(t.text for t in entity)
    return None


def weekday_name(iso: str) -> str:
    return _WEEKDAY_NAMES[date.fromisoformat(iso).weekday()]


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


def _number_slots(doc: Any, sentence: Sentence, outlet: str | None) -> list[SlotValue]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in _NUMBER_LABELS:
            continue
        value = _number(ent.text)
        slot = _counted_slot(ent)
        if value is None or slot is None:
            continue
        subject, predicate, label = slot
        hedged = bool(_HEDGES.search(doc.text[: ent.start_char])) or bool(
            re.match(r"\W*(at least|some|about|nearly|more than|over|up to)\b", ent.text, re.IGNORECASE)
        )
        out.append(
            SlotValue(("number", subject, predicate), label, value, ent.text, hedged, sentence, outlet)
        )
    return out


def _age_slots(doc: Any, sentence: Sentence, outlet: str | None) -> list[SlotValue]:
    """"Arcade Joseph Comeaux Jr., 49,": the age of a named person (NER calls it a DATE)."""
    out = []
    for token in doc:
        if token.dep_ != "appos" or token.head.pos_ != "PROPN" or not token.text.isdigit():
            continue
        after = doc[token.i + 1 : token.i + 2].text
        if token.i == 0 or doc[token.i - 1].text != "," or after not in (",", ""):
            continue  # only ", 49," stands for an age; "(45-7-2)" is a record
        person = _named(token.head)
        if person and int(token.text) < 120:
            key, age = ("number", "age", person.lower()), token.text
            out.append(SlotValue(key, f"age of {person}", age, age, False, sentence, outlet))
    return out


def _name_slots(doc: Any, sentence: Sentence, outlet: str | None) -> list[SlotValue]:
    """"Kremlin spokesman Dmitry Peskov": who holds a role of a named body, as one article says."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        role = _role_of(ent.root)
        if role is None:
            continue
        title, body = role
        surname = ascii_fold(ent[-1].text.lower())
        key, label = ("name", title, body), f"{body} {title}".strip()
        out.append(SlotValue(key, label, surname, ent.text, False, sentence, outlet))
    return out


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


def _number(text: str) -> str | None:
    match = re.search(r"\d+(?:[.,]\d+)*", text)
    # "36-3" is a record or a score, "000" the tail of a split "36 , 000": neither is one count.
    if match is None or match.group(0).startswith("0") or re.search(r"\d\s*[-–]\s*\d", text):
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
    actor = _named(_subject(verb))
    label = f"number of {thing} ({actor + ' ' if actor else ''}{verb.lemma_})"
    return thing, f"{_fold(verb.lemma_)}|{actor.lower()}", label


def _named(subject: Any | None) -> str:
    """The subject's name when it is a proper noun, else nothing: "the blast" and "the bomb" agree."""
    if subject is None or subject.pos_ != "PROPN":
        return ""
    return " ".join(t.text for t in subject.subtree if t.pos_ == "PROPN")
