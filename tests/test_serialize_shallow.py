"""``json.dumps(value, default=shallow)`` writes what ``json.dumps(to_jsonable(value))`` writes."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from brief_fixture import sample_brief
from storyline.models import Article, PublishedDate, Rejection
from storyline.serialize import shallow, to_jsonable
from storyline.store.base import dump


def _records() -> list[object]:
    brief = sample_brief()
    published = PublishedDate(date(2024, 1, 2), "metadata", "m", 0.5)
    article = Article("a1", "a.txt", "Text “quoted” é\u2028.", published)
    return [brief, *brief.stories, article, Rejection("x.txt", "empty", "no text"), {"k": [date(2020, 1, 1)]},
            datetime(2024, 5, 6, 7, 8), (1, 2.5, None, True)]


@pytest.mark.parametrize("record", _records())
def test_the_same_text_as_to_jsonable(record: object) -> None:
    assert dump(record) == json.dumps(to_jsonable(record), ensure_ascii=False)


def test_other_values_are_not_json() -> None:
    with pytest.raises(TypeError):
        shallow({1, 2})
    with pytest.raises(TypeError):
        dump({"a": {1, 2}})
