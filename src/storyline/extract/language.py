"""The language an article is written in: stated by its metadata, else detected from its text.

Metadata wins when it names a language (``<html lang="es">``, ``<meta http-equiv="content-language">``,
``og:locale``, a JSON record's ``language``/``lang``): the publisher knows. Otherwise py3langid reads
the title and clean text; a text too short or too mixed to tell gets no language (``code`` None,
method ``too-short`` or ``unsure``) rather than a guess.

Only English has a pipeline today (issue 20): :func:`reads` says whether the English quote and
time-expression rules may run on an article, and :func:`not_read_note` says plainly what was not read.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any

from storyline.languages import (
    DATED_LANGUAGES,
    READ_LANGUAGES,
    language_label,
    language_name,
    not_read_note,
)
from storyline.models import Article, Language, RawDocument

__all__ = [
    "DATED_LANGUAGES",
    "MIN_CONFIDENCE",
    "MIN_LETTERS",
    "READ_LANGUAGES",
    "detect_language",
    "document_language",
    "identifier",
    "language_label",
    "language_name",
    "metadata_language",
    "not_read_note",
    "preload",
    "reads",
]

# Abstention, chosen on the sentences of MEANTIME's even-numbered documents in en, es, it, nl
# (benchmarks/multilingual.py --fit: the most sentences answered with at most 1 wrong in 200) and
# reported on the odd-numbered ones in BENCHMARKS.md.
MIN_LETTERS = 5  # fewer letters than this is too short to tell
MIN_CONFIDENCE = 0.2  # py3langid's probability (tempered by text length) below which we abstain
DETECT_CHARS = 4000  # the opening of a long article is plenty, and detection cost grows with length

_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_LANG_ATTR = re.compile(r"""\b(?:xml:)?lang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*""", re.I)
_META = re.compile(r"<meta\b[^>]*>", re.I)
_META_NAME = re.compile(
    r"""(?:http-equiv|property|name)\s*=\s*["']?(content-language|og:locale|language)""", re.I
)
_META_CONTENT = re.compile(r"""content\s*=\s*["']?\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*""", re.I)
_CODE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")
_LETTER = re.compile(r"[^\W\d_]")
_NOT_LANGUAGES = frozenset({"und", "mul", "zxx", "mis"})  # BCP 47 "undetermined", "multiple", ...


_LOADING = threading.Lock()  # one load, whichever thread asks first (see preload)


def identifier() -> Any:
    """py3langid's identifier with probabilities, loaded once per process (half a second on a quiet
    machine, nearly all of it decompressing the model's 4.5 MB of LZMA to 68 MB)."""
    with _LOADING:
        return _loaded()


@cache
def _loaded() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def preload() -> None:
    """Start loading the identifier on a thread, before the first article needs it. Python's LZMA
    decoder lets go of the interpreter lock while it works, so the load runs beside the imports and
    reading that come first, on the second core (seeds cold: about 0.4 s less wall time)."""
    threading.Thread(target=identifier, name="storyline-language-model", daemon=True).start()


def _code(value: str | None) -> str | None:
    """The primary language subtag of a tag ("en-US" → "en"), or None when it names no language."""
    match = _CODE.match(value or "")
    if match is None:
        return None
    code = match.group(1).lower()
    return None if code in _NOT_LANGUAGES else code


def html_language(html: str) -> str | None:
    """The language an HTML page declares: ``<html lang>``, else a content-language or locale meta."""
    head = html[:20_000]  # declarations sit at the top; a huge page is not scanned to its end
    tag = _HTML_TAG.search(head)
    found = _LANG_ATTR.search(tag.group(0)) if tag else None
    if found and _code(found.group(1)):
        return _code(found.group(1))
    for meta in _META.finditer(head):
        if _META_NAME.search(meta.group(0)):
            content = _META_CONTENT.search(meta.group(0))
            if content and _code(content.group(1)):
                return _code(content.group(1))
    return None


def metadata_language(doc: RawDocument) -> str | None:
    """The language the document's metadata states (record field, else the HTML's own declaration)."""
    stated = _code(doc.language)
    if stated is None and doc.kind == "html":
        stated = html_language(doc.body)
    return stated


def detect_language(text: str) -> Language:
    """py3langid's reading of ``text``; no language when it is too short or the best guess is weak."""
    sample = text[:DETECT_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return Language(None, None, "too-short")
    code, confidence = identifier().classify(sample)
    confidence = round(float(confidence), 3)
    if confidence < MIN_CONFIDENCE:
        return Language(None, confidence, "unsure")
    return Language(str(code), confidence, "detected")


def document_language(doc: RawDocument, title: str | None, text: str) -> Language:
    """The article's language: its metadata's when stated, else detected from title and text."""
    stated = metadata_language(doc)
    if stated is not None:
        return Language(stated, None, "metadata")
    return detect_language(f"{title}\n\n{text}" if title else text)


def reads(article: Article) -> bool:
    """Whether the English quote and time rules may read the article: English, or not known to be
    anything else (a record stored before languages were detected, a text too short to tell)."""
    code = article.language.code if article.language else None
    return code is None or code in READ_LANGUAGES
