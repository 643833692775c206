"""Facts: claims grouped across articles when they report the same thing in different words.

Two sentences of different articles are one fact when their content words overlap (TF-IDF cosine) and
their names, numbers and dates agree; sentences stating different numbers or weekdays stay apart, so a
disagreement is never counted as corroboration. Each fact counts its independent origins: syndicated
copies (one DuplicateGroup) and the several articles of one outlet count once.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

from storyline.compose.claims import Claim, make_claims, similarity, tfidf_matrix
from storyline.models import AnnotatedArticle, Citation, DuplicateGroup, Fact

SAME_FACT = 0.35  # mean similarity to a fact's sentences needed to join it; seeds and ECB+ read by hand
TYPICAL_WEIGHT = 2.0  # a fact shows its most typical wording; ECB+ ROUGE rose with it (1.0 < 2.0 > 3.0)
_WEAK_OPENERS = ("he ", "she ", "they ", "it ", "but ", "however", "and ", "this ", "that ", "also ")


def build_facts(
    articles: Sequence[AnnotatedArticle],
    groups: Sequence[DuplicateGroup],
    claims: Sequence[Claim] | None = None,
) -> list[Fact]:
    """The story's facts, most independently supported first, each citing every sentence behind it;
    ``claims`` are ``make_claims(articles)`` when the caller has them already."""
    claims = make_claims(articles) if claims is None else claims
    if not claims:
        return []
    lexical = tfidf_matrix(c.stems for c in claims)
    sims = similarity(lexical, claims)
    clusters = cluster_claims(claims, sims)
    origin_of = origin_keys(articles, groups)
    # How typical each sentence is of the whole story: the clearest wording of a fact is the usual one.
    centre = lexical.sum(axis=0)
    typical = lexical @ (centre / (np.linalg.norm(centre) or 1.0))
    wording = _wording_language(claims)
    facts = [_fact(claims, members, sims, origin_of, typical, wording) for members in clusters]
    first_seen = {f.id: n for n, f in enumerate(facts)}
    return sorted(facts, key=lambda f: (-f.origins, -len(f.citations), first_seen[f.id]))


def _wording_language(claims: Sequence[Claim]) -> str | None:
    """The language a fact told in several is shown in: the one most of the story's sentences are in,
    English on a tie (the language of the brief around it); None for a story in one language."""
    counts = Counter(c.language for c in claims if c.language)
    if len(counts) < 2:
        return None
    top = max(counts.values())
    tied = sorted(code for code, n in counts.items() if n == top)
    return "en" if "en" in tied else tied[0]


def cluster_claims(claims: Sequence[Claim], sims: NDArray[np.float64]) -> list[list[int]]:
    """Greedy average-link grouping in reading order; a fact holds at most one sentence per article.

    Each claim joins the fact whose sentences are on average closest to it (the latest such fact on a
    tie), if that average reaches ``SAME_FACT``; the averages come from one ``bincount`` per claim.
    """
    clusters: list[list[int]] = []
    holding: dict[str, list[int]] = {}  # article id → the facts that hold one of its sentences
    sizes = np.zeros(len(claims), dtype=np.float64)  # members of each fact (the first len(clusters))
    cluster_of = np.zeros(len(claims), dtype=np.int64)
    for i, claim in enumerate(claims):
        best = -1
        taken = holding.setdefault(claim.article_id, [])
        if clusters:
            sums = np.bincount(cluster_of[:i], weights=sims[i, :i], minlength=len(clusters))
            means = sums / sizes[: len(clusters)]
            means[taken] = -np.inf
            top = float(means.max())
            if top >= SAME_FACT:
                best = int(np.flatnonzero(means == top)[-1])
        if best < 0:
            best = len(clusters)
            clusters.append([])
        cluster_of[i] = best
        clusters[best].append(i)
        sizes[best] += 1.0
        taken.append(best)
    return clusters


def origin_keys(articles: Sequence[AnnotatedArticle], groups: Sequence[DuplicateGroup]) -> dict[str, str]:
    """Map each article id to its independent origin: copies share a group, one outlet counts once."""
    parent: dict[str, str] = {a.article.id: a.article.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        if a in parent and b in parent:
            ra, rb = sorted((find(a), find(b)))
            parent[rb] = ra

    for group in groups:
        for other in group.article_ids:
            union(group.article_ids[0], other)
    by_outlet: dict[str, str] = {}
    for annotated in articles:
        outlet = (annotated.article.outlet or "").strip().lower()
        if outlet:
            union(by_outlet.setdefault(outlet, annotated.article.id), annotated.article.id)
    return {article_id: find(article_id) for article_id in parent}


def count_origins(article_ids: Iterable[str], origin_of: dict[str, str]) -> int:
    return len({origin_of.get(a, a) for a in article_ids})


def distinct_outlets(citations: Iterable[Citation]) -> tuple[str, ...]:
    """Known outlets behind ``citations``, once each, in first-cited order."""
    seen: dict[str, str] = {}
    for citation in citations:
        if citation.outlet and citation.outlet.strip().lower() not in seen:
            seen[citation.outlet.strip().lower()] = citation.outlet.strip()
    return tuple(seen.values())


def fact_id(text: str) -> str:
    normal = " ".join(text.lower().split())
    return "fact-" + hashlib.sha1(normal.encode("utf-8")).hexdigest()[:16]


def _fact(
    claims: Sequence[Claim],
    members: list[int],
    sims: NDArray[np.float64],
    origin_of: dict[str, str],
    typical: NDArray[np.float64],
    wording: str | None = None,
) -> Fact:
    chosen = [claims[i] for i in members]
    told_in = [i for i in members if claims[i].language == wording] or members
    lead = claims[clearest(told_in, claims, sims, typical)]
    citations = tuple(
        Citation(c.article_id, c.outlet, c.sentence.start, c.sentence.end)
        for c in sorted(chosen, key=lambda c: (c.article_id, c.sentence.start))
    )
    return Fact(
        id=fact_id(lead.text),
        text=lead.text,
        citations=citations,
        outlets=distinct_outlets(citations),
        origins=count_origins((c.article_id for c in chosen), origin_of),
    )


def clarity(claim: Claim) -> float:
    """How well a sentence stands alone: a middling length, no dangling pronoun or connective."""
    words = len(claim.text.split())
    score = 1.0 if 12 <= words <= 40 else 0.6
    if claim.text.strip().lower().startswith(_WEAK_OPENERS):
        score -= 0.4
    return score + 0.1 * min(len(claim.names), 3)


def clearest(
    members: Sequence[int], claims: Sequence[Claim], sims: NDArray[np.float64], typical: NDArray[np.float64]
) -> int:
    """The member sentence that best represents the fact: central to it and the story, clear alone."""

    columns = list(members)

    def score(i: int) -> tuple[float, str, int]:
        # the mean as ``np.mean`` takes it (the same sum, then one division), without its overhead
        central = float(sims[i, columns].sum()) / len(columns) if len(columns) > 1 else 1.0
        value = central + clarity(claims[i]) + TYPICAL_WEIGHT * float(typical[i])
        return (value, claims[i].article_id, -claims[i].sentence.start)

    return max(members, key=score)
