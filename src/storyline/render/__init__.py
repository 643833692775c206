"""Render a Brief as Markdown, JSON or one self-contained HTML file."""

from __future__ import annotations

from storyline.models import Brief
from storyline.render.json import render_json

FORMATS = ("markdown", "json", "html")

__all__ = ["FORMATS", "render", "render_html", "render_json", "render_markdown"]

# Each format's module is imported when that format is asked for: a JSON brief never loads Jinja2.


def render_html(brief: Brief) -> str:
    """One self-contained HTML file (see :mod:`storyline.render.html`)."""
    from storyline.render.html import render_html as html

    return html(brief)


def render_markdown(brief: Brief) -> str:
    """The brief as Markdown (see :mod:`storyline.render.markdown`)."""
    from storyline.render.markdown import render_markdown as markdown

    return markdown(brief)


def render(brief: object, fmt: str) -> str:
    assert isinstance(brief, Brief)
    if fmt == "json":
        return render_json(brief)
    if fmt == "html":
        return render_html(brief)
    if fmt == "markdown":
        return render_markdown(brief)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
