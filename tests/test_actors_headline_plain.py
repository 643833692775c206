"""Lines in headline case found by reading each line's long words only up to the first in lower case
(issue 19) are the lines the plain reading of every long word found."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from storyline.annotate.actors import _LINE, _LONG_WORD, _headline_case_lines
from storyline.models import Mention


def _plain(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    spans = []
    for line in _LINE.finditer(text):
        long_words = list(_LONG_WORD.finditer(line.group()))
        if len(long_words) < 3 or not all(w.group()[0].isupper() for w in long_words):
            continue
        named = [(m.start, m.end) for m in mentions if line.start() <= m.start and m.end <= line.end()]
        at = line.start()
        if any(not any(s <= at + w.start() < e for s, e in named) for w in long_words):
            spans.append(line.span())
    return spans


_PIECES = st.sampled_from(
    ["Hillary", "Asking", "Moderator", "To", "Fact", "Check", "Trump", "said", "the", "plan", "Toni", "LeAnn",
     "Williams", "12abcd", "ÉLAN", "élan", " ", "\n", ".", "-", "'s", "x_abcd", "Abc"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=40), st.data())
def test_headline_case_lines_are_those_of_the_plain_reading(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    starts = sorted(data.draw(st.lists(st.integers(0, max(len(text) - 1, 0)), max_size=4, unique=True)))
    mentions = [Mention("a", s, min(len(text), s + 7), text[s : s + 7], "PERSON", "person") for s in starts]
    assert _headline_case_lines(text, mentions) == _plain(text, mentions)


def test_a_headline_line_outside_the_names_is_found() -> None:
    text = "Hillary Asking Moderator To Fact Check Trump\nThe moderator said nothing."
    hillary = Mention("a", 0, 7, "Hillary", "PERSON", "person")
    assert _headline_case_lines(text, [hillary]) == [(0, 44)] == _plain(text, [hillary])
