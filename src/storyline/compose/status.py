"""What a dated line says of its happening: it happened, it is scheduled, it is expected, someone
claims it, or it is long-past background.

Read from the clause that holds the date: the modal or plan verb nearest the date in it ("will",
"would", "expected to", "plans to", "scheduled", "aims to", "was more likely"), a claim marker
("allegedly"), and the date's distance from the article's publication. The words that decided are
kept as the evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from storyline.calendar_words import BACKGROUND_DAYS, MONTH_NAMES, WEEKDAY_NAMES
from storyline.models import Status

PLANS: frozenset[Status] = frozenset({"scheduled", "expected"})
BACKGROUND_AFTER = timedelta(days=BACKGROUND_DAYS)

# a past participle right before the date, not after "be" or "to": the date's own verb is a done deed
# ("plans to push through cuts ... for a package unveiled on Sunday"; but "would be closed Tuesday")
_DONE_AT_DATE = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bto )(?<!\bget )(?<!\bgot )\b[a-z]+ed,?\s+"
    r"(?:on\s+|in\s+|at\s+|last\s+|early\s+)?$"
)
# the vote "to be held on Thursday": still to come at the time of the report
_TO_BE_DONE = r"(?<!said )(?<!believed )(?<!reported )(?<!thought )(?<!known )to be (held|[a-z]+ed)"
_CUES: tuple[tuple[Status, re.Pattern[str]], ...] = (
    ("claimed", re.compile(r"\b(allegedly|alleged(ly)? to|reportedly|claim(s|ed)? (that|to))\b", re.I)),
    (
        "scheduled",
        re.compile(
            r"\b(will|shall|won't|(is|are|was|were) (set|due|scheduled|slated|to) (to|for|be)?|"
            r"scheduled|slated|plans? to|planned to|planning to|aims? to|aimed to|intends? to|"
            rf"goal is to|is to|are to|{_TO_BE_DONE})\b",
            re.I,
        ),
    ),
    (
        "expected",
        re.compile(
            # "would have told her" looks back at what did not happen: no forecast
            r"\b((would|could|(?-i:may)|might|should)(?!(\s+not)?\s+have\b)|expect(s|ed)? to|"
            # "likely" forecasts before "to" or "that", at a clause's end ("is likely to", "was more
            # likely.") or after a modal ("will likely take place"), not before its noun: "a poll of
            # 1,000 likely voters, taken Thursday" was taken
            r"(is|are|was|were) expected|(more |most )?likely(?=\s+(to|that)\b|\s*[,.;:!?]|\s*$)|"
            r"(?:(?<=will )|(?<=would )|(?<=could )|(?<=may )|(?<=might )|(?<=should ))likely|"
            r"forecasts?|predict(s|ed)?|hopes? to|"
            r"hoped to)\b",
            re.I,
        ),
    ),
)
# a clause opens after these: the cue of one clause does not speak for another
_CLAUSE_BREAK = re.compile(
    r"(;|:|\bafter\b|\bbefore\b|\bsince\b|\bwhen\b|\bwhile\b|\bbecause\b|\bbut\b|,\s*and\b|,\s*which\b|"
    r",\s*who\b|—|\s-\s)",
    re.I,
)


# the date itself judged likely or planned, right after it ("that Tuesday was more likely")
_JUDGED_AFTER = re.compile(
    r"\W{0,2}\s*((is|are|was|were|looked|seemed) (more |most |less )?(likely|expected|planned|scheduled))\b",
    re.I,
)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_CLOSING = re.compile(r'[,.!?]\s*["”]\s*(?=\w|,)')
_CALENDAR = frozenset(
    {*WEEKDAY_NAMES, *MONTH_NAMES, "today", "tomorrow", "tonight", "yesterday", "week", "month", "year"}
    - {"may"}  # "may" is the modal a plan's cue reads, not the month
)
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_ACTION_WORDS = 3  # the words after a plan's cue that name what is planned ("will | reopen the line")
_STEM = 5  # letters two forms of one verb share ("reopen" / "reopened", "restore" / "restored")


@dataclass(frozen=True)
class StatusReading:
    status: Status
    evidence: str
    action: frozenset[str] = frozenset()  # for a plan, the stems of what is planned


def clause_start(text: str, start: int) -> int:
    """Where the clause holding ``text[start]`` opens: after the last clause break before it."""
    breaks = list(_CLAUSE_BREAK.finditer(text[:start]))
    return breaks[-1].end() if breaks else 0


def stems(words: str) -> frozenset[str]:
    """The stems of the content words, without the words that name days and months."""
    found = (w.lower() for w in _WORD.findall(words))
    stop = _stop_words()
    return frozenset(w[:_STEM] for w in found if len(w) > 3 and w not in stop and w not in _CALENDAR)


@cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, loaded at first use: importing spaCy costs a second, and rendering
    a stored brief must not pay it."""
    from storyline.stop_words import SPACY_STOP_WORDS as STOP_WORDS

    return frozenset(STOP_WORDS)


def read_status(
    text: str, day: str, span: tuple[int, int] | None, published: date | None, floor: int = 0
) -> StatusReading:
    """The status of the happening ``text`` dates to ``day``; ``span`` is the date's words in ``text``.
    ``floor`` is where the words of another date before it end: a cue before that speaks for that
    date ("will meet on Tuesday, Støre said on Monday": the telling on Monday happened)."""
    lo, hi = (max(floor, clause_start(text, span[0])), span[1]) if span is not None else (0, len(text))
    # the cue nearest the date speaks for it ('"will not leave ..." and said ministers would meet on Tuesday')
    quoted = [q for q in quotations(text) if span is None or not (q[0] <= span[0] < q[1])]
    cues = [
        (m.start(), status, m)
        for status, pattern in _CUES
        for m in pattern.finditer(text, lo, hi)
        if not any(q0 <= m.start() < q1 for q0, q1 in quoted)  # a quote's modal speaks for the quote
    ]
    done = None
    if cues:
        _, status, found = max(cues, key=lambda c: c[0])
        done = _DONE_AT_DATE.search(text, found.end(), span[0]) if span is not None else None
        if done is None:
            after = " ".join(text[found.end() :].split()[:_ACTION_WORDS])
            return StatusReading(status, f"'{found.group(0)}' before the date", stems(after))
    judged = _JUDGED_AFTER.match(text, span[1]) if span is not None else None
    if judged:  # "... that Tuesday was more likely"
        return StatusReading("expected", f"'{judged.group(1)}' after the date")
    when = _day(day)
    if when is not None and published is not None:
        if when > published:
            return StatusReading("scheduled", f"dated after the report of {published.isoformat()}")
        if published - when > BACKGROUND_AFTER:
            return StatusReading("background", f"over a year before the report of {published.isoformat()}")
    if done is not None:
        return StatusReading("happened", f"'{done.group(0).split()[0].rstrip(',')}' right before the date")
    return StatusReading("happened", "no plan, forecast or claim in the clause")


def quotations(text: str) -> list[tuple[int, int]]:
    """The spans between quotation marks; a sentence opening inside a quotation that closes in it
    ('And that would not have affected the rich," he told Parliament') counts from its start."""
    spans = [m.span() for m in _QUOTED.finditer(text)]
    close = _CLOSING.search(text)
    if close and not any(lo <= close.start() < hi for lo, hi in spans):
        spans.append((0, close.start()))
    return spans


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None
