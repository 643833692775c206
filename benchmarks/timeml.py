"""Readers for gold time-expression corpora: TimeML ``.tml`` (TempEval-3) and MEANTIME CAT XML.

Both become ``GoldDoc``: the plain text a system sees, the document creation time, and the gold
TIMEX3 spans as character offsets into that text. The creation-time TIMEX3 itself is not a gold
mention (TempEval-3 scores only the timexes of the body).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    value: str
    type: str


@dataclass(frozen=True)
class GoldDoc:
    name: str
    text: str
    dct: date
    timexes: tuple[GoldTimex, ...]
    skip: tuple[tuple[int, int], ...] = ()  # spans not scored (MEANTIME's creation-time line)
    scored_end: int | None = None  # MEANTIME annotates only the title, date line and first sentences

    def scored(self, start: int, end: int) -> bool:
        """Whether a system mention at ``start..end`` falls where the gold annotation was made."""
        if self.scored_end is not None and start >= self.scored_end:
            return False
        return not any(start < e and s < end for s, e in self.skip)


def _iso_day(value: str) -> date:
    if re.fullmatch(r"\d\d-\d\d-\d{4}", value):  # one MEANTIME file writes DD-MM-YYYY
        value = "-".join(reversed(value.split("-")))
    digits = re.sub(r"\D", "", value)[:8]
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def read_tml(path: Path) -> GoldDoc:
    """A TimeML file: the text is the ``TEXT`` element with its tags stripped."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    if dct_el is None:
        raise ValueError(f"{path}: no DCT")
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no TEXT")
    parts: list[str] = []
    found: list[GoldTimex] = []
    _walk(body, parts, found, is_root=True)
    return GoldDoc(path.stem, "".join(parts), _iso_day(dct_el.get("value", "")), tuple(found))


def _walk(el: ET.Element, parts: list[str], found: list[GoldTimex], *, is_root: bool = False) -> None:
    start = sum(map(len, parts))
    parts.append(el.text or "")
    for child in el:
        _walk(child, parts, found)
    end = sum(map(len, parts))
    if el.tag == "TIMEX3" and not is_root:
        text = "".join(parts)[start:end]
        found.append(GoldTimex(start, end, text, el.get("value", ""), el.get("type", "")))
    if not is_root:
        parts.append(el.tail or "")


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "'s", "n't", "'", "''", "%", "'re", "'ll", "'ve"}
_NO_SPACE_AFTER = {"(", "[", "$", "``"}


def read_meantime(path: Path) -> GoldDoc:
    """A MEANTIME CAT file: tokens are joined into lightly detokenized text, one sentence a line."""
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    out: list[str] = []
    length, last_sentence, last_token = 0, None, ""
    annotated = _last_annotated_sentence(root)
    scored_end: int | None = None
    for tok in root.iter("token"):
        if scored_end is None and int(tok.get("sentence", "0")) > annotated:
            scored_end = length
        word, sentence = tok.text or "", tok.get("sentence")
        if last_sentence is not None:
            sep = "\n" if sentence != last_sentence else " "
            if sep == " " and (word in _NO_SPACE_BEFORE or last_token in _NO_SPACE_AFTER):
                sep = ""
            out.append(sep)
            length += len(sep)
        offsets[tok.get("t_id", "")] = (length, length + len(word))
        out.append(word)
        length += len(word)
        last_sentence, last_token = sentence, word
    text = "".join(out)
    found: list[GoldTimex] = []
    skip: list[tuple[int, int]] = []
    dct_id = _creation_time_id(root)
    dct: date | None = None
    for timex in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in timex.findall("token_anchor")]
        is_dct = timex.get("m_id") == dct_id
        if is_dct:
            dct = _iso_day(timex.get("value", ""))
        if not ids:
            continue  # a non-text-consuming timex: nothing to detect
        start, end = offsets[ids[0]][0], offsets[ids[-1]][1]
        if is_dct:
            skip.append((start, end))
            continue
        found.append(GoldTimex(start, end, text[start:end], timex.get("value", ""), timex.get("type", "")))
    if dct is None:
        raise ValueError(f"{path}: no creation time")
    found.sort(key=lambda t: t.start)
    return GoldDoc(path.stem, text, dct, tuple(found), tuple(skip), scored_end)


def _last_annotated_sentence(root: ET.Element) -> int:
    sentence = {t.get("t_id"): int(t.get("sentence", "0")) for t in root.iter("token")}
    return max((sentence[a.get("t_id")] for a in root.iter("token_anchor")), default=0)


def _creation_time_id(root: ET.Element) -> str | None:
    """The creation time's id; some files forget ``CREATION_TIME``: then the date line's timex."""
    timexes = list(root.iter("TIMEX3"))
    for timex in timexes:
        if timex.get("functionInDocument") == "CREATION_TIME":
            return timex.get("m_id")
    # the date line under the title: the earliest full-day timex of the text
    days = [
        t
        for t in timexes
        if re.fullmatch(r"\d{4}-\d\d-\d\d", t.get("value", "")) and t.find("token_anchor") is not None
    ]
    days.sort(key=lambda t: int(t.findall("token_anchor")[0].get("t_id", "0")))
    return days[0].get("m_id") if days else None


def read_folder(folder: Path) -> list[GoldDoc]:
    """Every ``.tml`` and MEANTIME ``.xml`` file under ``folder``; one copy per document name."""
    docs: dict[str, GoldDoc] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".tml":
            doc = read_tml(path)
        elif path.suffix == ".xml" and _is_meantime(path):
            doc = read_meantime(path)
        else:
            continue
        docs.setdefault(doc.name, doc)
    return list(docs.values())


def _is_meantime(path: Path) -> bool:
    with path.open(encoding="utf-8") as fh:
        return "<Document" in fh.read(400)
