"""End to end in a real browser: Debian's chromium driven by Playwright against ``storyline serve``'s app.

The seeds and a hostile article go through the real pipeline into a store; uvicorn serves it on a
free loopback port; the browser reads the story, follows a citation, searches, and adds an article
through the form. Every request the browser makes is recorded: none may leave the app.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install 'storyline[dev]'")
pytest.importorskip("uvicorn", reason="the web extra is not installed: pip install 'storyline[web]'")
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

from storyline import api
from storyline.web import create_app
from storyline.web.server import background_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SCREENSHOT = ROOT / "benchmarks" / "out" / "story.png"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Invented, hostile in every field a reader might show: title, outlet, URL and text.
HOSTILE_TEXT = (
    "Harbour officials in Westhaven met on Tuesday to discuss the new ferry timetable. "
    '<script>window.__pwned = "script";</script> '
    '<img src="http://203.0.113.7/pixel.png" onerror="window.__pwned = \'onerror\'"> '
    "<a href=\"javascript:window.__pwned = 'link'\">read the timetable</a> "
    "<svg onload=\"window.__pwned = 'svg'\"></svg> "
    "The timetable changes next month, the harbour master said on Tuesday."
)
HOSTILE = {
    "title": "<script>window.__pwned = 'title'</script>Westhaven ferry timetable",
    "outlet": "<img src=http://203.0.113.7/logo.png onerror=alert(1)>Westhaven Post",
    "url": "javascript:window.__pwned = 'url'",
    "published": "2024-06-04",
    "text": HOSTILE_TEXT,
}
ADDED_TEXT = (
    "Lakeside Courier\n\n"
    "Glass recycling resumes in Lakeside\n\n"
    "LAKESIDE, June 3 -- Glass recycling resumed in Lakeside on Monday after a four-month pause, "
    "the city's waste office said.\n\n"
    "Collection points at every school reopen on Wednesday, officials said."
)


def _chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        script = ROOT / "scripts" / "ensure_chromium.sh"
        subprocess.run(["sh", str(script)], check=False, timeout=900)
        found = shutil.which("chromium")
    if found is None:
        pytest.skip("Debian's chromium is not installed and scripts/ensure_chromium.sh could not install it")
    return found


@dataclass
class Traffic:
    """What the browser asked for and what scripts did, across the whole session."""

    base: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.base + "/")]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("browser")
    hostile = folder / "hostile.json"
    hostile.write_text(json.dumps(HOSTILE), encoding="utf-8")
    db = str(folder / "store.db")
    api.ingest([SEEDS, hostile], db=db)
    with background_server(create_app(db)) as base:
        yield base, db


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = _chromium()
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Browser, site: tuple[str, str]) -> Iterator[tuple[Page, Traffic]]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    traffic = Traffic(site[0])
    tab.on("request", lambda r: traffic.requests.append(_url(r)))
    tab.on("dialog", lambda d: (traffic.dialogs.append(d.message), d.dismiss()))
    tab.on("console", lambda m: traffic.console.append(_text(m)))
    tab.set_default_timeout(20_000)
    yield tab, traffic
    context.close()
    assert traffic.outside() == [], "the browser made requests outside the app"
    assert traffic.dialogs == []


def _url(r: Request) -> str:
    return r.url


def _text(m: ConsoleMessage) -> str:
    return m.text


def _story_id(base: str, page: Page, words: str) -> str:
    body: dict[str, Any] = page.request.get(f"{base}/stories.json", params={"q": words}).json()
    return str(body["stories"][0]["id"])


def test_story_page_citation_opens_the_highlighted_span(
    page: tuple[Page, Traffic], site: tuple[str, str]
) -> None:
    tab, traffic = page
    base = site[0]
    tab.goto(base + "/")
    story_id = _story_id(base, tab, "Istanbul")
    tab.click(f'a.headline[href="/stories/{story_id}"]')
    tab.wait_for_selector("#summary")
    assert tab.locator("svg.timeline circle.dot").count() >= 6
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOT), full_page=True)
    story = tab.request.get(f"{base}/stories/{story_id}.json").json()["story"]
    first = story["summary"][0]["citations"][0]
    text = tab.request.get(f"{base}/articles/{first['article_id']}.json").json()["article"]["text"]
    tab.locator("#summary a.cite").first.click()
    tab.wait_for_url(f"**/articles/{first['article_id']}?hl=*")
    mark = tab.locator("mark#hl")
    assert mark.is_visible()
    assert mark.text_content() == text[first["start"] : first["end"]]
    assert traffic.console == []


def test_hash_link_highlights_a_span_with_script(page: tuple[Page, Traffic], site: tuple[str, str]) -> None:
    tab, _ = page
    base = site[0]
    story = tab.request.get(f"{base}/stories/{_story_id(base, tab, 'Istanbul')}.json").json()["story"]
    quote = story["quotes"][0]["quotes"][0]
    article = tab.request.get(f"{base}/articles/{quote['article_id']}.json").json()["article"]
    start, end = quote["content"]["start"], quote["content"]["end"]
    tab.goto(f"{base}/articles/{quote['article_id']}#{start}-{end}")
    marks = tab.locator("mark.hl-js")
    marks.first.wait_for()
    assert "".join(marks.all_text_contents()) == article["text"][start:end]


def test_search_for_an_actor(page: tuple[Page, Traffic], site: tuple[str, str]) -> None:
    tab, _ = page
    tab.goto(site[0] + "/")
    tab.fill('header input[name="q"]', "Erdogan")
    tab.press('header input[name="q"]', "Enter")
    tab.wait_for_url("**/?q=Erdogan")
    assert tab.locator(".story-row a.headline").count() >= 1
    assert tab.locator(".hits mark").first.text_content() in ("Erdogan", "Erdoğan")
    tab.goto(site[0] + "/?actor=Zelenskyy")
    assert tab.locator(".story-row a.headline").count() >= 1


def test_hostile_article_runs_nothing_and_fetches_nothing(
    page: tuple[Page, Traffic], site: tuple[str, str]
) -> None:
    tab, traffic = page
    base = site[0]
    story_id = _story_id(base, tab, "Westhaven timetable")
    story = tab.request.get(f"{base}/stories/{story_id}.json").json()["story"]
    article_id = story["sources"][0]["article_id"]
    for path in ("/?q=Westhaven", f"/stories/{story_id}", f"/articles/{article_id}"):
        tab.goto(base + path)
        tab.wait_for_load_state("load")
        assert tab.evaluate("window.__pwned === undefined")
    assert "<script>" in tab.locator("#text").text_content()  # shown as text, not run
    assert tab.locator("#text img, #text script, #text a, #text svg").count() == 0
    assert traffic.console == [], "nothing even tried to run or load (no CSP refusal either)"


def test_add_an_article_through_the_form(page: tuple[Page, Traffic], site: tuple[str, str]) -> None:
    tab, traffic = page
    base = site[0]
    tab.goto(base + "/add")
    tab.fill('textarea[name="text"]', ADDED_TEXT)
    tab.click('form.add button[type="submit"]')
    tab.wait_for_url("**/jobs/*")
    tab.wait_for_selector('#job[data-state="done"], #job[data-state="failed"]', timeout=300_000)
    message = tab.locator("#job-message").text_content() or ""
    assert tab.locator("#job").get_attribute("data-state") == "done", message
    assert "1 new" in message
    tab.locator("#job-stories a").first.wait_for()
    tab.goto(base + "/?q=recycling")
    tab.locator(".story-row a.headline").first.click()
    assert "Glass recycling" in tab.content()
    assert any(u.endswith(".json") and "/jobs/" in u for u in traffic.requests)  # the page polled its job
