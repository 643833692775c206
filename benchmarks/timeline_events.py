"""Which words of a timeline line name its event(s), for the SemEval-2015 Task 4 harness.

Chosen on the trial data only: the main verb of the sentence, and the verbs coordinated with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from timeline_cat import Token

EVENT_POS = {"VERB"}
EVENT_DEPS = {"ROOT", "conj"}


def event_tokens(text: str, start: int, tokens: Sequence[tuple[int, Token]], nlp: Any) -> list[Token]:
    """The CAT tokens of ``text`` (which starts at ``start`` in the article) that name its events."""
    at = {offset - start: token for offset, token in tokens}
    chosen = []
    for word in nlp(text):
        if word.pos_ in EVENT_POS and _is_main(word) and word.idx in at:
            chosen.append(at[word.idx])
    return chosen


def _is_main(word: Any) -> bool:
    if word.dep_ == "ROOT":
        return True
    return bool(word.dep_ in EVENT_DEPS and word.head.dep_ == "ROOT")
