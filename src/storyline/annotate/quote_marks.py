"""Find quotations by their quotation marks, paragraph by paragraph.

Written by hand because no kept library pairs quotation marks the way news text uses them: curly and
straight marks mixed, a closing mark missing, and a quotation running over several paragraphs, where
each paragraph reopens the quote but only the last one closes it.
"""

from __future__ import annotations

import re
from typing import Any

OPENERS = "“«„"
CLOSERS = "”»"
STRAIGHT = '"'
ALL_MARKS = OPENERS + CLOSERS + STRAIGHT + "‘’'"

_PARAGRAPH = re.compile(r"[^\n]+")
_MARK = re.compile(f"[{re.escape(OPENERS + CLOSERS + STRAIGHT)}]")  # what opens or closes a quotation
_ATTRIBUTE = re.compile(r'=\s*"[^"\n]*"')
# Wire copy typed on old systems doubles single marks for a double one: ''Like this,'' he said.
_DOUBLED = re.compile(r"''|``")
_SECOND = "\u0001"  # stands in for the doubled mark's second character, keeping offsets


def _plain(text: str) -> str:
    """``text`` with doubled marks as one straight mark, and markup's quoted attributes blanked."""
    text = _DOUBLED.sub('"' + _SECOND, text)
    # markup left in a text (<tweet author="...">) has quoted attribute values, not quotations
    return _ATTRIBUTE.sub(lambda m: " " * len(m.group()), text)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _opens(text: str, start: int) -> bool:
    """Whether the paragraph starting at ``start`` opens with a quotation mark."""
    stripped = text[start:].lstrip()
    return bool(stripped) and stripped[0] in OPENERS + STRAIGHT


def _scan(text: str, start: int, end: int, open_at: int | None) -> tuple[list[tuple[int, int]], int | None]:
    """Quotations closed within one paragraph, and where a quotation still open at its end began."""
    found: list[tuple[int, int]] = []
    for mark in _MARK.finditer(text, start, end):  # every other character leaves the state as it is
        i = mark.start()
        char = text[i]
        if open_at is None and (char in OPENERS or char == STRAIGHT):
            open_at = i
        elif open_at is not None and (char in CLOSERS or char == STRAIGHT) and i > open_at:
            found.append((open_at, i + 1))
            open_at = None
    return found, open_at


def find_quotations(text: str) -> list[tuple[int, int]]:
    """Character ranges of the quotations in ``text``, marks included, in order.

    A quotation left open at the end of a paragraph runs on when the next paragraph opens with a
    mark (the convention for a quote over several paragraphs); otherwise it ends with its paragraph.
    """
    text = _plain(text)
    paragraphs = _paragraphs(text)
    found: list[tuple[int, int]] = []
    open_at: int | None = None
    for index, (start, end) in enumerate(paragraphs):
        # a paragraph that continues a quote repeats the opening mark: skip it, the quote is open
        scan_from = start + 1 + (len(text[start:end]) - len(text[start:end].lstrip())) if open_at else start
        closed, open_at = _scan(text, scan_from, end, open_at)
        found.extend(closed)
        if open_at is not None:
            following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            if following is None or not _opens(text, following):
                found.append((open_at, end))
                open_at = None
    return [(start, end + 1 if text[end : end + 1] == _SECOND else end) for start, end in found]


def is_quoted(text: str) -> bool:
    """Whether ``text`` is wholly a quotation: it opens and closes with a mark."""
    stripped = _plain(text).replace(_SECOND, "").strip().rstrip(".,;:")
    return len(stripped) > 1 and stripped[0] in OPENERS + STRAIGHT and stripped[-1] in CLOSERS + STRAIGHT


def has_marks(text: str) -> bool:
    return _MARK.search(_plain(text)) is not None


ALPHA_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of two letters or more
_SMALL_WORDS = frozenset(["a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "with"])


def names_a_work(text: str, quotation: tuple[int, int]) -> bool:
    """Whether a quotation is the name of a show, a book or a slogan: two to six words, the first and
    every other but a small one capitalised, and no stop, comma or question inside (''Meet the Press'',
    "Face the Nation"). A verb in it is part of a name, not a clause's verb."""
    inner = text[quotation[0] : quotation[1]].strip(ALL_MARKS + "`\u0001 ")
    words = ALPHA_WORD.findall(inner)
    if not 2 <= len(words) <= 6 or any(mark in inner for mark in ".,;:?!"):
        return False
    return words[0][0].isupper() and _title_cased(words)


def _title_cased(words: list[str]) -> bool:
    """Every word capitalised but the small ones ("Meet the Press", "Good Morning America")."""
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)


def reads_as_words(text: str, quotation: tuple[int, int]) -> bool:
    """Whether a quotation reads as words said: not a title ("Sunday Morning Futures," "Good Morning
    America": capitalised words, six at most) nor a scare-quoted word ("awful")."""
    words = ALPHA_WORD.findall(text[quotation[0] : quotation[1]])
    if len(words) < 2:
        return False
    return not (_title_cased(words) and len(words) <= 6)


def in_a_works_name(token: Any) -> bool:
    """Whether ``token`` lies inside a quoted name of a show, a book or a slogan (:func:`names_a_work`):
    the parser reads "Meet" in "said on NBC's ''Meet the Press'' on Sunday that ..." as the verb of the
    reported clause, and then the clause as a plan (on Sunday: ahead) and its content as the show's name.
    The names are found once per parse and kept with it."""
    doc = token.doc
    names = doc.user_data.get(_WORKS)
    if names is None:
        from storyline.annotate.nlp import doc_text

        text = doc_text(doc)
        names = doc.user_data[_WORKS] = [q for q in find_quotations(text) if names_a_work(text, q)]
    return any(start <= token.idx < end for start, end in names)


_WORKS = "storyline_works_named"
