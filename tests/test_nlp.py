"""The spaCy loader (annotate/nlp.py): what it skips at a load must not change a parse."""

from __future__ import annotations

import spacy

from storyline.annotate.nlp import _TOKENIZER_AS_BUILT, load_nlp


def test_a_tokenizer_not_read_from_disk_is_the_one_on_disk() -> None:
    """For the models whose saved tokenizer is not read (issue 19's fast start), the tokenizer their
    language and config build is the saved one, byte for byte: prefixes, suffixes, infixes, URL and token
    matches and every special case."""
    for model in _TOKENIZER_AS_BUILT:
        saved = spacy.load(model).tokenizer.to_bytes(exclude=["vocab"])
        built = spacy.load(model, exclude=["tokenizer"]).tokenizer.to_bytes(exclude=["vocab"])
        assert built == saved, model


def test_the_loaded_model_keeps_storylines_title_cases() -> None:
    """The titles storyline adds to the tokenizer are added to the one built, too."""
    doc = load_nlp()("He met Capt. Tom Tennant and Pres. Ana Ruiz.")
    assert {"Capt.", "Pres."} <= {token.text for token in doc}
