"""Whether a pronoun can stand for a person: "she said" is not Donald Trump's.

A careful reader resolves "she" to the last woman named, not to the last person. What the article
itself says comes first: an honorific before the person's surname ("Mr. Trump", "Mrs. Clinton"). Else
the given name: the US Census 1990 lists of first names by sex, with each name's share of the people of
that sex (the ``names`` package, MIT, public-domain census data; 5,494 names, read once, 190 KB).
A name counts as one sex's only when that sex holds nine in ten of its bearers ("Jordan", 82% male,
and "Taylor", 67%, stay unknown); a name the lists do not hold (most non-US names) is unknown, and an
unknown person is never ruled out. No list is written here: a hand list would carry our blind spots.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

from storyline.models import Mention

Gender = Literal["female", "male"]

__all__ = ["Gender", "agrees", "gender_of", "pronoun_gender"]

_PRONOUNS: dict[str, Gender] = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
_HONORIFICS: dict[str, Gender] = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female"}
CLEAR_SHARE = 0.9  # "one sex's name": nine in ten of its bearers (a named cut, not fitted)


def pronoun_gender(word: str) -> Gender | None:
    return _PRONOUNS.get(word.strip().lower())


@cache
def _census() -> dict[str, Gender]:
    """First name (upper case) → the sex nine in ten of its bearers have."""
    shares: dict[str, dict[Gender, float]] = {}
    try:
        root = resources.files("names")
    except ModuleNotFoundError:  # the lists are a dependency; without them only honorifics speak
        return {}
    for sex, filename in (("male", "dist.male.first"), ("female", "dist.female.first")):
        for line in (root / filename).read_text(encoding="ascii").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                shares.setdefault(parts[0], {})[sex] = float(parts[1])  # type: ignore[index]
    found: dict[str, Gender] = {}
    for name, by_sex in shares.items():
        total = sum(by_sex.values())
        for sex, share in by_sex.items():
            if total > 0 and share / total >= CLEAR_SHARE:
                found[name] = sex
    return found


@lru_cache(maxsize=4)
def _honorifics(text: str) -> dict[str, frozenset[Gender]]:
    """Surname → the sexes the article's honorifics give it ("Mr. Trump"), read in one pass (a
    long article asks for many pronouns; a str's hash is kept, so the cache costs one lookup)."""
    found: dict[str, set[Gender]] = {}
    for m in re.finditer(r"\b(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][\w'-]+)", text):
        found.setdefault(m.group(2), set()).add(_HONORIFICS[m.group(1).lower()])
    return {surname: frozenset(sexes) for surname, sexes in found.items()}


def _honorific_gender(text: str, surname: str) -> Gender | None:
    """The sex the article's honorifics give a surname, when they agree."""
    said = _honorifics(text).get(surname, frozenset())
    return next(iter(said)) if len(said) == 1 else None


def gender_of(text: str, mention: Mention, mentions: Sequence[Mention]) -> Gender | None:
    """The sex of the person ``mention`` names: from its own given name, else the article's honorifics
    for its surname ("Mr. Trump"), else the given names of the article's fuller spellings of that
    surname when they agree (Bill and Hillary Clinton leave "Clinton" unknown), else, when no fuller
    spelling ends with the lone word, the word itself as a given name; None when none says."""
    words = mention.text.split()
    if not words:
        return None
    census = _census()
    if len(words) > 1 and words[0].upper() in census:
        return census[words[0].upper()]
    surname = words[-1]
    said = _honorific_gender(text, surname)
    if said is not None or len(words) > 1:
        return said
    spellings = [m.text.split() for m in mentions if m.kind == "person"]
    given = [w[0] for w in spellings if len(w) > 1 and w[-1] == surname]
    if not given:
        # no one in the article bears it as a surname: a person the article calls by a given name
        # alone ("Melanie said to the TV"), whose sex the lists give
        return census.get(surname.upper())
    sexes = {census[name.upper()] for name in given if name.upper() in census}
    return sexes.pop() if len(sexes) == 1 else None


def agrees(text: str, pronoun: str, mention: Mention, mentions: Sequence[Mention]) -> bool:
    """Whether ``pronoun`` can stand for the person ``mention`` names: always, unless both have a
    known sex and they differ."""
    wanted = pronoun_gender(pronoun)
    if wanted is None:
        return True
    known = gender_of(text, mention, mentions)
    return known is None or known == wanted
