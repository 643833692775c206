"""Outlets and titles (issue 14): metadata, domains, datelines, slogans, and lead-sentence titles."""

from __future__ import annotations

from storyline.extract import extract_article
from storyline.extract.header import LEAD_MARK, lead_title
from storyline.extract.outlet import from_metadata, from_url, known_outlets, outlet_of_host
from storyline.models import Article, RawDocument
from storyline.sources.records import record_to_document

BODY = (
    "The city council approved the new harbour bridge on Monday after a long debate about its cost, "
    "and work is due to start in the spring."
)


def extracted(record: dict[str, str]) -> Article:
    doc = record_to_document("records.jsonl#0", record)
    assert isinstance(doc, RawDocument)
    article = extract_article(doc)
    assert isinstance(article, Article)
    return article


def test_a_well_known_domain_is_named_and_its_subdomains_too() -> None:
    assert outlet_of_host("politico.com") == "Politico"
    assert outlet_of_host("edition.cnn.com") == "CNN"
    assert outlet_of_host("example-gazette.org") == "example-gazette.org"
    assert all(name and " " not in domain for domain, name in known_outlets().items())


def test_an_address_with_spaces_inside_still_has_a_host() -> None:
    # ECB+ keeps its URLs tokenized: "http : / / www. essence.com / 2013 / ..."
    assert from_url("http : / / www. essence.com / 2013 / 03 / 17 / riots") == (
        "Essence",
        "the URL's host (essence.com)",
    )
    assert from_url("not an address") is None
    assert from_url(None) is None


def test_a_slogan_is_never_an_outlet_and_a_site_name_loses_its_tagline() -> None:
    assert from_metadata("Your trusted source for local news") is None
    assert from_metadata("CNN International - Breaking News, US News, World News") == (
        "CNN International",
        "metadata",
    )
    assert from_metadata("https://www.hawaiinewsnow.com") == (
        "Hawaii News Now",
        "metadata (domain hawaiinewsnow.com)",
    )


def test_a_news_please_record_names_its_outlet_from_its_domain_and_titles_its_lead() -> None:
    article = extracted(
        {"maintext": BODY, "source_domain": "politico.com", "url": "https://www.politico.com/a"}
    )
    assert article.outlet == "Politico"
    assert article.title == LEAD_MARK + BODY[: BODY.rindex(" ", 0, 90)].rstrip(",") + "…"


def test_a_source_domain_that_is_no_domain_gives_way_to_the_url() -> None:
    record = {
        "text": BODY,
        "title": "Bridge approved",
        "source_domain": "19_2ecbplus",
        "url": "http://rt.com/x",
    }
    article = extracted(record)
    assert (article.outlet, article.title) == ("RT", "Bridge approved")


def test_a_wire_dateline_after_a_short_date_names_the_outlet() -> None:
    text = "Bridge vote passes\n\nOct. 14 (Nordic Wire) -- " + BODY
    article = extract_article(RawDocument("a.txt", "text", text))
    assert isinstance(article, Article) and article.outlet == "Nordic Wire"


def test_a_short_lead_is_the_whole_title_and_a_dateline_is_not_in_it() -> None:
    assert lead_title("LONDON (Reuters) - Prices rose. More text follows here.") == LEAD_MARK + "Prices rose."
    assert lead_title("   ") is None
