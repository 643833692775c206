"""Quotes and support as a reader sees them: the same words carried by several articles shown once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.models import CitedQuote

_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class ShownQuote:
    """A quote's words with every article that carries them, earliest first."""

    first: CitedQuote
    carriers: tuple[CitedQuote, ...]

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(q.outlet for q in self.carriers if q.outlet))

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(q.article_id for q in self.carriers))


def shown_quotes(quotes: Sequence[CitedQuote]) -> list[ShownQuote]:
    """``quotes`` in their order, those whose words are the same (case, spacing, marks aside) merged."""
    by_words: dict[str, list[CitedQuote]] = {}
    for quote in quotes:
        by_words.setdefault(_NOT_WORD.sub(" ", quote.text.lower()).strip(), []).append(quote)
    return [ShownQuote(group[0], tuple(group)) for group in by_words.values()]


def support(outlets: Sequence[str], origins: int) -> str:
    """ "2 outlets, 3 origin(s)"; articles naming no outlet count by origin alone, not as 0 outlets."""
    if not outlets:
        return f"outlet unknown, {origins} origin(s)"
    return f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''}, {origins} origin(s)"
