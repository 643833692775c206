"""Attributions: who said what, from the parse's cues (``cues.py``) and the text's quotation marks.

Each cue keeps the content its clause gives it, stretched over the quotations that content touches;
every other quotation goes to the cue that introduces it: in its own sentence ("We are ready," he
said, "to talk."), after a colon, before it in the paragraph, or as the paragraph that carries a quote
on. Contents are then trimmed, joined across paragraph breaks, and their speakers resolved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from storyline.annotate.cues import (
    Draft,
    Range,
    candidates,
    clip,
    cue_range,
    inside,
    paragraph_of,
    parts_of,
    source_range,
    subject_of,
)
from storyline.annotate.nlp import doc_text
from storyline.annotate.quote_marks import ALL_MARKS, ALPHA_WORD, find_quotations, has_marks, reads_as_words
from storyline.annotate.speakers import Focus, Speaker, resolve
from storyline.annotate.token_arrays import picked
from storyline.extract.header import dateline_lead
from storyline.models import Mention, Quote, QuoteKind, Span

_EDGE = " \t\n,;:—–-"
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St|Mr|Mrs|Ms|Dr)\.$")
_DATELINE = re.compile(r"[^\n]*?\)\s*[—–-]+\s*")


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
    dangling = _DANGLING.search(text, start, end)  # "she had met with Manafort twice but"
    if dangling is not None and dangling.start() > start:
        return _clean(text, (start, dangling.start()))
    return start, end


# a conjunction left at the end of a clause the parser cut before its second half
_DANGLING = re.compile(r"\s(?:and|but|or|nor|yet)$")


def _tidy_source(text: str, span: Range, paragraph: Range) -> Range | None:
    """The source words without a dateline ("RENO, Nev. (AP) —") or another paragraph's words."""
    start, end = clip(span, paragraph)
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


def _overlaps(a: Range, b: Range) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _widen(found: Draft, quotations: Sequence[Range]) -> None:
    """Stretch each content over the quotations it touches, unless the cue is inside the quotation."""
    widened = []
    for start, end in found.contents:
        for quotation in quotations:
            if _overlaps((start, end), quotation) and not inside(found.cue, quotation):
                start, end = min(start, quotation[0]), max(end, quotation[1])
        widened.append((start, end))
    found.contents = widened


def _distance(a: Range, b: Range) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _nearest_cue(found: Sequence[Draft], quotation: Range, doc: Any, text: str) -> Draft | None:
    """The attribution whose cue introduces ``quotation``: in the quotation's sentences, nearest first."""
    span = doc.char_span(quotation[0], quotation[1], alignment_mode="expand")
    if span is None:
        return None
    # the parser's sentences can run over a line break; a cue in the next paragraph is not this quote's
    first, last = paragraph_of(text, quotation[0]), paragraph_of(text, max(quotation[0], quotation[1] - 1))
    reach = (max(span[0].sent.start_char, first[0]), min(span[-1].sent.end_char, last[1]))
    near = [f for f in found if inside(f.cue, reach) and not inside(f.cue, quotation)]
    return min(near, key=lambda f: _distance(f.cue, quotation), default=None)


def _previous_paragraph(text: str, paragraph: Range) -> Range | None:
    if paragraph[0] == 0:
        return None
    previous = paragraph_of(text, max(0, paragraph[0] - 2))
    while previous[0] > 0 and not text[previous[0] : previous[1]].strip():
        previous = paragraph_of(text, previous[0] - 1)
    return previous


def _carried_on(found: Sequence[Draft], quotation: Range, text: str) -> Draft | None:
    """The attribution a quotation continues: it opens its paragraph, right after a quoted paragraph."""
    paragraph = paragraph_of(text, quotation[0])
    previous = _previous_paragraph(text, paragraph)
    if previous is None or text[paragraph[0] : quotation[0]].strip():
        return None
    before = [f for f in found if any(_overlaps(c, previous) for c in f.contents) and f.contents]
    last = max(before, key=lambda f: max(c[1] for c in f.contents), default=None)
    if last is None or not has_marks(text[max(c[0] for c in last.contents) : previous[1]]):
        return None
    return last


def _introduced(found: Sequence[Draft], quotation: Range, text: str) -> Draft | None:
    """The attribution just before a quotation that opens a sentence: 'Sanders said: “...”' or
    'Sanders told the crowd he was healthy. “Thank God, I am very healthy.”'."""
    lead = text[: quotation[0]].rstrip(" ")
    if lead and lead[-1] not in '.:!?\n”"':
        return None
    paragraph = paragraph_of(text, quotation[0])
    previous = _previous_paragraph(text, paragraph)
    reach = ((previous or paragraph)[0], quotation[0])
    before = [f for f in found if inside(f.cue, reach)]
    if not before:
        return None
    return max(before, key=lambda f: f.cue)


def _clause_verb(colon: Any) -> Any | None:
    """The verb of the clause a colon closes: its head when that comes first, else the nearest verb
    before it that has a subject (the parser may hang the colon on the quoted clause)."""
    if colon.head.i < colon.i and colon.head.pos_ in ("VERB", "AUX"):
        return colon.head
    for token in reversed(colon.sent[: colon.i - colon.sent.start]):
        if token.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            return token
    return None


def _colon_cue(found: list[Draft], quotation: Range, doc: Any, text: str) -> Draft | None:
    """A clause ending in a colon introduces the quotation after it, whatever its verb: 'Trump went
    even further: “...”'. The cue runs from the verb to the colon."""
    colon_at = len(text[: quotation[0]].rstrip()) - 1
    if colon_at < 0 or text[colon_at] != ":":
        return None
    colon = doc.char_span(colon_at, colon_at + 1)
    verb = _clause_verb(colon[0]) if colon is not None else None
    subject = subject_of(verb) if verb is not None else None
    if verb is None or subject is None or any(f.cue[0] <= verb.idx < f.cue[1] for f in found):
        return None
    cue = (cue_range(verb)[0], colon_at + 1)
    made = Draft(cue, source_range(subject, verb), paragraph_of(text, verb.idx), parts=parts_of(subject))
    found.append(made)
    return made


def _assign(found: list[Draft], quotations: Sequence[Range], doc: Any, text: str) -> None:
    """Give each quotation no content covers to the cue that introduces or carries it."""
    for quotation in quotations:
        if any(_overlaps(quotation, c) for f in found for c in f.contents) or not reads_as_words(
            text, quotation
        ):
            continue
        owner = (
            _nearest_cue(found, quotation, doc, text)
            or _colon_cue(found, quotation, doc, text)
            or _carried_on(found, quotation, text)
            or _introduced(found, quotation, text)
        )
        if owner is not None:
            owner.contents.append(quotation)


def _direct(text: str, content: Range, quotations: Sequence[Range]) -> bool:
    """Whether the article puts the whole content in quotation marks: every word lies inside one."""
    inner = [q for q in quotations if _overlaps(q, content)]
    return bool(inner) and all(
        any(q[0] <= content[0] + m.start() and content[0] + m.end() <= q[1] for q in inner)
        for m in ALPHA_WORD.finditer(text[content[0] : content[1]])
    )


def _kind(text: str, content: Range, quotations: Sequence[Range]) -> QuoteKind:
    if _direct(text, content, quotations):
        return "direct"
    return "mixed" if has_marks(text[content[0] : content[1]]) else "indirect"


def _focus(doc: Any) -> Focus:
    """The grammatical subjects (with their appositions), those of main clauses apart, and the sentence
    starts of ``doc``."""
    subjects, main = [], []
    # a name modifying a common noun ("the Clinton phone bank", "a Sanders supporter") refers to no one
    # a pronoun can take up: "For Major, one of the volunteers at the Clinton phone bank, ... she said"
    modifiers = tuple(
        (doc[i].idx, doc[i].idx + len(doc[i]))
        for i in picked(doc, DEP=["compound"])
        if doc[i].head.pos_ == "NOUN"
    )
    for i in picked(doc, DEP=["nsubj", "nsubjpass"]):
        token = doc[i]
        spans = [(token.idx, token.idx + len(token))]
        spans.extend((c.idx, c.idx + len(c)) for c in token.children if c.dep_ == "appos")
        subjects.extend(spans)
        head = token.head
        if head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT"):
            main.extend(spans)  # the main clause's, or one joined to it ("..., but Mr. Obama learned")
    return Focus(
        tuple(subjects),
        tuple(sent.start_char for sent in doc.sents),
        main_subjects=tuple(main),
        modifiers=modifiers,
    )


_NO_SOURCE = Speaker(None, "no source words in the text")
# Cues that carry the speaker before on: '"...," he added' is the last speaker's, whoever was named since.
_CARRY_ON = frozenset({"added", "adds", "adding", "continued", "continues"})


def _speaker_of(
    item: Draft,
    text: str,
    contents: Sequence[Range],
    mentions: Sequence[Mention],
    context: tuple[Speaker | None, Focus],
) -> Speaker:
    previous, focus = context
    named_by = item.referent or item.source
    if not item.said:
        return Speaker(None, "an act, not words said")
    if named_by is None:
        return _NO_SOURCE
    continues = text[item.cue[0] : item.cue[1]].split()[-1].lower() in _CARRY_ON
    return resolve(text, named_by, contents, mentions, previous, item.parts, item.contents, focus, continues)


def _span(text: str, span: Range | None) -> Span | None:
    return Span(span[0], span[1], text[span[0] : span[1]]) if span else None


def _quotes(
    found: Sequence[Draft],
    parsed: tuple[Any, str],
    article_id: str,
    mentions: Sequence[Mention],
    quotations: Sequence[Range],
) -> list[Quote]:
    doc, text = parsed
    quotes: list[Quote] = []
    previous: Speaker | None = None
    focus = _focus(doc)
    contents = [c for f in found for c in f.contents]
    for item in sorted(found, key=lambda f: f.cue):
        speaker = _speaker_of(item, text, contents, mentions, (previous, focus))
        previous = speaker if speaker.name else previous
        for start, end in sorted(item.contents):
            kind = _kind(text, (start, end), quotations)
            quotes.append(
                Quote(
                    article_id,
                    kind,
                    Span(start, end, text[start:end]),
                    _span(text, item.cue),
                    _span(text, item.source),
                    speaker=speaker.name,
                    unresolved=speaker.reason,
                    polarity=item.polarity,
                    speaker_kind=speaker.kind if speaker.name else None,
                    speaker_confidence=speaker.confidence,
                    direct=kind == "direct",
                    gap=_span(text, item.gap) if kind != "direct" else None,
                )
            )
    return sorted(quotes, key=lambda q: (q.content.start, q.content.end))


def _worth_keeping(text: str, paraphrase_words: int = 3) -> bool:
    """Enough words to be something said: a quotation needs one word, a paraphrase three (what a
    denial rejects, two: "rejected that argument")."""
    words = len(ALPHA_WORD.findall(text))
    return words >= 1 if has_marks(text) else words >= paraphrase_words


def _around(content: Range, cue: Range, source: Range | None) -> list[Range]:
    """A content never holds its own cue and source: '"...," said Ann Lee, widow of a man he shot'
    or '"...," Mr. Gidley said, "..."' parsed as one clause is the quotation alone (what follows is cut,
    and kept only if long enough)."""
    start, end = content
    if not (start < cue[0] and cue[1] <= end):
        return [content]
    after = max(cue[1], source[1]) if source is not None and source[0] >= cue[0] else cue[1]
    # the source before its cue ('"...," Mr. Gidley said, "..."') is no more content than the cue
    before = source[0] if source is not None and start < source[0] < cue[0] else cue[0]
    return [(start, before), (after, end)] if after < end else [(start, before)]


# the end of a quoted sentence: its comma inside or outside the closing mark ('...boys,” another friend')
_QUOTED_SENTENCE_END = re.compile(r',\s*[”"]|[”"]\s*,')


def _quotation_only(text: str, span: Range) -> Range:
    """A quotation and the few words after its comma that the parser hung on it ('“She is a mother
    for three boys,” another friend, Mariam Emara told CNN', with the apposition's comma missing):
    those words describe the source, so the content is the quotation."""
    start, end = span
    if text[start : start + 1] not in ("“", '"'):
        return span
    close = _QUOTED_SENTENCE_END.search(text, start + 1, end)
    if close is None:
        return span
    tail = text[close.end() : end]
    if not tail.strip() or len(tail.split()) > 4 or any(mark in tail for mark in ALL_MARKS):
        return span
    return start, close.end()


def _after_dateline(text: str, span: Range) -> Range:
    """A content that opens the article's body without its dateline: in "LOS ANGELES, Feb. 2 (UPI) —
    The next record is almost complete, Kiedis revealed", the dateline is no part of what he revealed."""
    start, end = span
    lead = dateline_lead(text[start:end])
    return (start + lead, end) if lead and text[start : start + lead].strip() else span


def _settle(text: str, contents: Sequence[Range], paraphrase_words: int = 3) -> list[Range]:
    """Cleaned contents in order, the ones only white space apart joined (a quote over paragraphs)."""
    merged: list[Range] = []
    for start, end in sorted(_clean(text, _after_dateline(text, _quotation_only(text, c))) for c in contents):
        if end - start <= 1:
            continue
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return [c for c in merged if _worth_keeping(text[c[0] : c[1]], paraphrase_words)]


def _headline(text: str, mentions: Sequence[Mention]) -> Draft | None:
    """A headline that names its speaker before a colon: "Pence: Gennifer Flowers Won't Be at Debate",
    "Obama on Climate Change: The Trends Are 'Terrifying.'" (the title is the text's first line)."""
    start = len(text) - len(text.lstrip())
    title = paragraph_of(text, start)
    colon = text.find(": ", title[0], title[1])
    if colon < 0 or len(text[title[0] : colon].split()) > 6:
        return None
    named = [m for m in mentions if m.start == title[0] and m.end <= colon]
    speaker = next((m for m in named if m.kind in ("person", "organisation")), None)
    if speaker is None:
        return None
    between = text[speaker.end : colon]
    cue_start = speaker.end + len(between) - len(between.lstrip()) if between.strip() else colon
    source = (speaker.start, speaker.end)
    return Draft((cue_start, colon + 1), source, title, contents=[(colon + 2, title[1])])


def find_quotes(
    doc: Any, article_id: str, mentions: Sequence[Mention], text: str | None = None
) -> list[Quote]:
    """Every attribution in ``doc``: content, cue and source spans, with the speaker when resolvable
    (``text``, when given, is ``doc``'s text)."""
    text = doc_text(doc) if text is None else text
    quotations = find_quotations(text)
    # a cue inside a quotation is the quoted speaker's own aside ("I think ..."): the quote is the claim
    found = [f for f in candidates(doc, text) if not any(inside(f.cue, q) for q in quotations)]
    headline = _headline(text, mentions)
    said = [c for f in found for c in f.contents]
    if headline is not None and not any(_overlaps(headline.contents[0], c) for c in said):
        found.append(headline)
    for item in found:
        _widen(item, quotations)
    _assign(found, quotations, doc, text)
    for item in found:
        pieces = [p for c in item.contents for p in _around(c, item.cue, item.source)]
        item.contents = _settle(text, pieces, 2 if item.polarity == "denies" else 3)
        if item.source is not None:
            item.source = _tidy_source(text, item.source, item.paragraph)
    return _quotes([f for f in found if f.contents], (doc, text), article_id, mentions, quotations)
