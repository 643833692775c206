"""Attributions: who said what, read off spaCy's dependency parse and the text's quotation marks.

A cue is a verb of speech or report ("said", "told", "warned") or "according to". Its source is the
verb's subject; its content is the clause it governs ("X said that ..."), the rest of the sentence when
the cue stands aside ("..., X said."), and every quotation it introduces, including one broken by the
cue ("We are ready," he said, "to talk.") and the paragraphs that carry a quote on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.annotate.quote_marks import ALL_MARKS, find_quotations, has_marks, is_quoted
from storyline.annotate.speakers import Speaker, resolve
from storyline.models import Mention, Quote, QuoteKind, Span

Range = tuple[int, int]

_SPEECH_VERBS_WORDS = """
    say tell add state claim announce explain note write report declare insist argue ask reply
    respond answer warn comment remark assert acknowledge admit recall mention stress emphasize
    emphasise contend maintain observe predict promise repeat reiterate testify tweet concede confirm
    deny allege complain vow pledge urge quip joke shout chant whisper suggest tout boast caution
    counter retort lament muse exclaim proclaim brag scoff continue conclude"""
SPEECH_VERBS = frozenset(_SPEECH_VERBS_WORDS.split())
# Verbs that attribute a claim without reporting speech; they need a clausal complement to count.
_REPORT_VERBS_WORDS = """
    believe think find show reveal indicate estimate expect agree fear hope acknowledge accuse
    criticize criticise blame charge describe call predict signal worry recognize recognise
    conclude decide learn know feel doubt question"""
REPORT_VERBS = frozenset(_REPORT_VERBS_WORDS.split())
_EDGE = " \t\n,;:—–-"
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St|Mr|Mrs|Ms|Dr)\.$")
_DATELINE = re.compile(r"[^\n]*?\)\s*[—–-]+\s*")
_ALPHA_WORD = re.compile(r"[^\W\d_]{2,}")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_INHERITS = ("advcl", "xcomp", "conj", "pcomp")


@dataclass
class _Found:
    """One attribution while it is being built."""

    cue: Range
    source: Range | None
    paragraph: Range
    contents: list[Range] = field(default_factory=list)
    referent: Range | None = None  # what a relative pronoun source ("who") stands for


def _chars(span: Any) -> Range:
    return span.start_char, span.end_char


def _tokens_range(first: Any, last: Any) -> Range:
    return first.idx, last.idx + len(last)


def _clean(text: str, span: Range) -> Range:
    """Trim white space and stray punctuation, keeping the closing mark of a quotation and the
    full stop of an abbreviation ("the U.S.")."""
    start, end = span
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and (text[end - 1] in _EDGE or text[end - 1] == "."):
        if text[end - 1] == "." and _ABBREVIATION.search(text, max(start, end - 8), end):
            break
        end -= 1
    return start, end


def _clip(span: Range, limit: Range) -> Range:
    return max(span[0], limit[0]), min(span[1], limit[1])


def _tidy_source(text: str, span: Range, paragraph: Range) -> Range | None:
    """The source words without a dateline ("RENO, Nev. (AP) —") or another paragraph's words."""
    start, end = _clip(span, paragraph)
    if start >= end:
        return None
    dateline = _DATELINE.match(text, start, end)
    if dateline is not None:
        start = dateline.end()
    start, end = _clean(text, (start, end))
    while start < end and text[start] in ALL_MARKS:
        start += 1
    # PolNeAR's convention, and the natural reading: an apposition keeps its closing comma or dash
    closer = text[end : end + 2].strip()[:1]
    if closer and closer in ",—–" and closer in text[start:end]:
        end = text.index(closer, end) + 1
    return (start, end) if start < end else None


def _cue_range(verb: Any) -> Range:
    """The verb with its auxiliaries and negation ("has said", "did not say") and particle."""
    before = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    after = [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
    first = before[0] if before and verb.i - before[0].i <= 3 else verb
    last = after[0] if after else verb
    return _tokens_range(first, last)


def _nearest_subject(verb: Any) -> Any | None:
    """The subject nearest the verb: a run-in timestamp ("12:15 p.m.") can be parsed as a second one."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    return min(subjects, key=lambda c: abs(c.i - verb.i), default=None)


def _subject(verb: Any, depth: int = 0) -> Any | None:
    """The token naming who speaks: the subject, an agent, or the subject of the governing verb."""
    subject = _nearest_subject(verb)
    if subject is not None:
        return subject
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "supporters saying ...", "a poll found ..."
    if verb.dep_ in _INHERITS and verb.head is not verb and depth < 3:
        governor = verb.head
        if governor.dep_ in ("prep", "acomp"):  # "began by saying", "are likely to say"
            governor = governor.head
        return _subject(governor, depth + 1)
    return None


_ASIDES = ("relcl", "acl", "advcl")


def _source_range(head: Any, verb: Any) -> Range:
    """The noun phrase of the source, cut before the cue when the cue sits inside it, and before a
    clause set off by a comma or dash ("Obama, whose criticism ... has sharpened,")."""
    left, right = head.left_edge, head.right_edge
    if left.i <= verb.i <= right.i:
        right = head
    for child in head.rights:
        before = child.left_edge.i - 1
        set_off = before > head.i and child.doc[before].text in (",", "—", "–", "-")
        if child.dep_ in _ASIDES and set_off and child.left_edge.i <= right.i:
            right = child.doc[before - 1]
            break
    return _tokens_range(left, right)


def _paragraph(text: str, position: int) -> Range:
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


def _complement(verb: Any) -> Range | None:
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    relays = [c for c in clauses if c.lemma_.lower() in SPEECH_VERBS | REPORT_VERBS and _relay(c)]
    if relays:
        return _complement(relays[0])
    if not clauses:
        return _object(verb)
    first = min(clauses, key=lambda c: c.left_edge.i)
    last = max(clauses, key=lambda c: c.right_edge.i)
    return _tokens_range(first.left_edge, last.right_edge)


# Verbs whose direct object is the addressee or a bare pronoun ("told her", "said it"), not what was said.
_ADDRESSING = frozenset({"say", "tell", "ask", "answer", "urge", "reply", "respond", "continue", "add"})


def _object(verb: Any) -> Range | None:
    """What a verb of speech says when it takes an object or an infinitive: "announced his
    resignation", "vowed to fight on"."""
    lemma = verb.lemma_.lower()
    if lemma not in SPEECH_VERBS:
        return None
    for child in verb.children:
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        infinitive = child.dep_ == "xcomp" and to
        noun = child.dep_ == "dobj" and lemma not in _ADDRESSING and child.pos_ != "PRON"
        if infinitive or noun:
            return _tokens_range(child.left_edge, child.right_edge)
    return None


OBJ_MODE = "noun"


def _aside(verb: Any) -> list[Range]:
    """The content around a cue that stands aside from its clause: "The plan, he said, will fail."."""
    if verb.dep_ not in ("parataxis", "advcl") or verb.head.pos_ not in ("VERB", "AUX"):
        return []
    sent = verb.sent
    inner = _tokens_range(verb.left_edge, verb.right_edge)
    sides = [(sent.start_char, inner[0]), (inner[1], sent.end_char)]
    return [side for side in sides if side[1] - side[0] > 1]


def _according(token: Any, text: str) -> _Found | None:
    """'according to X': the source is X, the content the rest of the sentence."""
    to = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if to is None or to.lower_ != "to":
        return None
    # "he said, according to The Guardian": the outlet that carried the quote, not who said it
    if token.head.lemma_.lower() in SPEECH_VERBS and token.head is not token:
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"]
    source = _tokens_range(objects[0].left_edge, objects[0].right_edge) if objects else None
    inner = _tokens_range(token, token.right_edge if token.right_edge.i > to.i else to)
    sent = token.sent
    sides = [(sent.start_char, inner[0]), (inner[1], sent.end_char)]
    content = max(sides, key=lambda side: side[1] - side[0])
    paragraph = _paragraph(text, token.idx)
    found = _Found(_tokens_range(token, to), source, paragraph)
    found.contents.append(_clip(content, paragraph))
    return found


def _with_apposed(verb: Any, subject: Any, source: Range) -> Range:
    """Reach back over a name the parser split off as a second subject: "Leonid Matukhin, Ukrainian
    military spokesperson said" (a comma between them, not a line break)."""
    for other in verb.children:
        if other.dep_ in _SUBJECTS and other.i < subject.left_edge.i:
            between = other.doc[other.right_edge.i + 1 : subject.left_edge.i]
            if [t.text for t in between] == [","]:
                return other.left_edge.idx, source[1]
    return source


def _from_verb(verb: Any, text: str) -> _Found:
    subject = _subject(verb)
    # "it is said", "there were reports": an expletive subject names no one
    expletive = (
        subject is None
        or subject.lower_ == "there"
        or (subject.lower_ == "it" and subject.dep_ == "nsubjpass")
    )
    source = None if expletive else _with_apposed(verb, subject, _source_range(subject, verb))
    paragraph = _paragraph(text, verb.idx)
    found = _Found(_cue_range(verb), source, paragraph)
    if subject is not None and subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        # "Barkley, who said ...": the source words are "who", the speaker the noun it hangs on
        found.referent = _source_range(verb.head, verb)
    complement = _complement(verb)
    if _relay(verb):
        # the relay reports the whole first attribution: "he said that ..." is its content
        start = subject.left_edge.idx if subject is not None else verb.idx
        found.contents.append((verb.sent.start_char, start))
    elif complement is not None:
        found.contents.append(complement)
    elif verb.lemma_.lower() in SPEECH_VERBS:
        found.contents.extend(_aside(verb))
    # the parser's sentences can run over a paragraph break; an attribution's words cannot
    found.contents = [_clip(c, paragraph) for c in found.contents]
    return found


def _candidates(doc: Any, text: str) -> Iterator[_Found]:
    for token in doc:
        lemma = token.lemma_.lower()
        if token.lower_ == "according":
            found = _according(token, text)
            if found is not None:
                yield found
        elif token.pos_ == "VERB" and (lemma in SPEECH_VERBS or lemma in REPORT_VERBS):
            found = _from_verb(token, text)
            if found.contents or lemma in SPEECH_VERBS:
                yield found


def _inside(inner: Range, outer: Range) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _overlaps(a: Range, b: Range) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _widen(found: _Found, quotations: Sequence[Range]) -> None:
    """Stretch each content over the quotations it touches, unless the cue is inside the quotation."""
    widened = []
    for start, end in found.contents:
        for quotation in quotations:
            if _overlaps((start, end), quotation) and not _inside(found.cue, quotation):
                start, end = min(start, quotation[0]), max(end, quotation[1])
        widened.append((start, end))
    found.contents = widened


def _distance(a: Range, b: Range) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _nearest_cue(found: Sequence[_Found], quotation: Range, doc: Any, text: str) -> _Found | None:
    """The attribution whose cue introduces ``quotation``: in the quotation's sentences, nearest first."""
    span = doc.char_span(quotation[0], quotation[1], alignment_mode="expand")
    if span is None:
        return None
    # the parser's sentences can run over a line break; a cue in the next paragraph is not this quote's
    first, last = _paragraph(text, quotation[0]), _paragraph(text, max(quotation[0], quotation[1] - 1))
    reach = (max(span[0].sent.start_char, first[0]), min(span[-1].sent.end_char, last[1]))
    near = [f for f in found if _inside(f.cue, reach) and not _inside(f.cue, quotation)]
    return min(near, key=lambda f: _distance(f.cue, quotation), default=None)


def _carried_on(found: Sequence[_Found], quotation: Range, text: str) -> _Found | None:
    """The attribution a quotation continues: it opens its paragraph, right after a quoted paragraph."""
    paragraph = _paragraph(text, quotation[0])
    if text[paragraph[0] : quotation[0]].strip() or paragraph[0] == 0:
        return None
    previous = _paragraph(text, max(0, paragraph[0] - 2))
    while previous[0] > 0 and not text[previous[0] : previous[1]].strip():
        previous = _paragraph(text, previous[0] - 1)
    before = [f for f in found if any(_overlaps(c, previous) for c in f.contents) and f.contents]
    last = max(before, key=lambda f: max(c[1] for c in f.contents), default=None)
    if last is None or not has_marks(text[max(c[0] for c in last.contents) : previous[1]]):
        return None
    return last


def _previous_paragraph(text: str, paragraph: Range) -> Range | None:
    if paragraph[0] == 0:
        return None
    previous = _paragraph(text, max(0, paragraph[0] - 2))
    while previous[0] > 0 and not text[previous[0] : previous[1]].strip():
        previous = _paragraph(text, previous[0] - 1)
    return previous


def _introduced(found: Sequence[_Found], quotation: Range, text: str) -> _Found | None:
    """The attribution just before a quotation that opens a sentence: 'Sanders said: “...”' or
    'Sanders told the crowd he was healthy. “Thank God, I am very healthy.”'."""
    lead = text[: quotation[0]].rstrip(" ")
    if lead and lead[-1] not in '.:!?\n”"':
        return None
    paragraph = _paragraph(text, quotation[0])
    previous = _previous_paragraph(text, paragraph)
    reach = ((previous or paragraph)[0], quotation[0])
    before = [f for f in found if _inside(f.cue, reach)]
    if not before:
        return None
    return max(before, key=lambda f: f.cue)


def _colon_cue(found: list[_Found], quotation: Range, doc: Any, text: str) -> _Found | None:
    """A clause ending in a colon introduces the quotation after it, whatever its verb: 'Trump went
    even further: “...”'. The cue runs from the verb to the colon."""
    colon_at = len(text[: quotation[0]].rstrip()) - 1
    if colon_at < 0 or text[colon_at] != ":":
        return None
    colon = doc.char_span(colon_at, colon_at + 1)
    verb = colon[0].head if colon is not None else None
    if verb is None or verb.pos_ not in ("VERB", "AUX") or verb.i > colon[0].i:
        return None
    subject = _subject(verb)
    if subject is None or any(f.cue[0] <= verb.idx < f.cue[1] for f in found):
        return None
    cue = (_cue_range(verb)[0], colon_at + 1)
    made = _Found(cue, _source_range(subject, verb), _paragraph(text, verb.idx))
    found.append(made)
    return made


def _assign(found: list[_Found], quotations: Sequence[Range], doc: Any, text: str) -> None:
    """Give each quotation no content covers to the cue that introduces or carries it."""
    for quotation in quotations:
        if any(_overlaps(quotation, c) for f in found for c in f.contents):
            continue
        owner = (
            _nearest_cue(found, quotation, doc, text)
            or _colon_cue(found, quotation, doc, text)
            or _carried_on(found, quotation, text)
            or _introduced(found, quotation, text)
        )
        if owner is not None:
            owner.contents.append(quotation)


def _kind(text: str) -> QuoteKind:
    if is_quoted(text):
        return "direct"
    return "mixed" if has_marks(text) else "indirect"


def _quotes(found: Sequence[_Found], text: str, article_id: str, mentions: Sequence[Mention]) -> list[Quote]:
    quotes: list[Quote] = []
    previous: Speaker | None = None
    contents = [c for f in found for c in f.contents]
    for item in sorted(found, key=lambda f: f.cue):
        named_by = item.referent or item.source
        speaker = resolve(text, named_by, contents, mentions, previous) if named_by else None
        previous = speaker if speaker is not None and speaker.name else previous
        for start, end in sorted(item.contents):
            cue = Span(item.cue[0], item.cue[1], text[item.cue[0] : item.cue[1]])
            source = (
                Span(item.source[0], item.source[1], text[item.source[0] : item.source[1]])
                if item.source
                else None
            )
            quotes.append(
                Quote(
                    article_id,
                    _kind(text[start:end]),
                    Span(start, end, text[start:end]),
                    cue,
                    source,
                    speaker=speaker.name if speaker else None,
                    unresolved=(speaker.reason if speaker else "no source words in the text"),
                )
            )
    return sorted(quotes, key=lambda q: (q.content.start, q.content.end))


def _worth_keeping(text: str) -> bool:
    """Enough words to be something said: a quotation needs one word, a paraphrase three."""
    words = len(_ALPHA_WORD.findall(text))
    return words >= 1 if has_marks(text) else words >= 3


def _settle(text: str, contents: Sequence[Range]) -> list[Range]:
    """Cleaned contents in order, the ones only white space apart joined (a quote over paragraphs)."""
    merged: list[Range] = []
    for start, end in sorted(_clean(text, c) for c in contents):
        if end - start <= 1:
            continue
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return [c for c in merged if _worth_keeping(text[c[0] : c[1]])]


def find_quotes(doc: Any, article_id: str, mentions: Sequence[Mention]) -> list[Quote]:
    """Every attribution in ``doc``: content, cue and source spans, with the speaker when resolvable."""
    text = doc.text
    quotations = find_quotations(text)
    # a cue inside a quotation is the quoted speaker's own aside ("I think ..."): the quote is the claim
    found = [f for f in _candidates(doc, text) if not any(_inside(f.cue, q) for q in quotations)]
    for item in found:
        _widen(item, quotations)
    _assign(found, quotations, doc, text)
    for item in found:
        item.contents = _settle(text, item.contents)
        if item.source is not None:
            item.source = _tidy_source(text, item.source, item.paragraph)
    return _quotes([f for f in found if f.contents], text, article_id, mentions)
