"""The time finder's prefilter rejects no match: each rule's first-character class and literal
clauses (``timex.prefilter``) hold for every match of the rule, so running a rule only where they
hold finds exactly what running it everywhere finds."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.annotate.timex import finder, grammar, prefilter
from storyline.annotate.timex.grammar import FLAGS, RULE_SOURCES
from storyline.annotate.timex.prefilter_table import TABLE
from storyline.annotate.timex.rules import span_of

PLAIN = {name: re.compile(source, FLAGS) for name, source in RULE_SOURCES}
FAST = {rule.name: rule.pattern for rule in finder._rules()}
DERIVED = {name: prefilter.derive(source, FLAGS) for name, source in RULE_SOURCES}
LITERALS = sorted({lit for p in DERIVED.values() for clause in p.clauses for lit in clause})


def _examples() -> list[str]:
    """The examples the grammar's comments give for its rules ("the 70s and 80s", ...)."""
    source = Path(grammar.__file__).read_text(encoding="utf-8")
    comments = [line.split("#", 1)[1] for line in source.splitlines() if "#" in line]
    return sorted({quoted for line in comments for quoted in re.findall(r'"([^"]+)"', line)})


EXAMPLES = _examples()


def _matches(pattern: re.Pattern[str], text: str) -> list[Any]:
    return [[m.span(g) for g in range(pattern.groups + 1)] for m in pattern.finditer(text)]


# the one trigger the finder searched each sentence with before it was split in two (stems in the
# folded text, names in the text)
PLAIN_TRIGGER = re.compile(f"{grammar.TRIGGER_STEMS.pattern}|{grammar.TRIGGER_NAMES.pattern}", re.IGNORECASE)


def _plain_segments(text: str) -> list[tuple[int, int]]:
    """The finder's segments as the one trigger found them."""
    bounds = [0] + [m.end() for m in finder._SENTENCE_END.finditer(text)] + [len(text)]
    out: list[tuple[int, int]] = []
    for lo, hi in itertools.pairwise(bounds):
        if PLAIN_TRIGGER.search(text, lo, hi) is None:
            continue
        lo, hi = max(0, lo - finder._MARGIN), min(len(text), hi + finder._MARGIN)
        if out and out[-1][1] >= lo:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _plain_candidates(text: str) -> list[Any]:
    """What the finder found before the prefilter: every rule over every segment the one trigger gave."""
    found = []
    for priority, (name, pattern) in enumerate(PLAIN.items()):
        for lo, hi in _plain_segments(text):
            for m in pattern.finditer(text, lo, hi):
                start, end = span_of(m)
                if finder._ADJECTIVAL.match(text, start, end):
                    start += 4
                if end > start:
                    found.append((start, end, priority, name, [m.span(g) for g in range(m.re.groups + 1)]))
    found.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    return found


def _candidates(text: str) -> list[Any]:
    return [
        (c.start, c.end, c.priority, c.rule, [c.match.span(g) for g in range(c.match.re.groups + 1)])
        for c in finder._candidates.__wrapped__(text)
    ]


def _check_rule(name: str, text: str) -> None:
    """Every match of the rule starts with a character of its class and holds a literal of each
    clause in its own folded text; the rule behind its look-ahead finds the same matches."""
    pattern, derived = PLAIN[name], DERIVED[name]
    for m in pattern.finditer(text):
        if derived.first:
            assert re.match(derived.first, m.group()), (name, m.group())
        runs = prefilter.RUN.findall(prefilter.fold(m.group()))
        for clause in derived.clauses:
            assert any(lit in run for lit in clause for run in runs), (name, m.group(), clause)
    assert _matches(FAST[name], text) == _matches(pattern, text), name


def _check_every_rule(text: str) -> None:
    for name in PLAIN:
        _check_rule(name, text)


def test_the_table_is_what_the_rules_give() -> None:
    assert list(TABLE) == [name for name, _ in RULE_SOURCES]
    for name, source in RULE_SOURCES:
        derived = DERIVED[name]
        assert TABLE[name] == (prefilter.key(source, FLAGS), derived.first, derived.clauses), (
            f"{name}: run prefilter.write_table()"
        )


def test_fold_is_what_ignorecase_compares() -> None:
    """Every character ``re.IGNORECASE`` takes for a letter or digit of a literal folds onto it."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for char in sorted({c for lit in LITERALS for c in lit}):
        for same in set(re.findall(re.escape(char), every, re.IGNORECASE)):
            assert prefilter.fold(same) == char, (char, same)
    assert len(prefilter.fold(every)) == len(every)  # offsets into the folded text are offsets


def test_a_rule_a_stretch_cannot_hold_is_not_run() -> None:
    # "quarter" needs "quarter", "period" or "half": a sentence with none is never scanned for it
    clauses = {rule.name: rule.clauses for rule in finder._rules()}
    assert clauses["quarter"] == (frozenset({"quarter", "period", "half"}),)
    assert TABLE["weekend"][1] == "(?i:[lnt])"  # "the", "this", "last", "next" weekend


@pytest.mark.parametrize("text", EXAMPLES)
def test_every_example_of_the_grammar(text: str) -> None:
    _check_every_rule(text)
    assert _candidates(text) == _plain_candidates(text)


_CASES = (str.lower, str.upper, str.capitalize, str.title)
# characters Unicode case folding maps onto ASCII letters, and a few that look like them
_ODD = ["\u0130", "\u0131", "\u212a", "\u017f", "é", "ß", "\u00a0"]
_WORDS = st.one_of(
    st.sampled_from(LITERALS),
    st.sampled_from(EXAMPLES),
    st.sampled_from(["May", "March", "Jan.", "Sept.", "Tues.", "EST", "UTC", "GMT", "a.m.", "p.m."]),
    st.integers(0, 2100).map(str),
    st.sampled_from(["'", "'s", "-", "/", ":", ",", ".", "%", "$", "(", ")"]),
    st.sampled_from(_ODD),
)
_SPACES = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", ". ", ", ", "  "])


@st.composite
def _texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.tuples(_WORDS, st.sampled_from(_CASES), _SPACES), min_size=1, max_size=14))
    text = "".join(case(word) + space for word, case, space in words)
    odd = draw(st.lists(st.tuples(st.integers(0, max(0, len(text) - 1)), st.sampled_from(_ODD)), max_size=2))
    for at, char in odd:  # "ſince", "SEPTEMBER" with a dotted capital I: what IGNORECASE still matches
        text = text[:at] + char + text[at + 1 :]
    return text


@pytest.mark.parametrize("name", list(PLAIN))
def test_every_rule_on_text_it_matches(name: str) -> None:
    """Texts hypothesis writes to match the rule (``from_regex``), with text around them."""

    @settings(max_examples=25)
    @given(st.from_regex(PLAIN[name]))
    def check(text: str) -> None:
        _check_rule(name, text)

    check()


@settings(max_examples=100)
@given(_texts())
def test_every_rule_on_made_up_text(text: str) -> None:
    _check_every_rule(text)
    assert _candidates(text) == _plain_candidates(text)


@settings(max_examples=300)
@given(_texts())
def test_the_split_trigger_finds_the_sentences_the_one_trigger_found(text: str) -> None:
    assert finder._segments(text, prefilter.fold(text)) == _plain_segments(text)


@pytest.mark.parametrize(
    "text", ["MAYBE Friday", "MAY. Be", "Junes", "SUNDAYS", "Mon.", "\u0130N 2 DAYS", "\u017foon"]
)
def test_the_split_trigger_on_names_and_odd_letters(text: str) -> None:
    assert finder._segments(text, prefilter.fold(text)) == _plain_segments(text)


def test_the_whole_finder_on_news() -> None:
    text = (
        "The talks resumed on Tuesday, March 29, in Istanbul. A year earlier, the two sides met "
        "for the first time since 2014; the third-quarter results came 3 weeks ago at 4 p.m. EST "
        "Nov. 9. Over the years, the 1990s and the '80s ... \u0130STANBUL \u017fince Monday."
    )
    assert _candidates(text) == _plain_candidates(text)
    assert {c[3] for c in _candidates(text)} >= {"weekday", "month_day", "year_earlier", "ago", "decade"}


@settings(max_examples=300)
@given(st.text(alphabet="abdeghilmnorstuwy0123456789", max_size=30))
def test_the_literals_of_a_run_are_every_piece_that_is_one(run: str) -> None:
    """``_literals_in`` stops extending a piece once no literal starts with it: it finds what looking up
    every piece of the run finds."""
    literals, _ = finder._literals()
    pieces = {run[i:j] for i in range(len(run)) for j in range(i + 1, len(run) + 1)}
    assert finder._literals_in.__wrapped__(run) == pieces & literals
