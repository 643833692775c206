"""The cited summary: facts chosen for support, centrality and novelty, each in a source's own words.

A fact's score adds its independent origins, the closeness of its sentences to the story's centroid,
how early its sentences stand in their articles (reporters lead with the happening), and its density
of names, numbers and dates. Sentences are picked greedily, skipping any that repeats a chosen one.
The first line reports the main happening: the best fact dated on the latest day that several
independent origins report, when the articles carry dates.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from storyline.compose.claims import Claim, make_claims, tfidf_matrix
from storyline.compose.status import PLANS
from storyline.compose.timeline import status_of
from storyline.compose.words import content_stems
from storyline.models import AnnotatedArticle, Fact, SummarySentence

REPEAT = 0.45  # lexical cosine above which a candidate says what a chosen line already says
MAIN_DAY_SHARE = 0.5  # of the best-dated day's origins, that the main day needs
MAIN_DAY_WINDOW = 31  # days before an article's publication in which its happening lies
SAME_DAY_REPEAT = 0.08  # the bar for two lines dated to the same day: one happening, told twice
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Set on ECB+ (see BENCHMARKS.md): position and centrality carry most; support breaks ties.
WEIGHTS = {"support": 0.5, "central": 1.0, "position": 1.0, "density": 0.3, "dangling": 0.5}
# A line that leans on the sentence before it: a pronoun or demonstrative for someone named there, or a
# discourse connective (the explicit connectives that open sentences in news, after the Penn Discourse
# Treebank's list) whose other half is that sentence ("Instead, the study ...", "Well, if they are right").
_DANGLING = (
    "he ", "she ", "they ", "it ", "but ", "however", "and ", "this ", "that ", "also ", "his ", "her ",
    "its ", "their ", "these ", "those ", "such ", "yet ", "so ", "still,", "well,", "instead", "meanwhile",
    "moreover", "furthermore", "indeed", "nevertheless", "nonetheless", "otherwise", "thus", "therefore",
    "then,", "even so", "in addition", "by contrast", "by comparison", "on the other hand", "as a result",
    "in turn", "in fact", "after all", "of course", "likewise", "similarly", "besides", "rather,",
)


@dataclass(frozen=True)
class _Candidate:
    fact: Fact
    claims: tuple[Claim, ...]
    score: float
    row: int  # the fact's row in the lexical matrix


def summarize(
    facts: Sequence[Fact],
    articles: Sequence[AnnotatedArticle],
    *,
    sentences: int = 6,
    words: int | None = None,
    claims: Sequence[Claim] | None = None,
) -> list[SummarySentence]:
    """At most ``sentences`` lines (or about ``words`` words), main happening first, each cited;
    ``claims`` are ``make_claims(articles)`` when the caller has them already."""
    if sentences < 1 or (words is not None and words < 1):
        raise ValueError("summary length must be at least one sentence or one word")
    candidates, lexical = score_facts(facts, articles, claims)
    published = {a.article.id: a.article.published.value for a in articles}
    by_id = {a.article.id: a for a in articles}
    chosen = _select(_main_first(candidates, published, by_id), lexical, sentences, words)
    return [_line(c.fact) for c in chosen]


def score_facts(
    facts: Sequence[Fact], articles: Sequence[AnnotatedArticle], claims: Sequence[Claim] | None = None
) -> tuple[list[_Candidate], NDArray[np.float64]]:
    """Each fact with its score, best first, and the lexical rows of the facts' texts."""
    claims = make_claims(articles) if claims is None else claims
    by_span = {(c.article_id, c.sentence.start): c for c in claims}
    supports = [
        tuple(by_span[k] for k in ((x.article_id, x.start) for x in f.citations) if k in by_span)
        for f in facts
    ]
    # One vocabulary for the story's sentences and the facts' texts: IDF comes from the whole story.
    known = {c.text: c.stems for c in claims}  # a fact shows one of its sentences: its stems are known
    fact_stems = [known.get(f.text) or content_stems(f.text) for f in facts]
    matrix = tfidf_matrix([*(c.stems for c in claims), *fact_stems])
    centroid = _unit(matrix[: len(claims)].sum(axis=0))
    lexical = matrix[len(claims) :]
    max_origins = max((f.origins for f in facts), default=1)
    candidates = [
        _Candidate(f, support, _score(f, support, float(lexical[n] @ centroid), max_origins), n)
        for n, (f, support) in enumerate(zip(facts, supports, strict=True))
    ]
    return sorted(candidates, key=lambda c: (-c.score, c.fact.id)), lexical


def _unit(vector: NDArray[np.float64]) -> NDArray[np.float64]:
    norm = float(np.linalg.norm(vector))
    return np.asarray(vector / norm if norm else vector, dtype=np.float64)


def _score(fact: Fact, support: Sequence[Claim], central: float, max_origins: int) -> float:
    support_part = math.log1p(fact.origins) / math.log1p(max_origins) if max_origins else 0.0
    position = max((1.0 / (1.0 + 0.5 * c.index) for c in support), default=0.0)
    density = _density(support[0]) if support else 0.0
    # A line opening on "He" or "But" leans on a sentence the reader was not shown.
    dangling = 1.0 if fact.text.lower().startswith(_DANGLING) else 0.0
    return (
        -WEIGHTS["dangling"] * dangling
        + WEIGHTS["support"] * support_part
        + WEIGHTS["central"] * central
        + WEIGHTS["position"] * position
        + WEIGHTS["density"] * density
    )


def _density(claim: Claim) -> float:
    words = max(len(claim.text.split()), 1)
    return min(1.0, 5.0 * len(claim.anchors) / words)


def main_day(
    candidates: Sequence[_Candidate], published: Mapping[str, date | None] | None = None
) -> str | None:
    """The latest day that at least two independent origins date something to, if any.

    A day after the publication of the article that names it is a plan or a deadline ("the vote is
    due Friday", "his next hearing April 19"), and a day long before it is background ("born on April
    22, 1923"): neither is the happening the article reports.
    """
    published = published or {}
    # An undated report of the story is read as told when its newest dated report was.
    newest = max((d for d in published.values() if d is not None), default=None)
    origins_by_day: dict[str, set[str]] = {}
    for candidate in candidates:
        for claim in candidate.claims:
            told = published.get(claim.article_id) or newest
            for day in claim.dates:
                if _ISO_DAY.fullmatch(day) and _recent(day, told):
                    origins_by_day.setdefault(day, set()).add(claim.outlet or claim.article_id)
    # A day only one or two of many reports mention is a side detail ("tonight", "last Thursday").
    bar = max(2, math.ceil(MAIN_DAY_SHARE * max((len(o) for o in origins_by_day.values()), default=0)))
    supported = [d for d, o in origins_by_day.items() if len(o) >= bar]
    return max(supported) if supported else None


def _recent(day: str, told: date | None) -> bool:
    if told is None:
        return True
    try:
        gap = (told - date.fromisoformat(day)).days
    except ValueError:
        return False
    return 0 <= gap <= MAIN_DAY_WINDOW


def _main_first(
    candidates: list[_Candidate],
    published: dict[str, date | None],
    articles: Mapping[str, AnnotatedArticle],
) -> list[_Candidate]:
    """Candidates with the main happening first: dated to the main day, best told after it happened,
    and told as a happening (a plan for that day, "will meet on Tuesday", never leads)."""
    day = main_day(candidates, published)
    if day is None:
        return candidates

    def told_after(candidate: _Candidate) -> bool:
        dates = (published.get(cl.article_id) for cl in candidate.claims if day in cl.dates)
        return any(d is not None and d.isoformat() >= day for d in dates)

    dated = [c for c in candidates if any(day in cl.dates for cl in c.claims) and not _plan(c, day, articles)]
    if not dated:
        return candidates
    first = max(dated, key=lambda c: (told_after(c), c.score))
    return [first, *(c for c in candidates if c is not first)]


def _plan(candidate: _Candidate, day: str, articles: Mapping[str, AnnotatedArticle]) -> bool:
    """Every claim behind the candidate tells its happening on ``day`` as a plan or a forecast."""
    told = [status_of(cl.sentence, day, articles[cl.article_id]).status for cl in candidate.claims
            if day in cl.dates and cl.article_id in articles]
    return bool(told) and all(status in PLANS for status in told)


def _select(
    candidates: Sequence[_Candidate], lexical: NDArray[np.float64], sentences: int, words: int | None
) -> list[_Candidate]:
    if not candidates:
        return []
    chosen = [candidates[0]]
    budget = words if words is not None else math.inf
    used = len(chosen[0].fact.text.split())
    for candidate in candidates:
        if len(chosen) >= (sentences if words is None else 10_000) or candidate in chosen:
            continue
        size = len(candidate.fact.text.split())
        if used + size > budget or _repeats(candidate, chosen, lexical):
            continue
        chosen.append(candidate)
        used += size
    return chosen


def _repeats(candidate: _Candidate, chosen: Sequence[_Candidate], lexical: NDArray[np.float64]) -> bool:
    """Says what a chosen line says: close in words, or dated to the same day and still alike."""
    days = _days(candidate)
    for other in chosen:
        overlap = float(lexical[other.row] @ lexical[candidate.row])
        if overlap > REPEAT or (overlap > SAME_DAY_REPEAT and days & _days(other)):
            return True
    return False


def _days(candidate: _Candidate) -> set[str]:
    return {d for claim in candidate.claims for d in claim.dates if _ISO_DAY.fullmatch(d)}


def _line(fact: Fact) -> SummarySentence:
    return SummarySentence(fact.text, fact.citations, fact.outlets, fact.origins)
