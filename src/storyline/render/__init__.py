"""Render a Brief as Markdown, JSON or one self-contained HTML file."""

from __future__ import annotations

from storyline.render.html import render_html
from storyline.render.json import render_json
from storyline.render.markdown import render_markdown

FORMATS = ("markdown", "json", "html")

__all__ = ["FORMATS", "render", "render_html", "render_json", "render_markdown"]


def render(brief: object, fmt: str) -> str:
    from storyline.models import Brief

    assert isinstance(brief, Brief)
    if fmt == "json":
        return render_json(brief)
    if fmt == "html":
        return render_html(brief)
    if fmt == "markdown":
        return render_markdown(brief)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
