"""The conflict benchmarks' annotation cache (benchmarks/conflicts_data.py)."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import conflicts_data


def test_the_annotation_cache_is_keyed_by_the_code_as_well_as_the_texts(tmp_path: Path) -> None:
    # keyed by the texts alone, a cache written at one commit served its annotation to another (a
    # bisection of the planted-recall figure read the same sentences at every step)
    assert conflicts_data.annotated([], cache=tmp_path) == []
    (written,) = tmp_path.iterdir()
    assert written.stem != hashlib.sha1(pickle.dumps([])).hexdigest()
    assert written.stem == hashlib.sha1(pickle.dumps([conflicts_data._code_digest(), []])).hexdigest()
