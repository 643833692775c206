"""Docs that are tested: every CLI command has --help, and the README's usage lines run as written."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_commands() -> list[str]:
    lines = [m.group(1).split("  #")[0].strip() for m in re.finditer(r"^\s+\$ (storyline .+)$", README, re.M)]
    return [line for line in lines if "STORY_ID" not in line]


def test_readme_opens_with_the_two_setup_commands() -> None:
    setup = README.split("## Set up and run", 1)[1].split("##", 1)[0]
    assert re.findall(r"^    (make \w+)", setup, re.M) == ["make demo", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "storyline.cli", command, "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "usage: storyline" in result.stdout
    assert f"storyline {command}" in README


def test_parser_knows_every_command() -> None:
    parser = build_parser()
    choices = next(a for a in parser._actions if a.dest == "command").choices
    assert choices is not None and set(choices) == set(COMMANDS)


def test_readme_usage_lines_run(tmp_path: Path) -> None:
    commands = _readme_commands()
    assert len(commands) >= 5
    env = {**os.environ, "STORYLINE_CONFIG": str(tmp_path / "none.toml")}
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    exe = Path(sys.executable).parent / "storyline"
    for line in commands:
        argv = [str(exe), *shlex.split(line)[1:], *(["--quiet"] if " stories " not in line + " " else [])]
        result = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
        assert result.returncode == 0, (line, result.stderr)
    assert (tmp_path / "brief.json").stat().st_size > 0 and (tmp_path / "brief.html").stat().st_size > 0
