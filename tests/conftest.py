"""Shared fixtures: where the shared data lives, and the spaCy pipeline loaded once."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
sys.path.insert(0, str(Path(__file__).parent))  # tests import their fixture modules by name
# every brief composed under the tests (CLI and web subprocesses too) has each summary and timeline
# line checked for faithfulness; an unfaithful line fails the test instead of being left out
os.environ["STORYLINE_AUDIT"] = "raise"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
