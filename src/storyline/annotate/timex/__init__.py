"""Time expressions of English news, normalised to TIMEX3 values against the article's date.

find_times(text, anchor)            → TimeExpression records (DATE, TIME, DURATION, SET)
sentence_event_dates(sentences, times) → sentences with the date of the happening they report
"""

from __future__ import annotations

from storyline.annotate.timex.events import sentence_event_dates
from storyline.annotate.timex.finder import find_times

__all__ = ["find_times", "sentence_event_dates"]
