"""Shared fixtures: where the shared data lives, and the spaCy pipeline loaded once."""

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
sys.path.insert(0, str(Path(__file__).parent))  # tests import their fixture modules by name
# and the benchmarks' scorers they check (cluster_scoring, cluster_lite), which serve no user
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "benchmarks"))
# every brief composed under the tests (CLI and web subprocesses too) has each summary and timeline
# line checked for faithfulness; an unfaithful line fails the test instead of being left out. The
# tests' own settings file says so (and keeps a developer's ~/.config/storyline out of the tests).
_SETTINGS_FILE = Path(tempfile.mkdtemp(prefix="storyline-tests-")) / "config.toml"
_SETTINGS_FILE.write_text('[storyline]\naudit = "raise"\n', encoding="utf-8")
os.environ["STORYLINE_CONFIG"] = str(_SETTINGS_FILE)

# CI draws the same examples on every run (a random draw once failed a fresh clone) and keeps no
# example database between runs; locally each run explores anew. `STORYLINE_EXPLORE=1` widens the
# search for a longer exploratory run (the fuzz benchmark explores too).
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("explore", max_examples=2000, deadline=None)
PROFILE = "explore" if os.environ.get("STORYLINE_EXPLORE") else "ci" if os.environ.get("CI") else "default"
settings.load_profile(PROFILE)

# what the quality gates and the seed tests read: without it they must fail, never pass silently
EVAL = SHARED / "eval"
REQUIRED_DATA = (SEEDS, EVAL / "ecbplus", EVAL / "timex", EVAL / "quotes" / "polnear", EVAL / "html" / "aeb")


def pytest_sessionstart(session: pytest.Session) -> None:
    missing = [str(path) for path in REQUIRED_DATA if not path.is_dir()]
    if missing:
        raise pytest.UsageError(
            "the shared evaluation data is missing (put ../shared beside the clone): " + ", ".join(missing)
        )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    """Under CI (`make test` installs every extra and Chromium), a skipped test is a failed test."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, which must run every test: {report.longrepr}"
    return None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_made(seeds_dir: Path) -> tuple[Any, list[Any], list[Any]]:
    """The seeds read, then annotated as a worker does (``annotate_and_featurise``, signatures too): the
    settings, the articles and what the workers return, for the tests that hold what workers make
    against what the store makes (read only: shared by those tests)."""
    from storyline.config import load_settings
    from storyline.engine.stages import annotate_and_featurise
    from storyline.pipeline import read_and_extract
    from storyline.progress import Silent

    config = load_settings()
    articles, _ = read_and_extract([str(seeds_dir)], config, Silent())
    done = annotate_and_featurise(articles, config.spacy_model, num_perm=config.minhash_permutations)
    return config, articles, done
