"""storyline: from raw news articles to an evidence-backed story brief.

>>> import storyline
>>> result = storyline.brief(["examples/articles"])      # doctest: +SKIP
>>> print(storyline.render_markdown(result))              # doctest: +SKIP
"""

from __future__ import annotations

from storyline.api import article, brief, ingest, search, stories, story, timeline, watch
from storyline.config import Settings, load_settings
from storyline.errors import (
    ExtractionError,
    InputError,
    MissingDependency,
    SourceError,
    StoreError,
    StorylineError,
)
from storyline.models import SCHEMA_VERSION, Brief, StoryBrief
from storyline.render import render, render_html, render_json, render_markdown

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Brief",
    "ExtractionError",
    "InputError",
    "MissingDependency",
    "Settings",
    "SourceError",
    "StoreError",
    "StoryBrief",
    "StorylineError",
    "__version__",
    "article",
    "brief",
    "ingest",
    "load_settings",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "search",
    "stories",
    "story",
    "timeline",
    "watch",
]
