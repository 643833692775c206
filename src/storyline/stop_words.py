"""English stop words: scikit-learn's list (the Glasgow Information Retrieval Group's, 318 words), the one
clustering, near-duplicates and the summary were measured with; and spaCy's English list, the one the
timeline's and statuses' content words were measured with (``SPACY_STOP_WORDS``).

Read from scikit-learn's source file as data (its list literal, through ``ast``), without importing
scikit-learn: its import pulls in SciPy's statistics and costs 0.5 s of a quiet start (1.6 s loaded) for one
frozenset. Should the file move in a later scikit-learn, the ordinary import is the fallback.
"""

from __future__ import annotations

import ast
import importlib.util
import runpy
from pathlib import Path

__all__ = ["ENGLISH_STOP_WORDS", "SPACY_STOP_WORDS"]


def _from_source() -> frozenset[str] | None:
    spec = importlib.util.find_spec("sklearn")  # finds the package without running its __init__
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "feature_extraction" / "_stop_words.py"
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return None
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "ENGLISH_STOP_WORDS" for t in node.targets)
            and isinstance(node.value, ast.Call)
            and node.value.args
        ):
            words = ast.literal_eval(node.value.args[0])
            if isinstance(words, list | tuple | set) and all(isinstance(w, str) for w in words):
                return frozenset(words)
    return None


def _load() -> frozenset[str]:
    found = _from_source()
    if found is not None:
        return found
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as words

    return frozenset(words)


ENGLISH_STOP_WORDS: frozenset[str] = _load()


def _spacy_english() -> frozenset[str]:
    """spaCy's English stop words, got by running spaCy's word-list file on its own (a set literal and
    its contractions with straight and curly apostrophes, no imports). The ordinary import runs spaCy's
    package first (its CLI, schemas and thinc: about 0.9 s), which a process that parses nothing, such
    as the main one of a run whose workers annotate, must not pay for one set. The import is the fallback."""
    spec = importlib.util.find_spec("spacy")  # finds the package without running its __init__
    if spec is not None and spec.origin is not None:
        path = Path(spec.origin).parent / "lang" / "en" / "stop_words.py"
        try:
            words = runpy.run_path(str(path)).get("STOP_WORDS")
        except (OSError, SyntaxError, ValueError):
            words = None
        if isinstance(words, set) and all(isinstance(w, str) for w in words):
            return frozenset(words)
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


SPACY_STOP_WORDS: frozenset[str] = _spacy_english()
