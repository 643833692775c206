"""Stories dated and composed on an engine, one task per story.

Completing dates from a story reads only that story's articles, and a brief is a function of its story,
its events, its duplicate groups, its articles' annotations and the settings (actors are merged within
each story), so both can run anywhere and in any order. The largest stories go first (a long story
started last would leave the other workers idle at the end), and the results come back in the stories'
order: the same as doing the stories one after another in this process.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial
from typing import TypeVar, cast

from storyline.annotate.actors import merge_actors
from storyline.annotate.annotator import redate
from storyline.annotate.dating import Clues, keep_clues, kept_clues
from storyline.annotate.nlp import use_model
from storyline.annotate.story_dating import date_from_stories, days_worth_trusting, moved_dates, needs_dating
from storyline.cluster.features import ArticleFeatures, article_features
from storyline.compose.brief import compose_story
from storyline.config import Settings
from storyline.engine import Engine
from storyline.engine.stages import chunk_size, chunked
from storyline.models import AnnotatedArticle, DuplicateGroup, Event, PublishedDate, Story, StoryBrief

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class StoryInputs:
    """Everything one story's brief is composed from, besides the settings."""

    story: Story
    events: tuple[Event, ...]
    articles: tuple[AnnotatedArticle, ...]  # as annotated: actors are merged where it is composed
    groups: tuple[DuplicateGroup, ...]  # its duplicate groups, by origin


def story_inputs(
    story: Story,
    events: Mapping[str, Event],
    annotated: Mapping[str, AnnotatedArticle],
    group_of: Mapping[str, DuplicateGroup],
) -> StoryInputs:
    """``story``'s inputs, from every event, annotation and duplicate group by id."""
    own_groups = {group_of[a].id: group_of[a] for a in story.article_ids if a in group_of}
    return StoryInputs(
        story,
        tuple(events[e] for e in story.event_ids),
        tuple(annotated[a] for a in dict.fromkeys(story.article_ids)),
        tuple(sorted(own_groups.values(), key=lambda g: g.origin_id)),
    )


def compose_one(inputs: StoryInputs, settings: Settings) -> StoryBrief:
    """One story's brief: its actors merged within it, then composed."""
    actors, merged = merge_actors(list(inputs.articles))
    return compose_story(
        inputs.story, inputs.events, {a.article.id: a for a in merged}, actors, inputs.groups,
        sentences=settings.summary_sentences, words=settings.summary_words, audit=settings.audit,
    )  # fmt: skip


def _compose_each(chunk: list[StoryInputs], settings: Settings) -> list[StoryBrief]:
    """``compose_one`` over ``chunk`` with one BLAS thread, wherever it runs: a story's matrices (claims
    by stems, a few hundred square) are far too small to share, and a second OpenBLAS thread spinning
    beside the first cost about eight times the CPU of the products (17 against 0.4 ms for a 20-article
    story's claims on this 2-core machine), while the number of threads must not decide a sum's order."""
    use_model(settings.spacy_model)  # in a worker too: an article stored without slots is parsed for them
    with one_blas_thread():
        return [compose_one(inputs, settings) for inputs in chunk]


def one_blas_thread() -> AbstractContextManager[object]:
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    return cast(AbstractContextManager[object], threadpool_limits(limits=1, user_api="blas"))


def compose_on(
    engine: Engine, stories: Sequence[StoryInputs], settings: Settings, advance: Callable[[int], None]
) -> list[StoryBrief]:
    """The briefs of ``stories``, in their order."""
    sizes = [sum(len(a.sentences) for a in s.articles) for s in stories]  # claims are compared pairwise
    return _each_on(engine, partial(_compose_each, settings=settings), stories, sizes, advance)


# One story's dating task: its articles, each with the dating clues this process holds for its text
# (None: not held, read where the task runs).
DatingTask = tuple[tuple[AnnotatedArticle, ...], tuple[Clues | None, ...]]


def _date_each(chunk: list[DatingTask], model: str) -> list[list[tuple[AnnotatedArticle, ArticleFeatures]]]:
    use_model(model)  # in a worker too: a clue stored without its tenses is read from a parse
    for story, clues in chunk:  # kept as if read here: a worker reads only the clues nobody handed it
        for annotated, held in zip(story, clues, strict=True):
            if held is not None:
                keep_clues(annotated.article.text, held)
    dated = [date_from_stories({a.article.id: a for a in story}, [[a.article.id for a in story]])
             for story, _ in chunk]  # fmt: skip
    return [[(a, article_features(days_worth_trusting(a))) for a in redated] for redated in dated]


REDATE_CHUNK = 32  # moved articles per task, at most (a few ms each: find the time expressions again)


def _redate_each(
    chunk: list[tuple[AnnotatedArticle, PublishedDate]], model: str
) -> list[tuple[AnnotatedArticle, ArticleFeatures]]:
    """Each article annotated again with its new date, and its clustering features (as ``_date_each``)."""
    use_model(model)  # a span whose tense was never recorded is read from a parse
    redated = [redate(annotated, published) for annotated, published in chunk]
    return [(a, article_features(days_worth_trusting(a))) for a in redated]


def date_on(
    engine: Engine, annotated: Mapping[str, AnnotatedArticle], members: Sequence[Sequence[str]], model: str
) -> tuple[list[AnnotatedArticle], dict[str, ArticleFeatures]]:
    """``date_from_stories(annotated, members)``, each story that has a date to complete a task, with
    the run's spaCy ``model`` wherever a task runs (a worker's last task may have set another); and the
    redated articles' clustering features, computed in the same task."""
    stories = [tuple(annotated[i] for i in ids) for ids in members if needs_dating(annotated, ids)]
    # each with the clues held here (handed back by the workers that annotated the articles), so the
    # worker that dates a story does not read its articles' clues again (see ``stages.keep_dating_clues``)
    tasks = [(story, tuple(kept_clues(a.article.text) for a in story)) for story in stories]
    if all(held is not None for _, clues in tasks for held in clues):
        # Every clue held, no parse is needed to weigh the peers: that is done here (about 0.2 s on ECB+),
        # and only the articles whose date moved (266 of 525) go to the engine, to be annotated again
        # and featurised (the costly part). Sending every story's annotations to a worker cost more than
        # the weighing: ECB+ on two workers, the dating tasks took 2.0 s of worker time.
        moved = [pair for story in stories
                 for pair in moved_dates({a.article.id: a for a in story}, [[a.article.id for a in story]])]
        chunks = chunked(moved, chunk_size(len(moved), REDATE_CHUNK))
        dated = [pair for part in engine.map(partial(_redate_each, model=model), chunks) for pair in part]
        return [a for a, _ in dated], {a.article.id: features for a, features in dated}
    sizes = [len(story) for story in stories]  # every article's clues are read, each peer weighed
    dated = [pair for redated in _each_on(engine, partial(_date_each, model=model), tasks, sizes)
             for pair in redated]  # fmt: skip
    return [a for a, _ in dated], {a.article.id: features for a, features in dated}


def _each_on(
    engine: Engine,
    fn: Callable[[list[T]], list[R]],
    items: Sequence[T],
    sizes: Sequence[int],
    advance: Callable[[int], None] = lambda n: None,
) -> list[R]:
    """``fn`` over ``items``, one task each on ``engine``, the largest first; results in ``items``' order."""
    order = sorted(range(len(items)), key=lambda n: -sizes[n])
    results: dict[int, R] = {}
    for n, (result,) in zip(order, engine.map(fn, ([items[n]] for n in order)), strict=True):
        results[n] = result
        advance(1)
    return [results[n] for n in range(len(items))]


__all__ = ["StoryInputs", "compose_on", "compose_one", "date_on", "story_inputs"]
