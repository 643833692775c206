"""spaCy imported without packaging's requirement parser (issue 19's fast start), which its one user
in spaCy still gets when called."""

from __future__ import annotations

import subprocess
import sys


def test_the_model_loads_without_packaging_requirements_and_spacy_still_splits_one() -> None:
    code = (
        "import sys\n"
        "from storyline.annotate.nlp import load_nlp\n"
        "assert load_nlp().pipe_names\n"
        "print('packaging.requirements' in sys.modules)\n"
        "import spacy.util\n"
        "print(spacy.util.split_requirement('spacy>=3.8.0,<3.9.0'))\n"
        "import packaging.requirements\n"
        "print(type(packaging.requirements.Requirement('a>=1')).__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:3] == ["False", "('spacy', '<3.9.0,>=3.8.0')", "Requirement"]
