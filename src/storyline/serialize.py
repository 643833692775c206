"""Records to JSON-ready values and back, driven by the dataclasses' own type hints.

Written by hand because the records are plain frozen dataclasses: a schema library (pydantic,
cattrs) would be a second description of the same shapes to keep in step.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from functools import cache
from typing import Any, TypeVar, Union

T = TypeVar("T")

JSON = dict[str, Any] | list[Any] | str | int | float | bool | None


def to_jsonable(value: Any) -> Any:
    """Dataclasses become dicts (field order kept), tuples become lists, dates ISO strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_jsonable(cls: type[T], data: Any) -> T:
    """Rebuild a record of type ``cls`` from what :func:`to_jsonable` produced."""
    return typing.cast(T, _build(cls, data))


def _build(tp: Any, data: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        return _build_union(typing.get_args(tp), data)
    if origin is tuple:
        args = typing.get_args(tp)
        item = args[0] if args else Any
        return tuple(_build(item, v) for v in data)
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_build(item, v) for v in data]
    if origin is dict:
        _, val = typing.get_args(tp)
        return {k: _build(val, v) for k, v in data.items()}
    if origin is typing.Literal or tp is Any:
        return data
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        fields = {f.name for f in dataclasses.fields(tp)}
        kwargs = {k: _build(hints[k], v) for k, v in data.items() if k in fields}
        return tp(**kwargs)
    if tp is date and isinstance(data, str):
        return date.fromisoformat(data)
    return data


def _build_union(args: tuple[Any, ...], data: Any) -> Any:
    if data is None:
        return None
    real = [a for a in args if a is not type(None)]
    if len(real) == 1:
        return _build(real[0], data)
    for candidate in real:  # e.g. RawDocument | Rejection: the first whose fields fit
        if isinstance(candidate, type) and dataclasses.is_dataclass(candidate) and isinstance(data, dict):
            names = {f.name for f in dataclasses.fields(candidate)}
            if set(data) <= names:
                return _build(candidate, data)
    return data
