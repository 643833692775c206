"""Titles and roles around a name: "Kremlin spokesperson Dmitry Peskov", "Peskov, the Kremlin spokesman,".

Works on the text alone, so the actors stage can read roles from stored articles without spaCy.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Nouns that make a phrase a role; a role phrase must end in (or, after a name, contain) one of them.
_TITLE_NOUNS_WORDS = """
    president vice-president prime minister premier chancellor secretary spokesperson spokesman
    spokeswoman spokespeople adviser advisor aide ambassador envoy negotiator delegate chief head
    leader chairman chairwoman chair director governor mayor senator sen. rep. representative
    congressman congresswoman lawmaker deputy speaker general gen. commander officer official king queen
    prince emperor pope minister ministers foreign justice judge attorney analyst professor economist
    ceo founder owner manager editor correspondent reporter columnist candidate nominee rival strategist
    pollster campaign consultant member mp lt. col. sgt. capt. gov. president-elect
    diplomat lieutenant colonel captain sergeant admiral marshal patriarch archbishop bishop cardinal
    sheikh ayatollah emir sultan general-secretary secretary-general coordinator commissioner
    comedian actor actress singer rapper author novelist filmmaker musician host anchor commentator"""
TITLE_NOUNS = frozenset(_TITLE_NOUNS_WORDS.split())
_TITLE_STEMS = frozenset(w.rstrip(".") for w in TITLE_NOUNS)  # "sen." and "sen" alike
# Honorifics are trimmed from names but are not roles worth keeping on their own.
HONORIFICS = frozenset(["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "madam"])
_STOP_WORDS = """
    the a an and or but of to in on at for with by from as that this said says told tells
    according after before when while who which where its his her their our your my was is were are
    than can began ran"""  # (words in -an that no title holds: "more spine than Sen. Charles Grassley")
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[\w.’'-]+$")
_ADJECTIVE = re.compile(r"(al|ian|ese|ish|ary|ior|ign|ic|ern|an|ive|ed)$")
# an initial's full stop is part of the phrase: "a spokesman for the U.S. Marshals Service,"
_APPOSITION = re.compile(
    r"^,\s+(?:the\s+|a\s+|an\s+)?((?:(?<![A-Za-z])[A-Z]\.|[^,.;:()\n]){2,120}?)\s*(?=[,.;:)\n]|$)"
)


# Sentence adverbs that open a sentence capitalised and are never part of a title ("Meanwhile Russian
# President Vladimir Putin").
_OPENERS_WORDS = """
    meanwhile however also then earlier later now still yet separately instead today yesterday
    moreover furthermore additionally elsewhere overnight afterwards finally first second last"""
_OPENERS = frozenset(_OPENERS_WORDS.split())
# A role phrase holding one of these is a clause, not a role ("Prime Minister Jonas Gahr Støre said").
_CLAUSE_WORDS_TEXT = "said says say told tells added according announced warned stated asked asks thanked"
_CLAUSE_WORDS = frozenset(_CLAUSE_WORDS_TEXT.split())
# An apposition opening with one of these is a clause ("Berlin, where he worked as a chief physician").
_NOT_ROLE_OPENERS_TEXT = "who which that said says told and where when while as after before because since if"
_NOT_ROLE_OPENERS = frozenset(_NOT_ROLE_OPENERS_TEXT.split())
# "The mayor of Askøy, Marit Lunde," / "The Kremlin's spokesman, Dmitry Peskov,": the role comes first.
_ROLE_FIRST = re.compile(
    r"(?:^|[.!?;:\n]\s*|\b(?:and|but|as|while|when|after)\s+)(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+"
    r"((?:[\w’'.-]+\s+){0,3}?[\w’'.-]+(?:\s+(?:of|for|at)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})?)"
    r",\s*$"
)


def _role_word(word: str) -> bool:
    low = word.lower()
    if low in _STOP:
        return False
    if low.endswith(".") and low not in TITLE_NOUNS and low not in HONORIFICS:
        return False  # the end of the sentence before: "... in Donbas. Russian President Putin"
    return word[:1].isupper() or low in TITLE_NOUNS or bool(_ADJECTIVE.search(low))


def role_before(text: str, start: int) -> str | None:
    """The title right before a name ("Russian President" before "Vladimir Putin"), if any."""
    words: list[str] = []
    cursor = start
    while len(words) < 6:
        window_start = max(0, cursor - 48)
        window = text[window_start:cursor]
        gap = len(window) - len(window.rstrip(" "))
        if words and gap == 0:
            break
        match = _WORD.search(window[: len(window) - gap])
        if match is None or not _role_word(match.group()):
            break
        words.insert(0, match.group())
        cursor = window_start + match.start()
    while words and words[-1].lower().rstrip(".") not in _TITLE_STEMS:
        if words.pop().islower():
            return None  # "the president portrayed Mr. Trump": a verb stands between title and name
    cut = _after_a_clause(words)
    words = words[cut:]
    while words and words[0] in _CLAUSE_WORDS:
        words.pop(0)  # "recently asked Admiral Harris": the verb before a title is no part of it
    if not cut and words and words[0].islower() and _SUBJECT_BEFORE.search(text[max(0, cursor - 8) : cursor]):
        words.pop(0)  # "when he asked Ukraine President Volodymyr Zelenskiy": a pronoun's verb
    while words and (words[0].lower() in HONORIFICS or words[0].lower() in _OPENERS):
        words.pop(0)
    if not words or all(w.lower() in HONORIFICS for w in words):
        return None
    return " ".join(words)


# a subject or an auxiliary right before a lower-case word makes it a verb: "when he asked Ukraine
# President ...", "who said they had supported Sen. Bernie Sanders"
_SUBJECT_BEFORE = re.compile(
    r"\b(?:he|she|they|we|i|it|who|had|has|have|was|were|is|are|be|been|did|would|will)\s+$", re.IGNORECASE
)


def _after_a_clause(words: list[str]) -> int:
    """Where a role starts after a name and its verb: in "Chris Christie described Democratic presidential
    nominee Hillary Clinton" the role is "Democratic presidential nominee" ("described", a lower-case word
    in -ed after a capitalised one, is a verb; "retired Army general" keeps its participle)."""
    for i in range(len(words) - 1, 0, -1):
        word, before = words[i], words[i - 1]
        verb = word.islower() and word.endswith("ed") and word not in TITLE_NOUNS
        named = before[:1].isupper() and before.lower().rstrip(".") not in _TITLE_STEMS
        if verb and named and before.lower() not in HONORIFICS:
            return i + 1
    return 0


def role_after(text: str, end: int) -> str | None:
    """The role in an apposition right after a name ("Dmitry Peskov, the Kremlin spokesman,")."""
    match = _APPOSITION.match(text[end : end + 140])
    if match is None:
        return None
    phrase = _RELATIVE_TAIL.sub("", match.group(1))  # "... progressive causes whose agency, Fenton,"
    words = [w.lower().rstrip(".,") for w in phrase.split()]
    if not words or len(words) > 12 or not any(w in TITLE_NOUNS for w in words):
        return None
    if words[0] in _NOT_ROLE_OPENERS or _CLAUSE_WORDS & set(words):
        return None
    if _goes_on_as_a_clause(phrase.split(), words):
        return None
    adverb = words[0].endswith("ly") and len(words) > 1 and words[1] in _AFTER_TITLE
    if adverb or words[0] in _AFTER_TITLE:
        # a preposition's phrase, or an adverb's, is no role: "Rubio, particularly in the closing days of
        # the Iowa campaign, has preached unity" (a "newly elected governor" is one)
        return None
    if _cut_at_a_title(words[-1], text[end + match.end() : end + match.end() + 1]):
        return None
    return _titled_parts(phrase)


# what may follow a role's title noun in an apposition, which is a noun phrase: a preposition's phrase
# ("adviser to the president"), another title ("president and chief executive"), or a name
_AFTER_TITLE = frozenset(["of", "for", "at", "to", "in", "on", "from", "with", "and", "&", "under"])


def _goes_on_as_a_clause(written: list[str], words: list[str]) -> bool:
    """Whether the phrase after a name (its words as written, and as ``role_after`` compares them) goes on
    past its first title noun as a clause, not a role: in "Against Clinton, the Ohio governor earned 51
    percent" a word in lower case that is no preposition and no title follows the title."""
    first = next(i for i, w in enumerate(words) if w in TITLE_NOUNS)
    if first + 1 >= len(words):
        return False
    after = words[first + 1]
    return written[first + 1].islower() and after not in _AFTER_TITLE and after not in TITLE_NOUNS


# a relative clause inside an apposition describes the role's holder further: no part of the role
_RELATIVE_TAIL = re.compile(r"\s+(?:whose|who|whom|which|where)\b.*$", re.DOTALL)


def _cut_at_a_title(last: str, after: str) -> bool:
    """Whether a phrase ends on the stop of a title that opens the next name ("... candidate Sen.
    Bernie Sanders", "... whom Mr. Obama"): it ran on past the apposition, into another sentence part."""
    return after == "." and (last in HONORIFICS or f"{last}." in TITLE_NOUNS or f"{last}." in HONORIFICS)


def _titled_parts(phrase: str) -> str:
    """The parts of "A and B" that hold a title: "adviser to the president and part of the team"
    is the adviser; "president and chief executive" stays whole."""
    parts = phrase.split(" and ")
    kept = [p for p in parts if any(w.lower().rstrip(".,") in TITLE_NOUNS for w in p.split())]
    return " and ".join(kept) if kept and kept == parts[: len(kept)] else phrase


def role_first(text: str, start: int) -> str | None:
    """A role standing before the name, set off by a comma: "The mayor of Askøy, Marit Lunde"."""
    match = _ROLE_FIRST.search(text[max(0, start - 90) : start])
    if match is None:
        return None
    phrase = match.group(1)
    words = [w.lower().rstrip(".,") for w in phrase.split()]
    if not any(w in TITLE_NOUNS for w in words) or _CLAUSE_WORDS & set(words):
        return None
    return phrase


# A title is a plain noun phrase: one that holds a quotation mark (typed doubled on old systems, '' and
# ``) ran on into someone's words ("Obama, calling him “the most ignorant president"), and a spaced dash
# ends it ("Bill, nobody - more qualified than Hillary Clinton'' to serve as president" is no title).
_QUOTE_MARK = re.compile(r"[“”«»„\"]|''|``")
_SPACED_DASH = re.compile(r"\s[-–—]+\s")


def _plain_title(role: str | None) -> str | None:
    """``role`` up to a spaced dash, if what is left is still a title and holds no quotation mark."""
    if not role:
        return None
    role = _SPACED_DASH.split(role, maxsplit=1)[0].strip()
    words = role.split()
    if _QUOTE_MARK.search(role) or not any(w.lower().rstrip(".,") in _TITLE_STEMS for w in words):
        return None
    if len(words) > 1 and words[0].endswith("ing") and words[1].lower() in _CLAUSE_NEXT:
        return None  # "Trump, saying he lacks the temperament to be president": a clause
    if _SUBORDINATORS & {w.lower() for w in words}:
        return None  # "Trump, especially when it comes to the delegate chase": a clause
    if len(words) > 1 and _titled_name(words[-2], words[-1]):
        return None  # "Obama, Vice President Biden ...": another person, title and name
    return role


# After a participle, words that open its clause ("saying he ...", "calling for ..."); "acting head" and
# "leading candidate" go on with a noun.
_CLAUSE_NEXT_WORDS = "he she it they him her his its their that the a an for to on about this these"
_CLAUSE_NEXT = frozenset(_CLAUSE_NEXT_WORDS.split())
_SUBORDINATORS = frozenset(["when", "if", "because", "while", "although", "though", "whether", "unless"])


def _titled_name(title: str, last: str) -> bool:
    """A title then a capitalised word that is no title: "President Biden"."""
    folded = last.lower().rstrip(".,")
    return title.lower().rstrip(".,") in _TITLE_STEMS and last[:1].isupper() and folded not in _TITLE_STEMS


@lru_cache(maxsize=1 << 14)
def roles_of(text: str, start: int, end: int) -> tuple[str, ...]:
    """Every role the text states for the name at ``start:end``. Cached: the mention reader, the
    speaker resolver and the actor merge each ask it of the same names (a str keeps its hash, so a
    look-up costs no pass over the text)."""
    candidates = (role_before(text, start), role_after(text, end), role_first(text, start))
    found = [role for role in map(_plain_title, candidates) if role]
    return tuple(dict.fromkeys(found))


def role_head(phrase: str) -> str | None:
    """The title noun a description turns on: "the Kremlin spokesperson" → "spokesperson"."""
    words = [w.lower().strip(".,") for w in phrase.split()]
    titles = [w for w in words if w in TITLE_NOUNS and w not in HONORIFICS]
    return titles[-1] if titles else None
