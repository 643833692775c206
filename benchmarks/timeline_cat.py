"""SemEval-2015 Task 4 documents in CAT format: raw tokens in, storyline records and token lookup out.

Only the tokens, their sentence numbers and the document creation time are read (track A: raw text);
the event and entity markables of track B are never looked at.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Token:
    sentence: int  # the CAT sentence number, as event ids name it
    word: str
    start: int  # offsets into the line (the CAT sentence) that holds it
    end: int


@dataclass(frozen=True)
class CatDoc:
    doc_id: str
    title: str
    dct: str  # the creation time, YYYY-MM-DD
    lines: tuple[tuple[str, tuple[Token, ...]], ...]  # the body's CAT sentences: text and tokens

    @property
    def text(self) -> str:
        """The body: one CAT sentence per paragraph, its tokens joined by spaces."""
        return "\n\n".join(line for line, _ in self.lines)


def read_cat(path: Path) -> CatDoc:
    root = ET.parse(path).getroot()
    by_sentence: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        by_sentence.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
    creation = (t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME")
    dct = next((t.get("value", "") for t in creation), "")
    title = " ".join(by_sentence.pop(0, []))
    lines = tuple(_line(number, by_sentence[number]) for number in sorted(by_sentence))
    return CatDoc(root.get("doc_id", path.stem), title, dct[:10], lines)


def _line(number: int, words: list[str]) -> tuple[str, tuple[Token, ...]]:
    tokens, at = [], 0
    for word in words:
        tokens.append(Token(number, word, at, at + len(word)))
        at += len(word) + 1
    return " ".join(words), tuple(tokens)


def record(doc: CatDoc) -> dict[str, str]:
    """The document as a storyline JSONL record."""
    return {"title": doc.title, "text": doc.text, "published": doc.dct, "outlet": "Wikinews"}


def aligned(doc: CatDoc, article_text: str) -> list[tuple[int, Token]]:
    """Each token with its offset in the article storyline kept (cleaning may drop lines); the
    tokens of a line the article does not hold are left out."""
    found: list[tuple[int, Token]] = []
    cursor = 0
    for line, tokens in doc.lines:
        at = article_text.find(line, cursor)
        if at < 0:
            continue
        found += [(at + t.start, t) for t in tokens]
        cursor = at + len(line)
    return found
