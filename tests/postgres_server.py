"""A real PostgreSQL server for the tests: started once per session by scripts/ensure_postgres.sh.

``STORYLINE_TEST_POSTGRES`` (an address such as postgresql://user@host:5432/postgres) points the tests
at a running server instead. Where no server can be had (no apt, not root, no psycopg) the tests that
need one are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "ensure_postgres.sh"
ENV = "STORYLINE_TEST_POSTGRES"


@contextmanager
def postgres_server() -> Iterator[str]:
    """The address of a server's maintenance database, for as long as the block runs."""
    pytest.importorskip("psycopg", reason="psycopg is not installed: pip install 'storyline[scale]'")
    if os.environ.get(ENV):
        yield os.environ[ENV]
        return
    folder = tempfile.mkdtemp(prefix="storyline-pg-")
    started = subprocess.run(
        ["bash", str(SCRIPT), "start", folder], capture_output=True, text=True, timeout=600, check=False
    )
    if started.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"no PostgreSQL server could be started: {started.stderr.strip()[-400:]}")
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", folder], capture_output=True, timeout=120, check=False)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    """A new, empty database on ``server``, dropped afterwards."""
    import psycopg

    name = f"storyline_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
