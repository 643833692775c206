"""The JSON brief: every record with its spans, under a versioned schema (docs/brief-schema.md)."""

from __future__ import annotations

import json as _json

from storyline.models import Brief
from storyline.serialize import to_jsonable


def render_json(brief: Brief) -> str:
    return _json.dumps(to_jsonable(brief), indent=2, ensure_ascii=False) + "\n"
