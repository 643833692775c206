"""Small text helpers shared by the stages: diacritic folding and common news synonyms."""

from __future__ import annotations

import unicodedata

# Common news synonyms, folded so that "negotiations" and "talks" meet; general vocabulary only.
SYNONYMS = {
    "negotiation": "talk", "discussion": "talk", "meeting": "talk", "summit": "talk",
    "ceasefire": "truce", "cease-fire": "truce", "armistice": "truce",
    "killed": "kill", "dead": "kill", "died": "kill", "death": "kill",
    "injured": "wound", "wounded": "wound", "hurt": "wound",
    "begin": "start", "began": "start", "beginn": "start", "commence": "start", "resume": "start",
    "hold": "held", "host": "held", "took": "take",
}


def ascii_fold(text: str) -> str:
    """Erdoğan → Erdogan: spellings with and without diacritics meet."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


__all__ = ["SYNONYMS", "ascii_fold"]
