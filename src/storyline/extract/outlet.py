"""Which outlet published an article, from its metadata and from evidence the article itself carries.

Metadata: an outlet field (a news-please ``source_domain`` is a domain: it is named through
``data/outlets.tsv``, well-known news domains and their names), ``og:site_name`` unless it reads as a
slogan, and last the URL's host. In the text only the publisher's own marks count: a dateline's agency
("March 28 (UPI) --"), an opening naming the outlet ("Istanbul, Europe Brief News.-"), an appeal to
support it, its copyright line, its own photo-sales credit. An agency the text cites ("TASS reported")
is a source, not the outlet.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

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


_DOMAIN = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}/?$", re.IGNORECASE)
_SITE_SEPARATORS = re.compile(r"\s+[|–—:-]\s+|\s*\|\s*")
# Words a slogan has and a name does not: "News you can trust", "The best of the web".
_SLOGAN_TEXT = "you your we our us is are best trusted latest everything where since"
_SLOGAN_WORDS = frozenset(_SLOGAN_TEXT.split())
# A site name longer than this many words is a description, not a name.
SITE_NAME_WORDS = 5


@lru_cache(maxsize=1)
def known_outlets() -> dict[str, str]:
    """Registered domain → outlet name, from ``data/outlets.tsv``."""
    text = resources.files("storyline").joinpath("data", "outlets.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {domain.strip().lower(): name.strip() for domain, name in pairs}


def host_of(url: str | None) -> str | None:
    """The host of an address, spaces a tokenizer put inside it removed ("http : / / www. rt.com / ..")."""
    if not url:
        return None
    squeezed = "".join(url.split())
    if "://" not in squeezed:
        squeezed = "//" + squeezed
    try:
        host = urlsplit(squeezed).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.").strip(".")
    return host if "." in host else None


def outlet_of_host(host: str) -> str:
    """The outlet a host belongs to: its name when the domain is well known, else the host itself."""
    labels = host.lower().split(".")
    for cut in range(len(labels) - 1):
        name = known_outlets().get(".".join(labels[cut:]))
        if name:
            return name
    return host


def from_url(url: str | None) -> tuple[str, str] | None:
    host = host_of(url)
    return (outlet_of_host(host), f"the URL's host ({host})") if host else None


def is_slogan(name: str) -> bool:
    words = name.split()
    return len(words) > SITE_NAME_WORDS or bool(_SLOGAN_WORDS & {w.lower().strip(".,!") for w in words})


def from_metadata(value: str | None, evidence: str = "metadata") -> tuple[str, str] | None:
    """An outlet stated by metadata: a domain is named, a slogan is not an outlet ("" → None)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if _DOMAIN.match(value) and (host := host_of(value)):
        return outlet_of_host(host), f"{evidence} (domain {host})"
    name = _SITE_SEPARATORS.split(value)[0].strip()
    if not name or is_slogan(name):
        return None
    return name, evidence
