"""Paragraph-level boilerplate rules: photo credits, related links, appeals, navigation, copyright.

Hand-written because no library covers plain text: trafilatura and its peers find boilerplate from
the HTML tree, which a .txt file no longer has. Each rule is a general pattern of news-site furniture,
never a sentence of a particular article.
"""

from __future__ import annotations

import re

from storyline.extract.paragraphs import Paragraph

_I = re.I
BOILERPLATE_MAX_CHARS = 3000  # furniture is short: longer paragraphs are never checked (and never slow)
SENTENCE_ENDS = (".", ",", ";", '"', "”", ":", "。", "！", "？", "」", "．")
# A credit at the very end of a paragraph: "Photo by X/UPI | License Photo", "Photo: AFP", "(AP Photo/X)".
_CREDIT_TAIL = re.compile(
    r"(?:\b(?:photo|photograph|image|picture|foto|file photo|illustration)s?\s*"
    r"(?:by|:|credit:?|courtesy(?: of)?)\s*(?-i:[A-Z])[^.!?]{0,120}"
    r"|\|\s*license photo|\bgetty images|\(\s*(?-i:[A-Z]{2,6}) photo\b[^)]*\)"
    r"|/\s*(?:AP|AFP|Reuters|EPA(?:-EFE)?)"
    r"|\bvia (?:AP|AFP|Reuters|EPA(?:-EFE)?|Getty Images|Bloomberg)\b)\W*$",
    _I,
)
# "Jane Doe/Agency", "Jane Doe/BelTA/TASS" or "REUTERS/Jane Doe" closing a caption, no sentence after it.
_CREDIT_NAME = r"[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3}"
_NAME_CREDIT_TAIL = re.compile(rf"(?:^|[.!?]\s+|\s){_CREDIT_NAME}(?:\s*/\s*{_CREDIT_NAME})+\s*$")
_CREDIT_HEAD = re.compile(
    r"^\(?(?:(?:photo|image|picture|file photo|caption)s?\s*(?:credit)?\s*:|"
    r"(?:image source|image caption|media caption)\s*[:,])",
    _I,
)
# Agency footers: "(Reporting by Jane Doe; Editing by John Roe)", "Writing by ...", "Compiled by ..."
_STAFF_CREDIT = re.compile(
    r"^\(?(?:(?:additional )?reporting|writing|editing|compiled|produced) by\b|"
    r"\bcontributed (?:reporting|to (?:this|the) (?:report|story|article))\W*$|^source\s*:|"
    r"^(?:contributing|contributors?)\s*:|"  # "Contributing: Brittney Bennett and Greg Toppo, USA TODAY."
    r"^(?:our|editorial) standards\b",
    _I,
)
# Feed footers: "The post <title> appeared first on <site>."
_FEED_FOOTER = re.compile(r"^the post\b.{1,300}\bappeared first on\b|^\[(?:…|\.\.\.|&#8230;)\]$", _I)
# "Follow our coverage at https://...", "Read the full report at https://..."
_LINK_PROMPT = re.compile(r"^(?:follow|see|visit|read|watch|find|get|download|listen)\b.*https?://", _I)
# Breadcrumbs and share bars: short lines of words split by separators ("Home > World > Europe").
_SEPARATED = re.compile(r"\s(?:>|»|›|\||/|•|·)\s")
_RELATED = re.compile(
    r"^(?:(?-i:RELATED)\b|(?:related|see also|more|also read|read also|read more|recommended|"
    r"more on this(?: story)?|watch|listen)\s*"
    r"(?:articles?|stories|coverage|content|reading|about)?\s*[:|»›>-]|"
    r"(?-i:READ (?:MORE|ALSO)|ALSO (?:READ|SEE)|MORE FROM|MUST READ)\b)",
    _I,
)
_NAVIGATION = re.compile(
    r"^(?:latest(?: headlines| news| stories)?|top stories|most (?:read|popular|viewed|shared)|"
    r"trending(?: now)?|follow us(?: on [\w ]{1,30})?|"
    r"share(?: this(?: article| story)?)?(?: on \w+)?|read more|continue reading|"
    r"show (?:more|comments)|comments?|advertisement|sponsored(?: content)?|skip to (?:main )?content|"
    r"back to top|sign (?:up|in)|log ?in|subscribe|newsletters?|remind me later|print|email|"
    r"(?:view|open|see) (?:gallery|photos|all photos)|photos?|videos?|gallery|in pictures|more photos|"
    r"tags?:.*|topics?:.*|filed under:?.*|click here.*|related(?: articles| stories| news)?|"
    r"you may also like|recommended(?: for you)?|editor'?s picks?|tweet|whatsapp|facebook|twitter|telegram|"
    r"linkedin|reddit|pinterest|copy link|listen(?: to this article)?(?: \d+ min)?|\d+ min(?:ute)?s? read|"
    r"reading time:? \d+ min(?:ute)?s?|leave a comment|\d+ comments?|image|caption|expand|"
    r"related topics|more on this story|top of page|trending stories|feature photos|photo galleries|"
    r"back to article|contact us|have a (?:news )?tip|explore more on these topics|reuse this content|"
    r"continue reading the main story|follow [^.]{1,40}:|follow [^.]{1,30} on \w+(?:\s+@\w+)?)\W*$",
    _I,
)
_GALLERY_HEAD = re.compile(r"^(?:scenes from|photos? of|in pictures|gallery:|pictures of|images of)\b", _I)
_COPYRIGHT = re.compile(
    r"©\s*(?:\d{4}|(?-i:[A-Z]))|\(c\)\s*\d{4}|\bcopyright\s*(?:©\s*)?\d{4}|\ball rights reserved\b", _I
)
APPEAL_CUES = re.compile(
    r"small favou?r to ask|support (?:us|our|independent|quality|today|now)|we need your (?:help|support)|"
    r"please (?:consider )?(?:support|donat|subscrib|contribut|help us)|\bdonat(?:e|ion|ing)\b|"
    r"become a (?:member|subscriber|patron|supporter)|your (?:support|contribution|donation)\b|"
    r"make a (?:contribution|donation)|subscribe (?:now|today|to our)|\bpa[iy]ments? methods?\b|"
    r"not ready to (?:support|subscribe|donate|give)|remind me later|"
    r"(?:monthly|one-time|one-off|annual) (?:gift|contribution|donation|payment|support)|"
    r"sign up (?:for|to) (?:our|the) (?:\w+ ){0,2}newsletter|"
    r"support (?:the|our) (?:journalism|newsroom|work)|"
    r"support us monthly|independent journalism needs|"
    r"delivered (?:to|through) your (?:door|letterbox|inbox|mailbox)|\b\d+ issues for\b"
)  # applied to lowercased text: re.I makes a long alternation three times slower
_SUPPORT_OUTLET = re.compile(
    r"^(?i:please\s+)?(?i:support|donate to|subscribe to)\s+(?P<outlet>[A-Z][^.!?]{2,60})[!.]?$"
)
_READER_TALK = re.compile(r"\b(?:we|our|us|you|your)\b", _I)
_WEAK_APPEAL = re.compile(
    r"\b(?:support|help|mission|journalis\w*|independent|reporting|fund\w*|readers?|free)\b", _I
)
# Quotation marks or a reporting verb: someone else's words, which a publisher's appeal never is.
_REPORTED_SPEECH = re.compile(
    r"[\"“”«»]|\b(?:said|says|told|according to|asked|asking|wrote|tweeted|urged|called on)\b", _I
)
# Phrases that only a publisher's own appeal uses: one is enough, whatever else the paragraph says.
_DECISIVE_APPEAL = re.compile(
    r"small favou?r to ask|\bpa[iy]ments? methods?\b|remind me later|"
    r"not ready to (?:support|subscribe|donate|give)(?: us)?(?: today| now| yet)?\s*\?|"
    r"support us (?:monthly|today|now)|independent journalism needs|become a (?:member|subscriber|patron)"
)  # lowercased text, as above


def is_photo_credit(text: str) -> bool:
    if _CREDIT_HEAD.match(text):
        return True
    if len(text) > 600:
        return False
    if _CREDIT_TAIL.search(text):
        return True
    return not text.endswith((".", '"', "”", "?", "!")) and _name_credit(text)


def _name_credit(text: str) -> bool:
    match = _NAME_CREDIT_TAIL.search(text)
    return match is not None and match.group().strip().count(" ") <= 6


def is_related_link(text: str) -> bool:
    # a teaser set in brackets is one too: "[Related: Keynote: AI, Integration ...]"
    if bool(_RELATED.match(text.lstrip("[( "))) and len(text.split()) <= 40:
        return True
    return is_headline_run(text)


# Pieces of a list run together into one paragraph: dashes, bullets or bars between them.
_LIST_SEPARATOR = re.compile(r"\s*[—–•|]\s*|\s+-\s+")
# A word an editor capitalises in a headline: four letters or more (short function words stay small).
_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def _headline_cased(piece: str) -> bool:
    long_words = _LONG_WORD.findall(piece)
    return len(piece.split()) >= 3 and bool(long_words) and all(word[0].isupper() for word in long_words)


def is_headline_run(text: str) -> bool:
    """Two or more headlines run together, set off by dashes or bullets, with no heading over them.

    A site's "more on this story" links lose their heading and list markup in a plain-text copy
    ("— Here's What We Know So Far— 3 Important Things To Know About ..."). Prose set off by dashes
    always has a long word in small letters; a headline in title case never has.
    """
    text = text.strip()
    pieces = [piece for piece in _LIST_SEPARATOR.split(text) if piece.strip(" .'’‘\"“”")]
    # a title and its deck ("Talks Resume — Kyiv Hopeful") are two pieces too: a list has three or a marker
    listed = len(pieces) >= 3 or (len(pieces) == 2 and _LIST_SEPARATOR.match(text) is not None)
    return listed and all(_headline_cased(piece) for piece in pieces)


def is_navigation(text: str) -> bool:
    words = len(text.split())
    sentence_or_table = text.rstrip().endswith(".") or text.lstrip().startswith("|")
    if words <= 12 and len(_SEPARATED.findall(text)) >= 2 and not sentence_or_table:
        return True
    return words <= 8 and bool(_NAVIGATION.match(text.strip()))


_APPEAL_HINTS = (
    "delivered",
    "issues for",
    "support",
    "donat",
    "subscri",
    "favo",
    "pay",
    "paim",
    "remind",
    "member",
    "contribut",
    "help",
    "gift",
    "newsletter",
    "journalism",
    "patron",
    "not ready",
)


def _may_appeal(text: str) -> bool:
    """A cheap test before the appeal regexes, which are slow on long paragraphs."""
    lowered = text.lower()
    return any(hint in lowered for hint in _APPEAL_HINTS)


def appeal_strength(text: str) -> int:
    """How many distinct donation/subscription cues a paragraph holds (0 for news)."""
    if not _may_appeal(text):
        return 0
    return len({m.group() for m in APPEAL_CUES.finditer(text.lower())})


def is_appeal(text: str) -> bool:
    """An appeal addresses the reader; in reported speech only a publisher's own phrase counts."""
    if _may_appeal(text) and _DECISIVE_APPEAL.search(text.lower()):
        return True
    cues = appeal_strength(text)
    if cues == 0:
        return bool(_SUPPORT_OUTLET.match(text)) and len(text.split()) <= 8
    if _REPORTED_SPEECH.search(text):
        return False
    return cues >= 2 or len(text.split()) <= 10 or bool(_READER_TALK.search(text))


def continues_appeal(text: str) -> bool:
    """A paragraph inside an appeal block: reader talk about support, or a short button-like line."""
    if len(text.split()) <= 6 and not text.endswith("."):
        return True
    return bool(_READER_TALK.search(text) and _WEAK_APPEAL.search(text)) and not _REPORTED_SPEECH.search(text)


def support_outlet(text: str) -> str | None:
    """The outlet named by a "Support The Moscow Times!" style appeal: its capitalized words."""
    match = _SUPPORT_OUTLET.match(text.strip())
    if match is None or len(text.split()) > 8:
        return None
    name: list[str] = []
    for word in match.group("outlet").split():
        if not (word[0].isupper() or word[0].isdigit() or word in _NAME_JOINERS):
            break
        name.append(word)
    while name and name[-1] in _NAME_JOINERS:
        name.pop()
    return re.sub(r"['’]s$", "", " ".join(name)) or None


_NAME_JOINERS = ("of", "the", "and", "&", "de", "la", "du", "der")


def is_copyright(text: str) -> bool:
    return len(text.split()) <= 25 and bool(_COPYRIGHT.search(text))


# A publisher's correction notice: "Correction: An earlier version of this article misstated ...",
# "CORRECTION APPENDED.", "This article has been revised to reflect the following correction: ..."
_CORRECTION = re.compile(
    r"^(?:correction|clarification)s?\b(?:\s+appended)?\s*[:.]|"
    r"^(?:correction|clarification)s?\s+appended\W*$|"
    r"^this (?:article|story) has been (?:revised|updated|corrected) to reflect the following|"
    r"^an earlier version of this (?:article|story|report)\b",
    _I,
)
# the notes a correction heading closes an article with: where it appeared, the correction, its date
_CORRECTION_TAIL = 4


def paragraph_reason(text: str) -> str | None:
    """The boilerplate reason for one paragraph on its own, or None when it reads as news."""
    if len(text) > BOILERPLATE_MAX_CHARS:
        return None
    if _CORRECTION.match(text.strip()):
        return "correction"
    if is_related_link(text):
        return "related-link"
    if is_navigation(text):
        return "navigation"
    if is_photo_credit(text):
        return "photo-credit"
    if is_appeal(text):
        return "appeal"
    if is_copyright(text):
        return "copyright"
    if _STAFF_CREDIT.search(text) and len(text.split()) <= 60:
        return "credit"
    if (_LINK_PROMPT.match(text) and len(text.split()) <= 25) or _FEED_FOOTER.search(text):
        return "navigation"
    return None


def is_heading(paragraph: Paragraph) -> bool:
    """A short line that is not a sentence: a title, subhead, gallery or navigation heading."""
    text = paragraph.text
    if text.startswith(("- ", "* ", "• ")):  # a list item, not a heading
        return False
    return paragraph.words <= 14 and not text.endswith(SENTENCE_ENDS)


def mark_paragraphs(paragraphs: list[Paragraph]) -> None:
    """Mark boilerplate in place: single-paragraph rules, then appeal blocks, then orphan headings."""
    for paragraph in paragraphs:
        if paragraph.reason is None:
            paragraph.reason = paragraph_reason(paragraph.text)
    _extend_appeals(paragraphs)
    _extend_correction(paragraphs)
    mark_orphan_headings(paragraphs)


def _extend_correction(paragraphs: list[Paragraph]) -> None:
    """A correction heading near the end ("CORRECTION:") heads what follows it to the end: where the
    article appeared, the correction ("Because of an editing error, an article on Wednesday ...
    misidentified ..."), its date. One near the top ("Correction Appended.") heads the article itself."""
    for i, paragraph in enumerate(paragraphs):
        if paragraph.reason == "correction" and len(paragraph.text.split()) <= 3:
            after = paragraphs[i + 1 :]
            if 0 < len(after) <= _CORRECTION_TAIL:
                for later in after:
                    later.reason = later.reason or "correction"
                return


def _extend_appeals(paragraphs: list[Paragraph]) -> None:
    """An appeal runs over several paragraphs: carry it on while the next ones still plead or are buttons."""
    in_appeal = False
    for paragraph in paragraphs:
        if paragraph.reason == "appeal":
            in_appeal = True
        elif in_appeal and paragraph.reason is None and continues_appeal(paragraph.text):
            paragraph.reason = "appeal"
        elif paragraph.reason is None:
            in_appeal = False


def mark_orphan_headings(paragraphs: list[Paragraph]) -> None:
    """Headings in the tail that head nothing: after the last news paragraph and past boilerplate.

    A gallery heading ("Scenes from ...") goes wherever it stands; short lines that follow the news
    directly (a closing list, a sign-off) stay.
    """
    tail: list[Paragraph] = []
    for paragraph in reversed(paragraphs):
        if paragraph.kept and not is_heading(paragraph):
            break
        tail.append(paragraph)
    else:  # no news paragraph at all (a list, a poem): nothing to call a tail
        tail = []
    past_boilerplate = False
    for paragraph in reversed(tail):  # in reading order, from the last news paragraph on
        past_boilerplate = past_boilerplate or not paragraph.kept
        if paragraph.kept and past_boilerplate:
            paragraph.reason = "navigation"
    for paragraph in paragraphs:
        if paragraph.kept and is_heading(paragraph) and _GALLERY_HEAD.match(paragraph.text):
            paragraph.reason = "navigation"
