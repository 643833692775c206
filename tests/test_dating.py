"""Document dating: datelines, stated days, weekday constraints and the story's other articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.annotate.dating import infer_from_peers, infer_published
from storyline.models import Article, PublishedDate, Span

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def article(
    text: str, ident: str = "a", published: PublishedDate | None = None, dateline: bool = False
) -> Article:
    span = None
    if dateline:
        line = text.split("--")[0] + "--"
        span = Span(0, len(line), line)
    return Article(
        id=ident, origin=ident, text=text, published=published or PublishedDate.unknown(), dateline=span
    )


def stated(day: date, ident: str = "p", text: str = "") -> Article:
    return article(text, ident, PublishedDate(day, "metadata", "test", 1.0))


def test_a_dateline_with_a_year_dates_the_article() -> None:
    found = infer_published(article("March 28, 2022 (UPI) -- Talks resume on Tuesday.", dateline=True))
    assert found.value == date(2022, 3, 28)
    assert found.method == "dateline" and "March 28" in found.evidence


def test_a_dateline_takes_its_year_from_the_dates_in_the_text() -> None:
    text = "March 28 (UPI) -- The talks that began on Feb. 24, 2022 will resume on Tuesday."
    found = infer_published(article(text, dateline=True))
    assert found.value == date(2022, 3, 28) and found.method == "dateline"
    assert "year 2022" in found.evidence


def test_a_dateline_in_the_text_is_found_without_the_extractor() -> None:
    found = infer_published(
        article("Talks resume\n\nISTANBUL, March 28 (UPI) -- Officials met on March 27, 2022.")
    )
    assert found.value == date(2022, 3, 28)


def test_a_bare_dateline_takes_its_year_from_the_story() -> None:
    text = "March 28 (UPI) -- The Kremlin said talks could start as early as Tuesday."
    peers = [stated(date(2022, 3, 29), "p1"), stated(date(2022, 3, 28), "p2")]
    found = infer_from_peers(article(text, dateline=True), peers)
    assert found.value == date(2022, 3, 28)
    assert "from 2 articles of the story" in found.evidence and found.confidence >= 0.8


def test_weekday_and_date_pairs_and_tense_bound_the_date() -> None:
    # a coming Monday, March 14 and a past Sunday: written on the Sunday or the Monday
    text = (
        "Talks between the two sides will resume on Monday, March 14, 2022, an adviser said late Sunday. "
        "The war began on Feb. 24, 2022. Negotiators will meet again on Monday."
    )
    found = infer_published(article(text))
    assert found.value is not None and date(2022, 3, 12) <= found.value <= date(2022, 3, 14)
    assert found.method == "text" and found.inferred
    assert "2022-03-14" in found.evidence


def test_peers_fix_which_monday_a_weekday_mention_means() -> None:
    text = "The delegation left for Turkey today, the spokesman said on Sunday. Talks start Tuesday."
    peers = [
        stated(date(2022, 3, 28), "p1", "Talks will start on Tuesday in Istanbul, officials said Sunday."),
        stated(date(2022, 3, 29), "p2", "Negotiators met on Tuesday in Istanbul."),
    ]
    found = infer_from_peers(article(text), peers)
    assert found.value is not None and abs((found.value - date(2022, 3, 28)).days) <= 1
    assert found.method == "story"


def test_no_evidence_stays_unknown() -> None:
    found = infer_published(article("The minister spoke on Tuesday about the economy."))
    assert found.value is None and found.method == "unknown" and found.confidence == 0.0


def test_peers_without_dates_change_nothing() -> None:
    lone = article("Officials spoke on Tuesday.")
    assert infer_from_peers(lone, [article("Nothing dated here.", "p")]) == infer_published(lone)


@pytest.mark.skipif(not SEEDS.exists(), reason="needs ../shared/seeds")
def test_seed_articles_are_dated_from_their_story() -> None:
    truth = {
        "000": date(2022, 3, 28),
        "001": date(2022, 3, 28),
        "002": date(2022, 3, 28),
        "004": date(2022, 3, 13),
    }
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    story = truth | {"003": date(2022, 3, 29)}
    for key, expected in truth.items():
        peers = [stated(story[k], k, texts[k]) for k in story if k != key]
        found = infer_from_peers(article(texts[key], key), peers)
        assert found.value is not None and abs((found.value - expected).days) <= 1, (key, found)
        assert found.evidence and found.inferred


def test_a_weekday_named_with_a_day_picks_the_year() -> None:
    # March 14 is a Monday in 2022, not in 2020 or 2021: the year named (2019) only bounds it
    text = "Talks will resume on Monday, March 14, an adviser said on Sunday. The firm was founded in 2019."
    found = infer_published(article(text))
    assert found.value is not None and date(2022, 3, 12) <= found.value <= date(2022, 3, 14), found
    assert '"Monday, March 14"' in found.evidence


def test_the_dateline_weekday_picks_the_year() -> None:
    # March 3 is a Friday in 2006: the envoy spoke on the dateline's day
    text = "GENEVA, March 3 (Xinhua) -- The envoy said on Friday that the talks held in 2004 would resume."
    found = infer_published(article(text))
    assert found.value == date(2006, 3, 3) and found.method == "dateline", found


def test_a_background_day_alone_gives_a_low_confidence() -> None:
    # news writes the year of days in other years: a full day is seldom the week of the article
    text = "The company, founded on March 5, 1946, said on Tuesday that it would cut jobs."
    found = infer_published(article(text))
    assert found.value is None or found.confidence < 0.3, found


def test_a_year_alone_leaves_the_date_unknown() -> None:
    found = infer_published(article("The minister said on Tuesday that the plan of 2019 had failed."))
    assert found.value is None and found.method == "unknown" and found.confidence == 0.0


def test_a_recent_day_dates_the_article_the_day_after() -> None:
    text = "Stocks closed higher on Friday. The index rose 2% from its close of March 12, 2009."
    found = infer_published(article(text))
    assert found.value == date(2009, 3, 13) and 0.0 < found.confidence < 1.0, found


def test_a_date_over_the_headline_is_the_page_date() -> None:
    text = "March 29, 2022 / 7:43 AM\n\nTalks resume\n\nMarch 29 (UPI) -- Negotiators met on Tuesday."
    found = infer_published(article(text))
    assert found.value == date(2022, 3, 29) and found.confidence >= 0.8, found


def test_a_story_s_sure_dates_outweigh_its_guesses() -> None:
    # two peers guessed a year from background ("the 1987 strike"); one states its date
    guessed = PublishedDate(date(1987, 10, 3), "text", "year 1987 from the years the text names", 0.2)
    peers = [
        article("Dockers recalled the 1987 strike on Saturday.", "g1", guessed),
        article("The 1987 strike began on a Saturday.", "g2", guessed),
        stated(date(2015, 10, 3), "s1", "Dockers walked out on Saturday."),
    ]
    found = infer_from_peers(article("The dockers stayed out on Sunday, a union said."), peers)
    assert found.value is not None and found.value.year == 2015, found


def test_the_nearness_table_gives_the_nearness_of_each_pair_bit_for_bit() -> None:
    """Peers' nearness is looked up per gap (``_nearness``) instead of computed per pair: the same
    floating-point values, so the same dates and confidences."""
    import numpy as np

    from storyline.annotate import dating

    rng = np.random.default_rng(7)
    for _ in range(200):
        start = int(rng.integers(700_000, 740_000))
        days = np.arange(start, start + int(rng.integers(1, 9000)), dtype=np.int64)
        peers = rng.integers(start - 20_000, start + 30_000, size=int(rng.integers(1, 13))).astype(np.int64)
        apart = np.abs(days[:, None] - peers[None, :])
        per_pair = (0.5 * np.exp(-apart / 3.0) / 6 + 0.4 * np.exp(-apart / 30.0) / 60).mean(axis=1)
        looked_up = dating._nearness(int(apart.max()))[apart].mean(axis=1)
        assert per_pair.tobytes() == looked_up.tobytes()
