"""Story dating on two workers (issue 19): the dating clues a worker hands back with each annotated article
are those a process that never saw the parse reads again, and dating stories with every clue held (the
peers weighed in this process, the moved articles annotated again on the engine) gives what dating each
story in one go gives."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from storyline.annotate import dating
from storyline.annotate.story_dating import _tenses_of, date_from_stories, days_worth_trusting
from storyline.cluster.features import article_features
from storyline.config import load_settings
from storyline.engine import LocalEngine
from storyline.engine.processes import ProcessEngine
from storyline.engine.stages import Annotated, annotate_and_featurise, keep_dating_clues
from storyline.models import AnnotatedArticle, Article
from storyline.pipeline import read_and_extract
from storyline.pipeline.stories_on import date_on
from storyline.progress import Silent

ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecbplus"


def test_handed_back_clues_are_those_read_again_from_the_recorded_tenses(
    seeds_made: tuple[Any, list[Article], list[Annotated]],
) -> None:
    _, _, made = seeds_made
    handed = pickle.loads(pickle.dumps(made))  # as a worker sends them
    annotated = [i for i in handed if isinstance(i.result, AnnotatedArticle)]
    assert annotated and all(i.clues is not None for i in annotated)
    for item in annotated:
        assert isinstance(item.result, AnnotatedArticle)
        article = item.result.article
        dating._CLUES.pop(article.text, None)  # as in a process that did not annotate it
        dating.read_clues(article, _tenses_of(item.result))
        assert dating.kept_clues(article.text) == item.clues
    for item in annotated:  # and kept by the process they are handed to, as they were read
        assert isinstance(item.result, AnnotatedArticle)
        dating._CLUES.pop(item.result.article.text, None)
    keep_dating_clues(annotated)
    assert all(dating.kept_clues(i.result.article.text) == i.clues for i in annotated)  # type: ignore[union-attr]


@pytest.mark.slow
def test_stories_dated_with_their_clues_held_are_dated_as_in_one_go() -> None:
    """An ECB+ topic's undated articles (their dates completed from the story), as one story: weighed here
    and annotated again on two workers, the same articles, dates and features as ``date_from_stories``."""
    settings = load_settings()
    articles, _ = read_and_extract([str(ECBPLUS / "1ecb"), str(ECBPLUS / "1ecbplus")], settings, Silent())
    made = annotate_and_featurise(articles, settings.spacy_model)
    annotated = {i.result.article.id: i.result for i in made if isinstance(i.result, AnnotatedArticle)}
    ids = list(annotated)
    assert any(a.article.published.inferred for a in annotated.values())
    expected = date_from_stories(annotated, [ids])
    assert expected  # some date moved: the engine's half of the work is exercised
    engine = ProcessEngine(2, pool_from=1)
    try:
        for run_on in (LocalEngine(), engine):
            redated, features = date_on(run_on, annotated, [ids], settings.spacy_model)
            assert redated == expected
            assert features == {a.article.id: article_features(days_worth_trusting(a)) for a in expected}
    finally:
        engine.close()
