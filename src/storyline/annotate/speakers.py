"""Who a quote's source words refer to: a name, a pronoun, or a description such as "the Kremlin
spokesperson". Resolution is deliberately conservative: a speaker left unresolved says why, rather
than a guess that puts words in the wrong mouth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.annotate.roles import role_head, roles_of
from storyline.models import Mention

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
PLURAL_PRONOUNS = frozenset({"they", "we", "them", "us", "i", "you", "it"})
# Paragraphs are short in news; an antecedent further back than this is more likely someone else.
PRONOUN_REACH = 1200


@dataclass(frozen=True)
class Speaker:
    name: str | None
    reason: str | None = None  # why ``name`` is None


def fullest_name(mention: Mention, mentions: Sequence[Mention]) -> str:
    """The longest spelling in the article of the person a mention names ("Peskov" → "Dmitry Peskov")."""
    if mention.kind != "person":
        return mention.text
    last = mention.text.split()[-1].lower()
    same = [m.text for m in mentions if m.kind == "person" and m.text.split()[-1].lower() == last]
    return max(same, key=lambda name: (len(name.split()), len(name), name), default=mention.text)


def _within(mentions: Sequence[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if m.start >= start and m.end <= end]


def _person_before(
    mentions: Sequence[Mention], position: int, avoid: Sequence[tuple[int, int]]
) -> Mention | None:
    """The last person named before ``position``, outside quoted content (a name inside a quote is
    someone spoken about, not the one speaking)."""
    candidates = [
        m
        for m in mentions
        if m.kind == "person"
        and m.end <= position
        and position - m.end <= PRONOUN_REACH
        and not any(a <= m.start < b for a, b in avoid)
    ]
    return candidates[-1] if candidates else None


def _by_role(text: str, mentions: Sequence[Mention], head: str, position: int) -> Mention | None:
    """The person whose stated role turns on ``head``, the nearest one before ``position`` first."""
    holders = [
        m for m in mentions if m.kind == "person" and head in " ".join(roles_of(text, m.start, m.end)).lower()
    ]
    before = [m for m in holders if m.start < position]
    if before:
        return before[-1]
    return holders[0] if holders else None


def resolve(
    text: str,
    source: tuple[int, int],
    avoid: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    previous: Speaker | None,
) -> Speaker:
    """The speaker named by the source words at ``source``, given the article's mentions."""
    words = text[source[0] : source[1]]
    named = _within(mentions, *source)
    people = [m for m in named if m.kind == "person"]
    if people:
        return Speaker(fullest_name(people[0], mentions))
    head = role_head(words)
    holder = _by_role(text, mentions, head, source[0]) if head is not None else None
    if holder is not None:
        return Speaker(fullest_name(holder, mentions))
    # an organisation or group speaks through its statements; a place only by metonymy ("Moscow said")
    for kinds in (("organisation", "group"), ("place",)):
        speaking = [m for m in named if m.kind in kinds]
        if speaking:
            return Speaker(speaking[0].text)
    low = words.strip().lower()
    if low in PERSONAL_PRONOUNS:
        return _pronoun(mentions, source, avoid, previous)
    if low in PLURAL_PRONOUNS:
        return Speaker(None, f"pronoun {low!r} names no single person")
    return Speaker(None, f"description {words.strip()!r} names no one in the text")


def _pronoun(
    mentions: Sequence[Mention],
    source: tuple[int, int],
    avoid: Sequence[tuple[int, int]],
    previous: Speaker | None,
) -> Speaker:
    person = _person_before(mentions, source[0], avoid)
    if person is not None:
        return Speaker(fullest_name(person, mentions))
    if previous is not None and previous.name is not None:
        return previous
    return Speaker(None, "pronoun with no named person before it")
