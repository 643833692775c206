"""Records to JSON-ready values and back, driven by the dataclasses' own type hints.

Written by hand because the records are plain frozen dataclasses: a schema library (pydantic,
cattrs) would be a second description of the same shapes to keep in step. The hints are read once per
type: each type gets a decoder (and each record class its field names) the first time it is met, so a
big brief is rebuilt without asking ``typing`` about every value of it again.
"""

from __future__ import annotations

import dataclasses
import operator
import types
import typing
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any, TypeVar, Union

T = TypeVar("T")

JSON = dict[str, Any] | list[Any] | str | int | float | bool | None


def to_jsonable(value: Any) -> Any:
    """Dataclasses become dicts (field order kept), tuples become lists, dates ISO strings."""
    cls = type(value)
    if cls in _PLAIN:
        return value
    encode = _ENCODERS.get(cls)
    if encode is None:
        encode = _ENCODERS[cls] = _encoder(cls)
    return encode(value)


Encoder = Callable[[Any], Any]
_PLAIN = frozenset({str, int, float, bool, type(None)})  # the commonest values, returned as they are
_ENCODERS: dict[type, Encoder] = {}  # what ``to_jsonable`` does to a value of each type, worked out once


def _encoder(cls: type) -> Encoder:
    """What ``to_jsonable`` does to any value of type ``cls``: the checks are made once per type."""
    names = _field_names(cls)
    if names is not None:
        return _record_encoder(names)
    if issubclass(cls, str | int | float | bool):
        return _same
    if issubclass(cls, tuple | list):
        return lambda value: [to_jsonable(v) for v in value]
    if issubclass(cls, dict):
        return lambda value: {str(k): to_jsonable(v) for k, v in value.items()}
    if issubclass(cls, date):
        return lambda value: value.isoformat()
    return _same


def _record_encoder(names: tuple[str, ...]) -> Encoder:
    if len(names) > 1:  # one C call reads every field (of one name, ``attrgetter`` gives no tuple)
        values = operator.attrgetter(*names)
        return lambda value: dict(zip(names, map(to_jsonable, values(value)), strict=True))
    return lambda value: {name: to_jsonable(getattr(value, name)) for name in names}


def shallow(value: Any) -> Any:
    """One level of ``to_jsonable``, for ``json.dumps(..., default=shallow)``: a record becomes the dict of
    its fields as they are (the encoder then meets each one itself), a date its ISO string; any other value
    raises ``TypeError``, as the encoder does without a ``default``. The C encoder then walks the lists,
    strings and numbers itself: the text of ``json.dumps(to_jsonable(value))`` in about two thirds of its
    time, for records whose dicts (none of the models has a dict field) have string keys."""
    fields = _SHALLOW.get(type(value))
    if fields is None:
        fields = _SHALLOW[type(value)] = _shallow_fields(type(value))
    return fields(value)


_SHALLOW: dict[type, Encoder] = {}


def _shallow_fields(cls: type) -> Encoder:
    names = _field_names(cls)
    if names is not None and len(names) > 1:
        values = operator.attrgetter(*names)
        return lambda value: dict(zip(names, values(value), strict=True))
    if names is not None:
        return lambda value: {name: getattr(value, name) for name in names}
    if issubclass(cls, date):
        return lambda value: value.isoformat()
    return _not_json


def _not_json(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


@cache
def _field_names(cls: Any) -> tuple[str, ...] | None:
    """The field names of a record class, in order; None for any other type."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_jsonable(cls: type[T], data: Any) -> T:
    """Rebuild a record of type ``cls`` from what :func:`to_jsonable` produced."""
    return typing.cast(T, _build(cls, data))


Decoder = Callable[[Any], Any]


def _build(tp: Any, data: Any) -> Any:
    try:
        decode = _decoder(tp)
    except TypeError:  # a type that cannot be a cache key: decoded without the cache
        decode = _make_decoder(tp)
    return decode(data)


def _same(data: Any) -> Any:
    return data


@cache
def _decoder(tp: Any) -> Decoder:
    return _make_decoder(tp)


def _make_decoder(tp: Any) -> Decoder:
    """What ``_build(tp, data)`` does to any ``data``, worked out once for ``tp``."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        return _union_decoder(typing.get_args(tp))
    if origin is tuple:
        args = typing.get_args(tp)
        item = _decoder(args[0] if args else Any)
        return tuple if item is _same else lambda data: tuple([item(v) for v in data])
    if origin is list:
        (arg,) = typing.get_args(tp)
        each = _decoder(arg)
        return list if each is _same else lambda data: [each(v) for v in data]
    if origin is dict:
        _, val = typing.get_args(tp)
        value = _decoder(val)
        return dict if value is _same else lambda data: {k: value(v) for k, v in data.items()}
    if origin is typing.Literal or tp is Any:
        return _same
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _record_decoder(tp)
    if tp is date:
        return lambda data: date.fromisoformat(data) if isinstance(data, str) else data
    return _same


def _union_decoder(args: tuple[Any, ...]) -> Decoder:
    real = [a for a in args if a is not type(None)]
    if len(real) == 1:
        inner = _decoder(real[0])
        return _same if inner is _same else lambda data: None if data is None else inner(data)
    return lambda data: _build_union(args, data)


def _record_decoder(cls: type) -> Decoder:
    fields: dict[str, Decoder] = {}  # filled at the first record: a class may name itself in its hints

    def decode(data: Any) -> Any:
        if not fields:
            hints = _hints(cls)
            fields.update({f.name: _decoder(hints[f.name]) for f in dataclasses.fields(cls)})
        return cls(**{k: fields[k](v) for k, v in data.items() if k in fields})

    return decode


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
