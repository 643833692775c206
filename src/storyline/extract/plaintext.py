"""Plain text → Draft, through our own header and boilerplate rules."""

from __future__ import annotations

from datetime import date

from storyline.extract.boilerplate import mark_paragraphs
from storyline.extract.dates import find_date
from storyline.extract.draft import Draft, metadata_published, stated_published
from storyline.extract.header import drop_title_echo, find_dateline, lead_title, read_header
from storyline.extract.outlet import find_outlet, from_metadata, from_url
from storyline.extract.paragraphs import split_paragraphs
from storyline.models import RawDocument


def _full_date(dateline: str) -> list[tuple[date, str]]:
    found = find_date(dateline)
    return [(found[0], dateline)] if found else []


def text_draft(doc: RawDocument) -> Draft:
    paragraphs = split_paragraphs(doc.body)
    drop_title_echo(paragraphs, doc.title)  # a record's text often opens with its own title
    header = read_header(paragraphs)
    mark_paragraphs(paragraphs)
    opening = next((p for p in paragraphs if p.kept), None)
    dateline = find_dateline(opening.text) if opening else None
    if opening and dateline and not header.dates:  # "LONDON, March 3, 2022 (Reuters) -" states the year
        header.dates.extend(_full_date(opening.text[dateline.start : dateline.end]))
    outlet, evidence = from_metadata(doc.outlet) or find_outlet(paragraphs, dateline, header.affiliation)
    if outlet is None and (named := from_url(doc.url)):
        outlet, evidence = named
    return Draft(
        doc,
        paragraphs,
        title=doc.title or header.title or (lead_title(opening.text) if opening else None),
        byline=header.byline,
        outlet=outlet,
        outlet_evidence=evidence,
        published=metadata_published(doc) or stated_published(header.dates),
    )
