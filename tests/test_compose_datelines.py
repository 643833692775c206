"""A summary or timeline line starts at the sentence, not at the dateline that opens the article."""

from __future__ import annotations

from datetime import date

from compose_fixtures import annotate
from storyline.annotate.nlp import load_nlp
from storyline.compose.claims import make_claims
from storyline.compose.timeline import build_timeline


def test_claims_and_timeline_lines_leave_the_dateline_out() -> None:
    text = (
        "HALIFAX, N.S. (Harbour Wire) — Divers on Tuesday raised the bell of a ferry that sank in 1917.\n\n"
        "The bell will go on show at the maritime museum in June, curators said."
    )
    article = annotate("d", text, load_nlp(), outlet="Harbour Wire", published=date(2023, 5, 10))
    lines = [c.sentence.text for c in make_claims([article])]
    assert lines[0] == "Divers on Tuesday raised the bell of a ferry that sank in 1917."
    for claim in make_claims([article]):
        assert text[claim.sentence.start : claim.sentence.end] == claim.sentence.text
    (entry,) = [e for e in build_timeline([article]) if e.date == "2023-05-09"]
    assert entry.text.startswith("Divers on Tuesday")
    assert text[entry.citations[0].start : entry.citations[0].end] == entry.text
