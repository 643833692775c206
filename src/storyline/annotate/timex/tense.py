"""Which way a time expression points from the article's date: the tense of the clause governing it.

dateparser and HeidelTime resolve "Tuesday" the same way whatever the verb; news needs "will meet on
Tuesday" forward and "met on Tuesday" / "said Tuesday" back, so we read the governing verb's tense,
its auxiliaries and a few planning words ("scheduled for", "due", "as early as").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from storyline.annotate.quote_marks import in_a_works_name
from storyline.annotate.timex.calendar import Direction
from storyline.calendar_words import MONTHS

FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "could", "may", "might", "should", "can", "ca", "must"}
PERFECT_AUX = {"have", "has", "had", "'ve", "'d"}
# words that put what they govern ahead: "scheduled for Tuesday", "due Tuesday", "set for Tuesday"
PLANNING = {"schedule", "scheduled", "due", "set", "slate", "slated", "expected", "deadline", "upcoming"}
# verbs whose infinitive complement lies ahead even when they are in the past: "agreed to meet". Not the
# verbs of an attempt (seek, try, attempt): "sought to appeal to young voters on Tuesday" was the attempt
INTENT = {
    "agree", "plan", "decide", "promise", "vow", "expect", "schedule", "set", "hope", "intend", "aim",
    "want", "prepare", "threaten", "pledge", "offer", "propose", "arrange", "call", "urge", "ask",
}  # fmt: skip


def direction_from_doc(doc: Any, start: int, end: int) -> Direction:
    """The direction for the text at ``start..end`` of ``doc``'s text, read from its parse."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 0
    found = _direction(doc, span)
    if found == 1 and _a_nouns_month_day(span):
        return 0  # "will face questions about Trump's July 25 call": a plan about a thing; the nearest
    return found


def _direction(doc: Any, span: Any) -> Direction:
    cue = _local_cue(doc, span)
    if cue:
        return cue
    planned = False
    for token in span.root.ancestors:
        planned = planned or _planned(token)
        if _governs(token):
            if planned and not _past_perfect(token):  # "had been due to expire Friday" is behind us
                return 1
            return _verb_direction(token)
    return 1 if planned else _sentence_direction(span.sent)


def _local_cue(doc: Any, span: Any) -> Direction:
    """Words right around the expression that settle it before any verb does."""
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[max(0, span.start - 3) : span.start].text.lower()
    if before.endswith(("as soon as", "as early as", "as late as")):
        return 1  # "could start as early as Tuesday"
    words = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
    if words and words[-1] in ("until", "till"):
        verb = _governing_verb(span)
        if verb is not None and _past_perfect(verb):
            return -1  # "until Thursday, they had not called him a suspect"
    if words and words[-1] == "earlier":
        return -1  # "Earlier Tuesday, his campaign manager says ...": a day already behind the telling
    if words and (words[-1] in _UNTIL or words == ["ahead", "of"]):
        return 1  # "markets stay closed until Friday", "loans through January", "ahead of the weekend"
    if after is not None and after.lemma_.lower() in PLANNING:
        return 1  # "the Tuesday deadline"
    head = span.root.head
    if span.root.dep_ == "compound" and head.pos_ == "NOUN" and head.i == span.end and not _planned(head):
        return -1  # "under a June agreement", "a Sunday night memorial": named by its day, it has happened
    if after is not None and after.tag_ == "POS":
        nxt = doc[span.end + 1] if span.end + 1 < len(doc) else None
        if nxt is not None and nxt.lemma_.lower() in PLANNING:
            return 1  # "Tuesday's deadline"
        return -1  # "Wednesday's ruling": what is named by its day has happened
    if span.root.dep_ == "npadvmod" and head.pos_ == "NOUN" and head.i < span.start and not _planned(head):
        # "Even with his victory in the Indiana primary Tuesday, it remains ...": a noun's event named
        # by its day, under a verb in the plain present (a standing, not a plan), has happened
        verb = _governing_verb(span)
        plain_present = verb is not None and verb.tag_ in ("VBZ", "VBP") and not _has_aux(verb)
        if plain_present:
            return -1
    return 0


_UNTIL = {"until", "till", "through", "effective", "payable"}


def _governing_verb(span: Any) -> Any | None:
    """The nearest verb above the expression (looked up only by the cues that need it); never one in a
    quoted name (''Meet the Press'')."""
    return next((t for t in span.root.ancestors if _governs(t)), None)


def _governs(token: Any) -> bool:
    """A verb that can govern a time expression: none in a quoted name (''Meet the Press'')."""
    return token.pos_ in ("VERB", "AUX") and not in_a_works_name(token)


def _has_aux(verb: Any) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _a_nouns_month_day(span: Any) -> bool:
    """A month and day without a year naming a noun's thing ("Trump's July 25 call", "the Nov. 8
    election"). A clause pointing ahead does not move the thing ahead (a plan or a forecast may be
    about a thing that has happened: "likely to face questions about Trump's July 25 call"), so the
    nearest such day is meant; a clause pointing back keeps its reading ("searching for Kopp since
    shortly after the Oct. 23 slaying", told in May, is last October's)."""
    head = span.root.head
    if span.root.dep_ not in ("nmod", "compound") or head.pos_ != "NOUN" or head.i != span.end:
        return False
    if _planned(head) or any(t.like_num and len(t.text) == 4 for t in span):
        return False
    return any(t.lower_.rstrip(".") in MONTHS for t in span) and any(t.like_num for t in span)


def _planned(token: Any) -> bool:
    """A planning word: "scheduled", "due"; "set" only as "set for" / "set to" ("a record set on")."""
    word = token.lemma_.lower()
    if word not in PLANNING and token.lower_ not in PLANNING:
        return False
    if word == "set":
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return after is not None and after.lower_ in ("for", "to")
    return True


def _past_perfect(verb: Any) -> bool:
    return any(c.lower_ in ("had", "'d") for c in verb.children if c.dep_ == "aux")


def _perfect(verb: Any) -> bool:
    return any(c.lower_ in PERFECT_AUX for c in verb.children if c.dep_ == "aux")


def _verb_direction(verb: Any, depth: int = 0) -> Direction:
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    negated = any(c.dep_ == "neg" for c in verb.children)
    if _perfect(verb) and not any(a in FUTURE_AUX for a in aux):
        return -1
    if negated and any(a in ("could", "ca") for a in aux):
        return -1  # "could not be reached Tuesday": a past attempt
    if any(a in FUTURE_AUX for a in aux):
        return 1  # "will meet", "could start"
    inherits = verb.dep_ in ("xcomp", "advcl", "acl", "conj", "pcomp") and verb.head is not verb and depth < 3
    if _planned(verb):
        return 1
    if verb.tag_ == "VBN" and not aux:
        return -1  # a bare participle reports what was done: "the ruling, announced Wednesday"
    if "to" in aux or (verb.tag_ == "VBG" and not aux):
        if inherits and verb.head.pos_ in ("VERB", "AUX"):
            if "to" in aux and verb.head.lemma_.lower() in INTENT:
                # "agreed to meet on Tuesday"; "had been scheduled to expire Friday" is behind us
                return -1 if _past_perfect(verb.head) else 1
            # "appeared to offer ... Sunday", "speaking on Sunday, he said"
            return _verb_direction(verb.head, depth + 1)
        if "to" in aux and verb.dep_ in ("csubj", "relcl", "acl") and verb.head.lemma_.lower() not in _AHEAD:
            # "the first countries to accede on Friday were ...": the clause's own tense
            root = verb.sent.root
            if root is not verb and root.pos_ in ("VERB", "AUX") and depth < 3:
                return _verb_direction(root, depth + 1)
        return _detached_direction(verb, "to" in aux, depth)
    if verb.tag_ == "VBP" and verb.lower_ in _SAME_IN_PAST and _past_beside(verb):
        return -1  # "stocks hurt the index on Friday", in a sentence told in the past
    if "did" in aux:
        return -1  # "didn't qualify for the debate Saturday", "did not criticize him Monday": past
    if verb.tag_ == "VB":
        return 1
    if verb.tag_ == "VBD" or any(a in ("was", "were") for a in aux):
        return -1
    if verb.tag_ in ("VBZ", "VBP", "VBG") or any(a in ("is", "are", "am", "'s", "'re") for a in aux):
        return 1  # present in news means scheduled: "the committee meets Tuesday"
    return -1


def _detached_direction(verb: Any, infinitive: bool, depth: int) -> Direction:
    """An infinitive or a bare gerund that no verb governs directly. The day is the clause's above it
    for a question of what to do, which is no plan ("clashed over how to responsibly release information
    on Twitter late Thursday"), and for a gerund after a preposition ("can take part in planning for the
    April summit")."""
    asked = infinitive and any(c.i < verb.i and _asks(c) for c in verb.children)
    if depth < 3 and (asked or (not infinitive and verb.dep_ == "pobj")):
        above = next((t for t in verb.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if above is not None:
            return _verb_direction(above, depth + 1)
    copula = verb.head.head
    if infinitive and verb.head.pos_ == "ADJ" and copula.pos_ in ("VERB", "AUX") and _perfect(copula):
        return -1  # "it had been due to expire Friday": the adjective's copula is perfect
    return 1 if infinitive else -1


def _asks(token: Any) -> bool:
    """A word opening a question of what to do: "how", "what", "where", "whether" (before "to")."""
    return token.tag_ in ("WRB", "WP", "WDT") or token.lower_ == "whether"


# nouns whose infinitive lies ahead: "an agreement to acquire the bank in January"
_AHEAD = INTENT | {
    "agreement", "plan", "deal", "decision", "offer", "proposal", "bid", "attempt", "effort", "move",
    "promise", "pledge", "intention", "vote", "deadline", "right", "option", "chance", "way", "time",
}  # fmt: skip

# verbs whose past is written as their present: the tagger reads "hurt" as present
_SAME_IN_PAST = {
    "hurt", "cut", "set", "put", "hit", "cost", "let", "shut", "spread", "split", "bid", "quit",
    "cast", "beat", "burst", "upset", "read", "slit", "thrust", "broadcast", "forecast",
}  # fmt: skip


def _past_beside(verb: Any) -> bool:
    return any(t.tag_ == "VBD" for t in verb.sent if t is not verb)


def _sentence_direction(sent: Any) -> Direction:
    """No verb governs the expression (a headline, a noun phrase): the first finite verb decides."""
    if sent.root.pos_ in ("VERB", "AUX"):
        return _verb_direction(sent.root)
    for token in sent:
        if token.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return 1 if token.tag_ == "MD" or token.lower_ in FUTURE_AUX else _verb_direction(token)
    return 0


_CLAUSE_START = re.compile(r"[.;:!?\n]|\b(?:and|but|while|after|before|when|who|which|that)\b", re.I)
_FUTURE_WORDS = re.compile(
    r"\b(?:will|'ll|shall|would|could|may|might|should|going\s+to|plans?\s+to|expected|scheduled|set\s+to|"
    r"due|to\s+be|next|upcoming|as\s+early\s+as|until|by|starts?|begins?|opens?|meets?|is|are)\b",
    re.I,
)
_PAST_WORDS = re.compile(r"\b(?:said|was|were|had|did|ago|last|earlier|\w+ed)\b", re.I)


def direction_from_words(text: str, start: int) -> Direction:
    """A cheap stand-in for a parse: the nearest tense cue before ``start`` in the same clause."""
    window = text[max(0, start - 80) : start]
    cut = [m.end() for m in _CLAUSE_START.finditer(window)]
    clause = window[cut[-1] :] if cut else window
    future = [m.end() for m in _FUTURE_WORDS.finditer(clause)]
    past = [m.end() for m in _PAST_WORDS.finditer(clause)]
    if not future and not past:
        return -1  # news reports what happened: a bare weekday is most often a past one
    return 1 if max(future, default=-1) > max(past, default=-1) else -1


DirectionOf = Callable[[int, int], Direction]
Tenses = tuple[tuple[int, int, int], ...]  # (start, end, direction) of each span a resolution asked about


class RecordedTenses:
    """A tense oracle that keeps what it answered, by span. The annotator reads tenses from its parse
    once; when a story later moves an article's date, the expressions are resolved again from these
    same answers, so nothing is parsed twice and a process that never held the parse (an engine's
    main process) reads exactly what the annotating worker read. Spans never asked fall to ``ask``."""

    def __init__(self, ask: DirectionOf, known: Tenses = ()) -> None:
        self._ask = ask
        self._known: dict[tuple[int, int], Direction] = {(s, e): d for s, e, d in known}

    def __call__(self, start: int, end: int) -> Direction:
        key = (start, end)
        if key not in self._known:
            self._known[key] = self._ask(start, end)
        return self._known[key]

    def table(self) -> Tenses:
        return tuple((s, e, d) for (s, e), d in sorted(self._known.items()))
