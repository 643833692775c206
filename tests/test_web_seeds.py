"""The web app over the seeds, loaded through the real pipeline (``storyline.api.ingest``)."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'storyline[web]'")
from fastapi.testclient import TestClient

from storyline import api
from storyline.web import create_app
from storyline.web.jobs import thread_ingest

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
BASE = "http://127.0.0.1"
ADDED = (
    "Harbour Courier\n\n"
    "Ferry strike ends in Westhaven\n\n"
    "WESTHAVEN, June 3 -- Ferry crews in Westhaven ended a four-day strike on Monday after the "
    "port authority agreed to raise wages, the union said.\n\n"
    '"We got what we asked for," union leader Tomas Berg said on Tuesday.'
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = str(tmp_path_factory.mktemp("seeds") / "store.db")
    api.ingest([SEEDS], db=db)
    # The pipeline is loaded in this process already: jobs run it in their thread, not a child.
    app = create_app(db, runner_options={"ingest": thread_ingest})
    with TestClient(app, base_url=BASE) as c:
        yield c


def _story(client: TestClient) -> dict[str, Any]:
    rows = client.get("/stories.json", params={"q": "Istanbul"}).json()["stories"]
    assert rows, "the seeds make a story about the talks in Istanbul"
    story: dict[str, Any] = client.get(f"/stories/{rows[0]['id']}.json").json()["story"]
    return story


def test_every_citation_opens_its_span(client: TestClient) -> None:
    story = _story(client)
    citations = [c for line in story["summary"] for c in line["citations"]]
    citations += [c for entry in story["timeline"] for c in entry["citations"]]
    assert citations
    texts: dict[str, str] = {}
    for c in citations:
        aid = c["article_id"]
        texts.setdefault(aid, client.get(f"/articles/{aid}.json").json()["article"]["text"])
        page = client.get(f"/articles/{aid}", params={"hl": f"{c['start']}-{c['end']}"}).text
        marked = re.search(r'<mark class="hl" id="hl">(.*?)</mark>', page, re.S)
        assert marked, c
        shown = re.sub(r"<[^>]+>", "", marked.group(1))
        assert (
            shown.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")
            == texts[aid][c["start"] : c["end"]]
        )


def test_story_page_of_the_seeds(client: TestClient) -> None:
    story = _story(client)
    page = client.get(f"/stories/{story['story_id']}").text
    assert story["headline"] in html.unescape(page)
    assert re.search(r"Istanbul|Turkey", story["summary"][0]["text"])
    # every timeline entry is a mark on the picture: happenings filled, plans hollow in their own lane
    assert page.count('class="dot"') + page.count('class="dot plan"') == len(story["timeline"])
    for day in ("2022-03-29", "2022-03-28"):
        assert f"<time>{day}</time>" in page
    assert "Zelenskyy" in page and "Zelensky" in page  # an actor with its variants
    assert "Who said what" in page and "Peskov" in page
    assert 'class="coverage"' in page and "How the date was found" in page


def test_search_and_actor_filter_find_the_story(client: TestClient) -> None:
    story_id = _story(client)["story_id"]
    for params in ({"q": "Peskov"}, {"actor": "Erdogan"}, {"actor": "Erdoğan"}, {"outlet": "UPI"}):
        ids = [s["id"] for s in client.get("/stories.json", params=params).json()["stories"]]
        assert story_id in ids, params
    assert client.get("/stories.json", params={"actor": "Nobody Atall"}).json()["stories"] == []


def test_article_page_shows_what_was_removed(client: TestClient) -> None:
    story = _story(client)
    shown = 0
    for source in story["sources"]:
        article = client.get(f"/articles/{source['article_id']}.json").json()["article"]
        page = client.get(f"/articles/{source['article_id']}").text
        assert 'class="text"' in page and "m-mention" in page
        for removed in article["removed"]:
            assert removed["reason"] in page
            shown += 1
    assert shown, "the seeds carry boilerplate, and the pages show it apart"


def _add(client: TestClient, files: dict[str, Any]) -> dict[str, Any]:
    page = client.get("/add").text
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page)
    assert token
    answer = client.post(
        "/add", data={"csrf_token": token.group(1)}, files=files, headers={"Accept": "application/json"}
    )
    assert answer.status_code == 202, answer.text
    deadline = time.monotonic() + 300
    job: dict[str, Any] = answer.json()
    while job["state"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.1)
        job = client.get(f"/jobs/{job['id']}.json").json()
    return job


def test_add_an_article_updates_the_pages(client: TestClient) -> None:
    job = _add(client, {"files": ("strike.txt", ADDED.encode(), "text/plain")})
    assert job["state"] == "done" and len(job["new_ids"]) == 1, job
    body = client.get(f"/articles/{job['new_ids'][0]}.json").json()
    assert body["stories"], "the new article belongs to a story"
    ids = [s["id"] for s in client.get("/stories.json", params={"q": "ferry strike"}).json()["stories"]]
    assert ids and set(ids) <= set(body["stories"])


def test_adding_a_seed_again_adds_nothing(client: TestClient) -> None:
    seed = sorted(SEEDS.iterdir())[0]
    job = _add(client, {"files": (seed.name, seed.read_bytes(), "text/plain")})
    assert job["state"] == "done" and job["new_ids"] == []
    # the upload holds an article the store already has from another input: a recorded rejection
    assert [(r["origin"], r["reason"]) for r in job["rejections"]] == [(seed.name, "duplicate-input")]
