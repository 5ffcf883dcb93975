"""Field validation: every rule names the field it checks and says why in plain words."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from cst_notes.domain.vocabulary import Vocabulary

NAME_MAX = 200
SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 20_000
ADDRESS_MAX = 1_000
EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})  # control, surrogate, private use, unassigned


def _has_control_character(value: str) -> bool:
    """Whether ``value`` holds a character of ``_FORBIDDEN_CATEGORIES`` other than a newline or a
    tab. Every such character is one ``str.isprintable`` refuses, so text it accepts (once newlines
    and tabs are spaces) has none, and only the rest is looked at character by character."""
    if value.replace("\n", " ").replace("\t", " ").isprintable():
        return False
    return any(unicodedata.category(ch) in _FORBIDDEN_CATEGORIES and ch not in "\n\t" for ch in value)


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(ValueError):
    """Raised when input breaks a rule. Nothing has been written when it is raised."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(str(e) for e in self.errors) or "invalid input")

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(e.field for e in self.errors)


class Checker:
    """Collects field errors (the caller raises them as one ValidationError)."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.errors: list[FieldError] = []

    def at(self, field: str) -> str:
        return f"{self.prefix}.{field}" if self.prefix else field

    def fail(self, field: str, message: str) -> None:
        self.errors.append(FieldError(self.at(field), message))

    def extend(self, errors: Iterable[FieldError]) -> None:
        self.errors.extend(errors)

    # -- rules ---------------------------------------------------------------------------

    def text(self, field: str, value: object, *, max_len: int = SHORT_TEXT_MAX, required: bool = False) -> None:
        if not isinstance(value, str):
            self.fail(field, "must be text")
            return
        if required and not value.strip():
            self.fail(field, "must not be empty")
        elif len(value) > max_len:
            self.fail(field, f"is too long ({len(value)} characters; at most {max_len})")
        elif _has_control_character(value):
            self.fail(field, "contains a control character")
        elif required and not any(unicodedata.category(ch)[0] in "LN" for ch in value):
            self.fail(field, "must contain a letter or a digit")

    def code(self, field: str, value: object, vocabulary: Vocabulary, *, required: bool = True) -> None:
        if value is None or value == "":
            if required:
                self.fail(field, f"must be chosen ({vocabulary.name})")
            return
        if value not in vocabulary:
            self.fail(field, f"{value!r} is not a known {vocabulary.name} code")

    def number(
        self,
        field: str,
        value: object,
        low: float,
        high: float,
        *,
        integer: bool = False,
        required: bool = False,
    ) -> None:
        if value is None:
            if required:
                self.fail(field, "must be given")
            return
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(field, "must be a number")
            return
        if integer and not isinstance(value, int):
            self.fail(field, "must be a whole number")
            return
        if value != value or not low <= value <= high:  # NaN fails too
            self.fail(field, f"must be between {_fmt(low)} and {_fmt(high)} (got {_fmt(value)})")

    def date(
        self,
        field: str,
        value: object,
        *,
        required: bool = False,
        not_future: bool = False,
        earliest: dt.date | None = None,
        today: dt.date | None = None,
    ) -> None:
        if value is None:
            if required:
                self.fail(field, "must be given")
            return
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self.fail(field, "must be a date")
            return
        today = today or dt.date.today()
        if not_future and value > today:
            self.fail(field, f"cannot be in the future ({value.isoformat()})")
        if earliest and value < earliest:
            self.fail(field, f"cannot be before {earliest.isoformat()}")

    def flag(self, field: str, value: object) -> None:
        if not isinstance(value, bool):
            self.fail(field, "must be yes or no")


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Whole years between birth_date and day."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
