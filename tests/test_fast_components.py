"""The fast attribute ruler and lemmatizer give exactly spaCy's output (storyline.annotate.fast_components).

Two model objects, one with spaCy's components and one with the fast ones, each with its own
vocabulary, parse the same texts; every attribute ``Doc.to_array`` exports must be equal. The whole
corpora (ECB+, seeds, PolNeAR) are compared by ``benchmarks/components.py``.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

from storyline.annotate import fast_components
from storyline.annotate.nlp import DEFAULT_MODEL, _loaded

HARD = [
    "",
    " ",
    "   \n\n\t  ",
    "\n",
    "I can't believe it's not butter, said the U.S.-based CEO's spokesman.",
    "She'd've gone; we'll see. Y'all ain't gonna like it, gotta say. Lemme go, c'mon, let's go!",
    "THE PRIME MINISTER SAID ON TUESDAY THAT 3,400 JOBS WOULD GO BY 2025-12-31.",
    "The 1990s-era well-known state-of-the-art e-mail re-election bid cost $4.5m (about €3,9 million).",
    "Die Bundesregierung hat am Mittwoch beschlossen, dass le président n'a pas dit ça. ¿Qué pasa?",
    "Mr. O'Neill's and the Joneses' dogs -- 12 of them -- weren't there; nothin' doin', y' all.",
    "There is a man. There are two. There's nobody I'd rather see; it's been said that he's been had.",
    "Ain't nobody got time for that. He ai n't here. She is n't. They ai nt coming.",
    "@user #hashtag https://example.com/a-b?c=d e-mail@example.com :-) 😀 ...",
    "a\u00a0b\u2009c \u200b d",  # no-break, thin and zero-width spaces
    "1 2 3 4 5 6 7 8 9 10 first second 1st 2nd 3rd 4th one two three",
    "being been was were am is are 's 're 'm do does did 'd has have had 've gets got wo ca sha",
    "ME, MYSELF and I; him, himself; her hers herself; them themselves; us ourselves; it its itself.",
]


@pytest.fixture(scope="module")
def models() -> tuple[Any, Any]:
    return _loaded(DEFAULT_MODEL, fast=False), _loaded(DEFAULT_MODEL, fast=True)


def _attrs() -> list[int]:
    from spacy.attrs import IDS

    return sorted({v for k, v in IDS.items() if k and not k.startswith("FLAG")})


def _differences(stock: Any, fast: Any, texts: list[str], disable: list[str] | None = None) -> list[str]:
    attrs = _attrs()
    out = []
    pairs = zip(stock.pipe(texts, batch_size=16, disable=disable or []),
                fast.pipe(texts, batch_size=16, disable=disable or []), strict=True)
    for n, (s, f) in enumerate(pairs):
        if s.to_array(attrs).tolist() != f.to_array(attrs).tolist():
            out.append(f"text {n}: arrays differ")
        for a, b in zip(s, f, strict=True):
            left = (a.pos_, a.tag_, str(a.morph), a.lemma_, a.dep_, a.ent_type_)
            right = (b.pos_, b.tag_, str(b.morph), b.lemma_, b.dep_, b.ent_type_)
            if left != right:
                out.append(f"text {n}, {a.text!r}: {left} != {right}")
    return out


def test_the_fast_components_are_installed_under_spacys_names(models: tuple[Any, Any]) -> None:
    stock, fast = models
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), fast_components.FastAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), fast_components.FastLemmatizer)
    assert type(stock.get_pipe("lemmatizer")).__name__ == "EnglishLemmatizer"
    # the stock objects stay behind them: patterns, tables and the lemmatizer's own cache
    assert fast.get_pipe("attribute_ruler").patterns == stock.get_pipe("attribute_ruler").patterns
    assert fast.get_pipe("attribute_ruler")._plan is not None  # this model's rules take the array path
    assert fast.get_pipe("lemmatizer").mode == "rule"


def test_the_switch_keeps_spacys_components(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fast_components.STOCK, raising=False)
    assert fast_components.wanted()
    monkeypatch.setenv(fast_components.STOCK, "1")
    assert not fast_components.wanted()
    monkeypatch.setenv(fast_components.STOCK, "0")
    assert fast_components.wanted()


def test_hard_text_parses_the_same(models: tuple[Any, Any]) -> None:
    stock, fast = models
    assert _differences(stock, fast, HARD) == []


def test_the_seeds_parse_the_same(models: tuple[Any, Any], seeds_dir: Path) -> None:
    stock, fast = models
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.iterdir()) if p.is_file()]
    assert texts
    assert _differences(stock, fast, texts) == []


@pytest.mark.parametrize("kept", [
    ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"),  # the time-expression finder's
    ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),  # no parser: no DEP for the DEP rules
])
def test_partial_pipelines_parse_the_same(models: tuple[Any, Any], kept: tuple[str, ...]) -> None:
    stock, fast = models
    skip = [n for n in stock.pipe_names if n not in kept]
    assert _differences(stock, fast, HARD, skip) == []


def _blank_pair(patterns: list[dict[str, Any]]) -> tuple[Any, Any]:
    """Two blank English pipelines with an attribute ruler holding ``patterns``; the second fast."""
    import spacy

    pair = []
    for fast in (False, True):
        nlp = spacy.blank("en")
        nlp.add_pipe("attribute_ruler")
        if fast:  # installed first: patterns given through the stand-in reach the stock ruler
            assert fast_components.install(nlp) == ["attribute_ruler"]
        nlp.get_pipe("attribute_ruler").add_patterns(patterns)
        pair.append(nlp)
    return pair[0], pair[1]


def _ruled(nlp: Any, words: list[str], tags: list[str], deps: list[str]) -> list[tuple[str, ...]]:
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words))
    doc = nlp.get_pipe("attribute_ruler")(doc)
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.norm_) for t in doc]


WORDS = ["The", "cats", "gon", "na", "sit", "here", "and", "there", ",", "Y'", "all", "!"]
TAGS = ["DT", "NNS", "VBG", "TO", "VB", "RB", "CC", "RB", ",", "PRP", "DT", "."]
DEPS = ["det", "nsubj", "aux", "aux", "ROOT", "advmod", "cc", "advmod", "punct", "nsubj", "det", "punct"]


def test_patterns_the_array_path_leaves_to_the_matcher_keep_spacys_order() -> None:
    """Operators, fuzzy and sentence-start patterns go to a stock Matcher; the rule added last still
    wins, whichever path found it, and a negative index counts from the match's end."""
    patterns = [
        {"patterns": [[{"TAG": "RB"}]], "attrs": {"POS": "ADV", "LEMMA": "adverb"}},
        {"patterns": [[{"TAG": "RB", "OP": "+"}]], "attrs": {"MORPH": "Degree=Pos"}},
        {"patterns": [[{"LOWER": "here"}]], "attrs": {"LEMMA": "here-lemma"}},
        {"patterns": [[{"LOWER": {"FUZZY": "thera"}}]], "attrs": {"POS": "PRON"}},
        {"patterns": [[{"IS_SENT_START": True}]], "attrs": {"TAG": "START"}},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
        {"patterns": [[{"TAG": {"IN": ["DT", "NNS"]}}, {"TAG": "VBG", "OP": "?"}]], "attrs": {"DEP": "x"}},
        {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
        {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"NOT_IN": ["RB"]}}]], "attrs": {"POS": "X"}},
        {"patterns": [[{"TEXT": "sit", "LENGTH": 3}]], "attrs": {"MORPH": "VerbForm=Inf"}},
    ]
    stock, fast = _blank_pair(patterns)
    for n in range(len(WORDS)):  # every window, so that the sentence start moves
        words, tags, deps = WORDS[n:], TAGS[n:], DEPS[n:]
        assert _ruled(fast, words, tags, deps) == _ruled(stock, words, tags, deps)
    plan = fast.get_pipe("attribute_ruler")._plan  # compiled at the first call after the patterns came
    assert plan is not None and len(plan.fallback_rules) == 4 and len(plan.multi) == 2


def test_a_rule_setting_a_lexical_attribute_leaves_the_ruler_to_spacy() -> None:
    patterns = [
        {"patterns": [[{"TAG": "RB"}]], "attrs": {"POS": "ADV", "NORM": "adv"}},
        {"patterns": [[{"LOWER": "the"}]], "attrs": {"LEMMA": "the"}},
    ]
    stock, fast = _blank_pair(patterns)
    assert _ruled(fast, WORDS, TAGS, DEPS) == _ruled(stock, WORDS, TAGS, DEPS)
    assert fast.get_pipe("attribute_ruler")._plan is None


@pytest.mark.parametrize("mode", ["lookup", "rule"])
def test_a_blank_lemmatizer_given_tables_gives_spacys_lemmas(mode: str) -> None:
    import spacy
    from spacy.lookups import Lookups

    pair = []
    for fast in (False, True):
        nlp = spacy.blank("en")
        lookups = Lookups()
        lookups.add_table("lemma_lookup", {"cats": "cat", "sat": "sit", "The": "the"})
        lookups.add_table("lemma_rules", {"noun": [["s", ""]], "verb": [["ed", "e"], ["ed", ""]]})
        lookups.add_table("lemma_index", {"noun": ["cat", "mat"], "verb": ["sit", "bake"]})
        lookups.add_table("lemma_exc", {"verb": {"sat": ["sit"]}})
        nlp.add_pipe("attribute_ruler").add_patterns([  # parts of speech for the rules
            {"patterns": [[{"LOWER": {"IN": ["cats", "mats", "mat"]}}]], "attrs": {"POS": "NOUN"}},
            {"patterns": [[{"LOWER": {"IN": ["sat", "baked", "walked"]}}]], "attrs": {"POS": "VERB"}},
            {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"POS": "PUNCT"}},
        ])
        nlp.add_pipe("lemmatizer", config={"mode": mode})
        if fast:  # before its tables: the stand-in learns them when they come
            assert fast_components.install(nlp) == ["attribute_ruler", "lemmatizer"]
        nlp.get_pipe("lemmatizer").initialize(lookups=lookups)
        pair.append(nlp)
    stock, fast = pair
    texts = ["The cats sat on the mat.", "", "cats cats Cats baked", "mats walked"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # spaCy's W108: a token without a part of speech
        lemmas = [[[t.lemma_ for t in d] for d in nlp.pipe(texts)] for nlp in (stock, fast)]
    assert lemmas[1] == lemmas[0]
    if mode == "rule":
        assert lemmas[0][2] == ["cat", "cat", "cat", "bake"]
        lemmatizer = fast.get_pipe("lemmatizer")
        assert lemmatizer._asked is not lemmatizer.stock  # the twin with sets, built once tables came


def test_what_is_learnt_can_be_forgotten_between_documents(
    models: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    stock, fast = models
    monkeypatch.setattr(fast_components, "LEARNT_AT_MOST", 0)  # forget before every document
    assert _differences(stock, fast, HARD[4:8]) == []
