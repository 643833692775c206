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
