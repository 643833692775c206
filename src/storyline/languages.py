"""How a source's language is named and what storyline could not read in it: the presentation of an
article's ``Language`` record, shared by compose, the renderers and the web app (detection lives in
``extract/language.py``).
"""

from __future__ import annotations

from functools import cache

from storyline.models import Language

__all__ = ["DATED_LANGUAGES", "READ_LANGUAGES", "language_label", "language_name", "not_read_note"]

# Languages whose quotes and time expressions storyline's rules can read.
READ_LANGUAGES = frozenset({"en"})
# Languages whose weekdays, relative days and weeks (annotate/timex/foreign.py) and direct quotes
# (annotate/foreign_quotes.py) word tables read
DATED_LANGUAGES = frozenset({"de", "es", "fr", "it", "nl", "ru", "tr", "uk"})


@cache
def language_name(code: str) -> str:
    """The English name of a language code ("es" → "Spanish"), the code itself when unknown."""
    import pycountry

    found = pycountry.languages.get(**{"alpha_2" if len(code) == 2 else "alpha_3": code})
    name = str(getattr(found, "name", code))
    return name.split(" (")[0]  # "Modern Greek (1453-)" → "Modern Greek"


def language_label(language: Language | None) -> str:
    """How a source's language is shown: "Spanish (es, detected 0.99)", "English (en, stated)"."""
    if language is None:
        return "language not recorded"
    if language.code is None:
        return (
            "language unknown (too short to tell)"
            if language.method == "too-short"
            else (f"language unknown (unsure, {language.confidence or 0:.2f})")
        )
    how = "stated" if language.method == "metadata" else f"detected {language.confidence or 0:.2f}"
    return f"{language_name(language.code)} ({language.code}, {how})"


def not_read_note(language: Language | None) -> str | None:
    """What storyline could not read in an article of this language, said plainly; None when all."""
    if language is None or language.code is None or language.code in READ_LANGUAGES:
        return None
    if language.code in DATED_LANGUAGES:
        return (
            "not read: paraphrased quotes, and dates other than weekdays and relative days or weeks, "
            "need an English text"
        )
    return "not read: quotes and time expressions need an English text"
