"""Bad inputs beside good ones: the run completes, the good brief stays, each bad file is a rejection."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import storyline
from storyline.models import Brief


def _story_signature(brief: Brief, folder: Path) -> list[str]:
    """The seeds' story as JSON, with the folder it was read from taken out of the origins."""
    stories = [s for s in brief.stories if any(Path(src.origin).name.startswith("00") for src in s.sources)]
    assert len(stories) == 1
    single = Brief(stories=tuple(stories))
    return storyline.render_json(single).replace(str(folder), "<dir>").splitlines()


@pytest.fixture(scope="module")
def mixed_folder(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    for seed in seeds_dir.iterdir():
        shutil.copy(seed, folder / seed.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "huge.txt").write_bytes(b"All work and no play makes Jack a dull boy. " * 1_200_000)  # ~53 MB
    (folder / "broken.html").write_bytes(b"<html><body><div><p>\x00\x00<<<</div></span></td>")
    return folder


def test_bad_files_are_rejected_and_the_seeds_brief_is_unchanged(seeds_dir: Path, mixed_folder: Path) -> None:
    clean = storyline.brief([mixed_folder / p.name for p in sorted(seeds_dir.iterdir())])
    mixed = storyline.brief([mixed_folder])
    reasons = {Path(r.origin).name: r.reason for r in mixed.rejections}
    assert set(reasons) == {"empty.txt", "binary.txt", "huge.txt", "broken.html"}
    assert reasons["empty.txt"] == "empty"
    assert reasons["binary.txt"] == "binary"
    assert reasons["huge.txt"] == "too-large"
    assert all(r.detail for r in mixed.rejections)
    assert _story_signature(mixed, mixed_folder) == _story_signature(clean, mixed_folder)


def test_latin1_article_is_decoded_not_lost(tmp_path: Path) -> None:
    text = (
        "Café owners in Göteborg protest rent rises\n\n"
        "GÖTEBORG, May 4 (Nordic Wire) -- Owners of cafés in the old town said on Monday that rents had "
        "doubled since January, and that several cafés would close unless the city council intervened.\n\n"
        '"We cannot pay this," said Åsa Lindqvist, who runs a café near the harbour.'
    )
    (tmp_path / "latin1.txt").write_bytes(text.encode("latin-1"))
    brief = storyline.brief([tmp_path])
    assert not brief.rejections
    assert "Göteborg" in brief.stories[0].headline


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_unknown_option_is_one_clear_line() -> None:
    result = _cli("brief", "--colour", "red", "x")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "unrecognized arguments: --colour" in result.stderr


def test_missing_path_is_one_clear_line(tmp_path: Path) -> None:
    result = _cli("brief", str(tmp_path / "nowhere"), "--quiet")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "nowhere" in result.stderr
