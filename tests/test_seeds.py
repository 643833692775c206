"""What storyline must get right on ../shared/seeds, end to end through the public API (issue 2)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

import storyline
from seed_expectations import SEED_BOILERPLATE
from storyline.compose.faithfulness import check_faithful
from storyline.models import AnnotatedArticle, Brief, StoryBrief
from storyline.store import SQLiteStore


@pytest.fixture(scope="module")
def store_path(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "store.db"
    storyline.ingest([seeds_dir], db=str(path))
    return path


@pytest.fixture(scope="module")
def brief(seeds_dir: Path, store_path: Path) -> Brief:
    return storyline.brief([seeds_dir], db=str(store_path))


@pytest.fixture(scope="module")
def story(brief: Brief) -> StoryBrief:
    assert len(brief.stories) == 1, [s.headline for s in brief.stories]
    return brief.stories[0]


@pytest.fixture(scope="module")
def annotated(store_path: Path) -> dict[str, AnnotatedArticle]:
    store = SQLiteStore(store_path)
    by_seed = {Path(a.article.origin).name[:3]: a for a in store.annotations().values()}
    store.close()
    return by_seed


def _seed(story: StoryBrief, article_id: str) -> str:
    return next(Path(s.origin).name[:3] for s in story.sources if s.article_id == article_id)


def test_clean_text_has_no_boilerplate_and_keeps_news(annotated: dict[str, AnnotatedArticle]) -> None:
    assert sorted(annotated) == ["000", "001", "002", "003", "004"]
    for seed, a in annotated.items():
        for phrase in SEED_BOILERPLATE:
            assert phrase not in a.article.text, (seed, phrase)
    assert "Ukrtelecom, Ukraine's largest Internet provider" in annotated["003"].article.text
    assert (
        "Optimistic Atmosphere?" in annotated["002"].article.text
        or "optimistic" in annotated["002"].article.text
    )
    assert any(r.reason for r in annotated["004"].article.removed)


def test_outlets(story: StoryBrief) -> None:
    outlets = {_seed(story, s.article_id): s.outlet for s in story.sources}
    assert outlets == {
        "000": "UPI",
        "001": None,
        "002": "Europe Brief News",
        "003": "UPI",
        "004": "The Moscow Times",
    }


def test_publication_dates_with_evidence(story: StoryBrief) -> None:
    found = {_seed(story, s.article_id): s.published for s in story.sources}
    assert found["003"].value == date(2022, 3, 29) and not found["003"].inferred
    assert found["000"].value == date(2022, 3, 28)
    for seed, expected in [
        ("004", date(2022, 3, 13)),
        ("001", date(2022, 3, 28)),
        ("002", date(2022, 3, 28)),
    ]:
        value = found[seed].value
        assert value is not None and abs((value - expected).days) <= 1, (seed, found[seed])
        assert found[seed].inferred
    assert all(p.evidence for p in found.values())


@pytest.mark.parametrize(
    ("seed", "text", "value"),
    [
        ("000", "Tuesday", "2022-03-29"),
        ("000", "Sunday", "2022-03-27"),
        ("004", "Feb. 24", "2022-02-24"),
        ("004", "Monday, March 14", "2022-03-14"),
        ("002", "10 March", "2022-03-10"),
    ],
)
def test_time_expressions(annotated: dict[str, AnnotatedArticle], seed: str, text: str, value: str) -> None:
    values = {t.value for t in annotated[seed].times if text in t.text}
    assert value in values, [(t.text, t.value) for t in annotated[seed].times]


def _actor_with(story: StoryBrief, variant: str) -> set[str]:
    for actor in story.actors:
        if any(variant in v.split() for v in actor.variants):
            return set(actor.variants)
    raise AssertionError(f"no actor spelled {variant}: {[a.variants for a in story.actors]}")


def test_actor_variants_are_merged(story: StoryBrief) -> None:
    assert {"Zelensky", "Zelenskyy", "Volodymyr Zelensky"} <= _actor_with(story, "Zelenskyy")
    assert {"Erdogan", "Recep Tayyip Erdogan", "Recep Tayyip Erdoğan"} <= _actor_with(story, "Erdoğan")
    assert {"Peskov", "Dmitry Peskov"} <= _actor_with(story, "Peskov")
    people = {v for a in story.actors if a.kind == "person" for v in a.variants}
    assert not people & {"Kyiv", "Kherson", "Kryvyi Rih", "Mariupol"}


@pytest.mark.parametrize(
    ("speaker", "words"),
    [
        (
            "Peskov",
            "face-to-face meetings allow for conducting talks in a more focused, tighter and meaningful way",
        ),
        ("Erdogan", "We have now entered a period where concrete results are needed"),
        ("Podolyak", "Negotiations go non-stop in the format of video conferences"),
        ("Slutsky", "If we compare the positions of both delegations"),
        ("Matukhin", "It is unmistakably a Russian rocket or another munition"),
    ],
)
def test_quotes_have_the_right_speaker(story: StoryBrief, speaker: str, words: str) -> None:
    said = [q.text for g in story.quotes if speaker in g.speaker.replace("ğ", "g") for q in g.quotes]
    assert any(words in text for text in said), (speaker, [g.speaker for g in story.quotes])


def test_timeline(story: StoryBrief) -> None:
    days = {e.date for e in story.timeline}
    assert {"2022-02-24", "2022-03-10", "2022-03-14", "2022-03-27", "2022-03-28", "2022-03-29"} <= days
    assert all(e.citations for e in story.timeline)
    talks = next(e for e in story.timeline if e.date == "2022-03-29")
    assert re.search(r"face-to-face|Istanbul|talks|negotiat", talks.text), talks.text


def test_two_rounds_of_talks_are_two_events_of_one_story(story: StoryBrief) -> None:
    events_of = {i: e.id for e in story.events for i in e.article_ids}
    by_seed = {_seed(story, i): e for i, e in events_of.items()}
    assert by_seed["004"] != by_seed["003"]
    assert by_seed["000"] == by_seed["003"]


def test_summary_is_cited_and_counts_outlets(story: StoryBrief) -> None:
    assert 1 <= len(story.summary) <= 6
    assert all(s.citations for s in story.summary)
    assert re.search(r"Istanbul|Turkey", story.summary[0].text) and re.search(
        r"talk|negotiat", story.summary[0].text
    )
    venue = [s for s in story.summary if re.search(r"Istanbul|Turkey", s.text)]
    assert venue and all(len(s.outlets) == len(set(s.outlets)) for s in venue)
    assert max(len(s.outlets) for s in venue) >= 2
    texts = [s.text for s in story.summary]
    assert len(texts) == len(set(texts))


def test_every_line_is_faithful(story: StoryBrief, annotated: dict[str, AnnotatedArticle]) -> None:
    articles = {a.article.id: a.article for a in annotated.values()}
    lines = [(s.text, s.citations) for s in story.summary] + [(e.text, e.citations) for e in story.timeline]
    for text, citations in lines:
        assert check_faithful(text, citations, articles) == [], text
