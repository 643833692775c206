"""TempEval-3 style scoring of time expressions: relaxed and strict spans, value and type.

Spans are aligned one to one (the largest overlap first). A relaxed match overlaps, a strict match
has the same offsets; value and type F1 count relaxed matches whose value (or type) is right, over
all system and all gold mentions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    value: str
    type: str


@dataclass
class Counts:
    system: int = 0
    gold: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    type: int = 0

    def add(self, other: Counts) -> None:
        for name in ("system", "gold", "relaxed", "strict", "value", "type"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def report(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {"gold": self.gold, "system": self.system}
        for name in ("relaxed", "strict", "value", "type"):
            hits = getattr(self, name)
            p = hits / self.system if self.system else 0.0
            r = hits / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out.update({f"{name}_p": round(p, 4), f"{name}_r": round(r, 4), f"{name}_f1": round(f, 4)})
        return out


def align(system: Sequence[Mention], gold: Sequence[Mention]) -> list[tuple[Mention, Mention]]:
    """One-to-one pairs of overlapping mentions, the largest overlaps first; between equal
    overlaps, the pair whose lengths are closest (MEANTIME nests "2009" inside a gold
    "from 2009 to 2011": a system "2009" pairs with the gold "2009", not with the range)."""
    pairs = [
        (min(s.end, g.end) - max(s.start, g.start), abs((s.end - s.start) - (g.end - g.start)), i, j)
        for i, s in enumerate(system)
        for j, g in enumerate(gold)
        if s.start < g.end and g.start < s.end
    ]
    used_s: set[int] = set()
    used_g: set[int] = set()
    out: list[tuple[Mention, Mention]] = []
    for _, _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2], p[3])):
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            out.append((system[i], gold[j]))
    return out


def score(system: Sequence[Mention], gold: Sequence[Mention]) -> Counts:
    counts = Counts(system=len(system), gold=len(gold))
    for s, g in align(system, gold):
        counts.relaxed += 1
        counts.strict += int((s.start, s.end) == (g.start, g.end))
        counts.value += int(s.value.strip() == g.value.strip())
        counts.type += int(s.type == g.type)
    return counts


def total(parts: Iterable[Counts]) -> Counts:
    out = Counts()
    for part in parts:
        out.add(part)
    return out
