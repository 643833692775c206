"""compose's word toolkit: content-word stems, names, numbers and calendar words of a text.

What claims, facts, the summary, updates and the faithfulness audit read in a sentence's words, in one
place. Plain functions over strings; no parse, no records.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache, lru_cache

from storyline.calendar_words import MONTH_NAMES, WEEKDAY_NAMES
from storyline.stop_words import ENGLISH_STOP_WORDS
from storyline.text import SYNONYMS, ascii_fold

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+(?:[.,:]\d+)*")
_NAME = re.compile(r"\b[A-Z][\w’'-]+(?:\s+(?:of\s+|de\s+|al-)?[A-Z][\w’'-]+)*")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
    "dozen": "12", "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000",
}
MONTHS = MONTH_NAMES
WEEKDAYS = WEEKDAY_NAMES
# Words that open a sentence but carry no name: a capitalised sentence start is not an entity.
# scikit-learn's list also holds content words ("fire", "bill", "system") and numbers: keep those.
_CONTENT = {
    "fire", "bill", "system", "interest", "found", "call", "describe", "detail", "move", "show", "find",
    "give", "made", "top", "bottom", "front", "back", "full", "side", "part", "amount", "name", "empty",
    "mill", "con", "de", "thick", "thin", "cry", *NUMBER_WORDS,
}
_FUNCTION_WORDS = (frozenset(ENGLISH_STOP_WORDS) - _CONTENT) | {
    "said", "says", "according", "meanwhile", "earlier",
}
# Reporting verbs say who spoke, not what happened: two outlets quoting one claim differ only here.
_REPORTING = frozenset(
    {
        "say", "said", "says", "stated", "state", "asserted", "assert", "told", "tell", "added", "add",
        "noted", "note", "reported", "report", "confirmed", "announced", "claimed", "quoted", "cited",
        "statement", "spokesman", "spokeswoman", "spokesperson", "spokespeople",
    }
)


def stem(word: str) -> str:
    """A light suffix stripper: enough to meet "talks"/"talk" and "hosted"/"hosting"."""
    w = ascii_fold(word.lower().replace("’", "'"))
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        shortest = 4 if suffix in ("ing", "ed", "ly") else 3
        if w.endswith(suffix) and len(w) - len(suffix) >= shortest and not w.endswith("ss"):
            w = w[: len(w) - len(suffix)] + keep
            break
    # "declare", "declared" and "declaring" meet at "declar".
    return w[:-1] if w.endswith("e") and len(w) > 4 else w


@cache
def _fold(word: str) -> str:
    stemmed = stem(word)
    return SYNONYMS.get(word) or SYNONYMS.get(stemmed) or stemmed


def content_stems(text: str) -> tuple[str, ...]:
    """Stems of the content words of ``text``, in order, numbers included."""
    return stems_of(_WORD.findall(text))


def stems_of(words: list[str]) -> tuple[str, ...]:
    """``content_stems`` of a text whose words (``WORD.findall``) were read already."""
    return tuple(filter(None, map(_content_stem, words)))  # a stem is a non-empty string, or ""


@cache  # a story's sentences are read word by word several times, and share most of their words
def _content_stem(word: str) -> str:
    """One word's stem as ``content_stems`` keeps it; empty for a function or reporting word, and for a
    word with no ASCII letters (it folds to nothing: no stem, not an empty one)."""
    low = word.lower()
    if low in _FUNCTION_WORDS or low in _REPORTING or (len(low) < 2 and not low.isdigit()):
        return ""
    return NUMBER_WORDS.get(low) or _fold(low)


def names_in(text: str) -> set[str]:
    """Capitalised word runs that are not a sentence's opening function word, lower-cased."""
    found: set[str] = set()
    for match in _NAME.finditer(text):
        words = match.group(0).split()
        if match.start() == 0 and len(words) == 1:
            continue  # a capitalised first word is the sentence's, not a name's
        while words and words[0].lower() in _FUNCTION_WORDS | set(MONTHS) | set(WEEKDAYS):
            words = words[1:]
        if words:
            found.add(ascii_fold(" ".join(words)).lower())  # folded first: "𝖠" folds to "A"
    return found


@lru_cache(maxsize=1 << 14)  # a story's aligned sentences compare the same few names over and over
def spelled_alike(a: str, b: str, bar: float) -> bool:
    """Whether ``difflib``'s ratio of two spellings reaches ``bar`` ("Zelensky", "Zelenskyy"). Its
    two cheap upper bounds of that ratio (from the lengths, then from the letters shared) turn most
    pairs away before the full matching, with the same answer."""
    matcher = SequenceMatcher(None, a, b)
    return matcher.real_quick_ratio() >= bar and matcher.quick_ratio() >= bar and matcher.ratio() >= bar


def numbers_in(text: str, words: list[str] | None = None) -> set[str]:
    """Numerals and number words, normalised to digits without separators; ``words``: ``WORD.findall``
    of ``text``, when read already."""
    found = {n.replace(",", "") for n in _NUMBER.findall(text)}
    # an ASCII text's words lower-cased are the words of the lower-cased text (a letter stays a letter);
    # in another text lower-casing may change what a word is ("İ" lowers to "i" and a combining dot)
    lowered = map(str.lower, words) if words is not None and text.isascii() else _WORD.findall(text.lower())
    found |= {NUMBER_WORDS[w] for w in lowered if w in NUMBER_WORDS}
    return found


_CALENDAR = frozenset({*MONTHS, *WEEKDAYS})


def dates_in(text: str, words: list[str] | None = None) -> set[str]:
    """Month and weekday names written in ``text``, lower-cased; ``words``: ``WORD.findall`` of
    ``text``, when read already. (No word of ``WORD`` ends with a full stop: one needs no stripping.)"""
    return {w for w in map(str.lower, _WORD.findall(text) if words is None else words) if w in _CALENDAR}


WORD = _WORD  # a word or a figure, as every reader here splits a text

__all__ = [
    "MONTHS", "NUMBER_WORDS", "WEEKDAYS", "WORD", "content_stems", "dates_in", "names_in", "numbers_in",
    "spelled_alike", "stem", "stems_of",
]
