"""`import storyline` (and the CLI's module) stays light: a command pays for spaCy, trafilatura, the web
framework or Dask only when it uses them (issue 19's fast start). Checked by module names, not time."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("spacy", "thinc", "trafilatura", "lxml", "dask", "distributed", "fastapi", "starlette",
         "uvicorn", "sklearn", "scipy", "dateparser", "datasketch", "psycopg", "httpx", "feedparser")


def _imported_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_importing_the_package_and_its_cli_loads_nothing_heavy() -> None:
    for statement in ("import storyline", "import storyline.cli", "from storyline import api"):
        assert _imported_after(statement) & set(HEAVY) == set(), statement
