"""Find and normalise the time expressions of a text: candidates from every rule, longest first."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from storyline.annotate.timex.anaphora import close_weekday_ranges, date_the_clocks, note
from storyline.annotate.timex.calendar import Direction
from storyline.annotate.timex.grammar import FLAGS, RULE_SOURCES, TRIGGER_NAMES, TRIGGER_STEMS
from storyline.annotate.timex.prefilter import RUN, fold, prefiltered
from storyline.annotate.timex.rules import RESOLVERS, Context, Resolved, span_of
from storyline.annotate.timex.tense import DirectionOf, direction_from_doc, direction_from_words
from storyline.models import TimeExpression, TimexType

# Resolvers that read earlier expressions ("a year earlier" after "the third quarter") run again in
# text order once the spans are chosen.
_ORDERED = {
    "quarter",
    "year_earlier",
    "the_day",
    "that_day",
    "that_year",
    "that_month",
    "same_period",
    "weekday",
    "year_period",
}
_ANAPHORA = {
    "that_day",
    "that_year",
    "that_month",
    "same_period",
}  # dropped when nothing before names their day or year
# rules whose value depends on the tense of their clause: their sentences are parsed in one batch
_TENSED = {
    "weekday",
    "day_by_weekday",
    "month",
    "month_day",
    "day_after_and",
    "week_of_day",
    "day_month",
    "season",
    "weekend",
    "holiday",
    "clock_day",
    "clock24_day",
}


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    priority: int
    rule: str
    match: re.Match[str]


def find_times(
    text: str, anchor: date | None, *, article_id: str = "", doc: Any | None = None
) -> list[TimeExpression]:
    """Every time expression of ``text`` with its TIMEX3 value, resolved against ``anchor``.

    With ``doc`` (a spaCy Doc of ``text``) the tense of each governing clause comes from its parse;
    without one, only the sentences holding a tense-dependent expression are parsed.
    """
    if doc is not None:
        return find_times_with(
            text, anchor, lambda s, e: direction_from_doc(doc, s, e), article_id=article_id
        )
    parser = SentenceParser(text)
    parser.prefetch(c.start for c in _candidates(text) if c.rule in _TENSED)
    return find_times_with(text, anchor, parser.direction, article_id=article_id)


def find_times_with(
    text: str, anchor: date | None, direction: DirectionOf, *, article_id: str = ""
) -> list[TimeExpression]:
    """``find_times`` with the tense oracle given: ``direction(start, end)`` is -1, 0 or +1."""
    return _resolve(text, anchor, direction, _candidates(text), article_id)


def tense_spans(text: str) -> list[tuple[int, int]]:
    """Every span a resolver may ask the tense of, under any anchor: each candidate's match, its
    time words (group ``t``) and its named groups, alone and from the match's start (``m.end("wd")``).
    The annotator asks them all of an article whose date may still move, so that dating it again
    from its story reads the tenses of the first parse and parses nothing."""
    spans: dict[tuple[int, int], None] = {}
    for cand in _candidates(text):
        m = cand.match
        spans[m.span()] = None
        spans[span_of(m)] = None
        for name in m.re.groupindex:
            if m.start(name) >= 0:
                spans[m.span(name)] = None
                spans[(m.start(), m.end(name))] = None
    return list(spans)


def _resolve(
    text: str,
    anchor: date | None,
    direction: DirectionOf,
    candidates: Sequence[_Candidate],
    article_id: str,
) -> list[TimeExpression]:
    ctx = Context(anchor, text, direction)
    chosen = _choose(candidates, ctx)
    ctx.last_quarter = None
    ctx.ordered = True
    found: list[tuple[int, int, str, Resolved]] = []
    for cand, resolved in sorted(chosen, key=lambda pair: pair[0].start):
        if cand.rule in _ORDERED:
            again = RESOLVERS[cand.rule](cand.match, ctx)
            if again is None and cand.rule in _ANAPHORA:
                continue  # "that day" with no day named before it
            resolved = again or resolved
        note(ctx, resolved.value)
        found.append((cand.start, cand.end, cand.rule, resolved))
    return [
        _expression(text, start, end, resolved, anchor, article_id)
        for start, end, _, resolved in date_the_clocks(text, close_weekday_ranges(text, found))
    ]


@lru_cache(maxsize=512)
def _candidates(text: str) -> tuple[_Candidate, ...]:
    """Every rule's matches, longest first. Cached: they do not depend on the anchor, and document
    dating resolves one text against many candidate days."""
    found: list[_Candidate] = []
    folded = fold(text)
    segments = _segments(text, folded)
    held = _held(folded, segments)
    for priority, (rule, needed) in enumerate(zip(_rules(), _clause_masks()[1], strict=True)):
        for (lo, hi), satisfied in zip(segments, held, strict=True):
            if satisfied & needed != needed:
                continue  # a literal every match holds is missing: the rule cannot match here
            for match in rule.pattern.finditer(text, lo, hi):
                start, end = span_of(match)
                if _ADJECTIVAL.match(text, start, end):
                    start += 4  # "the third-quarter results": "the" belongs to the noun, not the time
                if end > start:
                    found.append(_Candidate(start, end, priority, rule.name, match))
    found.sort(key=lambda c: (c.start - c.end, c.priority, c.start))
    return tuple(found)


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]  # behind a look-ahead for the characters a match can start with
    clauses: tuple[frozenset[str], ...]  # every match holds a literal of each (``prefilter``)


@cache
def _rules() -> list[_Rule]:
    """The English rules, compiled when first needed."""
    out = []
    for name, source in RULE_SOURCES:
        pattern, clauses = prefiltered(name, source, FLAGS)
        out.append(_Rule(name, pattern, tuple(frozenset(c) for c in clauses)))
    return out


@cache
def _literals() -> tuple[frozenset[str], frozenset[str]]:
    """Every literal of every rule's clauses, and every start of one (a literal included)."""
    literals = frozenset(lit for rule in _rules() for clause in rule.clauses for lit in clause)
    return literals, frozenset(lit[:n] for lit in literals for n in range(1, len(lit) + 1))


@cache
def _clause_masks() -> tuple[dict[str, int], list[int]]:
    """Every clause of every rule numbered as one bit: for each literal, the bits of the clauses it
    satisfies, and for each rule, the bits of its clauses (a rule can match only where all are set)."""
    of_literal: dict[str, int] = {}
    of_rule = []
    bit = 0
    for rule in _rules():
        needed = 0
        for clause in rule.clauses:
            for literal in clause:
                of_literal[literal] = of_literal.get(literal, 0) | 1 << bit
            needed |= 1 << bit
            bit += 1
        of_rule.append(needed)
    return of_literal, of_rule


def _held(folded: str, segments: list[tuple[int, int]]) -> list[int]:
    """For each segment, the clauses (bits of ``_clause_masks``) that a literal it holds satisfies:
    each literal lies within a run of letters and digits, so the runs are read once and each distinct
    run looked up."""
    out = []
    for lo, hi in segments:
        held = 0
        for run in set(RUN.findall(folded, lo, hi)):
            held |= _clauses_in(run)
        out.append(held)
    return out


@lru_cache(maxsize=1 << 16)
def _clauses_in(run: str) -> int:
    """The clauses (bits) that the literals within ``run`` satisfy."""
    of_literal = _clause_masks()[0]
    held = 0
    for literal in _literals_in(run):
        held |= of_literal[literal]
    return held


@lru_cache(maxsize=1 << 16)
def _literals_in(run: str) -> frozenset[str]:
    """The literals within ``run``: from each position, its pieces as long as they start a literal."""
    literals, starts = _literals()
    found = []
    for i in range(len(run)):
        for j in range(i + 1, len(run) + 1):
            piece = run[i:j]
            if piece not in starts:
                break  # no literal starts so: nor with any longer piece
            if piece in literals:
                found.append(piece)
    return frozenset(found)


def _segments(text: str, folded: str) -> list[tuple[int, int]]:
    """The stretches worth scanning: sentences holding a trigger stem or name, each with a margin so
    that an expression across a false sentence end ("10 p.m. Wednesday") is whole (the regexes are the
    slow part, and most sentences of a news article name no time). ``folded`` is ``fold(text)``."""
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    out: list[tuple[int, int]] = []
    for lo, hi in itertools.pairwise(bounds):
        if TRIGGER_STEMS.search(folded, lo, hi) is None and TRIGGER_NAMES.search(text, lo, hi) is None:
            continue
        lo, hi = max(0, lo - _MARGIN), min(len(text), hi + _MARGIN)
        if out and out[-1][1] >= lo:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


_MARGIN = 40
_ADJECTIVAL = re.compile(r"(?i)the [\w-]*\w-\w+$")


def _choose(candidates: Sequence[_Candidate], ctx: Context) -> list[tuple[_Candidate, Resolved]]:
    """Longest candidates first; one that overlaps a chosen span or fails to resolve is dropped."""
    taken = bytearray(len(ctx.text) + 1)
    chosen: list[tuple[_Candidate, Resolved]] = []
    for cand in candidates:
        if any(taken[cand.start : cand.end]):
            continue
        resolved = RESOLVERS[cand.rule](cand.match, ctx)
        if resolved is None:
            continue
        taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        chosen.append((cand, resolved))
    return chosen


def _expression(
    text: str, start: int, end: int, resolved: Resolved, anchor: date | None, article_id: str
) -> TimeExpression:
    kind: TimexType = resolved.type  # type: ignore[assignment]
    return TimeExpression(
        article_id=article_id,
        start=start,
        end=end,
        text=text[start:end],
        value=resolved.value,
        type=kind,
        anchor=anchor.isoformat() if (anchor is not None and resolved.relative) else None,
    )


# a clock's "a.m." ends no sentence: "4 a.m. EDT Thursday"
_SENTENCE_END = re.compile(r"\n\s*\n|\n(?=[A-Z\"'“])|(?<=[.!?])(?<![ap]\.m\.)[\"'”’)]?\s+(?=[A-Z\"'“(])")
_PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


class SentenceParser:
    """A tense oracle that parses only the sentences that ask for it, each once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
        self.docs: dict[int, Any] = {}

    def direction(self, start: int, end: int) -> Direction:
        index = self._sentence_index(start)
        lo, hi = self.bounds[index], self.bounds[index + 1]
        if index not in self.docs:
            self.docs[index] = parse(self.text[lo:hi])
        doc = self.docs[index]
        if doc is None:
            return direction_from_words(self.text, start)
        return direction_from_doc(doc, start - lo, min(end, hi) - lo)

    def prefetch(self, offsets: Iterable[int]) -> None:
        """Parse the sentences holding ``offsets`` in one batch, which spaCy does faster."""
        wanted = sorted({self._sentence_index(o) for o in offsets} - set(self.docs))
        texts = [self.text[self.bounds[i] : self.bounds[i + 1]] for i in wanted]
        for index, doc in zip(wanted, parse_many(texts), strict=True):
            self.docs[index] = doc

    def _sentence_index(self, offset: int) -> int:
        lo, hi = 0, len(self.bounds) - 2
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.bounds[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo


def parse(sentence: str) -> Any:
    """A spaCy parse of one sentence, without the components tense does not need (NER)."""
    return parse_many([sentence])[0]


def parse_many(sentences: list[str]) -> list[Any]:
    if not sentences:
        return []
    from storyline.annotate.nlp import load_nlp, parse_texts  # the run's model, loaded once per process

    skip = [name for name in load_nlp().pipe_names if name not in _PARSE_PIPES]
    return list(parse_texts(sentences, disable=skip, batch_size=64))
