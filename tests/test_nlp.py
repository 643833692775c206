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


def test_paragraph_breaks_read_from_arrays_agree_with_the_rules_token_by_token() -> None:
    """The paragraph-break component marks most tokens from arrays (issue 19) and reads only a few one
    by one: every mark it leaves is the one its rules (``_break_at``) give when asked of each token."""
    from spacy.attrs import SENT_START

    from storyline.annotate.nlp import PARAGRAPH_BREAKS, _break_at, _paragraph_breaks

    nlp = load_nlp()
    before = nlp.pipe_names[: nlp.pipe_names.index(PARAGRAPH_BREAKS)]
    text = (
        "WASHINGTON — Sen. Ann Lee said, \"we will win\" – and left.\n\nReview\n"
        "Welcome to the new phone. ''You can read about it,'' Mr. Biden said; their customers’ cash "
        "is safe. then it rained.\n\n\"Power to the people!\" the group shouted. "
        "Capt. Tom Tennant -- who? -- smiled in the U.S. While the U.S. President waited, he left."
    )
    doc = nlp(text, disable=[name for name in nlp.pipe_names if name not in before])
    expected = doc.to_array([SENT_START]).astype("int64")
    for token in doc[:-1]:
        start = _break_at(doc, token, doc[token.i + 1])
        if start is not None:
            expected[token.i + 1] = 1 if start else -1
    marked = _paragraph_breaks(doc).to_array([SENT_START]).astype("int64")
    assert marked.tolist() == expected.tolist()
    assert (marked == -1).sum() > 20 and (marked == 1).sum() >= 4  # both kinds of mark are made
    ends = [token.text for token in doc if token.i + 1 < len(doc) and marked[token.i + 1] == 1]
    assert ends.count("U.S.") == 1  # "U.S. While" starts a sentence; "U.S. President" goes on
