"""Name keys for merging actors: spellings that differ only in diacritics, transliteration, case,
punctuation or a leading article get one key.

Hand-written because the variants that matter in news (Zelensky / Zelenskyy / Zelenskiy) come from
competing romanisations of Slavic endings, which general phonetic keys (Soundex, Metaphone) either
miss or over-merge across different surnames.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

from anyascii import anyascii

T = TypeVar("T")

_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
# a possessive ending: 's, ’s, a typed ‘s ("Donald Trump‘s attack"), or a bare apostrophe
POSSESSIVE = re.compile(r"(?:['’‘]s|['’])$")
_NON_WORD = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"[\s-]+")
# Competing romanisations, applied at word ends and inside words: Zelenskyy/Zelenskiy → zelensky.
_ENDINGS = ((re.compile(r"(?:iy|yy|ij|yi|ii|ey|ei)\b"), "y"), (re.compile(r"(?:iya|ija|iia)\b"), "ia"))
_INSIDE = (
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("ts", "c"),
    ("tz", "c"),
    ("dzh", "j"),
    ("zh", "j"),
    ("yu", "u"),
    ("iu", "u"),
    ("ya", "a"),
    ("ia", "a"),
    ("yo", "o"),
    ("ye", "e"),
    ("ou", "u"),
    ("isation", "ization"),
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_CONNECTORS = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "la", "&"})


def surname(name: str) -> str:
    """The last word of a name that is not a suffix: "Joseph R. Biden Jr." → "Biden"."""
    kept = [w for w in name.split() if w.strip(".,").lower() not in _SUFFIXES]
    return kept[-1] if kept else name


def fold(text: str) -> str:
    """Lower case ASCII, diacritics and other scripts transliterated: Erdoğan → erdogan, Støre → store."""
    return anyascii(text).lower()


def clean(name: str) -> str:
    """The name as written, without a leading "the", a possessive, or surrounding white space."""
    name = POSSESSIVE.sub("", _ARTICLE.sub("", name.strip()))
    return " ".join(name.split())


def words(name: str) -> list[str]:
    """Folded words of a name, punctuation dropped: "Recep Tayyip Erdoğan" → [recep, tayyip, erdogan]."""
    return [w for w in _SPACES.split(_NON_WORD.sub("", fold(clean(name)))) if w]


def word_key(word: str) -> str:
    """One word reduced past transliteration differences."""
    for pattern, replacement in _ENDINGS:
        word = pattern.sub(replacement, word)
    for old, new in _INSIDE:
        word = word.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", word)  # doubled letters: Zelenskyy, Podolyak/Podoliak after folding


# Legal-form words that do not change which company a name means: "Chrysler LLC", "Apple Inc.".
_COMPANY_SUFFIX_WORDS = "inc corp corporation co company group llc plc spa nv ag ltd limited holdings sa gmbh"
COMPANY_SUFFIXES = frozenset(_COMPANY_SUFFIX_WORDS.split())


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The merge key of a whole name (cached: merging asks for the same names many times)."""
    parts = words(name)
    while len(parts) > 1 and parts[-1] in COMPANY_SUFFIXES:
        parts.pop()
    return " ".join(word_key(w) for w in parts)


def initials(name: str) -> str:
    """The acronym a long name would make: North Atlantic Treaty Organisation → nato."""
    parts = [w for w in words(name) if w not in _CONNECTORS]
    return "".join(w[0] for w in parts) if len(parts) > 1 else ""


def is_acronym(name: str) -> bool:
    letters = clean(name).replace(".", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()


# Endings that make a nationality word from a place name: Russia-n, Ukrain(e)-ian, Turk(ey)-ish.
_DEMONYM_ENDINGS = ("ian", "an", "ese", "ish", "i", "n")
# How many letters of a place name may go beyond the demonym's stem: Brit-ain, Turk-ey, Germ-any.
DEMONYM_REACH = 3


def demonym_stems(word: str) -> tuple[str, ...]:
    """Stems a place name may start with if ``word`` (folded, one word) is its nationality word:
    "russians" → "russ", "russi", "russia"."""
    if word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return tuple(word[: -len(e)] for e in _DEMONYM_ENDINGS if word.endswith(e) and len(word) - len(e) >= 3)


def place_of_demonym(word: str, places: Iterable[str]) -> str | None:
    """The one place name among ``places`` (folded single words) that ``word`` is the nationality
    word of, the closest spelling first: "ukrainian" → "ukraine", "indian" → "india" over "indiana"."""
    stems = demonym_stems(word)
    reach: dict[str, int] = {}
    for place in places:
        gaps = [len(place) - len(stem) for stem in stems if place.startswith(stem) and place != word]
        if gaps and min(gaps) <= DEMONYM_REACH:
            reach[place] = min(gaps)
    if not reach:
        return None
    best = min(reach.values())
    closest = [p for p, gap in reach.items() if gap == best]
    return closest[0] if len(closest) == 1 else None


def principal_bearer(full_names: Sequence[T]) -> T:
    """Which of an article's full names (in text order) sharing one surname is its principal bearer,
    the one a lone surname stands for. News style introduces the person the story is about by full name
    first, and tells a relative or namesake who comes later apart by the given name ("his wife, Heidi",
    "Dena Grayson"), every time: so the first named in full. Counting full names misleads for that
    very reason: the wife named in full at each mention outnumbers the congressman the lone "Grayson"
    stands for throughout."""
    return full_names[0]
