"""Shortcuts the annotator takes around the parse read what the long way reads: a subtree's ends from
two chains of children, the appositions a slot reader needs from one array, and a headline's mentions
kept from one chunk of a run to the next instead of its parse made again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.annotate.annotator import annotate_articles
from storyline.annotate.nlp import PARSE_LOG, load_nlp
from storyline.annotate.timex.events import _subtree_ends
from storyline.annotate.token_arrays import picked
from storyline.models import Article, PublishedDate


@pytest.fixture(scope="module")
def docs(seeds_dir: Path) -> list[Any]:
    nlp = load_nlp()
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))[:3]]
    return [nlp(t) for t in texts]


def test_subtree_ends_are_the_first_and_last_tokens_the_subtree_yields(docs: list[Any]) -> None:
    checked = 0
    for doc in docs:
        for token in doc:
            subtree = list(token.subtree)
            assert _subtree_ends(token) == (subtree[0], subtree[-1])
            checked += len(subtree) > 1
    assert checked > 100  # heads with children, not only leaves


def test_appositions_picked_are_those_a_loop_over_the_tokens_keeps(docs: list[Any]) -> None:
    for doc in docs:
        assert picked(doc, DEP=["appos"]) == [t.i for t in doc if t.dep_ == "appos"]
    assert any(picked(doc, DEP=["appos"]) for doc in docs)


def test_a_headline_is_parsed_once_across_the_chunks_of_a_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(PARSE_LOG, str(tmp_path))
    title = "Flood waters recede in Porto Alegre after a week"
    unknown = PublishedDate.unknown()
    first = Article("a", "a.txt", "The river fell by a metre on Sunday.", unknown, title=title)
    second = Article("b", "b.txt", "Shops in the centre opened again.", unknown, title=title)
    (one,) = annotate_articles([first])  # two calls: two chunks of one run
    (two,) = annotate_articles([second])
    parsed = [json.loads(line) for path in tmp_path.glob("*.jsonl") for line in path.read_text().splitlines()]
    assert parsed.count(title) == 1
    assert [m.text for m in one.title_mentions] == [m.text for m in two.title_mentions] == ["Porto Alegre"]
    assert {m.article_id for m in two.title_mentions} == {"b"}
