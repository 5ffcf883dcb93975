"""A form's content as a draft: the domain object in the export format's JSON-ready form, and back.

Drafts are written while the user types, so the content may break rules (an empty name, a
missing date); reading it back is lenient about that but refuses content of the wrong shape.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any, TypeVar

from cst_notes.domain.record_format import encode

T = TypeVar("T")


class DraftContentError(ValueError):
    """The stored draft does not have the shape of the form's record."""


def to_content(value: object) -> dict[str, Any]:
    """A dataclass record (intake, plan, patient) as a JSON-ready dict."""
    content = encode(value)
    if not isinstance(content, dict):
        raise TypeError(f"{type(value).__name__} is not a record")
    return content


def from_content(cls: type[T], data: object) -> T:
    """The record ``cls`` from ``data`` written by ``to_content``; missing fields take their defaults."""
    return typing.cast(T, _decode(cls, data, cls.__name__))


def _decode(tp: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return None if value is None else _decode(options[0], value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise DraftContentError(f"{where}: expected a list")
        item = typing.get_args(tp)[0]
        return tuple(_decode(item, v, f"{where}[{n}]") for n, v in enumerate(value))
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _record(tp, value, where)
    if tp is dt.datetime:
        return _parse(dt.datetime.fromisoformat, value, where)
    if tp is dt.date:
        return _parse(dt.date.fromisoformat, value, where)
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if tp in (str, int, float, bool) and (type(value) is not tp):
        raise DraftContentError(f"{where}: expected {tp.__name__}")
    return value


def _parse(parse: Any, value: Any, where: str) -> Any:
    if value is None:
        return None
    try:
        return parse(value.replace("Z", "+00:00") if isinstance(value, str) else value)
    except (TypeError, ValueError) as error:
        raise DraftContentError(f"{where}: {error}") from error


def _record(cls: type, value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        raise DraftContentError(f"{where}: expected an object")
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in value:
            kwargs[f.name] = _decode(hints[f.name], value[f.name], f"{where}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            kwargs[f.name] = None  # a required field left empty: the rules will say so on saving
    return cls(**kwargs)
