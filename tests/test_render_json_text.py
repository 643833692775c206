"""render_json's indented encoder writes exactly what json.dumps(to_jsonable(value), indent=2,
ensure_ascii=False) writes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brief_fixture import sample_brief
from storyline.render.json import dumps_indented, render_json
from storyline.serialize import to_jsonable

LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(VALUES)
def test_the_same_text_as_the_standard_encoder(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_keys_that_are_not_strings_and_odd_numbers_fall_back_to_the_standard_encoder() -> None:
    for value in ({1: "a", None: [True]}, [float("nan"), float("-inf")], {"x": {2.5: ()}}, "é\u2028\x00"):
        assert dumps_indented(value) == json.dumps(to_jsonable(value), indent=2, ensure_ascii=False)
    with pytest.raises(TypeError):
        dumps_indented({"a": {1, 2}})


def test_a_whole_brief() -> None:
    brief = sample_brief()
    assert render_json(brief) == json.dumps(to_jsonable(brief), indent=2, ensure_ascii=False) + "\n"
