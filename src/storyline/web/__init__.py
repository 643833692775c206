"""The local web app of ``storyline serve``: every page has a JSON twin (see ``app.create_app``)."""

from __future__ import annotations

from storyline.web.app import create_app

__all__ = ["create_app"]
