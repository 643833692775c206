"""A small cold run pays for nothing it does not use (issue 19's fast start): no Rich display without a
bar to show, no charset detector for text that decodes plainly, and the model loaded up front when
every article read will be parsed here."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from storyline.progress import SHOW_FROM, RichReporter, rich_reporter


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)


def test_a_brief_too_small_for_a_bar_loads_no_rich_and_writes_nothing_to_stderr(
    seeds_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "brief.json"
    done = _run(
        "import sys\n"
        "from storyline.cli import main\n"
        f"code = main(['brief', {str(seeds_dir)!r}, '--format', 'json', '-o', {str(out)!r}])\n"
        "assert code == 0, code\n"
        "assert not any(m.split('.')[0] == 'rich' for m in sys.modules)\n"
    )
    assert done.stderr == ""
    assert out.read_text(encoding="utf-8").startswith("{")


def test_a_stage_big_enough_shows_its_bar() -> None:
    shown = io.StringIO()
    with rich_reporter(Console(file=shown, force_terminal=True, width=80)) as reporter:
        reporter.stage("small", SHOW_FROM - 1)(SHOW_FROM - 1)
        advance = reporter.stage("annotate", SHOW_FROM)
        advance(SHOW_FROM)
    assert "annotate" in shown.getvalue() and "small" not in shown.getvalue()
    assert f"{SHOW_FROM}/{SHOW_FROM}" in shown.getvalue()
    quiet = RichReporter(Console(file=io.StringIO()))
    quiet.stage("small", 1)(1)
    quiet.close()  # never shown: nothing to stop


def test_reading_and_extracting_text_loads_no_charset_detector(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Oslo, March 3 (Reuters) - The council met on Monday.\n", "utf-8")
    (tmp_path / "b.txt").write_bytes("Caf\xe9 de la Paix, Z\xfcrich.\n".encode("cp1252"))
    _run(
        "import sys\n"
        "from storyline.config import load_settings\n"
        "from storyline.sources import read_sources\n"
        "from storyline.extract import extract_articles\n"
        f"docs = list(read_sources([{str(tmp_path)!r}], load_settings()))\n"
        "articles, _ = extract_articles(docs, load_settings())\n"
        "assert len(articles) == 2, articles\n"
        "assert 'charset_normalizer' not in sys.modules\n"
    )


def test_a_local_run_into_a_new_store_loads_the_model_up_front(seeds_dir: Path) -> None:
    """Into an in-memory store every article read is new and parsed here, so the model loads at once
    (beside the language model's thread); into a database it waits until an article needs it."""
    code = (
        "from storyline.annotate import nlp\n"
        "from storyline.api import _preload\n"
        "from storyline.engine import LocalEngine\n"
        f"_preload(LocalEngine(), [{str(seeds_dir)!r}], nlp.DEFAULT_MODEL, new_store=NEW)\n"
        "assert nlp._load.cache_info().currsize == LOADED\n"
    )
    _run(code.replace("NEW", "True").replace("LOADED", "1"))
    _run(code.replace("NEW", "False").replace("LOADED", "0"))
