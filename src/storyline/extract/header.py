"""The header of a plain-text article: title, byline, stated dates, and the dateline that opens the body.

Hand-written rules: a .txt file has no markup to say which line is the title or the byline, so we
read the shape of the lines before the first news paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from storyline.extract.boilerplate import paragraph_reason
from storyline.extract.dates import split_date
from storyline.extract.paragraphs import Paragraph

_NAME = r"[A-Z][\w'’.-]+"
_PARTICLE = r"de|da|del|van|von|der|bin|al|and|&"
_BYLINE = re.compile(
    rf"^(?i:written |words |story |text )?(?i:by)[:\s]+(?P<name>{_NAME}(?:\s+(?:{_NAME}|{_PARTICLE}))*)"
    r"(?P<rest>\s*(?:[,|/–—-].*)?)$"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PLACE = r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}"
# "March 28 (UPI) --", "KYIV, Ukraine (AP) —", "LONDON, March 3 (Reuters) -", "Istanbul, Europe Brief News.-",
# and the TASS style "MOSCOW, March 28. /TASS/."
DATELINE = re.compile(
    rf"^(?P<place>(?!{_MONTH}\s+\d){_PLACE}(?:,\s*(?!{_MONTH}\s+\d){_PLACE})?)?[,\s]*"
    rf"(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?\s*"
    r"(?:\((?P<agency>[A-Z][\w .&'-]{1,40})\)|\.?\s*/(?P<slashed>[A-Z][\w .&-]{1,30})/)?\s*"
    r"(?P<dash>--|—|–|\.-|-|:|\.(?=\s))\s+(?=\S)"
)
OUTLET_WORDS = re.compile(
    r"\b(?:News|Times|Post|Press|Herald|Journal|Tribune|Daily|Agency|Media|Wire|Gazette|Telegraph|Brief|"
    r"Report|Observer|Monitor|Review|Chronicle|Network|TV|Radio|Today|Insider|Express|Guardian|Star|Sun)\b"
)
# A fact-check's labels ("CLAIM: ...", "THE FACTS: ...", "VERDICT: False") look like a dateline's
# place and colon, but they say what the paragraph is: a claim stated is not the article's own fact.
FACT_CHECK_LABEL = re.compile(
    r"^\s*(?:THE\s+|AP'S\s+|OUR\s+)?(?:CLAIMS?|FACTS?|FACT\s+CHECK|VERDICT|RATING|ASSESSMENT|RULING|"
    r"WHAT\s+WE\s+FOUND|THE\s+TRUTH|CONCLUSION|BOTTOM\s+LINE)\s*:",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?:\s|$)|[。！？]")
_DATELINE_LONGEST = 80  # characters: a longer match is a sentence that happens to fit the pattern
# the last character of every ``dash`` of DATELINE and the space the pattern wants after it: a dateline
# kept holds both within its first _DATELINE_LONGEST characters
_DASH_THEN_SPACE = re.compile(r"[-—–:.]\s")


@dataclass(frozen=True)
class Dateline:
    start: int  # offsets into the paragraph's text
    end: int
    place: str | None
    agency: str | None


def find_dateline(text: str) -> Dateline | None:
    """A dateline opening a paragraph; a lone Title-case place needs a date, an agency or an em dash."""
    if _DASH_THEN_SPACE.search(text, 0, _DATELINE_LONGEST) is None:
        return None  # no dash a dateline of the longest kept could end with: the slow match is not tried
    match = DATELINE.match(text)
    if match is None or match.end() - match.start() > _DATELINE_LONGEST or FACT_CHECK_LABEL.match(text):
        return None
    place, when, dash = match.group("place", "date", "dash")
    agency = match.group("agency") or match.group("slashed")
    if not (place or when or agency) or (dash == "." and not match.group("slashed")):
        return None
    loud_place = bool(place) and (place.split(",")[0].isupper() or bool(OUTLET_WORDS.search(place)))
    if not (when or agency or loud_place or (place and "," in place and dash in ("—", "--", "–"))):
        return None
    end = match.end()
    if when and not (agency or loud_place) and text[end : end + 1].isdigit():
        return None  # "On October 1 - 2 Ashgabat hosts": a range of days, not a dateline's dash
    return Dateline(0, len(text[:end].rstrip()), place, agency)


_AFTER_DATELINE = 4  # words a sentence keeps after its dateline; fewer, and it was no dateline


def dateline_lead(text: str) -> int:
    """How many characters open a sentence before what it says: whitespace and the dateline of the
    article's body ("WASHINGTON (Reuters) - ", "PHILADELPHIA, July 29 (UPI) — "), with its dash."""
    lead = len(text) - len(text.lstrip())
    dateline = find_dateline(text[lead:])
    if dateline is not None and len(text[lead + dateline.end :].split()) >= _AFTER_DATELINE:
        lead += dateline.end
        lead += len(text[lead:]) - len(text[lead:].lstrip(" -–—"))
    return lead


def byline_name(text: str) -> str | None:
    if len(text.split()) > 14:
        return None
    match = _BYLINE.match(text.strip())
    return match.group("name").strip() if match else None


def is_body(paragraph: Paragraph) -> bool:
    """A news paragraph: a dateline, or a full sentence of some length."""
    if find_dateline(paragraph.text):
        return True
    return paragraph.words >= 12 and bool(_SENTENCE_END.search(paragraph.text))


def _title_like(paragraph: Paragraph) -> bool:
    return 3 <= paragraph.words <= 30 and not paragraph.text.endswith((".", ",", ";", ":"))


_LABEL_ONLY = re.compile(r"^(?:first |last )?(?:published|updated|posted|modified)(?: on| at)?:?$", re.I)


@dataclass
class Header:
    title: str | None = None
    byline: str | None = None
    affiliation: str | None = None  # the outlet line under a byline ("By Jane Doe" / "BBC News")
    standfirst: str | None = None  # a summary line under the title: news, kept in the text
    dates: list[tuple[date, str]] = field(default_factory=list)


def drop_title_echo(paragraphs: list[Paragraph], title: str | None) -> None:
    """The first line, when it repeats the known title, is the title, not body: same words in the same
    order, whatever the case, punctuation and line breaks ("Rubio: I Still Believe ... Codes." under
    the title "Rubio: I Still Believe ... Codes"), on one line or up to three; unless nothing follows."""
    if not title:
        return
    wanted, words = _words(title), []
    for count, paragraph in enumerate(paragraphs[:3], start=1):  # a title broken over lines
        words += _words(paragraph.text)
        if words == wanted:
            if count == len(paragraphs):
                return  # the title is all there is: a one-sentence article (a record with no text)
            for line in paragraphs[:count]:
                line.reason = "title"
            return
        if wanted[: len(words)] != words:
            return


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def read_header(paragraphs: list[Paragraph], limit: int = 10, find_title: bool = True) -> Header:
    """Scan the lines before the first news paragraph; mark dates and bylines "header", the title "title".

    ``find_title=False`` when the title is known already (HTML metadata): a short first line is then
    a standfirst or a subhead, and stays.
    """
    header = Header(title=None if find_title else "")
    for index, paragraph in enumerate(paragraphs[:limit]):
        reason = paragraph_reason(paragraph.text)
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if reason is not None:
            paragraph.reason = reason
        elif _headline_over_dateline(paragraph, following, header):
            header.title, paragraph.reason = paragraph.text, "title"
        elif _masthead(paragraph, following, header):
            header.affiliation, paragraph.reason = paragraph.text.strip(), "header"
        elif is_body(paragraph) or not _header_line(paragraph, header):
            break
    header.title = header.title or None
    return header


def _headline_over_dateline(paragraph: Paragraph, following: Paragraph | None, header: Header) -> bool:
    """A short first line right above a dateline is the headline, even when it ends with a period."""
    if header.title is not None or following is None or not 3 <= paragraph.words <= 20:
        return False
    return find_dateline(paragraph.text) is None and find_dateline(following.text) is not None


def _masthead(paragraph: Paragraph, following: Paragraph | None, header: Header) -> bool:
    """The outlet's name on its own line above the headline ("The Harbour Times", then the title)."""
    words = paragraph.text.split()
    if header.title is not None or following is None or not 1 <= len(words) <= 4:
        return False
    if not (OUTLET_WORDS.search(paragraph.text) and all(w[0].isupper() for w in words)):
        return False
    return _title_like(following) and not is_body(following)


def _date_or_byline(text: str, header: Header) -> bool:
    """A date line, a byline, or both on one line ("by Jane Doe March 29, 2022 7:43 pm")."""
    dated = split_date(text)
    rest = dated[1] if dated else text
    name = byline_name(rest)
    if dated is None and name is None:
        return False
    if dated is not None and len(rest.split()) > 2 and name is None:
        return False
    if dated is not None:
        header.dates.append((dated[0], text.strip()))
    header.byline = header.byline or name
    return True


def _furniture(paragraph: Paragraph, header: Header) -> bool:
    """Header lines that carry nothing: labels, menu words above the title, a lone capitalised place."""
    text = paragraph.text
    if _LABEL_ONLY.match(text):
        return True
    if paragraph.words <= 2 and header.title is None:
        return True  # a section name or menu word above the title
    return paragraph.words <= 3 and text.isupper()  # "ISTANBUL" on its own line above the lead


def _header_line(paragraph: Paragraph, header: Header) -> bool:
    """Take one header line into ``header``; False when the line is not header furniture."""
    text = paragraph.text
    if _date_or_byline(text, header) or _furniture(paragraph, header):
        paragraph.reason = "header"
    elif header.byline and not header.affiliation and paragraph.words <= 4 and OUTLET_WORDS.search(text):
        header.affiliation = text.strip()
        paragraph.reason = "header"
    elif header.title is None and _title_like(paragraph):
        header.title = text
        paragraph.reason = "title"
    elif header.title and header.standfirst is None and _title_like(paragraph):
        header.standfirst = text  # kept, and the header may go on below it (dates, bylines)
    else:
        return False
    return True


# A title made from the lead sentence says so, and is cut at a word boundary past this many characters.
LEAD_MARK = "Lead: "
LEAD_TITLE_CHARS = 90


def lead_title(text: str) -> str | None:
    """A title for an article that has none: its lead sentence (after any dateline), marked as a
    lead, cut at a word boundary with "…" when long. Never a path or an address."""
    dateline = find_dateline(text)
    lead = text[dateline.end :].strip() if dateline else text.strip()
    end = _SENTENCE_END.search(lead)
    sentence = " ".join((lead[: end.start() + 1] if end else lead).split())
    if not sentence:
        return None
    if len(sentence) > LEAD_TITLE_CHARS:
        cut = sentence[:LEAD_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:")
        sentence = cut + "…"
    return LEAD_MARK + sentence
