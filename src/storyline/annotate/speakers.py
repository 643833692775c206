"""Who a quote's source words refer to: a name, a pronoun, or a description such as "the Kremlin
spokesperson". Resolution is deliberately conservative: a speaker left unresolved says why, rather
than a guess that puts words in the wrong mouth.

The parse of the source (``SourceParts``) says which names can speak: the head's own name, its
appositions and conjuncts, never a name inside a preposition ("the top official in Kryvyi Rih",
"His statement, on Twitter,"); a statement's owner speaks for it ("His statement" is the previous
speaker's); a nationality word speaks only as part of a group's name ("Russian officials").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.annotate.cues import SourceParts
from storyline.annotate.roles import role_head, roles_of
from storyline.models import Mention

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
PLURAL_PRONOUNS = frozenset({"they", "we", "them", "us", "i", "you", "it"})
# Paragraphs are short in news; an antecedent further back than this is more likely someone else.
PRONOUN_REACH = 1200


@dataclass(frozen=True)
class Speaker:
    name: str | None
    reason: str | None = None  # why ``name`` is None


def fullest_name(mention: Mention, mentions: Sequence[Mention]) -> str:
    """The longest spelling in the article of the person a mention names ("Peskov" → "Dmitry Peskov").
    When two people share the surname (Ted and Rafael Cruz), a lone surname is the one named last
    before it (else first after it)."""
    if mention.kind != "person":
        return mention.text
    last = mention.text.split()[-1].lower()
    same = [m for m in mentions if m.kind == "person" and m.text.split()[-1].lower() == last]
    full = [m for m in same if len(m.text.split()) > 1]
    anchor = mention if len(mention.text.split()) > 1 else None
    if anchor is None and full and not all(_one_person(full[0].text, m.text) for m in full):
        before = [m for m in full if m.start < mention.start]
        anchor = before[-1] if before else full[0]
    names = [m.text for m in same if anchor is None or _one_person(anchor.text, m.text)]
    return max(names, key=lambda name: (len(name.split()), len(name), name), default=mention.text)


def _one_person(a: str, b: str) -> bool:
    """Whether two spellings sharing a surname name one person: one's words hold the other's."""
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return wa <= wb or wb <= wa


def _within(mentions: Sequence[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if m.start >= start and m.end <= end]


def _person_before(
    mentions: Sequence[Mention],
    position: int,
    avoid: Sequence[tuple[int, int]],
    spoken_of: Sequence[tuple[int, int]] = (),
) -> Mention | None:
    """The last person named before ``position``, outside quoted content (a name inside a quote is
    someone spoken about, not the one speaking), and not one this quote speaks of by name ("he said
    he found Wilhelm's badge": he is not Wilhelm)."""
    about = {_surname(m) for m in _within_any(mentions, spoken_of) if m.kind == "person"}
    candidates = [
        m
        for m in mentions
        if m.kind == "person"
        and m.end <= position
        and position - m.end <= PRONOUN_REACH
        and not any(a <= m.start < b for a, b in avoid)
        and _surname(m) not in about
    ]
    return candidates[-1] if candidates else None


def _surname(mention: Mention) -> str:
    return mention.text.split()[-1].lower()


def _within_any(mentions: Sequence[Mention], ranges: Sequence[tuple[int, int]]) -> list[Mention]:
    return [m for m in mentions if any(a <= m.start and m.end <= b for a, b in ranges)]


def _by_role(text: str, mentions: Sequence[Mention], head: str, position: int) -> Mention | None:
    """The person whose stated role turns on ``head``, the nearest one before ``position`` first."""
    holders = [
        m for m in mentions if m.kind == "person" and head in " ".join(roles_of(text, m.start, m.end)).lower()
    ]
    before = [m for m in holders if m.start < position]
    if before:
        return before[-1]
    return holders[0] if holders else None


def _covered(mention: Mention, ranges: Sequence[tuple[int, int]]) -> bool:
    """Whether the mention's last character (its head word) lies in one of ``ranges``."""
    return any(start < mention.end <= end for start, end in ranges)


def _surname_of_person(
    text: str, head: tuple[int, int], named: Sequence[Mention], mentions: Sequence[Mention]
) -> Mention | None:
    """The person a capitalised head word NER passed over names as a surname: "Chaffetz said"
    where the article names "Jason Chaffetz"."""
    word = text[head[0] : head[1]]
    if not word[:1].isupper() or any(_covered(m, [head]) and m.kind != "other" for m in named):
        return None
    return next((m for m in mentions if m.kind == "person" and m.text.split()[-1] == word), None)


def _group_name(text: str, parts: SourceParts, named: Sequence[Mention]) -> str | None:
    """The name of a group a common noun and its nationality or place make: "Russian officials"."""
    if parts.phrase is None or any(_covered(m, [parts.head]) for m in named):
        return None
    start, end = parts.phrase
    if not any(m.kind in ("group", "place") and start <= m.start and m.end <= end for m in named):
        return None
    return " ".join(text[start:end].split())


def _named_speaker(
    text: str, words: str, parts: SourceParts, named: Sequence[Mention], mentions: Sequence[Mention]
) -> Speaker | None:
    core = [m for m in named if _covered(m, parts.core)]
    people = [m for m in core if m.kind == "person"]
    if people:
        return Speaker(fullest_name(people[0], mentions))
    named_person = _surname_of_person(text, parts.head, named, mentions)
    if named_person is not None:
        return Speaker(fullest_name(named_person, mentions))
    head = role_head(words)
    holder = _by_role(text, mentions, head, parts.head[0]) if head is not None else None
    if holder is not None:
        return Speaker(fullest_name(holder, mentions))
    # an organisation speaks through its statements, also through a role ("a spokesman for the
    # Kremlin"); a place only by metonymy as the head itself ("Moscow said", "Turkey said")
    organisations = [m for m in core if m.kind == "organisation"]
    group = _group_name(text, parts, named)
    choices = (
        [m.text for m in organisations]
        + ([group] if group else [])
        + [m.text for m in named if m.kind == "organisation"]
        + [m.text for m in named if _covered(m, parts.heads or [parts.head]) and _speaks_alone(m)]
    )
    return Speaker(choices[0]) if choices else None


def _speaks_alone(mention: Mention) -> bool:
    """A place as the head itself (metonymy: "Turkey said"), or a group named as people
    ("Democrats", "the Russians"), not a nationality word ("Russian")."""
    plural = mention.text.endswith("s") and not mention.text.endswith("ss")
    return mention.kind == "place" or (mention.kind == "group" and plural)


def resolve(
    text: str,
    source: tuple[int, int],
    avoid: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    previous: Speaker | None,
    parts: SourceParts | None = None,
    spoken_of: Sequence[tuple[int, int]] = (),
) -> Speaker:
    """The speaker named by the source words at ``source``, given the article's mentions and the
    parse of the source (without it, every name in the source words can speak); ``spoken_of`` are
    the quote's own contents, whose names a pronoun does not stand for."""
    parts = parts or SourceParts(source, (source,))
    if parts.owner is not None:
        return _owner(text, parts.owner, avoid, mentions, previous)
    words = text[source[0] : source[1]]
    named = _within(mentions, *source)
    speaker = _named_speaker(text, words, parts, named, mentions)
    if speaker is not None:
        return speaker
    low = words.strip().lower()
    if low in PERSONAL_PRONOUNS:
        return _pronoun(mentions, source, avoid, previous, spoken_of)
    if low in PLURAL_PRONOUNS:
        return Speaker(None, f"pronoun {low!r} names no single person")
    if any(m.kind == "group" and _covered(m, [parts.head]) for m in named):
        return Speaker(None, f"nationality word {words.strip()!r} names no one speaking")
    return Speaker(None, f"description {words.strip()!r} names no one in the text")


def _is_person(name: str | None, mentions: Sequence[Mention]) -> bool:
    return any(m.kind == "person" and name in (m.text, fullest_name(m, mentions)) for m in mentions)


def _owner(
    text: str,
    owner: tuple[int, int],
    avoid: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    previous: Speaker | None,
) -> Speaker:
    """Whoever a statement belongs to: "Putin's statement"; "His statement" is the last speaker's."""
    if text[owner[0] : owner[1]].strip().lower() in POSSESSIVE_PRONOUNS:
        if previous is not None and _is_person(previous.name, mentions):
            return previous
        return _pronoun(mentions, owner, avoid, None)
    return resolve(text, owner, avoid, mentions, previous)


def _pronoun(
    mentions: Sequence[Mention],
    source: tuple[int, int],
    avoid: Sequence[tuple[int, int]],
    previous: Speaker | None,
    spoken_of: Sequence[tuple[int, int]] = (),
) -> Speaker:
    person = _person_before(mentions, source[0], avoid, spoken_of)
    if person is not None:
        return Speaker(fullest_name(person, mentions))
    if previous is not None and previous.name is not None:
        return previous
    return Speaker(None, "pronoun with no named person before it")
