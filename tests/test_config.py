from pathlib import Path

import pytest

from storyline.config import load_settings
from storyline.errors import InputError


def test_defaults_then_user_file_then_overrides(tmp_path: Path) -> None:
    user = tmp_path / "config.toml"
    user.write_text("[storyline]\nsummary_sentences = 4\nmax_bytes = 1000\n", encoding="utf-8")
    settings = load_settings(user, max_bytes=2000, db=None)
    assert settings.summary_sentences == 4  # from the file
    assert settings.max_bytes == 2000  # the keyword wins over the file
    assert settings.db is None  # None means "not given", so the default stays


def test_unknown_setting_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"unknown setting.*colour"):
        load_settings(tmp_path / "missing.toml", colour="blue")


def test_bad_values_say_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="on_error must be raise, collect or skip"):
        load_settings(tmp_path / "missing.toml", on_error="ignore")
    bad = tmp_path / "bad.toml"
    bad.write_text("[storyline\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read settings file"):
        load_settings(bad)
