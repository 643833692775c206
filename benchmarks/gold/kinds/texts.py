"""The text of a kinds-gold document, exactly as the gold offsets count it.

``ecbplus/<dir>/<file>.json``: the JSON ``text``; ``aeb/<key>``: the ground truth ``articleBody`` of
that page; ``polnear/<split>/<file>``: the PolNeAR text file.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=4)
def _aeb_truth(root: Path) -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads((root / "html/aeb/ground-truth.json").read_text())
    return data


def read_text(root: Path, name: str) -> str:
    """``root`` is the shared eval folder; ``name`` as written in gold.tsv's doc column."""
    corpus, _, rest = name.partition("/")
    if corpus == "ecbplus":
        text: str = json.loads((root / "ecbplus" / rest).read_text())["text"]
        return text
    if corpus == "aeb":
        return _aeb_truth(root)[rest]["articleBody"]
    if corpus == "polnear":
        return (root / "quotes/polnear" / rest).read_text()
    raise ValueError(f"unknown corpus in {name!r}: expected ecbplus/, aeb/ or polnear/")
