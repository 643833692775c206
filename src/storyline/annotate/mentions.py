"""Named-entity mentions from spaCy's NER, with general corrections of its usual mistakes.

The small English model often tags an unfamiliar place as a person ("in Kryvyi Rih"), folds a title
into a name ("President Vladimir Putin") and keeps a possessive ("Zelensky's"). Each correction below
is a general rule on the document, never a list of names.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from storyline.annotate.cues import SPEECH_VERBS
from storyline.annotate.gazetteer import country_of_demonym, is_first_name, is_place
from storyline.annotate.names import POSSESSIVE, surname
from storyline.annotate.nlp import doc_text
from storyline.annotate.roles import HONORIFICS, TITLE_NOUNS, roles_of
from storyline.annotate.token_arrays import picked
from storyline.models import ActorKind, Mention

KINDS: dict[str, ActorKind] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
NAMED_LABELS = frozenset(KINDS) | {"EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
# Words before a name that say it is a place: "in Kherson", "the city of Mariupol".
_PLACE_OF = (
    r"\b(?:city|town|village|region|province|port|capital|suburb|district|oblast|mayor|governor|"
    r"residents?|outskirts|streets) of"
)
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|near|outside|across|around|into|inside|throughout|towards?)|"
    + _PLACE_OF
    + r")\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# The stronger half: only a place has a mayor or residents ("the mayor of Askøy"), whatever NER said.
_STRONG_PLACE_BEFORE = re.compile(_PLACE_OF + r"\s+(?:the\s+)?$", re.IGNORECASE)
# Words after a name that say it is a place: "Kherson region", "Donetsk Oblast".
_PLACE_AFTER = re.compile(
    r"^\s+(?:region|oblast|province|city|county|district|airport|port|border|state)\b", re.IGNORECASE
)
# Platforms people post on: the small model tags them as people ("on Twitter"); they are companies.
_PLATFORMS_WORDS = """
    twitter facebook instagram telegram youtube tiktok whatsapp snapchat linkedin reddit weibo wechat
    vkontakte threads bluesky mastodon parler gab rumble substack"""
PLATFORMS = frozenset(_PLATFORMS_WORDS.split()) | {"truth social"}
# An apposition naming what kind of organisation a name is: "Ukrtelecom, Ukraine's largest provider,".
_ORGANISATION_NOUNS = """
    company firm provider operator carrier maker manufacturer producer supplier retailer bank lender
    insurer airline broadcaster network newspaper agency group giant conglomerate utility startup
    start-up subsidiary chain brand"""
_ORGANISATION_APPOSITION = re.compile(
    r"^,\s+(?:the\s+|a\s+|an\s+|[\w.’'-]+['’]s\s+)?(?:[\w.-]+\s+){0,4}?(?:"
    + "|".join(_ORGANISATION_NOUNS.split())
    + r")(?:\s*[,.;:]|\s*$|\s+(?:of|in|for|based|from|with|that|which|owned|and)\b)",
    re.IGNORECASE,
)
# Labels NER gives a name it does not place; one with a person's role beside it is a person.
_UNPLACED = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})
# The last word of a name that makes it an organisation's: "Turkmen Communist Party", "Balmond Studio".
_ORGANISATION_HEADS_WORDS = """
    party council commission committee court foundation institute institution university school college
    academy association federation union agency department ministry bank group company corporation corp
    inc ltd llc plc studio studios design designs press times news watch initiative center centre
    organisation organization service services office board league club team network airlines airways
    motors records media police army navy force forces guard senate parliament assembly congress
    administration authority bureau fund trust society alliance coalition movement church hospital
    clinic tech technologies systems labs laboratories industries holdings partners pac"""
ORGANISATION_HEADS = frozenset(_ORGANISATION_HEADS_WORDS.split())
# Endings of place names in many languages: "Herengracht", "Kaliningrad", "Nashville", "Pakistan".
_PLACE_ENDING = re.compile(
    r"(?:ville|grad|gorod|stadt|dorf|gracht|straat|strasse|straße|platz|polis|istan|shire)$", re.IGNORECASE
)
# Surname endings of Slavic, Baltic, Armenian and Georgian names: "Pavle Petrović", "Saparmurat Niyazov".
_SURNAME_ENDING = re.compile(
    r"(?:ov|ova|ev|eva|ovich|evich|ovic|ović|ić|enko|chuk|shvili|dze|yan|skyy?|skiy|ski|ska)$"
)
# Verbs whose object is land: what is annexed, invaded or occupied is a place ("Crimea, which Moscow
# annexed"), whatever NER said.
_LAND_VERB = re.compile(r"^(?:annex|invad|occup|reoccup|liberat|recaptur|evacuat)")  # any inflection
_WHO_AFTER = re.compile(r"^(?:['’]s)?,?\s+who\b")
# First words that make a name a named storm or operation, not a person: "Storm Elin", "Hurricane Sandy".
_EVENT_FIRST = frozenset({"storm", "hurricane", "typhoon", "cyclone", "tropical", "operation", "tornado"})
# A kind of organisation said right before its name: "the operator Vy", "grid operator Statnett".
_ORGANISATION_BEFORE = re.compile(r"\b(?:" + "|".join(_ORGANISATION_NOUNS.split()) + r")\s+$", re.IGNORECASE)
_TRAILING = " ,;:'\"`“”‘’«»"


_TRIMMED = frozenset(w.rstrip(".") for w in TITLE_NOUNS | HONORIFICS)  # "sen." and "sen" alike


def _trim_title(ent: Any) -> Any:
    """Drop titles, honorifics and nationality words folded into the front of a person's name."""
    span = ent
    while len(span) > 1:
        first = span[0]
        low = first.lower_.rstrip(".")
        if low in _TRIMMED or (first.ent_type_ == "NORP" or first.is_lower):
            span = span[1:]
        else:
            break
    return span


def _bounds(ent: Any) -> tuple[int, int]:
    span = _trim_title(ent) if ent.label_ == "PERSON" else ent
    # "told the National Post he's already received": the pronoun (and its "'s") opens a clause
    while len(span) > 1 and (
        span[-1].tag_ == "PRP"
        or (len(span) > 2 and span[-2].tag_ == "PRP" and span[-1].lower_ in ("'s", "’s"))
    ):
        span = span[:-1]
    while len(span) > 1 and span[-1].is_lower and span[-1].tag_ in ("IN", "DT", "CC", "TO"):
        span = span[:-1]  # 'Juan "Chico" Manriquez of' (NER ran into the preposition after the name)
    text = span.text  # offsets below are relative to the span: Doc.text is rebuilt on each access
    low, high = 0, len(text)
    possessive = POSSESSIVE.search(text)
    if possessive and possessive.start() > 0:
        high = possessive.start()
    if text.lower().startswith("the ") and ent.label_ != "WORK_OF_ART":
        low = 4
    # stray quotation marks and punctuation NER sweeps into a name ("`` General Motors")
    while low < high and not text[low].isalnum():
        low += 1
    while high > low and text[high - 1] in _TRAILING:
        high -= 1
    return span.start_char + low, span.start_char + high


def _place_names(ents: Sequence[Any]) -> set[str]:
    return {ent.text.lower() for ent in ents if KINDS.get(ent.label_) == "place"}


def _looks_like_place(text: str, start: int, end: int, places: set[str]) -> bool:
    if text[start:end].lower() in places:
        return True
    return bool(
        _PLACE_BEFORE.search(text[max(0, start - 40) : start]) or _PLACE_AFTER.match(text[end : end + 20])
    )


def _surnames(ents: Sequence[Any]) -> set[str]:
    return {ent[-1].lower_ for ent in ents if ent.label_ == "PERSON" and len(ent) > 1}


def _label(text: str, ent: Any, span: tuple[int, int], places: set[str], surnames: set[str]) -> str:
    """The corrected label: a platform, or a name with an apposition saying it is a company ("...,
    Ukraine's largest Internet provider,"), is an organisation; a person-tagged name that reads as a place
    becomes a place; a name NER took for a title or product with a person's role beside it is a
    person; and a lone word tagged as a place or organisation that is the surname of a person named
    in full becomes that person ("Zelenskyy thanked ..." after "Volodymyr Zelenskyy")."""
    start, end = span
    if text[start:end].lower() in PLATFORMS:
        return "ORG"
    evidence = _evidence(text, ent, span, surnames)
    if evidence is not None:
        return evidence
    apposition = text[end : end + 100]
    if ent.label_ in ("GPE", "LOC", "FAC", "PERSON") and _ORGANISATION_APPOSITION.match(apposition):
        return "ORG"  # "Ukrtelecom, Ukraine's largest Internet provider," read by NER as a place
    if ent.label_ == "PERSON" and _looks_like_place(text, start, end, places):
        return "GPE"
    if ent.label_ in _UNPLACED and all(t.pos_ == "PROPN" for t in ent) and roles_of(text, start, end):
        return "PERSON"  # "Oleksandr Vilkul, the top official in ...", read by NER as a title
    lone = " " not in text[start:end].strip()
    if ent.label_ in ("GPE", "ORG", "LOC") and lone and text[start:end].lower() in surnames:
        before = text[max(0, start - 40) : start]
        return str(ent.label_) if _PLACE_BEFORE.search(before) else "PERSON"
    return str(ent.label_)


def _name_evidence(name: str, label: str) -> str | None:
    """What the words of a name say, whatever NER said: a named storm is no actor, an organisation's
    head word, a gazetteer place, a given name first."""
    words = name.split()
    if len(words) > 1 and words[0].lower() in _EVENT_FIRST:
        return "EVENT"
    person_first = label == "PERSON" and len(words) == 2 and is_first_name(words[0])
    if len(words) > 1 and words[-1].lower().strip(".") in ORGANISATION_HEADS and not person_first:
        return "ORG"  # but "Jim Press", tagged a person, is one
    if label in ("PERSON", "ORG", "NORP", "FAC") and is_place(name) and country_of_demonym(name) is None:
        return "GPE"
    if label in ("PERSON", "ORG", "NORP") and _PLACE_ENDING.search(words[-1]) and not is_first_name(words[0]):
        return "GPE"
    titled = 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
    personal = is_first_name(words[0]) or bool(_SURNAME_ENDING.search(words[-1]))
    if label in ("ORG", "GPE", "LOC", "NORP", "FAC") and titled and personal and not is_place(name):
        return "PERSON"
    if len(words) == 1 and name.endswith("s") and country_of_demonym(name[:-1]):
        return "NORP"  # "Turkmens", "Somalis": a people
    return None


def _speaks(ent: Any) -> bool:
    """The name is the subject of a verb of speech ("..., Podolyak said", "Vereshchuk told")."""
    root = ent.root
    return root.dep_ == "nsubj" and root.head.pos_ == "VERB" and root.head.lemma_ in SPEECH_VERBS


def _taken_as_land(ent: Any) -> bool:
    """The name is the object of a verb of taking land, directly or through "which" in a clause on it."""
    root = ent.root
    if root.dep_ == "dobj" and _LAND_VERB.match(root.head.lower_):
        return True
    return any(
        child.dep_ == "relcl"
        and _LAND_VERB.match(child.lower_)
        and any(c.dep_ == "dobj" for c in child.children)
        for child in root.children
    )


def _evidence(text: str, ent: Any, span: tuple[int, int], surnames: set[str]) -> str | None:
    """A label from evidence beside NER: the name's own words, a role or title beside it ("the mayor
    of Askøy, Marit Lunde"), a kind of organisation right before it ("grid operator Statnett")."""
    start, end = span
    name = text[start:end]
    if name.lower() in surnames and " " not in name and ent.label_ in ("NORP", "ORG", "GPE", "LOC"):
        return None  # the surname rule below decides
    found = _name_evidence(name, ent.label_)
    if found in ("EVENT", "ORG"):
        return found
    if ent.label_ in ("ORG", "NORP", "PERSON") and found is None and _taken_as_land(ent):
        return "GPE"
    if ent.label_ in ("GPE", "LOC") and found is None and not is_place(name) and _speaks(ent):
        # the subject of "said" is a speaker, not a place ("Podolyak said"); a company says things too
        return "ORG" if _ORGANISATION_APPOSITION.match(text[end : end + 100]) else "PERSON"
    before = text[max(0, start - 30) : start]
    if ent.label_ == "ORG" and len(name.split()) == 1 and _STRONG_PLACE_BEFORE.search(before):
        return "GPE"
    if found != "PERSON" and _ORGANISATION_BEFORE.search(before):
        return "ORG"
    # a role beside it, or "..., who": organisations and places take "which"
    personal = bool(roles_of(text, start, end) or _WHO_AFTER.match(text[end : end + 8]))
    placed = ent.label_ in ("GPE", "LOC") and is_place(name)
    # (a people stays a people: "all the Americans who had gotten him here", "The Europeans, who"; and
    # one of a people or a party is described, not named: "the Wisconsin Republican, who")
    people = ent.label_ == "NORP" and " " not in name
    named_as = found not in ("GPE", "NORP") and not people
    if ent.label_ in ("ORG", "GPE", "LOC", "NORP", "FAC") and named_as and personal and not placed:
        return "PERSON"
    return found


def find_mentions(doc: Any, article_id: str, text: str | None = None) -> list[Mention]:
    """The named mentions of people, organisations, places, groups and other names in ``doc``
    (``text``, when given, is ``doc``'s text: the caller that parsed it has it without a rebuild)."""
    ents = doc.ents  # once: spaCy makes every entity's span anew on each access
    surnames = _surnames(ents)
    places = _place_names(ents) - surnames  # NER's "Podolyak" as a place must not make Podolyak one
    text = doc_text(doc) if text is None else text  # spaCy rebuilds Doc.text on every access
    mentions: list[Mention] = []
    for ent in ents:
        if ent.label_ not in NAMED_LABELS:
            continue
        start, end = _bounds(ent)
        if end <= start or not text[start:end].strip() or _no_name(text[start:end]):
            continue
        owned = _owned_person(text, start, end)
        if owned is not None:
            start, label = owned, "PERSON"  # "Commentary’s Noah Rothman": Noah Rothman, of Commentary
        elif _HOLIDAY_AFTER.match(text, end):
            label = "EVENT"
        elif ent.label_ == "PERSON" and _quoted_alone(text, start, end):
            label = "WORK_OF_ART"  # a slogan or campaign in quotation marks: ''Remain'', "Stronger Together"
        else:
            label = _label(text, ent, (start, end), places, surnames)
        mentions.append(Mention(article_id, start, end, text[start:end], label, KINDS.get(label, "other")))
    mentions.extend(_surname_echoes(doc, article_id, mentions))
    return _agree_on_places(sorted(mentions, key=lambda m: (m.start, m.end)))


# a possessive inside a name, then a given name and a surname: "Commentary’s Noah Rothman"
_OWNED = re.compile(r"[’']s\s+([A-Z][\w.'’-]*)\s+[A-Z][\w'’-]+$")


def _owned_person(text: str, start: int, end: int) -> int | None:
    """Where a person's name starts inside a mention that opens with its owner's possessive ("Commentary’s
    Noah Rothman", which NER reads as one organisation's name): a known given name and a surname after
    the possessive. None for any other mention ("McDonald's Corp", "Women's Health Initiative")."""
    found = _OWNED.search(text, start, end)
    if found is None or not is_first_name(found.group(1)):
        return None
    return found.start(1)


# a name followed by "Day" is a holiday's: "on Valentine's Day", "Columbus Day"
_HOLIDAY_AFTER = re.compile(r"(?:['’]s)?\s+Day\b")


_OPENING_MARKS = ("''", '"', "“", "‘", "'")
_CLOSING_MARKS = ("''", '"', "”", "’", "'")


def _quoted_alone(text: str, start: int, end: int) -> bool:
    """Whether quotation marks hold the name and nothing else."""
    before, after = text[max(0, start - 2) : start], text[end : end + 3].lstrip(".,")
    return before.endswith(_OPENING_MARKS) and after.startswith(_CLOSING_MARKS)


# an adverb opening a sentence, which NER may take for a name: "Nationally, about a quarter of ..."
_ADVERB = re.compile(r"[A-Z][a-z]+(?:ally|ately|ently|antly|ously|ively|ingly|edly|fully|lessly)")


def _no_name(name: str) -> bool:
    """Words that name no one whatever NER said: lower case ("state"), a title alone ("Lt.",
    "Chairwoman"), or one adverb ("Nationally", "Realistically")."""
    words = name.lower().split()
    if _ADVERB.fullmatch(name):
        return True
    return (name[:1].isalpha() and name.islower()) or all(w.rstrip(".") in _TRIMMED for w in words)


def _surname_echoes(doc: Any, article_id: str, mentions: list[Mention]) -> list[Mention]:
    """A person's surname standing alone where NER tagged nothing ("Niyazov isolated Turkmenistan"
    after "Saparmurat Niyazov"): the article names that person, so it is a mention of them."""
    people = [m.text.split() for m in mentions if m.kind == "person"]
    surnames = {w[-1] for w in people if len(w) > 1 and len(w[-1]) > 2 and w[-1].istitle()}
    echoes: list[Mention] = []
    if not surnames:
        return echoes
    for i in picked(doc, ENT_IOB=["O"], POS=["PROPN"]):
        token = doc[i]
        if token.text in surnames:
            start = token.idx
            echoes.append(Mention(article_id, start, start + len(token.text), token.text, "PERSON", "person"))
    return echoes


def _agree_on_places(mentions: list[Mention]) -> list[Mention]:
    """A name read as a place once (by NER or by a rule) is a place wherever it stands in the article,
    unless it is the surname of a person the article names in full ("campaigned in Rubio's Miami
    backyard" made every "Rubio" of an article about Marco Rubio a place)."""
    surnames = {surname(m.text).lower() for m in mentions if m.kind == "person" and " " in m.text}
    places = {m.text.lower() for m in mentions if m.kind == "place"} - surnames
    # nor a person's full name, given name first, that no gazetteer knows as a place: "You have someone
    # in Paul Ryan who ..." made every "Paul Ryan" of an article about him a place
    places = {p for p in places if not (" " in p and is_first_name(p.split()[0]) and not is_place(p))}
    return [
        dataclasses.replace(m, label="GPE", kind="place")
        if m.kind == "person" and m.text.lower() in places
        else m
        for m in mentions
    ]


_ACTOR_KINDS: frozenset[ActorKind] = frozenset({"person", "organisation", "place", "group"})


_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][\w'’.&-]*")


_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][\w'’-]*")


def _echo_index(names: dict[str, Mention], lower_words: set[str]) -> dict[str, list[str]]:
    """The set's names by their first word, longest first; a one-word name the set also writes in
    lower case ("Apple" / "apple") is left out: there it may be a word, not the name."""
    index: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names, key=lambda n: (-len(n), n)):
        first = _CAPITALISED.match(name)
        if first is not None and (" " in name or name.lower() not in lower_words):
            index[first.group()].append(name)
    return index


_NAME_BEFORE = re.compile(r"([A-Z][\w'’.&-]*)(?:\s+(?:of|for|de))?\s+$")
_NAME_AFTER = re.compile(r"^(?:\s+(?:of|for|de))?\s+([A-Z][\w'’.&-]*)")


def _inside_longer_name(text: str, start: int, end: int, lower_words: set[str]) -> bool:
    """A one-word match standing in a longer run of names ("Referee Tony Weeks", "Democratic Party of
    Turkmenistan") is part of a name NER missed, not the name found elsewhere; a capitalised word
    before it counts unless it opens the sentence and the set writes it in lower case."""
    if _NAME_AFTER.match(text[end : end + 40]):
        return True
    window = text[max(0, start - 40) : start]
    before = _NAME_BEFORE.search(window)
    if before is None:
        return False
    # a capitalised word opening the sentence ("Later Dow Jones ...") is no part of a name
    opening = not window[: before.start(1)].strip() or window[: before.start(1)].rstrip()[-1] in ".!?\"“”'’:;"
    return not (opening and before.group(1).lower() in lower_words)


def _echoes_in(
    text: str, index: dict[str, list[str]], taken: list[tuple[int, int]], lower_words: set[str]
) -> list[tuple[int, str]]:
    found = []
    for word in _CAPITALISED.finditer(text):
        for name in index.get(word.group(), ()):
            end = word.start() + len(name)
            if not text.startswith(name, word.start()) or (
                end < len(text) and (text[end].isalnum() or text[end] == "-")
            ):
                continue
            if " " not in name and _inside_longer_name(text, word.start(), end, lower_words):
                break
            if not any(word.start() < e and s < end for s, e in taken):
                found.append((word.start(), name))
                taken.append((word.start(), end))
            break
    return found


def echo_mentions(texts: dict[str, str], mentions: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """Mentions of names the set's NER found in some article, where the same name stands untagged in
    another ("Dow Jones" tagged in one article, missed in the next). Each echo copies the label and kind
    the name was found with first."""
    names: dict[str, Mention] = {}
    for article_id in sorted(mentions):
        for mention in mentions[article_id]:
            if mention.kind in _ACTOR_KINDS and len(mention.text) > 2 and mention.text[:1].isupper():
                names.setdefault(mention.text, mention)
    lower_words = {w for text in texts.values() for w in _LOWER_WORD.findall(text)}
    index = _echo_index(names, lower_words) if names else {}
    found: dict[str, list[Mention]] = {}
    for article_id, text in texts.items():
        taken = [(m.start, m.end) for m in mentions.get(article_id, [])]
        for start, name in _echoes_in(text, index, taken, lower_words):
            seen = names[name]
            echo = Mention(article_id, start, start + len(name), name, seen.label, seen.kind)
            found.setdefault(article_id, []).append(echo)
    return found
