"""Speakers named by a common noun rather than a name: who "officials", "a Smith spokesperson", "the
Acme campaign" or "the newspaper" are, and which organisations are news outlets.

A modifier never speaks: "a Smith spokesperson" is an unnamed spokesperson of Smith, not Smith; "the
Acme campaign" is the campaign, an organisation; "Trump aides" are a group. Vague sources stay groups.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.annotate.cue_words import COLLECTIVE_NOUNS, STATEMENT_NOUNS
from storyline.annotate.cues import SourceParts
from storyline.extract.header import OUTLET_WORDS
from storyline.models import Mention, SpeakerKind


@dataclass(frozen=True)
class Speaker:
    """Who a source refers to, how sure that is, and what kind of speaker it is."""

    name: str | None
    reason: str | None = None  # why ``name`` is None
    kind: SpeakerKind | None = None
    confidence: float = 0.0


# Agencies and broadcasters whose names carry no word such as "News", "Times" or "Post".
_OUTLET_NAMES_WORDS = """
    ap afp reuters tass ria interfax xinhua upi cnn msnbc cnbc nbc abc cbs bbc npr pbs fox bloomberg
    politico axios breitbart ukrinform yonhap kyodo anadolu dpa efe ansa vox slate buzzfeed huffpost
    newsweek c-span univision telemundo itar-tass ria-novosti novosti al-jazeera"""
OUTLET_NAMES = frozenset(_OUTLET_NAMES_WORDS.split())
# Nouns a description of an outlet turns on: "the newspaper reported".
_OUTLET_NOUNS_WORDS = "newspaper paper network magazine outlet broadcaster channel tabloid daily website"
OUTLET_NOUNS = frozenset(_OUTLET_NOUNS_WORDS.split())
# Singular nouns for an anonymous source, a group however it is counted: "a source familiar with".
VAGUE_NOUNS = frozenset({"source", "insider", "person", "someone", "observer", "witness"})
# Papers that say things only through who wrote them: "according to reports Mr. Schoen filed".
_DOCUMENT_NOUNS_WORDS = "report document record filing email e-mail memo letter paper file data statistic"
DOCUMENT_NOUNS = frozenset(_DOCUMENT_NOUNS_WORDS.split())
# Heads that count people without naming them: "those close to him", "some say", "each".
_QUANTIFIERS_WORDS = "those some many others several both each all most few majority minority plurality half"
QUANTIFIERS = frozenset(_QUANTIFIERS_WORDS.split())
# What speaks only for whoever made it: polls, studies, data, documents.
AUTHORED_NOUNS = DOCUMENT_NOUNS | {"poll", "survey", "study", "analysis", "datum", "data", "ruling", "filing"}
INDEFINITE = frozenset({"a", "an", "another", "one", "some"})
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


# A party and district after a lawmaker's name: "(D-Newport News)" is no outlet.
_PARTY_DISTRICT = re.compile(r"^[DRI]-[A-Z]")


def known_outlet(name: str) -> bool:
    """Whether a name is one of the agencies and broadcasters listed, whatever NER took it for
    (the small model reads "According to CNN" as a person)."""
    bare = _LEADING_THE.sub("", name.strip()).lower().replace(" ", "-")
    return bare in OUTLET_NAMES or bare.split("-")[0] in OUTLET_NAMES


def is_outlet(name: str) -> bool:
    """Whether an organisation's name is a news outlet's: "Reuters", "The Associated Press", "CNN"."""
    return not _PARTY_DISTRICT.match(name) and (known_outlet(name) or bool(OUTLET_WORDS.search(name)))


def organisation(name: str, confidence: float) -> Speaker:
    """An organisation speaking, or an outlet reporting."""
    return Speaker(name, kind="outlet" if is_outlet(name) else "organisation", confidence=confidence)


def _phrase(text: str, parts: SourceParts) -> str:
    start, end = parts.noun_phrase or parts.head
    return _LEADING_THE.sub("", " ".join(text[start:end].split()))


def _named_modifier(parts: SourceParts, named: Sequence[Mention]) -> bool:
    """Whether a name stands in the phrase besides its head ("Smith" in "a Smith spokesperson")."""
    if parts.noun_phrase is None:
        return False
    start, end = parts.noun_phrase
    return any(start <= m.start and m.end <= end and m.end < parts.head[1] for m in named) or any(
        start <= m.start and m.end <= end and m.start > parts.head[1] for m in named
    )


def _outlet_before(mentions: Sequence[Mention], position: int) -> Mention | None:
    outlets = [m for m in mentions if m.kind == "organisation" and m.end <= position and is_outlet(m.text)]
    return outlets[-1] if outlets else None


def _author(text: str, parts: SourceParts, named: Sequence[Mention], plural: bool) -> Speaker | None:
    """Who a poll, study, data or document speaks for: the name in its phrase ("a recent Reuters
    survey", "State Department data", "The poll by the Public Policy Institute of California")."""
    start, end = parts.noun_phrase or parts.head
    inside = [m for m in named if start <= m.start and m.end <= end]
    authors = [m for m in inside if m.kind in ("organisation", "person") or known_outlet(m.text)]
    if authors:
        author = authors[0]
        return organisation(author.text, 0.7) if author.kind != "person" else Speaker(
            author.text, kind="person", confidence=0.7
        )
    if plural:
        return Speaker(None, f"documents {_phrase(text, parts)!r} are no speaker", confidence=0.1)
    return None


def describe(
    text: str, parts: SourceParts, named: Sequence[Mention], mentions: Sequence[Mention]
) -> Speaker | None:
    """The speaker a common-noun source names, when its words say who without a person's name:
    a group, an unnamed spokesperson of someone, an organisation by its phrase, or an outlet."""
    lemma, plural = parts.head_lemma, parts.head_tag in ("NNS", "NNPS")
    # a name is no description; a lowercase word the tagger took for one is ("defence ministry")
    proper = parts.head_tag.startswith("NNP") and text[parts.head[0] : parts.head[0] + 1].isupper()
    if not lemma or (proper and not plural):
        return None
    if lemma in OUTLET_NOUNS and not plural:
        outlet = _outlet_before(mentions, parts.head[0])
        if outlet is None:
            return None
        return Speaker(outlet.text, kind="outlet", confidence=0.6)
    if lemma in AUTHORED_NOUNS:
        return _author(text, parts, named, plural)
    if plural or lemma in VAGUE_NOUNS or lemma in QUANTIFIERS:
        return Speaker(_phrase(text, parts), kind="group", confidence=0.9)
    owned = _named_modifier(parts, named)
    if lemma in COLLECTIVE_NOUNS:
        return organisation(_phrase(text, parts), 0.8) if owned else None
    said_by_someone = lemma in DOCUMENT_NOUNS or lemma in STATEMENT_NOUNS  # "a message said ..."
    if parts.determiner in INDEFINITE and parts.head_tag in ("NN", "NNP") and not said_by_someone:
        # one person described, not named: "a Smith spokesperson", "a senior aide", "an architect"
        return Speaker(_phrase(text, parts), kind="unnamed", confidence=0.8 if owned else 0.6)
    return None
