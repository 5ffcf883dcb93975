"""Domain dataclass <-> table row, for flat dataclasses whose fields are columns of the same name.

Dates are stored as ISO dates, times as ISO 8601 UTC text, booleans as 0/1.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import types
import typing
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from cst_notes.domain.damage import Damage, DamagedRecord, shown_value
from cst_notes.domain.dates import format_utc_millis

T = TypeVar("T")


def utc_now() -> str:
    return format_utc_millis(dt.datetime.now(dt.UTC))


def to_utc_text(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def from_utc_text(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}
_FLAGS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _scalar_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, base type) of the fields that are columns: not tuples, not nested dataclasses."""
    if cls in _FIELDS:
        return _FIELDS[cls]
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        tp = hints[f.name]
        if typing.get_origin(tp) in (typing.Union, types.UnionType):
            tp = next(a for a in typing.get_args(tp) if a is not type(None))
        if typing.get_origin(tp) is tuple or dataclasses.is_dataclass(tp):
            continue
        out.append((f.name, tp))
    _FIELDS[cls] = tuple(out)
    return _FIELDS[cls]


def column_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return to_utc_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _plain_flags(cls: type) -> tuple[tuple[str, bool], ...]:
    """(name, needs conversion) for each column field: text and numbers go in as they are."""
    if cls not in _FLAGS:
        _FLAGS[cls] = tuple((name, tp not in (str, int, float)) for name, tp in _scalar_fields(cls))
    return _FLAGS[cls]


def _getter(names: Sequence[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of these attributes of an object, as a tuple, fetched in C (``attrgetter``)."""
    if not names:
        return lambda _obj: ()
    if len(names) == 1:
        [name] = names
        return lambda obj: (getattr(obj, name),)
    return operator.attrgetter(*names)


_ROW_MAKERS: dict[type, Callable[[Any], list[Any]]] = {}


def _row_maker(cls: type) -> Callable[[Any], list[Any]]:
    """``row_values`` for objects of ``cls``: every column fetched at once, and only the columns whose
    type needs it (dates, times, flags) converted."""
    flags = _plain_flags(cls)
    get = _getter([name for name, _ in flags])
    converted = tuple(i for i, (_, convert) in enumerate(flags) if convert)

    def make(obj: Any) -> list[Any]:
        values = list(get(obj))
        for i in converted:
            values[i] = column_value(values[i])
        return values

    _ROW_MAKERS[cls] = make
    return make


def row_values(obj: Any) -> list[Any]:
    """The column values of ``obj`` in the order of ``columns(type(obj))``; the fast path for bulk writes."""
    make = _ROW_MAKERS.get(type(obj))
    return (make or _row_maker(type(obj)))(obj)


_AS_THEY_ARE = frozenset({str, int, float, type(None)})  # the values column_value returns unchanged
_TO_ROW: dict[tuple[type, frozenset[str], str], tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]] = {}


def to_row(obj: Any, *, skip: frozenset[str] = frozenset(), prefix: str = "") -> dict[str, Any]:
    plan = _TO_ROW.get((type(obj), skip, prefix))
    if plan is None:
        names = [name for name, _ in _scalar_fields(type(obj)) if name not in skip]
        plan = _TO_ROW[type(obj), skip, prefix] = (tuple(prefix + name for name in names), _getter(names))
    keys, get = plan
    return {key: v if type(v) in _AS_THEY_ARE else column_value(v) for key, v in zip(keys, get(obj), strict=True)}


def _python_value(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    if tp is bool:
        return bool(value)
    if tp is dt.datetime:
        return from_utc_text(value)
    if tp is dt.date:
        return dt.date.fromisoformat(value)
    if tp is float:
        return float(value)
    return value


_PROBLEMS = {dt.date: "is not a date", dt.datetime: "is not a time", float: "is not a number"}


def read_value(tp: Any, value: Any, table: str, row_id: int | None, column: str) -> Any:
    """A stored value as ``tp``; ``DamagedRecord`` naming the cell when it cannot be one."""
    try:
        return _python_value(tp, value)
    except (ValueError, TypeError, AttributeError, OverflowError):
        problem = _PROBLEMS.get(tp, f"is not a {getattr(tp, '__name__', tp)}")
        raise DamagedRecord(Damage(table, row_id, column, shown_value(value), problem)) from None


def from_row(cls: type[T], row: dict[str, Any], *, prefix: str = "", table: str = "", **extra: Any) -> T:
    """An object of ``cls`` from a row of ``table``; a value that cannot be its field's type
    raises ``DamagedRecord`` naming the table, the row's id and the column."""
    row_id = row.get("id")
    kwargs: dict[str, Any] = {}
    for name, tp, as_stored in _read_flags(cls):
        column = prefix + name
        if column not in row or name in extra:
            continue
        value = row[column]
        if not as_stored:
            kwargs[name] = read_value(tp, value, table, row_id, column)
        elif value is not None or tp is not str:  # a missing text is the field's default
            kwargs[name] = value
    kwargs.update(extra)
    return cls(**kwargs)


def row_reader(cls: type[T], names: Sequence[str], *, table: str = "") -> Callable[..., T]:
    """``from_row`` made once for a statement's columns (``names``, in order): the returned
    ``read(row, **extra)`` takes the row as the cursor gives it (a tuple) and makes the same object,
    or raises the same ``DamagedRecord``, without building a dict or looking the fields up again
    for each row (a chart of a hundred sessions reads well over a thousand rows)."""
    position = {name: i for i, name in enumerate(names)}
    id_at = position.get("id")
    plan = tuple((name, tp, as_stored, position[name]) for name, tp, as_stored in _read_flags(cls) if name in position)

    def read(row: Sequence[Any], **extra: Any) -> T:
        kwargs: dict[str, Any] = {}
        for name, tp, as_stored, i in plan:
            value = row[i]
            if as_stored:
                if value is not None or tp is not str:  # a missing text is the field's default
                    kwargs[name] = value
            elif value is None:
                kwargs[name] = None
            else:
                kwargs[name] = read_value(tp, value, table, None if id_at is None else row[id_at], name)
        kwargs.update(extra)
        return cls(**kwargs)

    return read


def prepare_reads(*classes: type) -> None:
    """Make the reading tables of these dataclasses now (``typing.get_type_hints`` over a dozen
    classes takes a few milliseconds), not while the first record is read."""
    for cls in classes:
        _read_flags(cls)


_READ: dict[type, tuple[tuple[str, Any, bool], ...]] = {}


def _read_flags(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """(name, base type, whether the stored value is used as it is) for each column field: text and
    whole numbers are (``read_value`` returns them unchanged); the fast path for reads."""
    if cls not in _READ:
        _READ[cls] = tuple((name, tp, tp in (str, int)) for name, tp in _scalar_fields(cls))
    return _READ[cls]


def unreadable_values(cls: type, row: dict[str, Any], *, prefix: str = "", table: str = "") -> list[Damage]:
    """Every value of the row that cannot be its field's type (``from_row`` stops at the first)."""
    found = []
    for name, tp in _scalar_fields(cls):
        if prefix + name in row:
            try:
                read_value(tp, row[prefix + name], table, row.get("id"), prefix + name)
            except DamagedRecord as exc:
                found.append(exc.damage)
    return found


def columns(cls: type, *, skip: frozenset[str] = frozenset(), prefix: str = "") -> list[str]:
    return [prefix + name for name, _ in _scalar_fields(cls) if name not in skip]
