"""storyline's exceptions, one tree:

    StorylineError
     ├── InputError          a path, URL or option the user gave cannot be used
     │    └── SourceError    an input could not be read (raised only under the "raise" policy)
     ├── ExtractionError     an input was read but holds no article (raised only under "raise")
     ├── AnnotationError     an article's annotation failed (raised only under "raise")
     ├── StoreError          the store cannot be opened, migrated or written
     ├── UnfaithfulLine      a brief line states what its citations do not (only with audit = "raise")
     └── MissingDependency   an optional extra is needed; the message carries the pip line
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base of every error storyline raises on purpose."""


class InputError(StorylineError):
    """A path, URL or option given by the user cannot be used."""


class SourceError(InputError):
    """An input could not be read."""


class ExtractionError(StorylineError):
    """An input was read but holds no usable article."""


class AnnotationError(StorylineError):
    """An article's annotation failed (otherwise the article's rejection, and the run goes on)."""


class StoreError(StorylineError):
    """The store cannot be opened, migrated or written."""


class UnfaithfulLine(StorylineError):
    """A summary or timeline line names, counts or dates something none of its cited spans says."""


class MissingDependency(StorylineError):
    """An optional dependency is not installed."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the '{package}' package: pip install 'storyline[{extra}]'"
        )
        self.package = package
        self.extra = extra
