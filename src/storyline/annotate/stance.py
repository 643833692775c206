"""The stance of an attribution, read from its cue: does the speaker assert the content, deny it, ask
it, or is the source the one asked? "denied", "rejected", "did not confirm", "refused to say" and
"declined to" are never read as claims.
"""

from __future__ import annotations

from typing import Any

from storyline.models import Polarity

# Verbs whose content is what the speaker says is not so: "denied the existence of an investigation".
_DENIAL_VERBS_WORDS = "deny reject dismiss refute dispute rebut disavow contest contradict disown repudiate"
DENIAL_VERBS = frozenset(_DENIAL_VERBS_WORDS.split())
# Verbs that put a question: "asked whether", "questioned why".
QUESTION_VERBS = frozenset({"ask", "question", "wonder", "inquire", "enquire", "query"})
# Verbs that, governing a verb of speech, say the words were withheld: "refused to say", "declined to",
# "failed to mention".
REFUSAL_VERBS = frozenset({"refuse", "decline", "fail", "neglect"})


def refusal_of(verb: Any) -> Any | None:
    """The verb withholding ``verb``'s words: "refused" in "refused to say whether ..."."""
    head = verb.head
    if verb.dep_ == "xcomp" and head is not verb and head.i < verb.i and head.lemma_.lower() in REFUSAL_VERBS:
        return head
    return None


def _negated(verb: Any) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _passive(verb: Any) -> bool:
    """A passive or a bare participle: "was asked", "Asked about it, ..." (no agent named)."""
    deps = {c.dep_ for c in verb.children}
    bare = verb.tag_ == "VBN" and verb.dep_ == "advcl" and "aux" not in deps
    return bool(deps & {"auxpass", "nsubjpass"}) or (bare and "agent" not in deps)


def polarity_of(verb: Any, speech: bool = True) -> Polarity:
    """The stance of the attribution whose cue is ``verb``, from its lemma, negation and governor.
    A negated belief ("he didn't believe ...", ``speech`` false) asserts what it believes not."""
    lemma = verb.lemma_.lower()
    refusal = refusal_of(verb)
    negated = (_negated(verb) and speech) or (refusal is not None and not _negated(refusal))
    if lemma in QUESTION_VERBS and (lemma != "question" or _clausal(verb)):
        if _passive(verb):
            return "is_asked"
        return "denies" if negated else "asks"
    if lemma in DENIAL_VERBS:
        # "did not deny" is no denial; "dismissed Estonia as a suburb" characterizes, it denies nothing
        characterizes = any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
        return "asserts" if negated or characterizes else "denies"
    return "denies" if negated else "asserts"


def _clausal(verb: Any) -> bool:
    """ "questioned whether ..." asks; "questioned his record" disputes (a denial)."""
    return any(c.dep_ == "ccomp" for c in verb.children)
