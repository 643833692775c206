"""Which words of a timeline line name its event(s), for the SemEval-2015 Task 4 harness.

Chosen on the trial data only (see BENCHMARKS.md): the verbs the actor takes part in — those above
the actor's mention in the parse (it is their subject, object or inside their argument), and the
verbs of clauses hung on the mention ("Jobs, who was born in 1955"); a phrasal verb keeps its
particle, joined by "_" as the task's files write it ("rounded_off"). Auxiliaries are not events.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from timeline_cat import Token

EVENT_POS = {"VERB"}
CLAUSES_ON_NAME = {"relcl", "acl"}
VERB_COMPLEMENTS = {"xcomp"}
# nouns that name a happening by the way English makes them from verbs (resignation, departure, approval)
EVENT_NOUN_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "ure", "al")
NOUN_REACH = 2


def event_tokens(
    text: str, start: int, named: Sequence[tuple[int, int]], tokens: Sequence[tuple[int, Token]], nlp: Any
) -> list[Token]:
    """The CAT tokens of ``text`` (which starts at ``start`` in the article) naming events that the
    actor named at ``named`` (article offsets) takes part in."""
    at = {offset - start: token for offset, token in tokens}
    doc = nlp(text)
    heads = [w for w in doc if any(lo - start <= w.idx < hi - start for lo, hi in named)]
    chosen: dict[int, Any] = {}
    for head in heads:
        for verb in [*head.ancestors, *(c for c in head.children if c.dep_ in CLAUSES_ON_NAME)]:
            if verb.pos_ in EVENT_POS:
                chosen[verb.i] = verb
    for verb in list(chosen.values()):
        for child in verb.children:
            if child.pos_ in EVENT_POS and (child.dep_ in VERB_COMPLEMENTS or _participle_clause(child)):
                chosen[child.i] = child
    for verb in [w for w in chosen.values() if w.pos_ in EVENT_POS]:  # "announced his decision"
        for noun in verb.children:
            if noun.dep_ == "dobj" and noun.pos_ == "NOUN" and noun.lemma_.endswith(EVENT_NOUN_ENDINGS):
                chosen[noun.i] = noun
    for head in heads:  # "his resignation", "the keynote by Jobs"
        for noun in [head.head, *head.ancestors][:NOUN_REACH]:
            if noun.pos_ == "NOUN" and noun.lemma_.endswith(EVENT_NOUN_ENDINGS):
                chosen[noun.i] = noun
    return [_with_particle(w, at) for i, w in sorted(chosen.items()) if w.idx in at]


def _participle_clause(word: Any) -> bool:
    """ "..., saying ...", "..., introducing ...": what the actor does alongside the main verb."""
    return bool(word.dep_ == "advcl" and word.tag_ == "VBG")


def _with_particle(word: Any, at: dict[int, Token]) -> Token:
    token = at[word.idx]
    nxt = word.nbor(1) if word.i + 1 < len(word.doc) else None
    if nxt is not None and nxt.dep_ == "prt" and nxt.head.i == word.i and nxt.idx in at:
        return Token(token.sentence, f"{token.word}_{at[nxt.idx].word}", token.start, at[nxt.idx].end)
    return token
