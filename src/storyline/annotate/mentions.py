"""Named-entity mentions from spaCy's NER, with general corrections of its usual mistakes.

The small English model often tags an unfamiliar place as a person ("in Kryvyi Rih"), folds a title
into a name ("President Vladimir Putin") and keeps a possessive ("Zelensky's"). Each correction below
is a general rule on the document, never a list of names.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from storyline.annotate.roles import HONORIFICS, TITLE_NOUNS, roles_of
from storyline.models import ActorKind, Mention

KINDS: dict[str, ActorKind] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
NAMED_LABELS = frozenset(KINDS) | {"EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
# Words before a name that say it is a place: "in Kherson", "the city of Mariupol".
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|near|outside|across|around|into|inside|throughout|towards?)|"
    r"\b(?:city|town|village|region|province|port|capital|suburb|district|oblast) of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Words after a name that say it is a place: "Kherson region", "Donetsk Oblast".
_PLACE_AFTER = re.compile(
    r"^\s+(?:region|oblast|province|city|county|district|airport|port|border|state)\b", re.IGNORECASE
)
# Platforms people post on: the small model tags them as people ("on Twitter"); they are companies.
_PLATFORMS_WORDS = """
    twitter facebook instagram telegram youtube tiktok whatsapp snapchat linkedin reddit weibo wechat
    vkontakte threads bluesky mastodon parler gab rumble substack"""
PLATFORMS = frozenset(_PLATFORMS_WORDS.split()) | {"truth social"}
# An apposition naming what kind of organisation a name is: "Ukrtelecom, Ukraine's largest provider,".
_ORGANISATION_NOUNS = """
    company firm provider operator carrier maker manufacturer producer supplier retailer bank lender
    insurer airline broadcaster network newspaper agency group giant conglomerate utility startup
    start-up subsidiary chain brand"""
_ORGANISATION_APPOSITION = re.compile(
    r"^,\s+(?:the\s+|a\s+|an\s+|[\w.’'-]+['’]s\s+)?(?:[\w.-]+\s+){0,4}?(?:"
    + "|".join(_ORGANISATION_NOUNS.split())
    + r")(?:\s*[,.;:]|\s*$|\s+(?:of|in|for|based|from|with|that|which|owned|and)\b)",
    re.IGNORECASE,
)
# Labels NER gives a name it does not place; one with a person's role beside it is a person.
_UNPLACED = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})
_TRAILING = " ,;:'\"`“”‘’«»"
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def _trim_title(ent: Any) -> Any:
    """Drop titles, honorifics and nationality words folded into the front of a person's name."""
    span = ent
    while len(span) > 1:
        first = span[0]
        low = first.lower_.rstrip(".")
        if low in {t.rstrip(".") for t in TITLE_NOUNS} | {h.rstrip(".") for h in HONORIFICS} or (
            first.ent_type_ == "NORP" or first.is_lower
        ):
            span = span[1:]
        else:
            break
    return span


def _bounds(ent: Any) -> tuple[int, int]:
    span = _trim_title(ent) if ent.label_ == "PERSON" else ent
    text = span.text  # offsets below are relative to the span: Doc.text is rebuilt on each access
    low, high = 0, len(text)
    possessive = _POSSESSIVE.search(text)
    if possessive and possessive.start() > 0:
        high = possessive.start()
    if text.lower().startswith("the ") and ent.label_ != "WORK_OF_ART":
        low = 4
    # stray quotation marks and punctuation NER sweeps into a name ("`` General Motors")
    while low < high and not text[low].isalnum():
        low += 1
    while high > low and text[high - 1] in _TRAILING:
        high -= 1
    return span.start_char + low, span.start_char + high


def _place_names(doc: Any) -> set[str]:
    return {ent.text.lower() for ent in doc.ents if KINDS.get(ent.label_) == "place"}


def _looks_like_place(text: str, start: int, end: int, places: set[str]) -> bool:
    if text[start:end].lower() in places:
        return True
    return bool(
        _PLACE_BEFORE.search(text[max(0, start - 40) : start]) or _PLACE_AFTER.match(text[end : end + 20])
    )


def _surnames(doc: Any) -> set[str]:
    return {ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}


def _label(text: str, ent: Any, span: tuple[int, int], places: set[str], surnames: set[str]) -> str:
    """The corrected label: a platform, or a name with an apposition saying it is a company ("...,
    Ukraine's largest Internet provider,"), is an organisation; a person-tagged name that reads as a place
    becomes a place; a name NER took for a title or product with a person's role beside it is a
    person; and a lone word tagged as a place or organisation that is the surname of a person named
    in full becomes that person ("Zelenskyy thanked ..." after "Volodymyr Zelenskyy")."""
    start, end = span
    if text[start:end].lower() in PLATFORMS:
        return "ORG"
    apposition = text[end : end + 100]
    if ent.label_ in ("GPE", "LOC", "FAC", "PERSON") and _ORGANISATION_APPOSITION.match(apposition):
        return "ORG"  # "Ukrtelecom, Ukraine's largest Internet provider," read by NER as a place
    if ent.label_ == "PERSON" and _looks_like_place(text, start, end, places):
        return "GPE"
    if ent.label_ in _UNPLACED and all(t.pos_ == "PROPN" for t in ent) and roles_of(text, start, end):
        return "PERSON"  # "Oleksandr Vilkul, the top official in ...", read by NER as a title
    lone = " " not in text[start:end].strip()
    if ent.label_ in ("GPE", "ORG", "LOC") and lone and text[start:end].lower() in surnames:
        before = text[max(0, start - 40) : start]
        return str(ent.label_) if _PLACE_BEFORE.search(before) else "PERSON"
    return str(ent.label_)


def find_mentions(doc: Any, article_id: str) -> list[Mention]:
    """The named mentions of people, organisations, places, groups and other names in ``doc``."""
    surnames = _surnames(doc)
    places = _place_names(doc) - surnames  # NER's "Podolyak" as a place must not make Podolyak one
    text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in NAMED_LABELS:
            continue
        start, end = _bounds(ent)
        if end <= start or not text[start:end].strip():
            continue
        label = _label(text, ent, (start, end), places, surnames)
        mentions.append(Mention(article_id, start, end, text[start:end], label, KINDS.get(label, "other")))
    return _agree_on_places(mentions)


def _agree_on_places(mentions: list[Mention]) -> list[Mention]:
    """A name read as a place once (by NER or by a rule) is a place wherever it stands in the article."""
    places = {m.text.lower() for m in mentions if m.kind == "place"}
    return [
        dataclasses.replace(m, label="GPE", kind="place")
        if m.kind == "person" and m.text.lower() in places
        else m
        for m in mentions
    ]
