"""Who a quote's source words refer to: a name, a pronoun, or a description such as "the Kremlin
spokesperson". Resolution is deliberately conservative: a speaker left unresolved says why, rather
than a guess that puts words in the wrong mouth.

The parse of the source (``SourceParts``) says which names can speak: the head's own name, its
appositions and conjuncts, never a name inside a preposition ("the top official in Kryvyi Rih",
"His statement, on Twitter,"); a statement's owner speaks for it ("His statement" is the previous
speaker's); a nationality word speaks only as part of a group's name ("Russian officials").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

from storyline.annotate.cues import Range, SourceParts
from storyline.annotate.descriptions import Speaker, describe, known_outlet, organisation
from storyline.annotate.gender import agrees, pronoun_gender
from storyline.annotate.names import principal_bearer, surname
from storyline.annotate.roles import HONORIFICS, TITLE_NOUNS, role_head, roles_of
from storyline.models import Mention, SpeakerKind

__all__ = ["Focus", "Speaker", "fullest_name", "resolve"]

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
PLURAL_PRONOUNS = frozenset({"they", "we", "them", "us", "i", "you", "it"})
# Paragraphs are short in news; an antecedent further back than this is more likely someone else.
PRONOUN_REACH = 1200


@dataclass(frozen=True)
class Focus:
    """What the parse says about who a pronoun is likely to stand for: the grammatical subjects
    (with their appositions) and where sentences start."""

    subjects: tuple[tuple[int, int], ...] = ()
    sentence_starts: tuple[int, ...] = ()
    main_subjects: tuple[tuple[int, int], ...] = ()  # the subjects of main clauses, among ``subjects``
    modifiers: tuple[tuple[int, int], ...] = ()  # words modifying a common noun: "the Clinton campaign"
    # each person mention's stated roles, read from the text once per article (by its span)
    roles: dict[tuple[int, int], str] = field(default_factory=dict, compare=False, repr=False)

    def sentence_start(self, position: int) -> int:
        index = bisect_right(self.sentence_starts, position) - 1
        return self.sentence_starts[index] if index >= 0 else 0


def fullest_name(mention: Mention, mentions: Sequence[Mention]) -> str:
    """The longest spelling in the article of the person a mention names ("Peskov" → "Dmitry Peskov").
    When several people share the surname (Ted, Heidi and Rafael Cruz), a lone surname is the
    article's principal bearer of it (``names.principal_bearer``: the first named in full)."""
    if mention.kind != "person":
        return mention.text
    last = _surname(mention)
    same = [m for m in mentions if m.kind == "person" and _surname(m) == last]
    full = [m for m in same if len(m.text.split()) > 1]
    anchor = mention if len(mention.text.split()) > 1 else None
    if anchor is None and full and not all(_one_person(full[0].text, m.text) for m in full):
        anchor = principal_bearer(full)
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
    focus: Focus | None = None,
    fits: Callable[[Mention], bool] = lambda _: True,
    chain: tuple[str, str] | None = None,
) -> Mention | None:
    """The last person named before ``position`` whom the pronoun ``fits`` (its sex, see
    :mod:`storyline.annotate.gender`), outside quoted content (a name inside a quote is
    someone spoken about, not the one speaking), and not one this quote speaks of by name ("he said
    he found Wilhelm's badge": he is not Wilhelm). Within the sentence that names that person, a
    grammatical subject comes first, a main clause's before a subordinate one's: in "Zimmerman is
    selling the gun he used to kill Martin. 'I'm free,' he told Fox", he is Zimmerman; in "Reid raised
    the example of Obama, just as President Abraham Lincoln did. '...,' he said", he is Reid.

    A name that only modifies a noun ("a Sanders supporter") is no antecedent. When that sentence's
    subject is no name but the same pronoun ("Inspired by Sanders's agenda, he's committed to the
    Vermont senator. '...,' he said"), ours carries that one on (``chain``: the text and the pronoun),
    and that one stands for the person last named before its own sentence."""
    about = {_surname(m) for m in _within_any(mentions, spoken_of) if m.kind == "person"}
    modifiers = focus.modifiers if focus is not None else ()
    candidates = [
        m
        for m in mentions
        if m.kind == "person"
        and m.end <= position
        and position - m.end <= PRONOUN_REACH
        and not any(a <= m.start < b for a, b in avoid)
        and _surname(m) not in about
        and not _covered(m, modifiers)
        and fits(m)
    ]
    if not candidates:
        return None
    last = candidates[-1]
    if focus is None:
        return last
    sentence = focus.sentence_start(last.start)
    within = [m for m in candidates if m.start >= sentence]
    main = [m for m in within if _covered(m, focus.main_subjects)]
    subjects = main or [m for m in within if _covered(m, focus.subjects)]
    if subjects:
        return subjects[-1]
    carried = _same_pronoun_subject(focus, sentence, position, chain)
    if carried is not None:
        earlier = _person_before(mentions, sentence, avoid, spoken_of, focus, fits, chain)
        return earlier if earlier is not None else last
    return last


def _same_pronoun_subject(
    focus: Focus, sentence: int, position: int, chain: tuple[str, str] | None
) -> int | None:
    """Where a main clause of the sentence starting at ``sentence`` has for subject, before
    ``position``, the same personal pronoun as ``chain`` names."""
    if chain is None:
        return None
    text, pronoun = chain
    if pronoun.strip().lower() not in PERSONAL_PRONOUNS:
        return None
    wanted = pronoun_gender(pronoun)
    for start, end in focus.main_subjects:
        subject = text[start:end].lower()
        if (
            sentence <= start
            and end <= position
            and subject in PERSONAL_PRONOUNS
            and pronoun_gender(subject) == wanted
        ):
            return start
    return None


def _surname(mention: Mention) -> str:
    return surname(mention.text).lower()


def _within_any(mentions: Sequence[Mention], ranges: Sequence[tuple[int, int]]) -> list[Mention]:
    return [m for m in mentions if any(a <= m.start and m.end <= b for a, b in ranges)]


def _by_role(
    text: str,
    mentions: Sequence[Mention],
    head: str,
    position: int,
    owners: Sequence[str] = (),
    known: dict[tuple[int, int], str] | None = None,
) -> Mention | None:
    """The person whose stated role turns on ``head`` (and names the description's owners: "the
    Kremlin spokesperson" is a person whose role says "Kremlin"), the nearest one before first.
    ``known`` keeps the roles read, so each mention's are read once per article, not once a quote."""
    known = {} if known is None else known
    holders = []
    for m in mentions:
        if m.kind != "person":
            continue
        if (m.start, m.end) not in known:
            known[(m.start, m.end)] = " ".join(roles_of(text, m.start, m.end)).lower()
        role = known[(m.start, m.end)]
        if _holds(role, head) and all(owner.lower() in role for owner in owners):
            holders.append(m)
    before = [m for m in holders if m.start < position]
    if before:
        return before[-1]
    return holders[0] if holders else None


# words that make another title of the one they stand before: a vice president is not the president
_QUALIFIERS = frozenset({"vice", "deputy", "assistant", "associate", "acting", "lieutenant", "under"})


def _qualified(words: str, head: str) -> str:
    """The title a description turns on with its qualifier: "the vice president" -> "vice president"."""
    found = re.findall(rf"\b([a-z]+)[ -]{re.escape(head)}\b", words.lower())
    return f"{found[-1]} {head}" if found and found[-1] in _QUALIFIERS else head


def _holds(role: str, title: str) -> bool:
    """Whether a stated role holds the title, qualifier and all: "Vice President Joseph R. Biden Jr."
    is no president, and "President Obama" no vice president."""
    base = title.split()[-1]
    for m in re.finditer(rf"(?:\b([a-z]+)[ -])?{re.escape(base)}\b", role.replace("-", " ")):
        qualifier = m.group(1)
        if (f"{qualifier} {base}" if qualifier in _QUALIFIERS else base) == title:
            return True
    return False


def _covered(mention: Mention, ranges: Sequence[tuple[int, int]]) -> bool:
    """Whether the mention's head word ends in one of ``ranges``: its last word, or in a name of the
    form "X of Y" the word before "of" ("Bank of America", "the Illinois Board of Elections said":
    the parse heads the source at "Bank", "Board", so such a name never spoke)."""
    cut = mention.text.find(" of ")
    ends = (mention.end,) if cut < 0 else (mention.end, mention.start + cut)
    return any(start < end_ <= end for start, end in ranges for end_ in ends)


def _surname_of_person(
    text: str, head: tuple[int, int], named: Sequence[Mention], mentions: Sequence[Mention]
) -> Mention | None:
    """The person a capitalised head word NER passed over names as a surname: "Chaffetz said"
    where the article names "Jason Chaffetz"."""
    word = text[head[0] : head[1]]
    person = next((m for m in mentions if m.kind == "person" and surname(m.text) == word), None)
    if not word[:1].isupper() or person is None:
        return None
    # a surname the tagger read as a place or a group ("Jordan said", where the article names Rep. Jim
    # Jordan) is that person; an organisation's name is left to speak as one ("Ford said" beside "Ford
    # Motor Co."), but a lone word the tagger called an organisation that no longer organisation name
    # holds is the person ("Renteria told reporters" beside "Amanda Renteria", Huffington Post)
    taken = any(
        _covered(m, [head]) and m.kind not in ("other", "place", "group") and not _stray_surname(m, mentions)
        for m in named
    )
    return None if taken else person


def _stray_surname(mention: Mention, mentions: Sequence[Mention]) -> bool:
    """A one-word organisation mention no longer organisation name of the article holds."""
    if mention.kind != "organisation" or " " in mention.text:
        return False
    return not any(
        m.kind == "organisation" and " " in m.text and mention.text in m.text.split() for m in mentions
    )


def _group_name(text: str, parts: SourceParts, named: Sequence[Mention]) -> str | None:
    """The name of a group a common noun and its nationality or place make: "Russian officials"."""
    if parts.phrase is None or any(_covered(m, [parts.head]) for m in named):
        return None
    start, end = parts.phrase
    if not any(m.kind in ("group", "place") and start <= m.start and m.end <= end for m in named):
        return None
    return " ".join(text[start:end].split())


def _honorific_before(text: str, start: int) -> str | None:
    word = text[max(0, start - 6) : start].split()[-1:]
    return word[0] if word and word[0].lower() in HONORIFICS else None


def _shared_surname(mention: Mention, mentions: Sequence[Mention]) -> bool:
    """Whether several people the article names in full share this lone surname (Bill and Hillary
    Clinton)."""
    full = [m.text for m in mentions if m.kind == "person" and len(m.text.split()) > 1]
    same = [name for name in full if surname(name).lower() == _surname(mention)]
    return any(not _one_person(same[0], other) for other in same[1:])


def _person(text: str, mention: Mention, mentions: Sequence[Mention], confidence: float) -> Speaker:
    """A person speaking, under the fullest name the article gives them; a lone surname with an
    honorific that several people share ("Mr. Clinton" beside Bill and Hillary Clinton) stays as
    written, with a low confidence, rather than a guess between them."""
    honorific = _honorific_before(text, mention.start)
    if len(mention.text.split()) == 1 and honorific is not None and _shared_surname(mention, mentions):
        return Speaker(f"{honorific} {mention.text}", kind="person", confidence=0.4)
    return Speaker(fullest_name(mention, mentions), kind="person", confidence=confidence)


def _together(
    text: str, source: Range, parts: SourceParts, people: Sequence[Mention], mentions: Sequence[Mention]
) -> Speaker | None:
    """Several named people speaking as one ("Obama and Hillary Clinton said"), or a plural the
    tagger took for a name ("The Europeans"): a group, never one of them."""
    surnames = {surname(m.text) for m in mentions if m.kind == "person" and " " in m.text}
    # a word ending in s tagged plural that the article gives as someone's surname is that person
    # ("Sanders said" beside "Bernie Sanders")
    plural_name = [
        m for m in people if _covered(m, [parts.head]) and " " not in m.text and m.text not in surnames
    ]
    if parts.head_tag in ("NNS", "NNPS") and plural_name:
        return Speaker(text[parts.head[0] : parts.head[1]], kind="group", confidence=0.8)
    conjoined = [m for m in people if _covered(m, parts.heads)] if len(parts.heads) > 1 else []
    names = list(dict.fromkeys(fullest_name(m, mentions) for m in conjoined))
    if len(names) > 1:
        return Speaker(" and ".join(names), kind="group", confidence=0.9)
    return _person_and_others(text, source, parts, conjoined, mentions)


def _person_and_others(
    text: str, source: Range, parts: SourceParts, conjoined: Sequence[Mention], mentions: Sequence[Mention]
) -> Speaker | None:
    """One named person and others speaking together ("Sanders and his supporters argue"): the group
    as the source words it, the person by their fullest name, never the person alone."""
    if len(conjoined) != 1 or all(_covered(conjoined[0], [head]) for head in parts.heads):
        return None
    person = conjoined[0]
    inside = source[0] <= person.start < person.end <= source[1]
    if not inside or len(text[source[0] : source[1]].split()) > 8:
        return None
    words = text[source[0] : person.start] + fullest_name(person, mentions) + text[person.end : source[1]]
    return Speaker(" ".join(words.split()), kind="group", confidence=0.8)


def _owners(text: str, parts: SourceParts, named: Sequence[Mention]) -> list[str]:
    """The names in a description besides its head: "Kremlin" in "the Kremlin spokesperson"."""
    if parts.noun_phrase is None:
        return []
    start, end = parts.noun_phrase
    return [m.text for m in named if start <= m.start and m.end <= end and not _covered(m, [parts.head])]


def _named_speaker(
    text: str,
    source: Range,
    parts: SourceParts,
    named: Sequence[Mention],
    mentions: Sequence[Mention],
    focus: Focus | None = None,
) -> Speaker | None:
    """The speaker the source's own words name. Only the head, its conjuncts and its appositions
    can name the speaker: a modifier never speaks ("Trump campaign chairman Paul Manafort" is
    Manafort, "Trump aides" a group, "the Trump campaign" an organisation)."""
    words = text[source[0] : source[1]]
    speaking = parts.speakers or parts.core
    outlets = [
        m
        for m in named
        if _covered(m, speaking) and known_outlet(m.text) and not _surname_of_named(m, mentions)
    ]
    if outlets:
        return Speaker(outlets[0].text, kind="outlet", confidence=0.9)
    people = [m for m in named if m.kind == "person" and _covered(m, speaking)]
    together = _together(text, source, parts, people, mentions)
    if together is not None:
        return together
    if people:
        return _person(text, people[0], mentions, 0.95)
    named_person = _surname_of_person(text, parts.head, named, mentions)
    if named_person is not None:
        return _person(text, named_person, mentions, 0.8)
    organisations = [m for m in named if m.kind == "organisation" and _covered(m, speaking)]
    if organisations:
        return organisation(organisations[0].text, 0.9)
    described = describe(text, parts, named, mentions)
    if described is not None:
        return described
    head = parts.head_lemma if parts.head_lemma in TITLE_NOUNS else role_head(words)
    head = _qualified(words, head) if head is not None else None
    owners = _owners(text, parts, named)
    known = focus.roles if focus is not None else None
    holder = _by_role(text, mentions, head, parts.head[0], owners, known) if head is not None else None
    if holder is not None:
        return _person(text, holder, mentions, 0.6)
    return _group_or_place(text, parts, named)


def _surname_of_named(mention: Mention, mentions: Sequence[Mention]) -> bool:
    """Whether an outlet's word is here a person's surname: tagged a person, and the article names a
    person in full with it ("Bloomberg told New York magazine" beside "Michael Bloomberg")."""
    if mention.kind != "person" or " " in mention.text:
        return False
    return any(m.kind == "person" and " " in m.text and _surname(m) == mention.text.lower() for m in mentions)


def _group_or_place(text: str, parts: SourceParts, named: Sequence[Mention]) -> Speaker | None:
    """A group a nationality makes ("Russian officials"), a group named as people ("Democrats"),
    or a place speaking by metonymy as the head itself ("Turkey said": its government)."""
    group = _group_name(text, parts, named)
    if group is not None:
        return Speaker(group, kind="group", confidence=0.9)
    for m in named:
        if _covered(m, parts.heads or [parts.head]) and _speaks_alone(m):
            kind: SpeakerKind = "organisation" if m.kind == "place" else "group"
            return Speaker(m.text, kind=kind, confidence=0.7)
    return None


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
    focus: Focus | None = None,
    continues: bool = False,
) -> Speaker:
    """The speaker named by the source words at ``source``, given the article's mentions and the
    parse of the source (without it, every name in the source words can speak); ``spoken_of`` are
    the quote's own contents, whose names a pronoun does not stand for; ``continues`` says the cue
    carries the previous speaker on ("he added")."""
    parts = parts or SourceParts(source, (source,))
    if parts.owner is not None:
        return _owner(text, parts.owner, avoid, mentions, previous, focus)
    words = text[source[0] : source[1]]
    named = _within(mentions, *source)
    speaker = _named_speaker(text, source, parts, named, mentions, focus)
    if speaker is not None:
        return speaker
    low = words.strip().lower()
    if low in PERSONAL_PRONOUNS:
        fits = partial(agrees, text, words.strip(), mentions=mentions)
        if (
            continues
            and previous is not None
            and previous.kind in ("person", "unnamed")
            and _may_be(previous.name, mentions, fits)
        ):
            return Speaker(previous.name, kind=previous.kind, confidence=min(previous.confidence, 0.7))
        return _pronoun(text, mentions, source, avoid, previous, spoken_of, focus)
    if low in PLURAL_PRONOUNS:
        return Speaker(None, f"pronoun {low!r} names no single person", confidence=0.1)
    if any(m.kind == "group" and _covered(m, [parts.head]) for m in named):
        return Speaker(None, f"nationality word {words.strip()!r} names no one speaking", confidence=0.1)
    return Speaker(None, f"description {words.strip()!r} names no one in the text", confidence=0.1)


def _is_person(name: str | None, mentions: Sequence[Mention]) -> bool:
    return bool(_mentions_of(name, mentions))


def _mentions_of(name: str | None, mentions: Sequence[Mention]) -> list[Mention]:
    """The person mentions whose spelling or fullest name is ``name``."""
    return [m for m in mentions if m.kind == "person" and name in (m.text, fullest_name(m, mentions))]


def _owner(
    text: str,
    owner: tuple[int, int],
    avoid: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    previous: Speaker | None,
    focus: Focus | None,
) -> Speaker:
    """Whoever a statement belongs to: "Putin's statement"; "His statement" is the last speaker's."""
    if text[owner[0] : owner[1]].strip().lower() in POSSESSIVE_PRONOUNS:
        if previous is not None and _is_person(previous.name, mentions):
            return previous
        return _pronoun(text, mentions, owner, avoid, None, (), focus)
    return resolve(text, owner, avoid, mentions, previous, focus=focus)


def _pronoun(
    text: str,
    mentions: Sequence[Mention],
    source: tuple[int, int],
    avoid: Sequence[tuple[int, int]],
    previous: Speaker | None,
    spoken_of: Sequence[tuple[int, int]] = (),
    focus: Focus | None = None,
) -> Speaker:
    pronoun = text[source[0] : source[1]]
    fits = partial(agrees, text, pronoun, mentions=mentions)
    person = _person_before(mentions, source[0], avoid, spoken_of, focus, fits, (text, pronoun))
    if person is not None:
        return _person(text, person, mentions, 0.7)
    if previous is not None and previous.name is not None and _may_be(previous.name, mentions, fits):
        return Speaker(previous.name, kind=previous.kind, confidence=min(previous.confidence, 0.5))
    return Speaker(None, "pronoun with no named person before it", confidence=0.1)


def _may_be(name: str | None, mentions: Sequence[Mention], fits: Callable[[Mention], bool]) -> bool:
    """Whether the pronoun ``fits`` the person called ``name`` (any one of its mentions will do):
    "he" carries on no earlier speaker who is a woman."""
    named = _mentions_of(name, mentions)
    return not named or any(fits(m) for m in named)
