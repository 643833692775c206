"""The public API is small and deliberate: a change to it is a change to this list."""

import storyline

EXPECTED = [
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


def test_exported_members_are_pinned() -> None:
    assert sorted(storyline.__all__) == sorted(EXPECTED)
    for name in EXPECTED:
        assert hasattr(storyline, name), name


def test_errors_form_one_tree() -> None:
    for name in ["ExtractionError", "InputError", "MissingDependency", "SourceError", "StoreError"]:
        assert issubclass(getattr(storyline, name), storyline.StorylineError)
    assert issubclass(storyline.SourceError, storyline.InputError)
