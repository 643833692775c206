"""What the spaCy loader (annotate/nlp.py) leaves out or indexes at a load must not change a parse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc

from storyline.annotate.nlp import _DISABLED_LEFT_OUT, load_nlp

ATTRS: list[int | str] = [
    "ORTH", "LEMMA", "POS", "TAG", "MORPH", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE"
]


def _arrays(doc: Doc) -> list[list[int]]:
    rows: list[list[int]] = doc.to_array(ATTRS).tolist()
    return rows


def test_the_components_left_out_are_ones_the_model_disables(seeds_dir: Path) -> None:
    """Each component left out of a model's load is one its config disables (so no parse ran it), and
    the pipeline without it parses the seeds exactly as the whole one does."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))]
    for model, left_out in _DISABLED_LEFT_OUT.items():
        whole = spacy.load(model)
        assert set(left_out) <= set(whole.disabled), model
        without = spacy.load(model, exclude=list(left_out))
        assert without.pipe_names == whole.pipe_names
        assert [_arrays(d) for d in without.pipe(texts)] == [_arrays(d) for d in whole.pipe(texts)]
    assert "senter" not in load_nlp().component_names


def test_the_registries_entry_points_are_grouped_whole() -> None:
    """After spaCy's import (in a new process), catalogue holds every entry-point group of the installed
    packages, each with the entry points that ``importlib.metadata`` selects for it, in its order."""
    code = (
        "import importlib.metadata, catalogue\n"
        "from storyline.annotate.nlp import _import_spacy\n"
        "_import_spacy()\n"
        "grouped = catalogue.AVAILABLE_ENTRY_POINTS\n"
        "assert type(grouped) is dict, type(grouped)\n"
        "every = importlib.metadata.entry_points()\n"
        "groups = set(dict.keys(every)) if isinstance(every, dict) else {p.group for p in every}\n"
        "assert set(grouped) == groups\n"
        "for group in groups:\n"
        "    assert list(grouped[group]) == list(every.select(group=group)), group\n"
        "import spacy\n"
        "assert callable(spacy.registry.misc.get_all)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
