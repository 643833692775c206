"""The stop list is scikit-learn's, read without importing scikit-learn."""

from __future__ import annotations

import subprocess
import sys

from storyline.stop_words import ENGLISH_STOP_WORDS


def test_the_list_is_scikit_learns_own() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as theirs

    assert theirs == ENGLISH_STOP_WORDS
    assert len(ENGLISH_STOP_WORDS) == 318


def test_the_pipeline_loads_without_scikit_learn() -> None:
    code = "import sys, storyline.pipeline.run, storyline.compose.brief; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_spacys_list_is_spacys_own() -> None:
    from spacy.lang.en.stop_words import STOP_WORDS

    from storyline.stop_words import SPACY_STOP_WORDS

    assert frozenset(STOP_WORDS) == SPACY_STOP_WORDS
    assert {"n't", "n’t", "'ll", "‘ll"} <= SPACY_STOP_WORDS


def test_the_pipeline_loads_without_spacy() -> None:
    """The main process of a run whose workers annotate parses nothing: importing the pipeline (and
    composing, whose timeline and statuses read spaCy's stop list) must not load spaCy."""
    code = "import sys, storyline.pipeline, storyline.compose.brief; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
