"""Cues of attribution read off spaCy's dependency parse: the verb of speech or report ("said",
"told", "warned") or "according to", its source (the subject, or what a relative pronoun stands
for) and the content it governs ("X said that ...", "..., X said.", "announced his resignation").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from storyline.annotate.cue_words import (
    CHARACTERIZING_VERBS,
    COLLECTIVE_NOUNS,
    NOT_SAID_OBJECT,
    NOT_WORDS_OBJECTS,
    QUOTATION_ONLY,
    REPORT_VERBS,
    REPORTED_AS,
    STATEMENT_NOUNS,
    WITHHELD_VERBS,
)
from storyline.annotate.cue_words import SPEECH_VERBS as SPEECH_VERBS  # mentions.py reads it here
from storyline.annotate.quote_marks import find_quotations, in_a_works_name, reads_as_words
from storyline.annotate.stance import polarity_of, refusal_of
from storyline.annotate.token_arrays import picked
from storyline.extract.header import find_dateline
from storyline.models import Polarity

Range = tuple[int, int]


_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_INHERITS = ("advcl", "xcomp", "conj", "pcomp")


# Links from a source's head to words that can name the speaker (not "in Kryvyi Rih", "on Twitter",
# nor a relative clause): the name's own words, an apposition, a conjunct.
_NAME_LINKS = ("compound", "flat", "appos", "conj", "amod", "nmod", "nummod")
# Modifiers that make a common noun a group's name: "Russian officials", "Russia's foreign ministry".
_GROUP_MODIFIERS = ("amod", "compound", "poss", "nmod")


@dataclass(frozen=True)
class SourceParts:
    """What the parse says about a source noun phrase, for resolving its speaker."""

    head: Range  # the head word: "officials" in "senior Russian officials in Moscow"
    core: tuple[Range, ...]  # the head with its name, appositions and conjuncts, without prepositions
    owner: Range | None = None  # whose statement it is: "His" in "His statement, on Twitter,"
    phrase: Range | None = None  # the head with its named modifiers: "Russian defence ministry"
    heads: tuple[Range, ...] = ()  # the head and its conjuncts' heads: "Russia" and "Ukraine" said
    # the words that can be the speaker: the heads and their appositions' heads, never a modifier
    # ("Trump" in "Trump campaign chairman Paul Manafort", "Smith" in "a Smith spokesperson")
    speakers: tuple[Range, ...] = ()
    noun_phrase: Range | None = None  # the head with its modifiers and prepositions, no clause
    determiner: str | None = None  # "a", "the", "another" ...: whether a description is definite
    head_tag: str = ""  # the head's part-of-speech tag ("NNS": a plural common noun)
    head_lemma: str = ""


@dataclass
class Draft:
    """One attribution while it is being built."""

    cue: Range
    source: Range | None
    paragraph: Range
    contents: list[Range] = field(default_factory=list)
    referent: Range | None = None  # what a relative pronoun source ("who") stands for
    parts: SourceParts | None = None  # the parse of the source (or of the referent)
    said: bool = True  # False for an act rather than words: "could declare its neutrality"
    polarity: Polarity = "asserts"
    relay: bool = False  # the cue reports another attribution: 'he said that "...," TASS reported'
    gap: Range | None = None  # the noun phrase a relative clause's reported words leave out (see _gap)


def tokens_range(first: Any, last: Any) -> Range:
    return first.idx, last.idx + len(last)


def clip(span: Range, limit: Range) -> Range:
    return max(span[0], limit[0]), min(span[1], limit[1])


def cue_range(verb: Any) -> Range:
    """The verb with its auxiliaries and negation ("has said", "did not say") and particle."""
    before = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    after = [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
    first = before[0] if before and verb.i - before[0].i <= 3 else verb
    last = after[0] if after else verb
    refusal = refusal_of(verb)  # "refused to say", "declined to confirm" are one cue
    if refusal is not None and verb.i - refusal.i <= 3:
        return cue_range(refusal)[0], tokens_range(first, last)[1]
    return tokens_range(first, last)


def _nearest_subject(verb: Any) -> Any | None:
    """The subject nearest the verb: a run-in timestamp ("12:15 p.m.") can be parsed as a second one.
    One after the verb speaks only when it starts right after it ("said Deborah Teasley"), not a
    show's name further on ('..., said Thursday morning on Fox News's "Fox and Friends."')."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    placed = [c for c in subjects if c.i < verb.i or c.left_edge.i <= verb.i + 3]
    return min(placed, key=lambda c: abs(c.i - verb.i), default=None)


def _passive(verb: Any) -> bool:
    """A verb of speech in the passive ("was asked") or a bare participle ("Asked about it, ...")."""
    if verb.lemma_.lower() not in SPEECH_VERBS:
        return False
    auxiliaries = {c.dep_ for c in verb.children}
    bare_participle = verb.tag_ == "VBN" and verb.dep_ == "advcl" and "aux" not in auxiliaries
    return bare_participle or bool(auxiliaries & {"auxpass", "nsubjpass"})


def _reported_subject(verb: Any) -> Any | None:
    """The one quoted in "X was quoted by Y as saying ...": the passive subject, not the agent."""
    if verb.lemma_.lower() not in REPORTED_AS or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return None if subject is None or subject.lower_ == "it" else subject


def _quoted_object(verb: Any) -> Any | None:
    """The one quoted in "TASS quoted Peskov as saying ...", "agencies cited him as saying ...": the
    object of the reporting verb, not its subject (the outlet that reports the words)."""
    if verb.lemma_.lower() not in ("quote", "cite"):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _sender(statement: Any) -> Any | None:
    """Who sent a statement that says something: "The campaign sent an email saying ..." is the
    campaign's, as "The Kremlin issued a statement saying ..." is the Kremlin's."""
    if statement.lemma_.lower() not in STATEMENT_NOUNS or statement.dep_ != "dobj":
        return None
    sender = _nearest_subject(statement.head)
    return None if sender is None or sender.tag_ in ("WP", "WDT") else sender


def _free_participle(verb: Any) -> Any | None:
    """The clause a participle set off by a comma tells about, when the parser hung it on the clause's
    object: in "Mr. Trump made a third attempt to deflect Mr. Khan's criticism, writing on Twitter that
    ...", Mr. Trump writes, not the attempt (as "supporters saying ..." without the comma are the
    supporters). The clause's verb, or None."""
    if verb.tag_ != "VBG" or verb.dep_ != "acl" or verb.left_edge.i != verb.i or verb.i == 0:
        return None  # a relative clause ("Mr. Murdoch, who is ... enjoying") is its noun's
    if verb.doc[verb.i - 1].text != ",":
        return None
    noun = verb.head
    if noun.dep_ not in ("dobj", "pobj", "dative", "attr") or noun.i > verb.i:
        return None
    clause = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return clause if clause is not None and clause.i < noun.i else None


def subject_of(verb: Any, depth: int = 0) -> Any | None:
    """The token naming who speaks: the subject, an agent, or the subject of the governing verb."""
    if depth > 0 and (reported := _reported_subject(verb)) is not None:
        return reported
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if _passive(verb):
        return None  # "Trump was asked", "Asked about it, ...": the subject is spoken to, not speaking
    subject = _nearest_subject(verb)
    if subject is not None:
        return subject
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        adjunct = _free_participle(verb)
        if adjunct is not None:
            return subject_of(adjunct, depth + 1) if depth < 3 else None
        return _sender(verb.head) or verb.head  # "supporters saying ...", "a poll found ..."
    if any(c.dep_ == "expl" for c in verb.children):
        return None  # "there is little ... to suggest": the clause's subject is "there", naming no one
    if verb.dep_ in _INHERITS and verb.head is not verb and depth < 3:
        governor = verb.head
        if governor.dep_ in ("prep", "acomp"):  # "began by saying", "are likely to say"
            governor = governor.head
        quoted = _quoted_object(governor)
        return quoted if quoted is not None else subject_of(governor, depth + 1)
    return None


def source_range(head: Any, verb: Any) -> Range:
    """The whole noun phrase of the source, relative clauses and appositions included (as PolNeAR's
    annotators mostly mark it), cut before the cue when the cue sits inside it."""
    left, right = head.left_edge, head.right_edge
    if left.i <= verb.i <= right.i:
        right = head
    return tokens_range(left, right)


def _runs(tokens: list[Any]) -> tuple[Range, ...]:
    """Character ranges of the runs of consecutive tokens."""
    runs: list[list[Any]] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return tuple(tokens_range(run[0], run[-1]) for run in runs)


def _name_tokens(head: Any) -> list[Any]:
    found, todo = [head], [head]
    while todo:
        for child in todo.pop().children:
            if child.dep_ in _NAME_LINKS and child not in found:
                found.append(child)
                todo.append(child)
    return found


def _named(token: Any) -> bool:
    return bool(token.ent_type_) or token.pos_ == "PROPN"


def _group_phrase(head: Any) -> Range | None:
    """A plural or collective noun with named modifiers before it: "Russian officials", "Russia's
    foreign ministry" (not one person's description: "the Vermont senator")."""
    modifiers = [c for c in head.children if c.dep_ in _GROUP_MODIFIERS and c.i < head.i]
    plural = head.tag_ in ("NNS", "NNPS") or head.lemma_.lower() in COLLECTIVE_NOUNS
    if head.pos_ not in ("NOUN", "PROPN") or not plural or not any(_named(m) for m in modifiers):
        return None
    first = min((m.left_edge for m in modifiers), key=lambda t: t.i)
    while first.i < head.i and first.dep_ == "det":
        first = first.nbor(1)
    return tokens_range(first, head)


def _conjuncts(head: Any) -> list[Any]:
    """The head and the heads of its conjuncts: "Russia", "Ukraine" in "Russia and Ukraine"."""
    found = [head]
    for token in found:
        found.extend(c for c in token.children if c.dep_ == "conj" and c not in found)
    return found


def _speaking(head: Any, extra: Any | None) -> list[Any]:
    """The head, its conjuncts and appositions (and theirs), and a name split off before it."""
    found = [head] + ([extra] if extra is not None else [])
    for token in found:
        found.extend(c for c in token.children if c.dep_ in ("conj", "appos") and c not in found)
    if head.pos_ == "NOUN":
        found.extend(_misplaced_name(head))
    return found


def _misplaced_name(head: Any) -> list[Any]:
    """A person's name set off after a title's phrase, which the parser hung on the phrase's last noun
    ("The director of the European Centre, Ina Kirsch, told the AP": Kirsch is the director, not the
    centre). Only a person's name on a noun that names no person."""
    names: list[Any] = []
    for prep in (c for c in head.children if c.dep_ == "prep"):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ != "PERSON"):
            names.extend(c for c in noun.children if c.dep_ == "appos" and c.ent_type_ == "PERSON")
    return names


# Children that belong to a description shown as a speaker ("a spokesman for the campaign").
_PHRASE_LINKS = ("prep", "pobj", "compound", "amod", "nmod", "poss", "det", "nummod", "case")


def _noun_phrase(head: Any) -> Range:
    """The head with its modifiers and prepositional phrases, without clauses or appositions."""
    last = head
    for child in sorted(head.children, key=lambda c: c.i):
        if child.i > head.i and child.dep_ in _PHRASE_LINKS and child.left_edge.i == last.i + 1:
            last = child.right_edge
    first = head.left_edge
    while first.i < head.i and (first.is_punct or first.is_space):
        first = first.nbor(1)
    return tokens_range(first, last)


def parts_of(head: Any, extra: Any | None = None) -> SourceParts:
    """The parts of the source headed by ``head`` (``extra``: a name split off before it)."""
    tokens = _name_tokens(head) + (_name_tokens(extra) if extra is not None else [])
    owner = None
    if head.lemma_.lower() in STATEMENT_NOUNS:
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        owner = tokens_range(poss.left_edge, poss) if poss is not None else None
    determiner = next((c.lower_ for c in head.children if c.dep_ in ("det", "poss") and c.i < head.i), None)
    return SourceParts(
        tokens_range(head, head),
        _runs(tokens),
        owner,
        _group_phrase(head),
        tuple(tokens_range(t, t) for t in _conjuncts(head)),
        tuple(tokens_range(t, t) for t in _speaking(head, extra)),
        _noun_phrase(head),
        determiner,
        head.tag_,
        head.lemma_.lower(),
    )


def paragraph_of(text: str, position: int) -> Range:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def _relay(verb: Any) -> bool:
    """Whether ``verb`` closes a sentence that reports another cue: 'he said that "...," TASS reported'.
    The parser then hangs the quote on the relay verb and the relay on the first cue."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    head = verb.head
    return (
        bool(clauses)
        and verb.dep_ == "ccomp"
        and head.i < clauses[0].left_edge.i
        and head.lemma_.lower() in SPEECH_VERBS
    )


# Words that open an adverbial clause, never a reported one: a "ccomp" the parser hangs on a cue with one
# of them is when or why it was said ("after the senator suspended his campaign, Cruz said ..."). Reported
# clauses open with "that", "whether", "if" or nothing.
_ADVERBIAL_MARKS = frozenset(
    {"after", "before", "when", "while", "because", "since", "although", "though", "once", "until", "unless"}
)
# Participles that put a question to the speaker: "Asked if ..., Trump replied" opens with the question.
_ASKING = frozenset({"ask", "press", "question", "quiz"})


def _reported(clause: Any, verb: Any) -> bool:
    """Whether a clause the parser hangs on a cue as its complement is what the cue reports: not an
    adverbial clause, nor a relative clause set off by a comma ("emails that Donald Trump asked Russia
    to find, which would require hacking ..."), nor a question put to the speaker before the answer
    ('Asked if it had appeared he was encouraging violence, Trump replied, "..."': the parser may take
    the question for the reply's complement)."""
    if any(c.dep_ == "mark" and c.lower_ in _ADVERBIAL_MARKS for c in clause.children):
        return False
    first = clause.left_edge
    if first.lower_ in ("which", "who", "whom", "whose") and first.i > verb.i and first.nbor(-1).text == ",":
        return False
    between = clause.doc[clause.right_edge.i + 1 : verb.i] if clause.i < verb.i else []
    if any(t.lemma_.lower() in SPEECH_VERBS and any(c.dep_ == "nsubj" for c in t.children) for t in between):
        return False  # another speaker's cue stands between: '"I never said that," Trump said, after
        # CNBC's Becky Quick said ...' (the parser hung the quotation on Quick's cue)
    if any(t.text == ":" for t in between):
        return False  # "last July, the group polled members: 1,409 teachers said they wanted ...": a colon
        # closes the sentence part before the speaker, which tells what the speakers were asked
    asked = first.tag_ == "VBN" and first.lemma_.lower() in _ASKING and first.i == first.sent.start
    return not (asked and clause.i < verb.i)


def _noun_taken_for_clause(clause: Any) -> Any:
    """The that-clause under a noun the parser took for the reported clause: "said in an oral history of
    the Bill Clinton years that women in the South ..." hung "years" on "said" and the clause on
    "years"."""
    if clause.pos_ not in ("NOUN", "PROPN"):
        return clause
    for child in clause.children:
        marked = any(c.dep_ == "mark" and c.lower_ == "that" and c.i == clause.i + 1 for c in child.children)
        if child.dep_ in ("acl", "relcl") and marked:
            return child
    return clause


def _name_taken_for_clause(clause: Any) -> Any:
    """The that-clause after a quoted name whose verb the parser took for the reported clause: "said on
    NBC's ''Meet the Press'' on Sunday that Mr. Trump had shown disrespect" hung "Meet" on "said" and
    the clause on "Press" (see :func:`in_a_works_name`)."""
    if not in_a_works_name(clause):
        return clause
    for token in clause.subtree:
        said = token.head
        marks = token.dep_ == "mark" and token.lower_ == "that" and clause.i < token.i < said.i
        if marks and said.pos_ in ("VERB", "AUX") and not in_a_works_name(said):
            return said
    return clause


def _complement(verb: Any, text: str) -> Range | None:
    clauses = [
        _noun_taken_for_clause(_name_taken_for_clause(c))
        for c in verb.children
        if c.dep_ == "ccomp" and _reported(c, verb)
    ]
    relays = [c for c in clauses if c.lemma_.lower() in SPEECH_VERBS | REPORT_VERBS and _relay(c)]
    if relays:
        return _complement(relays[0], text)
    if not clauses:
        return _object(verb)
    first = min(clauses, key=lambda c: c.left_edge.i)
    last = max(clauses, key=lambda c: c.right_edge.i)
    start = _lost_subject(verb, first) or first.left_edge
    return _between_dashes(verb, tokens_range(start, last.right_edge), text)


_CLAUSE_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def _lost_subject(verb: Any, clause: Any) -> Any | None:
    """The reported clause's subject, when the parser hung it on the cue as its object: "who suggest
    Hillary Clinton might be preferable", "Democrats fear party's split will hurt" (the object ends
    right where a clause with no subject of its own begins)."""
    if clause.i < verb.i or verb.lemma_.lower() == "tell":  # "told the Cleveland crowd ...": whom, not what
        return None
    if any(c.dep_ in _CLAUSE_SUBJECTS for c in clause.children):
        return None
    taken = next((c for c in verb.children if c.dep_ == "dobj" and c.i < clause.i), None)
    if taken is None or taken.i < verb.i:
        return None
    # a phrase of the subject's the parser also hung on the cue may stand between ("claiming he above
    # all others has the capacity ...")
    hung = {t.i for c in verb.children if c.dep_ == "prep" and c.i > taken.i for t in c.subtree}
    if any(i not in hung for i in range(taken.right_edge.i + 1, clause.left_edge.i)):
        return None
    return taken.left_edge


def _between_dashes(verb: Any, found: Range, text: str) -> Range:
    """A cue set between dashes reports the words between them, whatever the parser hung on it:
    "Mr. Biden suggested ... like Saddam Hussein - ''He would have loved Stalin,'' Mr. Biden said twice -
    and repeatedly reminded the crowd" (the parser took "suggested ..." for what "said" reports)."""
    if found[1] > verb.idx:
        return found
    around = _dashes_around(text, found[0], (verb.idx, verb.idx), verb.sent.end_char)
    return (around[0], found[1]) if around is not None else found


_CHARACTERIZING_LINKS = ("oprd", "prep", "xcomp")


def _characterized(verb: Any) -> Range | None:
    """The object of a characterizing verb with what the verb says of it: "Trump as a fraud"."""
    target = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if target is None:
        return _called_for(verb)
    last = target.right_edge
    # what is said of it ("as a fraud", "of lying", "a mistake"), not where or when ("in Ohio")
    said_of = [c for c in verb.children if c.i > target.i and c.dep_ in _CHARACTERIZING_LINKS]
    for child in said_of:
        if child.lower_ not in ("in", "on", "at", "during", "after", "before", "since"):
            last = max(last, child.right_edge, key=lambda t: t.i)
    return tokens_range(target.left_edge, last)


def _called_for(verb: Any) -> Range | None:
    """What a call for something demands: "called for increased defense spending"."""
    if verb.lemma_.lower() != "call":
        return None
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"), None)
    target = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    return tokens_range(target.left_edge, target.right_edge) if target is not None else None


def _withheld(verb: Any) -> bool:
    """Words a refusal or a negation keeps back: "refused to provide", "did not supply" an estimate."""
    # a negated finite verb with its own subject ("The candidate did not supply"), not "for not releasing"
    if verb.lemma_.lower() not in WITHHELD_VERBS:
        return False
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    negated = subject and any(c.dep_ == "neg" for c in verb.children)
    return refusal_of(verb) is not None or negated


def _object(verb: Any) -> Range | None:
    """What a verb of speech says when it takes an object or an infinitive: "announced his
    resignation", "vowed to fight on"; what a characterizing verb says of its object; the words a
    refusal withholds ("refused to provide an estimate")."""
    lemma = verb.lemma_.lower()
    if lemma in CHARACTERIZING_VERBS and lemma not in SPEECH_VERBS:
        return _characterized(verb)
    if lemma not in SPEECH_VERBS and not _withheld(verb):
        return None
    for child in verb.children:
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        # "will continue to be 'a champion'": a verb that speaks only beside quotations says nothing
        # through an infinitive
        infinitive = child.dep_ == "xcomp" and to and lemma not in QUOTATION_ONLY
        noun = child.dep_ == "dobj" and lemma not in NOT_SAID_OBJECT and child.pos_ != "PRON"
        # "said so", "said yes", "said the same", "said that": a short answer is what was said
        answer = lemma == "say" and (child.dep_ in ("dobj", "intj") or child.lower_ in ("so", "no"))
        if infinitive:
            return tokens_range(_addressee(verb, child) or child.left_edge, child.right_edge)
        if noun or answer:
            return tokens_range(child.left_edge, child.right_edge)
    return None


def _addressee(verb: Any, infinitive: Any) -> Any | None:
    """Who is to do what the infinitive says, when the verb names them between ("urged the
    administration to raise the cutoff", "called on Congress to act"): the content starts with them, or
    it reads as the speaker's own intent ("urged to raise"). Not after "tell", whose addressee a brief
    leaves out ("told reporters that ..." reads "said that ...")."""
    if verb.lemma_.lower() == "tell":
        return None
    for child in verb.children:
        if not verb.i < child.i < infinitive.i:
            continue
        if child.dep_ == "dobj":
            return child.left_edge
        if child.dep_ == "prep" and child.lower_ == "on" and child.i == verb.i + 1:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj.left_edge
    return None


def _aside(verb: Any, text: str) -> list[Range]:
    """The content around a cue that stands aside from its clause: "The plan, he said, will fail.".
    An aside names who speaks; a clause with no subject of its own is the main clause's purpose or
    manner, not an aside ("Fans have taken to social media to complain about the actor")."""
    if verb.dep_ not in ("parataxis", "advcl") or verb.head.pos_ not in ("VERB", "AUX"):
        return []
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    sent = verb.sent
    inner = tokens_range(verb.left_edge, verb.right_edge)
    # an aside between dashes reports the words between them: "... like Saddam Hussein - ''He would have
    # loved Stalin,'' Mr. Biden said twice - and repeatedly reminded the crowd"
    around = _dashes_around(text, sent.start_char, inner, sent.end_char)
    start, end = around if around is not None else (sent.start_char, sent.end_char)
    sides = [(start, inner[0]), (inner[1], end)]
    return [side for side in sides if side[1] - side[0] > 1]


_DASH = re.compile(r"\s(?:-|--|–|—)\s")


def _dashes_around(text: str, lo: int, inner: Range, hi: int) -> Range | None:
    """The words between the dashes that set off ``inner`` within ``lo..hi``: from after the last dash
    before it to the first dash after it; None unless a dash stands on each side (a dash alone on one
    side sets off words within that side)."""
    before = list(_DASH.finditer(text, lo, inner[0]))
    after = _DASH.search(text, inner[1], hi)
    return (before[-1].end(), after.start()) if before and after else None


_CONCEDING = re.compile(r"[\s,;]*(?:although|though|even though|but|while|whereas)\b", re.IGNORECASE)


def _according(token: Any, text: str) -> Draft | None:
    """'according to X': the source is X, the content the rest of the sentence."""
    to = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if to is None or to.lower_ != "to":
        return None
    # "he said, according to The Guardian": the outlet that carried the quote, not who said it
    if token.head.lemma_.lower() in SPEECH_VERBS and token.head is not token:
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"]
    source = tokens_range(objects[0].left_edge, objects[0].right_edge) if objects else None
    inner = tokens_range(token, token.right_edge if token.right_edge.i > to.i else to)
    sent = token.sent
    comma = next((t for t in sent if t.i > to.i and t.text == ","), None)
    if token.i == sent.start and comma is not None and inner[1] > comma.idx:
        # "According to X, the move reeks of fear": the parser may hang the whole clause on X
        inner = (inner[0], comma.idx)
        source = (source[0], comma.idx) if source is not None else None
    sides = [(sent.start_char, inner[0]), (inner[1], sent.end_char)]
    content = max(sides, key=lambda side: side[1] - side[0])
    if _CONCEDING.match(text, inner[1]) and len(text[sides[0][0] : sides[0][1]].split()) >= 3:
        # "The number of countries that have had female leaders, according to the Pew Research Center,
        # although very few of those women have won ...": what follows concedes, the source backs the first
        content = sides[0]
    paragraph = paragraph_of(text, token.idx)
    parts = parts_of(objects[0]) if objects else None
    found = Draft(tokens_range(token, to), source, paragraph, parts=parts)
    found.contents.append(clip(content, paragraph))
    return found


def _apposed(verb: Any, subject: Any) -> Any | None:
    """A name the parser split off as a second subject: "Leonid Matukhin, Ukrainian military
    spokesperson said" (a comma between them, not a line break)."""
    for other in verb.children:
        if other.dep_ in _SUBJECTS and other.i < subject.left_edge.i:
            between = other.doc[other.right_edge.i + 1 : subject.left_edge.i]
            if [t.text for t in between] == [","]:
                return other
    return None


def _long_quotations(text: str) -> list[Range]:
    """The quotations in ``text`` of three words or more: not a scare-quoted term ('its "neutrality"')."""
    return [(start, end) for start, end in find_quotations(text) if len(text[start:end].split()) >= 3]


def _quotes_words(text: str) -> bool:
    """Whether ``text`` quotes words said: a quotation of three words or more."""
    return bool(_long_quotations(text))


def _quotes_speech(text: str) -> bool:
    """Whether ``text`` quotes words said and not a title ('"Good Morning America"')."""
    return any(reads_as_words(text, quotation) for quotation in _long_quotations(text))


def _modal(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _words_said(verb: Any, complement: Range, text: str) -> bool:
    """Whether a complement is words said rather than an act: an object or infinitive under a modal
    is an act that may happen ("Ukraine could declare its neutrality"), and a verb that speaks only
    beside quotations ("continued to shell") needs one. Such an attribution keeps its content (a
    claim about an act) but names no speaker."""
    if _quotes_words(text[complement[0] : complement[1]]) or any(c.dep_ == "ccomp" for c in verb.children):
        return True
    if verb.lemma_.lower() in CHARACTERIZING_VERBS:
        return True  # "critics would call them messianic": words, however hypothetical
    return verb.lemma_.lower() not in QUOTATION_ONLY and not _modal(verb)


def _names_a_statement(verb: Any, complement: Range, found: Draft) -> bool:
    """Whether the content is an object naming a statement or a thing posted, not words said (a
    denial keeps it: "denied the report" is a denial); a belief under a preposition ("without
    knowing who will win"); or a thing named ("called the Clinton Global Initiative")."""
    if verb.lemma_.lower() not in SPEECH_VERBS and verb.dep_ == "pcomp":
        return True
    named = [c for c in verb.children if c.dep_ == "oprd" and c.tag_.startswith("NNP")]
    if verb.lemma_.lower() == "call" and named:
        return True  # "gatherings ..., called the Clinton Global Initiative, that ...": a name given
    objects = [
        c for c in verb.children if c.dep_ == "dobj" and tokens_range(c.left_edge, c.right_edge) == complement
    ]
    thing = any(c.lemma_.lower() in NOT_WORDS_OBJECTS for c in objects)
    return thing and found.polarity == "asserts"


def _said_aside(verb: Any, sides: list[Range], text: str) -> list[Range]:
    """The words beside a cue that it reports: its quotations of words said, with the plain words
    beside them unless those, before the cue, say where or when it was said ('On ABC's "Good Morning
    America" Tuesday, he said, "I never said ..."'); with no quotation, plain words only when the verb
    has no object of its own ("..., he wrote a book") and speaks in other senses."""
    quoted = [side for side in sides if _quotes_speech(text[side[0] : side[1]])]
    if quoted:
        return [s for s in sides if s in quoted or s[1] > verb.idx or not _setting(verb.doc, s)]
    own_object = any(c.dep_ in ("dobj", "xcomp") for c in verb.children)
    return sides if verb.lemma_.lower() not in QUOTATION_ONLY and not own_object else []


def _setting(doc: Any, side: Range) -> bool:
    """Whether plain words open with a preposition or a subordinator: the setting of the words said
    ("During his years in office", "Before he died"), not the words ('"That," he added')."""
    span = doc.char_span(side[0], side[1], alignment_mode="contract")
    words = [t for t in span if not t.is_punct and not t.is_space] if span is not None else []
    first = words[0] if words else None
    return first is not None and (first.pos_ == "ADP" or (first.pos_ == "SCONJ" and first.lower_ != "that"))


def _named_before(noun: Any, pronoun: Any) -> Any:
    """What "which" stands for when the parser hung its clause on a thing whose phrase ends in a name:
    in "got a favorable decision from the Illinois Board of Elections, which ruled that ...", the board
    ruled, not the decision. "Who" keeps its noun ("the spokesman for the Kremlin, who said ...")."""
    if pronoun.lower_ != "which" or noun.pos_ != "NOUN":
        return noun
    end = pronoun.i - 2 if pronoun.i > 0 and pronoun.nbor(-1).text == "," else pronoun.i - 1
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.i > noun.i):
        for named in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
            if end <= named.right_edge.i < pronoun.i:  # the comma before "which" may hang on the name
                return named
    return noun


def _past_dateline(subject: Any, text: str) -> tuple[Any, int]:
    """The subject after a dateline the parser took for it, and where the source words start (0: as the
    parse has them): "RANGOON, Burma - Aung San Suu Kyi's political allies on Monday predicted ..."
    made RANGOON the subject and the allies its apposition."""
    appos = next((c for c in subject.children if c.dep_ == "appos" and c.i > subject.i), None)
    if appos is None:
        return subject, 0
    start = subject.left_edge.idx
    dateline = find_dateline(text[start : start + 120])
    if dateline is None or start + dateline.end > appos.idx:
        return subject, 0
    return appos, start + dateline.end


def _after(parts: SourceParts, start: int) -> SourceParts:
    """``parts`` with every range cut to begin at ``start`` or later (the words of a dateline before it)."""

    def cut(span: Range | None) -> Range | None:
        return None if span is None or span[1] <= start else (max(span[0], start), span[1])

    def cut_all(spans: tuple[Range, ...]) -> tuple[Range, ...]:
        return tuple(c for c in map(cut, spans) if c is not None)

    head = cut(parts.head) or parts.head
    return replace(
        parts, head=head, core=cut_all(parts.core), owner=cut(parts.owner), phrase=cut(parts.phrase),
        heads=cut_all(parts.heads), speakers=cut_all(parts.speakers), noun_phrase=cut(parts.noun_phrase),
    )  # fmt: skip


def _from_verb(verb: Any, text: str) -> Draft:
    subject = subject_of(verb)
    words_from = 0
    if subject is not None:
        subject, words_from = _past_dateline(subject, text)
    # "it is said", "there were reports": an expletive subject names no one
    expletive = (
        subject is None
        or subject.lower_ == "there"
        or (subject.lower_ == "it" and subject.dep_ == "nsubjpass")
    )
    source, parts = None, None
    if subject is not None and not expletive:
        apposed = _apposed(verb, subject)
        source = source_range(subject, verb)
        source = (apposed.left_edge.idx, source[1]) if apposed is not None else source
        source = (max(source[0], words_from), source[1])
        parts = parts_of(subject, apposed)
        if words_from > subject.left_edge.idx:
            parts = _after(parts, words_from)
    paragraph = paragraph_of(text, verb.idx)
    lemma = verb.lemma_.lower()
    speech = lemma in SPEECH_VERBS or lemma in CHARACTERIZING_VERBS or lemma in WITHHELD_VERBS
    found = Draft(cue_range(verb), source, paragraph, parts=parts, polarity=polarity_of(verb, speech))
    asked = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if found.polarity == "is_asked" and asked is not None and asked.lower_ != "it":
        # "Trump was asked whether ...": no source words speak, but the quote is put to Trump
        found.referent, found.parts = source_range(asked, verb), parts_of(asked)
    if subject is not None and subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        # "Barkley, who said ...": the source words are "who", the speaker the noun it hangs on
        antecedent = _named_before(verb.head, subject)
        found.referent = source_range(antecedent, verb)
        found.parts = parts_of(antecedent)
    complement = _complement(verb, text)
    if _relay(verb):
        # the relay reports the whole first attribution: "he said that ..." is its content
        start = subject.left_edge.idx if subject is not None else verb.idx
        found.contents.append((verb.sent.start_char, start))
        found.relay = True
    elif complement is not None:
        found.contents.append(complement)
        found.said = _words_said(verb, complement, text) and not _names_a_statement(verb, complement, found)
        found.gap = _gap(verb, subject)
    elif verb.lemma_.lower() in SPEECH_VERBS:
        found.contents.extend(_said_aside(verb, _aside(verb, text), text))
    # the parser's sentences can run over a paragraph break; an attribution's words cannot
    found.contents = [clip(c, paragraph) for c in found.contents]
    # after a quotation, an adverbial clause after the cue is when or why it was said ('"I never said
    # that," Trump said, after CNBC's Becky Quick said ...'), not what; after a paraphrase the cue
    # interrupts, it goes on with what was said ("... hurt the nominee, Graham said, since ...")
    adverbial = [c for c in found.contents if _adverbial(text, c, verb)]
    if adverbial and any(c[1] <= verb.idx and _in_a_quotation(text, c, paragraph) for c in found.contents):
        found.contents = [c for c in found.contents if c not in adverbial]
    return found


def _in_a_quotation(text: str, content: Range, paragraph: Range) -> bool:
    """Whether ``content`` lies inside quotation marks (looked for in its paragraph only)."""
    marks = find_quotations(text[paragraph[0] : paragraph[1]])
    start, end = content[0] - paragraph[0], content[1] - paragraph[0]
    return any(lo <= start and end <= hi for lo, hi in marks)


def _adverbial(text: str, content: Range, verb: Any) -> bool:
    """Whether a content after its cue opens with a word that opens an adverbial clause."""
    if content[0] <= verb.idx:
        return False
    words = text[content[0] : content[1]].lstrip(" ,;:-–—").split(None, 1)
    return bool(words) and words[0].lower() in _ADVERBIAL_MARKS


_RELATIVIZERS = frozenset({"who", "whom", "which", "that", "whose"})


def _gap(verb: Any, subject: Any) -> Range | None:
    """The noun phrase a relative clause's reported words leave out as their subject: in "something
    Sanders aides argue is possible", "the Mexican government, which Trump said had sent ...", the cue's
    clause hangs on that phrase and what was said runs on without it. The cue has a subject of its own
    (a relative pronoun as its subject makes the phrase the speaker instead,
    "officials who said ..."). The phrase is the words before the relative clause."""
    if verb.dep_ != "relcl" or subject is None or subject.lower_ in _RELATIVIZERS:
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if clause is None or any(
        c.dep_ in _CLAUSE_SUBJECTS and c.lower_ not in _RELATIVIZERS for c in clause.children
    ):
        return None  # the words said leave out their subject, which the brief puts back before them
    head = verb.head
    if head.pos_ not in ("NOUN", "PROPN", "PRON") or head.i > verb.i:
        return None
    end = verb.left_edge.i  # the relative clause starts here ("which", or the cue's subject)
    words = [t for t in head.doc[head.left_edge.i : end] if not t.is_space]
    while words and (words[-1].is_punct or words[-1].lower_ in _RELATIVIZERS):
        words.pop()
    while words and words[0].is_punct:
        words.pop(0)
    if not words or len(words) > 12:
        return None
    return tokens_range(words[0], words[-1])


def candidates(doc: Any, text: str) -> Iterator[Draft]:
    """The attributions ``doc``'s verbs and "according to" make (``text`` is ``doc``'s text)."""
    # only "according" and verbs can be cues: the other tokens are never made
    for i in sorted({*picked(doc, LOWER=["according"]), *picked(doc, POS=["VERB"])}):
        token = doc[i]
        lemma = token.lemma_.lower()
        if token.i > 0 and token.nbor(-1).text in ("<", "</"):
            continue  # a markup tag left in the text: <tweet ...>
        if token.lower_ == "according":
            found = _according(token, text)
            if found is not None:
                yield found
        elif token.pos_ == "VERB" and (
            lemma in SPEECH_VERBS
            or lemma in REPORT_VERBS
            or lemma in CHARACTERIZING_VERBS
            or _withheld(token)
        ):
            found = _from_verb(token, text)
            if found.contents or lemma in SPEECH_VERBS:
                yield found


def inside(inner: Range, outer: Range) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]
