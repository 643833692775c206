"""Which outlet published an article, from evidence the article itself carries.

Only the publisher's own marks count: a dateline's agency ("March 28 (UPI) --"), an opening naming the
outlet ("Istanbul, Europe Brief News.-"), an appeal to support it, its copyright line, its own
photo-sales credit. An agency the text cites ("TASS reported") is a source, not the outlet.
"""

from __future__ import annotations

import re

from storyline.extract.boilerplate import support_outlet
from storyline.extract.header import OUTLET_WORDS, Dateline
from storyline.extract.paragraphs import Paragraph

_OWN_PHOTO = re.compile(
    r"/\s*(?P<outlet>[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,3})\s*\|\s*(?i:license photo)\W*$"
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|(?i:copyright))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<outlet>[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){0,4})"
)
_SOURCE_LINE = re.compile(r"^source\s*:\s*(?P<outlet>.{2,80})$", re.I)
_AND_AGENCIES = re.compile(r"\b(?:and|&) (?:news )?agencies\b", re.I)
_AGENCIES_ONLY = re.compile(r"(?:news )?agencies|wires?|staff|agency", re.I)
_STAFF_OF = re.compile(
    r"\b(?:journalists|team|staff|editors|newsroom|reporters) (?:of|at) "
    r"(?P<outlet>The(?: [A-Z][\w'’-]+){1,4})"
)


def _from_dateline(dateline: Dateline | None) -> tuple[str, str] | None:
    if dateline is None:
        return None
    if dateline.agency:
        return dateline.agency.strip(), f'dateline agency "({dateline.agency})"'
    parts = [part.strip() for part in (dateline.place or "").split(",")]
    if len(parts) == 2 and OUTLET_WORDS.search(parts[1]):
        return parts[1].rstrip(". "), f'dateline "{dateline.place}"'
    return None


def _from_paragraph(paragraph: Paragraph) -> tuple[str, str] | None:
    text = paragraph.text
    if paragraph.reason == "appeal":
        named = support_outlet(text)
        staff = _STAFF_OF.search(text)
        outlet = named or (staff.group("outlet") if staff else None)
        if outlet:
            return outlet, f'appeal "{text[:60]}"'
    if paragraph.reason == "copyright" and (match := _COPYRIGHT.search(text)):
        return match.group("outlet").strip(" ."), f'copyright line "{text[:60]}"'
    if paragraph.reason == "photo-credit" and (match := _OWN_PHOTO.search(text)):
        return match.group("outlet").strip(), "its own photo-sales credit"
    return None


def _from_source_line(paragraph: Paragraph) -> tuple[str, str] | None:
    """ "SOURCE: AL JAZEERA AND NEWS AGENCIES" names the publisher first."""
    match = _SOURCE_LINE.match(paragraph.text)
    if paragraph.reason != "credit" or match is None:
        return None
    line = match.group("outlet").strip()
    shouted = paragraph.text.startswith("SOURCE") and line.isupper()
    if not (shouted or _AND_AGENCIES.search(line)):  # "Source: NATO." under a chart names no publisher
        return None
    name = re.split(r"\s+(?:and|&)\s+|,|;", line, flags=re.I)[0].strip(" .")
    if not name or _AGENCIES_ONLY.fullmatch(name):
        return None
    return (name.title() if name.isupper() and len(name) > 5 else name), f'source line "{paragraph.text}"'


def find_outlet(
    paragraphs: list[Paragraph], dateline: Dateline | None, affiliation: str | None = None
) -> tuple[str | None, str]:
    """The outlet and the evidence for it; (None, why) when the article never names its publisher."""
    found = _from_dateline(dateline)
    if found:
        return found
    if affiliation:
        return affiliation, f'the line under the byline: "{affiliation}"'
    for paragraph in paragraphs:
        if found := _from_source_line(paragraph):
            return found
    for reason in ("appeal", "copyright", "photo-credit"):
        for paragraph in paragraphs:
            if paragraph.reason == reason and (candidate := _from_paragraph(paragraph)):
                return candidate
    return None, "no outlet named by a dateline, appeal, copyright line or own photo credit"
