"""Tokens picked by label from the parse's array are exactly the tokens a loop over the parse keeps,
for every pick the annotators make (verbs and "according" for cues, subjects for quotes, untagged
proper nouns for surname echoes, clause heads for asides)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.annotate.nlp import load_nlp
from storyline.annotate.token_arrays import label_id, picked

_ATTRS = {"POS": "pos_", "DEP": "dep_", "LOWER": "lower_", "ENT_IOB": "ent_iob_"}
PICKS: list[dict[str, list[str]]] = [
    {"POS": ["VERB"]},
    {"LOWER": ["according"]},
    {"DEP": ["nsubj", "nsubjpass"]},
    {"ENT_IOB": ["O"], "POS": ["PROPN"]},
    {"DEP": ["relcl", "acl", "appos", "prep", "mark"]},
]


@pytest.fixture(scope="module")
def docs(seeds_dir: Path) -> list[Any]:
    nlp = load_nlp()
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))[:2]]
    return [nlp(t) for t in [*texts, "According to the mayor, Ms. Lunde said so.", ""]]


@pytest.mark.parametrize("wanted", PICKS)
def test_picked_is_what_a_loop_keeps(docs: list[Any], wanted: dict[str, list[str]]) -> None:
    for doc in docs:
        kept = [t.i for t in doc if all(getattr(t, _ATTRS[a]) in labels for a, labels in wanted.items())]
        assert picked(doc, **wanted) == kept


def test_every_label_reads_back(docs: list[Any]) -> None:
    for token in docs[0]:
        for attr, name in _ATTRS.items():
            assert int(docs[0].to_array([attr])[token.i]) == label_id(docs[0], attr, getattr(token, name))


def test_an_empty_parse_has_no_tokens(docs: list[Any]) -> None:
    assert picked(docs[3], POS=["VERB"]) == []
