"""What every resolver shares: the resolved value, the context it reads, and match helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from storyline.annotate.timex.tense import DirectionOf


@dataclass(frozen=True)
class Resolved:
    value: str
    type: str  # DATE, TIME, DURATION, SET
    relative: bool  # resolved against the anchor


@dataclass
class Context:
    """What a resolver knows beyond its match: the anchor, the tense oracle, what came before."""

    anchor: date | None
    text: str
    direction: DirectionOf
    last_quarter: str | None = None  # the latest quarter named, for "a year earlier" in earnings news
    memo: dict[tuple[int, int], int] = field(default_factory=dict)
    ordered: bool = False  # the second pass, in text order: the expressions before are known
    last_day: date | None = None  # the day last named, for "that day" and "ended the day"
    last_year: int | None = None  # the year last named, for "later that year"
    last_period: str | None = None  # the month or quarter last named, for "the same period last year"

    def tense(self, start: int, end: int) -> int:
        key = (start, end)
        if key not in self.memo:
            self.memo[key] = self.direction(start, end)
        return self.memo[key]


Match = re.Match[str]
Resolver = Callable[[Match, Context], Resolved | None]


def group(m: Match, name: str) -> str:
    return (m.groupdict().get(name) or "").lower()


def span_of(m: Match) -> tuple[int, int]:
    return (m.start("t"), m.end("t")) if m.groupdict().get("t") is not None else m.span()


def full_year(text: str) -> int:
    year = int(text)
    return year + (1900 if year >= 30 else 2000) if year < 100 else year
