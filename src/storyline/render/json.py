"""The JSON brief: every record with its spans, under a versioned schema (docs/brief-schema.md)."""

from __future__ import annotations

import json as _json
from collections.abc import Callable
from json.encoder import encode_basestring  # the C function where there is one: strings, ensure_ascii=False
from typing import Any

from storyline.models import Brief
from storyline.serialize import shallow, to_jsonable


def render_json(brief: Brief) -> str:
    return dumps_indented(brief) + "\n"


class _Unusual(Exception):
    """A value ``dumps_indented`` leaves to ``json.dumps`` (a key that is not a string, a float that is not
    finite, a type JSON has no form for, a nesting too deep)."""


def dumps_indented(value: Any) -> str:
    """``json.dumps(to_jsonable(value), indent=2, ensure_ascii=False)``, byte for byte, in a third of its
    time.

    With an indent the standard library encodes in pure Python through one generator per nesting level, so
    every piece climbs the whole generator stack (about 0.5 s of CPU for the 8 MB ECB+ brief); here one
    recursive function appends each piece to one list, records and dates are read as ``to_jsonable`` reads
    them (one level at a time, ``serialize.shallow``) without first building the whole tree, and strings
    are escaped by the same C function ``json`` uses. Anything out of the ordinary (see :class:`_Unusual`)
    is left to ``to_jsonable`` and ``json.dumps``."""
    parts: list[str] = []
    try:
        _encode(value, "\n", parts.append)
    except (_Unusual, RecursionError):
        return _json.dumps(to_jsonable(value), indent=2, ensure_ascii=False)
    return "".join(parts)


_INT = int.__repr__  # what ``json`` writes for an int (and an int subclass: an IntEnum's number)
_FLOAT = float.__repr__
_INFINITY = float("inf")


def _encode(value: Any, indent: str, put: Callable[[str], None]) -> None:
    """Append the text of ``value``, whose first line starts after ``indent`` (a newline and spaces)."""
    if isinstance(value, str):
        put(encode_basestring(value))
    elif isinstance(value, dict):
        if not value:
            put("{}")
            return
        inner = indent + "  "
        lead = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            put(lead + encode_basestring(key) + ": ")
            lead = "," + inner
            _encode(item, inner, put)
        put(indent + "}")
    elif isinstance(value, list | tuple):
        if not value:
            put("[]")
            return
        inner = indent + "  "
        lead = "[" + inner
        for item in value:
            put(lead)
            lead = "," + inner
            _encode(item, inner, put)
        put(indent + "]")
    elif value is None:
        put("null")
    elif value is True:
        put("true")
    elif value is False:
        put("false")
    elif isinstance(value, int):
        put(_INT(value))
    elif isinstance(value, float):
        if value != value or value in (_INFINITY, -_INFINITY):
            raise _Unusual
        put(_FLOAT(value))
    else:
        try:
            one_level = shallow(value)  # a record's fields, a date's ISO string
        except TypeError:
            raise _Unusual from None
        _encode(one_level, indent, put)
