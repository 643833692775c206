"""Mentions merged within and across articles into actors.

Mentions sharing a name key (diacritics, transliteration, case and "the" aside) are one actor. Keys
are then linked: a surname alone joins the one full name it can stand for (in its own article first,
then in the whole set), full names with the same surname and first initial or a subset of each
other's words join ("Tayyip Erdogan" / "Recep Tayyip Erdogan"), and an acronym joins the name whose
initials it spells (NATO / North Atlantic Treaty Organisation), and an organisation's first word joins
its full name when one article uses both (Ford / Ford Motor Company).

Across languages (issue 20): names in other scripts share a key through their transliteration
(Зеленський / Зеленский / Zelensky); a mention the English model found in an article of another
language is cut to the name it holds ("europeo de Boeing" → "Boeing"; "el índice" names nothing),
a place's names in other languages join its English name (Estados Unidos / Verenigde Staten /
United States, through the gazetteers' alternate names), and a Spanish doubled acronym is read as
its letters (EE.UU. / Estados Unidos).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from rapidfuzz import fuzz

from storyline.annotate import names as name_keys
from storyline.annotate.foreign_names import (
    FUNCTION_WORDS,
    NOUNS_CAPITALISED,
    demonym_place,
    name_span,
    place_ids,
)
from storyline.annotate.gazetteer import country_of_demonym, is_first_name, is_place
from storyline.annotate.mentions import echo_mentions
from storyline.annotate.names import key, place_of_demonym, principal_bearer, surname
from storyline.annotate.roles import roles_of
from storyline.models import Actor, ActorKind, AnnotatedArticle, Mention, Quote

_NON_PERSON: tuple[ActorKind, ...] = ("place", "organisation")
# Places and organisations are never people: a name tagged as either in at least this share of its
# mentions is not a person, whatever the other mentions say (NER calls odd place names people).
NON_PERSON_SHARE = 1 / 3

MentionRef = tuple[int, int]  # (article index, mention index)
_T = TypeVar("_T")

# A story's merge reads each mention's text through these several times (its words for demonyms and for
# the name words, its initials for acronyms, its clean form for names and variants): each is read once.
clean = lru_cache(maxsize=1 << 16)(name_keys.clean)
initials = lru_cache(maxsize=1 << 16)(name_keys.initials)
is_acronym = lru_cache(maxsize=1 << 16)(name_keys.is_acronym)


@lru_cache(maxsize=1 << 16)
def words(name: str) -> tuple[str, ...]:
    """``name_keys.words``, as a tuple (it is shared by every caller)."""
    return tuple(name_keys.words(name))


def _replaced(record: _T, **changes: Any) -> _T:
    """``dataclasses.replace`` of a frozen record with no ``__post_init__`` (a Mention, a Quote), in a
    few times less time: a merge gives every mention and quote of a story an id. The same fields, so
    an equal record."""
    new = object.__new__(type(record))
    new.__dict__.update(record.__dict__, **changes)
    return new


# How alike (rapidfuzz ratio, 0-100) each word of two full names must be to be one person's name in
# two romanisations (Gurbanguli Berdymukhamedov / Gurbanguly Berdimuhamedov, words at 90 and 93).
# Half A of benchmarks/gold/kinds scores the same from 70 to 90; 80 sits between.
TRANSLITERATION_RATIO = 80


class _Links:
    """Union-find over name keys; the smallest key represents its group, so the result is stable."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def vote_kind(kinds: Iterable[ActorKind]) -> ActorKind:
    """The kind most mentions give, except that enough place or organisation votes overrule "person"."""
    counts = Counter(kinds)
    if not counts:
        return "other"
    non_person = [k for k in _NON_PERSON if counts[k]]
    total = sum(counts.values())
    if counts["person"] and non_person and sum(counts[k] for k in non_person) >= NON_PERSON_SHARE * total:
        return max(non_person, key=lambda k: (counts[k], k))
    return max(counts, key=lambda k: (counts[k], k))


def demonym_countries(articles: Sequence[AnnotatedArticle]) -> dict[str, str]:
    """Keys of nationality adjectives that stand for their country ("German President", "Turkmen
    gas") → the country's name. A plural ("Turkmens", "Russians") names a people and stays a group."""
    found: dict[str, str] = {}
    for article in articles:
        for mention in article.mentions:
            if mention.kind == "group" and len(words(mention.text)) == 1:
                country = country_of_demonym(clean(mention.text))
                if country is not None:
                    found[key(mention.text)] = country
    return found


def _kinds_by_key(articles: Sequence[AnnotatedArticle], countries: dict[str, str]) -> dict[str, ActorKind]:
    """Each key's kind; a nationality adjective is its country's, a place; a lone word that is the
    surname of a person named in full elsewhere is that person, since NER tags unfamiliar surnames as
    places or groups ("Zelenskyy thanked ...", "Klitschko"), unless only a gazetteer place it is.
    The NER model reads English: where an English article names a key, only English articles vote
    its kind, and a key only other languages name is a place when the gazetteers know it as one."""
    read: dict[str, list[ActorKind]] = defaultdict(list)
    other: dict[str, list[ActorKind]] = defaultdict(list)
    outlets: set[str] = set()
    for article in articles:
        if article.article.outlet:
            outlets.add(key(article.article.outlet))
        english = _language(article) in (None, "en")
        for mention in article.mentions:
            (read if english else other)[key(mention.text)].append(mention.kind)
    votes = {k: read.get(k) or other[k] for k in {*read, *other}}
    kinds = {k: vote_kind(v) for k, v in votes.items()}
    if other:
        kinds.update({k: "place" for k in other if k not in read and (k in place_ids() or is_place(k))})
    kinds.update({k: "place" for k in countries})
    # a name that is an article's outlet ("(UPI)" in a dateline) is that news organisation
    kinds.update({k: "organisation" for k in outlets if k in kinds})
    surnames = {surname(k) for k, kind in kinds.items() if kind == "person" and len(k.split()) > 1}
    for k, kind_votes in votes.items():
        lone_surname = len(k.split()) == 1 and k in surnames and k not in countries
        # an organisation's short name ("Martin" for Lockheed Martin) stays the organisation
        misread = kinds[k] == "group" or (kinds[k] == "place" and not is_place(k))
        if lone_surname and ("person" in kind_votes or misread):
            kinds[k] = "person"
    return kinds


def _full_names(keys: Iterable[str], kinds: dict[str, ActorKind]) -> dict[str, list[str]]:
    """Person keys of two or more words, by their last word."""
    by_last: dict[str, list[str]] = defaultdict(list)
    for k in sorted(set(keys)):
        if kinds.get(k) == "person" and len(k.split()) > 1:
            by_last[surname(k)].append(k)
    return by_last


def _same_person(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    if wa[-1] != wb[-1]:
        return False
    return wa[0][0] == wb[0][0] or set(wa) <= set(wb) or set(wb) <= set(wa)


def _join_full_names(links: _Links, by_last: dict[str, list[str]]) -> None:
    for names in by_last.values():
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if _same_person(a, b):
                    links.join(a, b)


def _join_acronyms(links: _Links, articles: Sequence[AnnotatedArticle], kinds: dict[str, ActorKind]) -> None:
    spelled: dict[str, str] = {}
    acronyms: dict[str, str] = {}  # the letters as written ("cnn": a key would fold them to "cn") → key
    for article in articles:
        for mention in article.mentions:
            k = key(mention.text)
            if kinds.get(k) == "person":
                continue
            if is_acronym(mention.text):
                letters = clean(mention.text).replace(".", "").lower()
                acronyms.setdefault(_single_letters(letters) if _language(article) == "es" else letters, k)
            elif initials(mention.text):
                spelled.setdefault(initials(mention.text), k)
    for letters, acronym in sorted(acronyms.items()):
        if letters in spelled:
            links.join(acronym, spelled[letters])


def _single_letters(letters: str) -> str:
    """A Spanish plural acronym doubles each letter (EE.UU., FF.AA.): its letters once each."""
    pairs = [letters[i : i + 2] for i in range(0, len(letters), 2)]
    doubled = len(letters) >= 4 and len(letters) % 2 == 0 and all(p[0] == p[1] for p in pairs)
    return "".join(p[0] for p in pairs) if doubled else letters


def _language(article: AnnotatedArticle) -> str | None:
    language = article.article.language
    return language.code if language is not None else None


def _join_places(links: _Links, articles: Sequence[AnnotatedArticle], kinds: dict[str, ActorKind]) -> None:
    """A place's names in several languages are one actor: keys the gazetteers give one place (a
    person's name excepted: Jordan, Chad)."""
    ids = place_ids()
    by_place: dict[str, list[str]] = defaultdict(list)
    for k in sorted({key(m.text) for a in articles for m in a.mentions}):
        if k in ids and kinds.get(k) != "person":
            by_place[ids[k]].append(k)
    for names in by_place.values():
        for other in names[1:]:
            links.join(names[0], other)


def _join_foreign_demonyms(
    links: _Links, articles: Sequence[AnnotatedArticle], kinds: dict[str, ActorKind]
) -> None:
    """A nationality adjective written with a capital in another language joins its place named in
    the set, in any language: "Japanse" / "Japan", "Duitse" / "Duitsland"."""
    places = sorted({k for k, kind in kinds.items() if kind == "place" and " " not in k})
    for article in articles:
        code = _language(article)
        # the English model's kind is no evidence here: it reads "Duitse" as a person
        for k in sorted({key(m.text) for m in article.mentions if len(m.text.split()) == 1}):
            place = demonym_place(k, code, places)
            if place is not None:
                links.join(k, place)


def _join_short_forms(
    links: _Links, articles: Sequence[AnnotatedArticle], kinds: dict[str, ActorKind]
) -> None:
    """An organisation named by its first word in an article that also names it in full is one
    actor: "Ford Motor Company" ... "Ford"; not when the article names two organisations that start
    with that word ("Apple Corps" sued "Apple Computer": "Apple" alone is not both)."""
    for article in articles:
        keys = {key(m.text) for m in article.mentions if kinds.get(key(m.text)) == "organisation"}
        singles = {k for k in keys if len(k.split()) == 1}
        # a possessive inside ("Apple 's iTunes") names something the first word owns, not it
        longs = sorted(k for k in keys - singles if " s " not in f" {k} ")
        by_first: dict[str, set[str]] = defaultdict(set)
        for long in longs:
            by_first[long.split()[0]].add(links.find(long))
        for long in longs:
            first = long.split()[0]
            if first in singles and len(by_first[first]) == 1:
                links.join(first, long)


def _join_of_forms(links: _Links, articles: Sequence[AnnotatedArticle], kinds: dict[str, ActorKind]) -> None:
    """An organisation named without its "of <place>" joins the one full name the set uses with it:
    "Democratic Party" / "Democratic Party of Turkmenistan"."""
    keys = {key(m.text) for a in articles for m in a.mentions if kinds.get(key(m.text)) == "organisation"}
    longer: dict[str, set[str]] = defaultdict(set)
    for long in keys:
        short = long.split(" of ")[0]
        if short != long and short in keys:
            longer[short].add(long)
    for short, longs in sorted(longer.items()):
        if len(longs) == 1:
            links.join(short, longs.pop())


def _join_demonyms(links: _Links, articles: Sequence[AnnotatedArticle], kinds: dict[str, ActorKind]) -> None:
    """A nationality word joins the place it is made from, when the articles name that place:
    "Russian" / "Russia", "Ukrainian" / "Ukraine", "British" / "Britain"."""
    places: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for article in articles:
        for mention in article.mentions:
            k, folded = key(mention.text), words(mention.text)
            if len(folded) != 1:
                continue
            if kinds.get(k) == "place":
                places.setdefault(folded[0], k)
            elif kinds.get(k) == "group":
                demonyms.setdefault(folded[0], k)
    for word, k in sorted(demonyms.items()):
        place = place_of_demonym(word, places)
        if place is not None:
            links.join(k, places[place])


def _join_countries(links: _Links, countries: dict[str, str]) -> None:
    for demonym, country in sorted(countries.items()):
        links.join(demonym, key(country))


def _contexts(articles: Sequence[AnnotatedArticle]) -> dict[str, set[str]]:
    """Each key's context: the other keys named in the articles that name it."""
    found: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        keys = {key(m.text) for m in article.mentions}
        for k in keys:
            found[k] |= keys - {k}
    return found


def transliterated(a: str, b: str) -> bool:
    """Two full names that are one name romanised twice: as many words, each starting alike and close."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2:
        return False
    pairs = zip(wa, wb, strict=True)
    return all(x[0] == y[0] and fuzz.ratio(x, y) >= TRANSLITERATION_RATIO for x, y in pairs)


def _join_transliterations(
    links: _Links, articles: Sequence[AnnotatedArticle], kinds: dict[str, ActorKind]
) -> None:
    """Full names spelt two ways join when their articles also name some of the same actors.

    Only names of as many words with the same first letters can be ``transliterated``, so the pairs are
    taken within those groups (in the order of the sorted names, as every pair was): a story's people
    are compared in the few pairs that may match, not all of them pairwise (about 10,000 rapidfuzz
    pairs on ECB+). The groups the links make do not depend on the order of the joins (the smallest
    key represents each), and a pair of two groups was never joined."""
    contexts = _contexts(articles)
    people = sorted(k for k in contexts if kinds.get(k) == "person" and len(k.split()) > 1)
    alike: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for k in people:
        alike[tuple(w[0] for w in k.split())].append(k)
    for names in alike.values():
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if links.find(a) != links.find(b) and transliterated(a, b) and contexts[a] & contexts[b]:
                    links.join(a, b)


def _surname_target(
    surname: str, local: dict[str, list[str]], corpus: dict[str, list[str]], links: _Links,
    principal: Callable[[str], str | None] = lambda surname: None,
) -> str | None:
    """The one full name a lone surname stands for: in its own article first (where several people
    share it, its ``principal`` bearer), then in the whole set."""
    for table in (local, corpus):
        groups = {links.find(k) for k in table.get(surname, [])}
        if len(groups) == 1:
            return groups.pop()
        if len(groups) > 1:
            return principal(surname) if table is local else None
    return None


def _principals(
    keys: Sequence[str], kinds: dict[str, ActorKind], links: _Links
) -> Callable[[str], str | None]:
    """An article's principal bearer of a surname several of its people share (``principal_bearer``,
    as ``speakers.fullest_name`` reads a lone surname)."""

    def principal(surname: str) -> str | None:
        full = [k for k in keys if kinds.get(k) == "person" and name_keys.surname(k) == surname and " " in k]
        if not full:
            return None
        return links.find(principal_bearer(full))

    return principal


def _first_name_target(name: str, local: dict[str, list[str]], links: _Links) -> str | None:
    """The one person of its own article a lone first name stands for ("Tony" after "Tony Thompson")."""
    groups = {links.find(k) for names in local.values() for k in names if k.split()[0] == name}
    return groups.pop() if len(groups) == 1 else None


def _groups(
    articles: Sequence[AnnotatedArticle], kinds: dict[str, ActorKind], countries: dict[str, str]
) -> dict[MentionRef, str]:
    """Each mention's group: the representative key of the actor it belongs to."""
    all_keys = [key(m.text) for a in articles for m in a.mentions]
    corpus = _full_names(all_keys, kinds)
    links = _Links()
    _join_full_names(links, corpus)
    _join_transliterations(links, articles, kinds)
    _join_countries(links, countries)
    _join_acronyms(links, articles, kinds)
    _join_short_forms(links, articles, kinds)
    _join_of_forms(links, articles, kinds)
    _join_demonyms(links, articles, kinds)
    if any(_language(a) not in (None, "en") for a in articles):
        # only a set with another language has names to find there; the table takes seconds to build
        _join_places(links, articles, kinds)
        _join_foreign_demonyms(links, articles, kinds)
    groups: dict[MentionRef, str] = {}
    for ai, article in enumerate(articles):
        keys = [key(m.text) for m in sorted(article.mentions, key=_position)]
        local = _full_names(keys, kinds)
        principal = _principals(keys, kinds, links)
        for mi, mention in enumerate(article.mentions):
            k = key(mention.text)
            if not k:
                continue
            target = None
            if kinds.get(k) == "person" and len(k.split()) == 1:
                target = _surname_target(k, local, corpus, links, principal)
                target = target or _first_name_target(k, local, links)
            groups[(ai, mi)] = target or links.find(k)
    return groups


def canonical_name(names: Sequence[str], kind: ActorKind) -> str:
    """The name an actor goes by: a person's fullest name ("Dmitry Peskov" over "Peskov"); for
    anything else the spelling used most, an acronym only when nothing else is ("Apple", not a long
    NER span such as "Apple Computer's Mac OS")."""
    counts = Counter(names)
    if kind == "person":
        return max(counts, key=lambda n: (len(n.split()), counts[n], n))
    return max(counts, key=lambda n: (not is_acronym(n), counts[n], -len(n), n))


def actor_id(kind: ActorKind, name: str) -> str:
    """A stable id from the actor's content: its kind and the key of its canonical name."""
    return "actor-" + hashlib.sha1(f"{kind}:{key(name)}".encode()).hexdigest()[:12]


def _distinct_roles(roles: Counter[str]) -> tuple[str, ...]:
    """Roles, most stated first; one said inside a fuller one ("Mayor" in "mayor of Askøy") is dropped,
    and one role in two cases ("Russian President", "Russian president") is shown once."""
    ordered = []
    seen: set[str] = set()
    for role, _ in sorted(roles.items(), key=lambda item: (-item[1], item[0])):
        if role.casefold() not in seen:
            seen.add(role.casefold())
            ordered.append(role)
    lowered = [f" {r.lower()} " for r in ordered]
    return tuple(
        r for r, low in zip(ordered, lowered, strict=True) if not any(low in o and low != o for o in lowered)
    )


def _actor(
    members: Sequence[tuple[AnnotatedArticle, Mention]],
    kinds: dict[str, ActorKind],
    countries: dict[str, str],
) -> Actor:
    own_kinds = [kinds.get(key(m.text), m.kind) for _, m in members]
    # a place with its nationality word ("Russia", "Russian") is the place, named as a place
    naming = [
        m for (_, m), k in zip(members, own_kinds, strict=True) if k != "group" or "place" not in own_kinds
    ]
    names = [countries.get(key(m.text), clean(m.text)) for m in naming]
    kind = vote_kind(kinds.get(key(m.text), m.kind) for m in naming)
    roles = Counter(
        role for a, m in members if kind == "person" for role in roles_of(a.article.text, m.start, m.end)
    )
    name = canonical_name(names, kind)
    return Actor(
        id=actor_id(kind, name),
        name=name,
        kind=kind,
        variants=tuple(sorted({clean(m.text) for _, m in members})),
        roles=_distinct_roles(roles),
        article_ids=tuple(sorted({a.article.id for a, _ in members})),
        mention_count=len(members),
    )


def _stable_ids(actors: dict[str, Actor]) -> dict[str, Actor]:
    """A person's id comes from the surname when no other person of the set has it, so it stays the
    same when a fuller name appears later ("Peskov", then "Dmitry Peskov"); two people of one surname
    keep ids from their full names."""
    surnames = {g: surname(key(a.name)) for g, a in actors.items() if a.kind == "person" and key(a.name)}
    shared = Counter(surnames.values())
    return {
        g: dataclasses.replace(a, id=actor_id(a.kind, surnames[g])) if shared[surnames.get(g, "")] == 1 else a
        for g, a in actors.items()
    }


def _first_ids(article: AnnotatedArticle, ids: Sequence[str | None]) -> dict[str, str]:
    """Each name key of the article's mentions → the id of its first mention with that key given one."""
    first: dict[str, str] = {}
    for mention, found in zip(article.mentions, ids, strict=True):
        if found:
            first.setdefault(key(mention.text), found)
    return first


def _speaker_id(quote: Quote, local: dict[str, str], by_key: dict[str, str]) -> str | None:
    """The actor a quote's speaker names: the article's own mention of that name first (``local``,
    from ``_first_ids``), then any actor of the set with that spelling."""
    if quote.speaker:
        wanted = key(quote.speaker)
        if wanted in local:
            return local[wanted]
        if wanted in by_key:
            return by_key[wanted]
    # a speaker named by a phrase ("Ukrainian officials") is no actor, though a name stands in it
    return None


def _with_echoes(articles: Sequence[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """The articles with the set's names added where NER missed them (mentions.echo_mentions)."""
    texts = {a.article.id: a.article.text for a in articles}
    found = echo_mentions(texts, {a.article.id: list(a.mentions) for a in articles})
    return [
        dataclasses.replace(a, mentions=tuple(sorted((*a.mentions, *found[a.article.id]), key=_position)))
        if a.article.id in found
        else a
        for a in articles
    ]


def _position(mention: Mention) -> tuple[int, int]:
    return mention.start, mention.end


def _name_words(articles: Sequence[AnnotatedArticle]) -> Callable[[str], bool]:
    """Whether a word may be a name's (for German, foreign_names.name_span): when the set names
    anything in a language that does not capitalise its nouns, a word of one of those names, a place
    the gazetteers know, a given name or an acronym; in a set of German alone, any word."""
    read = [a for a in articles if _language(a) not in NOUNS_CAPITALISED]
    found = {w for a in read for m in a.mentions for w in words(m.text)}

    def known(word: str) -> bool:
        folded = words(word)
        named = is_place(word) or is_first_name(word) or is_acronym(word)
        return bool(folded) and (not found or folded[0] in found or named)

    return known


def _names_in_their_language(
    article: AnnotatedArticle,
    known: Callable[[str], bool],
    elsewhere: Callable[[str], bool] = lambda _: False,
) -> AnnotatedArticle:
    """A non-English article's mentions cut to the names they hold; a mention holding none is dropped
    (foreign_names.name_span). In a language with no word table, a one-word name only ever written at a
    sentence's start is kept only when another article names it too (``elsewhere``)."""
    code = _language(article)
    if code in (None, "en"):
        return article
    text = article.article.text
    named_inside = _capitalised_inside(text) if code not in FUNCTION_WORDS else None
    kept = []
    for mention in article.mentions:
        before = article.article.text[max(0, mention.start - 40) : mention.start].split()
        span = name_span(mention.text, code, known, before[-1] if before else "")
        if span is not None:
            start, end = mention.start + span[0], mention.start + span[1]
            text = mention.text[span[0] : span[1]]
            only_opens = named_inside is not None and " " not in text and text not in named_inside
            if only_opens and not elsewhere(text):
                continue  # no word table for the language: a capital at a sentence's start proves nothing
            kept.append(dataclasses.replace(mention, start=start, end=end, text=text))
    return dataclasses.replace(article, mentions=tuple(kept))


_WORD_AFTER = re.compile(r"([\w,])([ \t\u00a0]+)([^\W\d_][\w'’-]*)")  # a line break may end a sentence


def _capitalised_inside(text: str) -> frozenset[str]:
    """The capitalised words ``text`` writes inside a sentence (after a word or a comma on the same
    line), read in one pass: in a language storyline has no word table for, only these show that a
    capital makes a name ("Какую", "По" open sentences of a Russian text and name nobody)."""
    return frozenset(m.group(3) for m in _WORD_AFTER.finditer(text) if m.group(3)[:1].isupper())


_LINE = re.compile(r"[^\n]+")
_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def _headline_case_lines(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """The lines written in headline case, every word of four letters or more capitalised, some of
    them outside any name ("Hillary Asking Moderator To Fact Check Trump"): there a capital does not
    show a name. A line that is all names ("Toni LeAnn Williams.", a letter's signature) is not one.

    A line's long words are read until the first in lower case, not all of them first: every line of
    every story's articles is asked (a merge's second largest cost on ECB+), and in prose the first
    few words settle it."""
    spans = []
    for line in _LINE.finditer(text):
        long_words = []
        headline_case = True
        for word in _LONG_WORD.finditer(line.group()):
            if not word.group()[0].isupper():
                headline_case = False
                break
            long_words.append(word)
        if not headline_case or len(long_words) < 3:
            continue
        named = [(m.start, m.end) for m in mentions if line.start() <= m.start and m.end <= line.end()]
        at = line.start()
        if any(not any(s <= at + w.start() < e for s, e in named) for w in long_words):
            spans.append(line.span())
    return spans


def _without_headline_guesses(article: AnnotatedArticle) -> AnnotatedArticle:
    """The article without the names read only from a line in headline case: a mention there is kept
    when the rest of the article names it too (in full or as a part of a longer name), since the tagger
    reads a run of capitalised words as a name ("Standard Clinton", "Trump Face")."""
    lines = _headline_case_lines(article.article.text, article.mentions) if article.mentions else []
    if not lines:
        return article
    headline = [any(start <= m.start and m.end <= end for start, end in lines) for m in article.mentions]
    flagged = list(zip(article.mentions, headline, strict=True))
    elsewhere = [set(key(m.text).split()) for m, inside in flagged if not inside]
    kept = tuple(
        m for m, inside in flagged
        if not inside or any(set(key(m.text).split()) <= words for words in elsewhere)
    )
    return article if len(kept) == len(article.mentions) else dataclasses.replace(article, mentions=kept)


def merge_actors(articles: Sequence[AnnotatedArticle]) -> tuple[list[Actor], list[AnnotatedArticle]]:
    """Actors over ``articles``, and the articles with ``Mention.actor_id`` and ``Quote.speaker_id`` set."""
    articles = [_without_headline_guesses(a) for a in articles]
    known = _name_words(articles)
    named_in: dict[str, set[str]] = defaultdict(set)  # a name's key → the articles that name it
    for a in articles:
        for m in a.mentions:
            named_in[key(m.text)].add(a.article.id)
    def named_by_another(own: str) -> Callable[[str], bool]:
        return lambda name: bool(named_in[key(name)] - {own})

    articles = _with_echoes(
        [_names_in_their_language(a, known, named_by_another(a.article.id)) for a in articles]
    )
    countries = demonym_countries(articles)
    kinds = _kinds_by_key(articles, countries)
    groups = _groups(articles, kinds, countries)
    members: dict[str, list[tuple[AnnotatedArticle, Mention]]] = defaultdict(list)
    for (ai, mi), group in groups.items():
        members[group].append((articles[ai], articles[ai].mentions[mi]))
    actors = _stable_ids({group: _actor(found, kinds, countries) for group, found in members.items()})
    by_key = {key(variant): a.id for a in actors.values() for variant in a.variants}
    updated = []
    for ai, article in enumerate(articles):
        ids = [
            actors[groups[(ai, mi)]].id if (ai, mi) in groups else None for mi in range(len(article.mentions))
        ]
        mentions = tuple(_replaced(m, actor_id=ids[mi]) for mi, m in enumerate(article.mentions))
        local = _first_ids(article, ids) if article.quotes else {}
        quotes = tuple(_replaced(q, speaker_id=_speaker_id(q, local, by_key)) for q in article.quotes)
        updated.append(dataclasses.replace(article, mentions=mentions, quotes=quotes))
    ordered = sorted(actors.values(), key=lambda a: (-a.mention_count, a.name, a.id))
    return ordered, updated
