"""Paragraphs with their offsets into the text they were cut from."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from functools import cached_property

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"\S+")


@dataclass
class Paragraph:
    """A working paragraph: ``reason`` is set once a rule marks it as not part of the article."""

    text: str
    start: int  # offsets into the source text (the .txt body, or trafilatura's output)
    end: int
    reason: str | None = None
    # the source's own characters at start:end; differs from ``text`` only where wrapped lines were joined
    source: str | None = None

    @property
    def exact(self) -> str:
        """The paragraph as the input has it at its offsets (line breaks of a joined paragraph kept)."""
        return self.text if self.source is None else self.source

    @cached_property
    def words(self) -> int:
        """Whitespace words; for scripts written without spaces (CJK), about one word per two characters."""
        spaced = len(_WORD.findall(self.text))
        return max(spaced, len(self.text) // 2) if spaced * 15 < len(self.text) else spaced

    @property
    def kept(self) -> bool:
        return self.reason is None


def _lines(text: str) -> list[Paragraph]:
    found = []
    for match in _LINE.finditer(text):
        stripped = match.group().strip()
        if stripped:
            start = match.start() + match.group().index(stripped[0])
            found.append(Paragraph(stripped, start, start + len(stripped)))
    return found


def _hard_wrapped(text: str, lines: list[Paragraph]) -> bool:
    """Lines cut at a fixed width (e-mail, wire copy): every line short and most of them near full."""
    if len(lines) < 6 or "\n\n" not in text:
        return False
    lengths = [len(p.text) for p in lines]
    return max(lengths) <= 100 and statistics.median(lengths) >= 50


_BYLINE = re.compile(r"(?:by|via)\s")  # "by Asa Roe": a byline under a title, not its tail
_ENDS = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "]", "…")


def _runs_on(text: str, last: Paragraph, line: Paragraph) -> bool:
    """Whether ``line`` goes on with the sentence ``last`` left open: the page's source wrapped a
    line of one paragraph ("... who in 2008, won the " / "Africa Movie Academy Award ..."). A paragraph
    never opens on a small letter nor ends on a comma; a wrapped line keeps the space at its break."""
    if last.text.endswith(_ENDS) or "\n\n" in text[last.end : line.start]:
        return False
    first = line.text[0]
    if _BYLINE.match(line.text):
        return False
    if first.islower() or last.text.endswith(","):
        return True
    gap = text[last.end : line.start]
    return last.text[-1].islower() and first.isupper() and gap != "\n"


def _joined(text: str, last: Paragraph, line: Paragraph) -> Paragraph:
    """``line`` appended to ``last``: one space between them for the reader, the input's own
    characters (line breaks included) kept as the paragraph's source, so offsets stay true."""
    return Paragraph(f"{last.text} {line.text}", last.start, line.end, source=text[last.start : line.end])


def _rejoined(text: str, lines: list[Paragraph]) -> list[Paragraph]:
    merged: list[Paragraph] = []
    for line in lines:
        if merged and _runs_on(text, merged[-1], line):
            merged[-1] = _joined(text, merged[-1], line)
        else:
            merged.append(line)
    return merged


def split_paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-blank line, or per blank-line block when the lines are hard-wrapped;
    a line that goes on with the sentence of the line above is part of its paragraph."""
    lines = _lines(text)
    if not _hard_wrapped(text, lines):
        return _rejoined(text, lines)
    merged: list[Paragraph] = []
    for line in lines:
        if merged and "\n\n" not in text[merged[-1].end : line.start]:
            merged[-1] = _joined(text, merged[-1], line)
        else:
            merged.append(line)
    return merged
