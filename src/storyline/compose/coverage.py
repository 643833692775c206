"""Coverage: which outlets report which facts, and the facts only one outlet reports."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.models import UNKNOWN_OUTLET, Coverage, Fact

__all__ = [
    "UNKNOWN_OUTLET", "Coverage", "build_coverage", "exclusive_counts", "outlet_of", "ranked_rows",
    "single_outlet_facts",
]


def outlet_of(name: str | None) -> str:
    return name.strip() if name and name.strip() else UNKNOWN_OUTLET


def build_coverage(facts: Sequence[Fact]) -> Coverage:
    """The coverage matrix of ``facts``; outlets ordered by how many facts they report, then by name."""
    articles: dict[tuple[str, str], set[str]] = {}
    for fact in facts:
        for citation in fact.citations:
            articles.setdefault((outlet_of(citation.outlet), fact.id), set()).add(citation.article_id)
    reach: dict[str, int] = {}
    for outlet, _ in articles:
        reach[outlet] = reach.get(outlet, 0) + 1
    outlets = tuple(sorted(reach, key=lambda o: (-reach[o], o)))
    fact_ids = tuple(f.id for f in facts)
    cells = tuple(tuple(len(articles.get((o, f), ())) for f in fact_ids) for o in outlets)
    single = tuple(f for j, f in enumerate(fact_ids) if sum(1 for row in cells if row[j]) == 1)
    return Coverage(outlets, fact_ids, cells, single)


def single_outlet_facts(facts: Sequence[Fact]) -> list[Fact]:
    """Facts that only one outlet reports (an unknown outlet counts as one)."""
    single = set(build_coverage(facts).single_outlet)
    return [f for f in facts if f.id in single]


def ranked_rows(facts: Sequence[Fact], coverage: Coverage) -> list[tuple[Fact, tuple[int, ...]]]:
    """Each fact with its articles per outlet, the facts most outlets report first (``Coverage.ranked``)."""
    return coverage.ranked(facts)


def exclusive_counts(coverage: Coverage) -> dict[str, int]:
    """For each outlet, how many facts it alone reports (``Coverage.exclusive``)."""
    return coverage.exclusive()
