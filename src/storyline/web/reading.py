"""Reading pages and their JSON twins: the story list with search, a story, an article."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

import storyline.web.views as views
from storyline.models import AnnotatedArticle, Article
from storyline.serialize import to_jsonable
from storyline.web.errors import AppError
from storyline.web.marks import HIGHLIGHT, Mark, annotation_marks, parse_range, runs, segments
from storyline.web.reader import Reader

router = APIRouter()
HTML, JSON = "text/html; charset=utf-8", "application/json"
OBJECT: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {"schema": {"type": "object"}}}, "description": "the record"}
}

Text = Annotated[str, Query(max_length=200)]
Day = Annotated[date | None, Query()]
Range = Annotated[
    str | None, Query(pattern=r"^\d{1,9}-\d{1,9}$", description="a span start-end to highlight")
]


def _encode(body: Any) -> bytes:
    """JSON once, kept as bytes: the twins of big stories are read far more often than they change."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


async def _answer(
    request: Request, key: tuple[Any, ...], make: Callable[[], str | bytes], media: str
) -> Response:
    """The cached body for ``key``; a miss is computed in the threadpool, never on the event loop."""
    reader = _reader(request)
    body = reader.peek(key)
    if body is None:
        body = await run_in_threadpool(reader.cached, key, make)
    return Response(body, media_type=media)


def _reader(request: Request) -> Reader:
    reader: Reader = request.app.state.reader
    return reader


def _page(request: Request, template: str, **context: Any) -> str:
    return str(request.app.state.templates.get_template(template).render(request=request, **context))


def _filter(
    q: Text = "",
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
    outlet: Text = "",
    actor: Text = "",
    sort: Annotated[Literal["latest", "size"], Query()] = "latest",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    language: Text = "",
) -> views.StoryFilter:
    """The story list's query parameters, shared by the page and its JSON twin."""
    if start and end and start > end:
        raise AppError(422, "invalid-request", "'from' comes after 'to'")
    return views.StoryFilter(
        q.strip(), start, end, outlet.strip(), actor.strip(), sort, page, language.strip()
    )


def _listing(reader: Reader, f: views.StoryFilter) -> dict[str, Any]:
    hits = views.hits_for(reader, f.q)
    every = views.filter_stories(reader, f, hits)
    rows, pages = views.page_of(every, f.page)
    return {
        "filter": f,
        "rows": rows,
        "total": len(every),
        "pages": pages,
        "prev_href": views.page_href(f, f.page - 1) if 1 < f.page <= pages else None,
        "next_href": views.page_href(f, f.page + 1) if f.page < pages else None,
        "leads": views.leads(reader, rows),
        "hits": hits,
        "facets": views.facets(reader),
    }


# -- the story list ---------------------------------------------------------------------------------


@router.get("/stories.json", tags=["stories"], summary="Stories, searched and filtered")
async def stories_json(request: Request, f: Annotated[views.StoryFilter, Depends(_filter)]) -> Response:

    def build() -> bytes:
        found = _listing(_reader(request), f)
        return _encode(
            {
                "query": f.as_dict(),
                "stories": to_jsonable(found["rows"]),
                "leads": found["leads"],
                "total": found["total"],
                "pages": found["pages"],
                "hits": [to_jsonable(h) for h in found["hits"]],
                "facets": found["facets"],
            }
        )

    return await _answer(request, ("list-json", f), build, JSON)


@router.get("/", response_class=HTMLResponse, tags=["pages"], summary="Stories page")
async def stories_page(request: Request, f: Annotated[views.StoryFilter, Depends(_filter)]) -> Response:

    def render() -> str:
        twin = urlencode(f.query())
        return _page(request, "stories.html", q=f.q, twin=twin, **_listing(_reader(request), f))

    return await _answer(request, ("list-page", f), render, HTML)


# -- one story --------------------------------------------------------------------------------------


class StoryMoved(Exception):
    """The story asked for was merged into another: its address leads there (301)."""

    def __init__(self, story_id: str) -> None:
        super().__init__(story_id)
        self.story_id = story_id


def _story(reader: Reader, story_id: str) -> Any:
    story = reader.story(story_id)
    if story is None:
        if (later := reader.successor(story_id)) is not None:
            raise StoryMoved(later)
        raise AppError(404, "not-found", f"no story {story_id!r} in the store")
    return story


async def _story_answer(
    request: Request, story_id: str, kind: str, make: Callable[[], str | bytes], media: str
) -> Response:
    """A story's page or twin; a story merged away sends its readers on to the story it joined
    (permanently: a retired id is never issued again)."""
    try:
        return await _answer(request, (kind, story_id), make, media)
    except StoryMoved as moved:
        suffix = ".json" if media == JSON else ""
        return RedirectResponse(f"/stories/{moved.story_id}{suffix}", status_code=301)


@router.get(
    "/stories/{story_id}.json",
    tags=["stories"],
    summary="One story brief, with its coverage matrix",
    response_class=JSONResponse,
    responses=OBJECT,
)
async def story_json(request: Request, story_id: str) -> Response:
    reader = _reader(request)
    return await _story_answer(
        request, story_id, "story-json", lambda: _encode(views.story_json(_story(reader, story_id))), JSON
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse, tags=["pages"], summary="Story page")
async def story_page(request: Request, story_id: str) -> Response:
    reader = _reader(request)

    def render() -> str:
        story = _story(reader, story_id)
        outlets, rows = views.coverage(story)
        return _page(
            request,
            "story.html",
            story=story,
            labels=views.labels(story),
            cite_names=views.cite_names(story),
            latest=story.latest_happening(),  # the briefs' own answer
            cite_href=views.cite_href,
            timeline=views.timeline_geometry(story),
            outlets=outlets,
            coverage=rows,
            exclusive=story.coverage.exclusive(),
        )

    return await _story_answer(request, story_id, "story-page", render, HTML)


# -- one article ------------------------------------------------------------------------------------


def _article(reader: Reader, article_id: str) -> tuple[Article, AnnotatedArticle]:
    article = reader.article(article_id)
    if article is None:
        raise AppError(404, "not-found", f"no article {article_id!r} in the store")
    return article, reader.annotated(article_id) or AnnotatedArticle(article)


@router.get(
    "/articles/{article_id}.json",
    tags=["articles"],
    summary="One article with its annotations",
    response_class=JSONResponse,
    responses=OBJECT,
)
async def article_json(request: Request, article_id: str) -> Response:
    reader = _reader(request)

    def build() -> bytes:
        _, annotated = _article(reader, article_id)
        body: dict[str, Any] = to_jsonable(annotated)
        body["stories"] = list(reader.stories_of_articles().get(article_id, ()))
        return _encode(body)

    return await _answer(request, ("article-json", article_id), build, JSON)


@router.get("/articles/{article_id}", response_class=HTMLResponse, tags=["pages"], summary="Article page")
async def article_page(request: Request, article_id: str, hl: Range = None) -> Response:
    reader = _reader(request)

    def render() -> str:
        article, annotated = _article(reader, article_id)
        marks = annotation_marks(annotated)
        span = parse_range(hl, len(article.text))
        if span:
            marks.append(Mark(span[0], span[1], HIGHLIGHT, "", "the cited span"))
        stories = [s for sid in reader.stories_of_articles().get(article_id, ()) if (s := reader.story(sid))]
        return _page(
            request,
            "article.html",
            article=article,
            annotated=annotated,
            runs=runs(segments(article.text, marks)),
            stories=stories,
            highlighted=span,
        )

    return await _answer(request, ("article-page", article_id, hl), render, HTML)
