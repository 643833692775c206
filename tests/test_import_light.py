"""`import storyline` (and the CLI's module) stays light: a command pays for spaCy, trafilatura, the web
framework or Dask only when it uses them (issue 19's fast start). Checked by module names, not time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("spacy", "thinc", "trafilatura", "lxml", "dask", "distributed", "fastapi", "starlette",
         "uvicorn", "sklearn", "scipy", "dateparser", "datasketch", "psycopg", "httpx", "feedparser")


def _imported_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_importing_the_package_and_its_cli_loads_nothing_heavy() -> None:
    for statement in ("import storyline", "import storyline.cli", "from storyline import api"):
        assert _imported_after(statement) & set(HEAVY) == set(), statement


def test_help_loads_no_renderer_and_no_network() -> None:
    """`storyline --help` (and every command before its work) loads no Markdown or HTML renderer and
    nothing of the web half of the sources."""
    statement = "from storyline.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    shown = {"markdown_it", "pygments", "jinja2", "httpx", "httpcore", "feedparser", "fastwarc"}
    assert _imported_after(statement) & shown == set()


def test_reading_and_extracting_text_files_loads_no_feed_warc_or_web_reader(tmp_path: Path) -> None:
    """A folder of text files is read and extracted without feedparser, lxml, FastWARC, httpx or
    trafilatura (each loads when an input of its kind comes), and a JSON brief needs no Jinja2."""
    text = "Oslo, March 3 (Reuters) - The council met on Monday.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    statement = (
        "from storyline.config import load_settings\n"
        "from storyline.sources import read_sources\n"
        "from storyline.extract import extract_articles\n"
        "from storyline.render import render\n"
        "from storyline.models import Brief\n"
        f"docs = list(read_sources([{str(tmp_path)!r}], load_settings()))\n"
        "articles, _ = extract_articles(docs, load_settings())\n"
        "assert len(articles) == 1\n"
        "render(Brief(stories=(), rejections=(), generated_from=()), 'json')"
    )
    loaded = _imported_after(statement)
    assert loaded & {"feedparser", "lxml", "fastwarc", "httpx", "httpcore", "trafilatura", "jinja2"} == set()



def test_a_brief_loads_no_lsh_solver_and_no_spacy_command_line(seeds_dir: Path) -> None:
    """A brief's near-duplicates need datasketch's MinHash, not its LSH module (which imports SciPy's
    integrator and optimiser), its parse needs spaCy, not spaCy's commands (typer, requests, weasel,
    httpx), and its clustering dateparser's month words, not its parser; a later ``import spacy.cli`` and
    ``spacy.info`` still work."""
    # in this process: with a second core idle, a small brief would parse in a forked child instead
    # (engine.forked), whichever the machine's load decides; the child's imports are the same
    in_process = "import os\nos.environ['STORYLINE_PARSE_CHILD'] = '0'\n"
    code = f"{in_process}from storyline.api import brief\nbrief([{str(seeds_dir)!r}])"
    loaded = _modules_after(code)
    assert {"datasketch.minhash", "spacy.language"} <= loaded
    heavy = ("datasketch.lsh", "scipy.integrate", "scipy.optimize", "spacy.cli", "typer", "requests",
             "weasel")
    assert {m for m in loaded if m.split(".")[0] in heavy or m.startswith(heavy)} == set()
    assert "dateparser" not in loaded  # its month words are read, not its parser
    after = "import spacy, spacy.cli\nassert callable(spacy.cli.download) and callable(spacy.info)"
    subprocess.run([sys.executable, "-c", f"{code}\n{after}"], check=True)


def _modules_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())
