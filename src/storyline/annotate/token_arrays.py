"""The tokens of a parse picked by their labels from one array (``Doc.to_array``).

A reader that wants a few tokens of a kind (the verbs, the subjects, the untagged proper nouns) reads
every token's label from one array instead of making a Python token of each: spaCy builds a new
token object on every step of ``for token in doc``, which costs more than the reading itself.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np

__all__ = ["label_id", "picked"]

# what ``Token.ent_iob_`` says for each value of ``Token.ent_iob``
_IOB = {"": 0, "I": 1, "O": 2, "B": 3}


def label_id(doc: Any, attr: str, label: str) -> int:
    """The number ``Doc.to_array`` gives a token whose ``attr`` (``"POS"``, ``"DEP"``, ``"LOWER"``,
    ``"ENT_IOB"``) reads ``label``."""
    if attr == "POS":
        from spacy.parts_of_speech import IDS

        return int(IDS[label])
    if attr == "ENT_IOB":
        return _IOB[label]
    return int(doc.vocab.strings[label])


def picked(doc: Any, **wanted: Collection[str]) -> list[int]:
    """The indices, in order, of the tokens whose every named attribute reads one of its labels:
    ``picked(doc, POS=["VERB"])``, ``picked(doc, ENT_IOB=["O"], POS=["PROPN"])``."""
    names = list(wanted)
    if len(doc) == 0:
        return []
    table = doc.to_array(names).reshape(len(doc), len(names))
    keep: Any = None
    for column, name in enumerate(names):
        values = table[:, column]
        found: Any = None
        for label in wanted[name]:  # a few labels: one comparison each beats ``np.isin``
            same = values == label_id(doc, name, label)
            found = same if found is None else found | same
        if found is None:
            return []  # no label asked for: no token reads one
        keep = found if keep is None else keep & found
    return list(range(len(doc))) if keep is None else list(np.flatnonzero(keep).tolist())
