"""Clinic and therapist details printed on letterheads."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from cst_notes.domain import vocabulary as V
from cst_notes.domain.dates import DEFAULT_DATE_ORDER
from cst_notes.domain.validation import ADDRESS_MAX, NAME_MAX, SHORT_TEXT_MAX, Checker, FieldError, ValidationError

LOGO_MAX_BYTES = 2_000_000
IDLE_LOCK_MINUTES = 10  # the screen locks after this many minutes without a key or a click
IDLE_LOCK_RANGE = (1, 120)


@dataclass(frozen=True)
class ClinicSettings:
    clinic_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    therapist_name: str = ""
    credentials: str = ""  # training
    memberships: str = ""  # professional memberships
    footer_text: str = ""
    page_size: str = "A4"  # PAGE_SIZES code
    logo_png: bytes | None = None
    retention_years: int = V.RETENTION_YEARS  # after the last visit; for a minor, after turning 18
    date_order: str = DEFAULT_DATE_ORDER  # DATE_ORDERS: how 03/04/2020 is read in every date field
    idle_lock_minutes: int = IDLE_LOCK_MINUTES  # minutes without input before the screen locks

    @property
    def has_letterhead(self) -> bool:
        """Whether the documents' letterhead says who the practice is and how to reach it."""
        return bool(self.clinic_name.strip() and (self.address.strip() or self.phone.strip()))


def settings_errors(s: ClinicSettings) -> list[FieldError]:
    c = Checker()
    for name in ("clinic_name", "phone", "email", "therapist_name"):
        c.text(name, getattr(s, name), max_len=NAME_MAX)
    c.text("address", s.address, max_len=ADDRESS_MAX)
    for name in ("credentials", "memberships", "footer_text"):
        c.text(name, getattr(s, name), max_len=SHORT_TEXT_MAX)
    c.code("page_size", s.page_size, V.PAGE_SIZES)
    c.code("date_order", s.date_order, V.DATE_ORDERS)
    c.number("retention_years", s.retention_years, 1, 100, integer=True, required=True)
    c.number("idle_lock_minutes", s.idle_lock_minutes, *IDLE_LOCK_RANGE, integer=True, required=True)
    if s.logo_png is not None and len(s.logo_png) > LOGO_MAX_BYTES:
        c.fail("logo_png", f"is too large ({len(s.logo_png)} bytes; at most {LOGO_MAX_BYTES})")
    return c.errors


# The settings a clinic holds alike on every laptop, synced with its server (issue 17): who the
# practice is on every letterhead, the paper, and how long records are kept. The others are each
# laptop's own: the therapist its letterhead names, how it reads a typed date, when its screen locks.
CLINIC_WIDE = ("clinic_name", "address", "phone", "email", "footer_text", "page_size", "logo_png", "retention_years")
_WHOLE_NUMBERS = ("retention_years",)
_PREFIX = "clinic settings"


def clinic_wide(s: ClinicSettings) -> dict[str, Any]:
    """The clinic-wide settings as the clinic server holds them (JSON: the logo in base64)."""
    out: dict[str, Any] = {name: getattr(s, name) for name in CLINIC_WIDE}
    out["logo_png"] = None if s.logo_png is None else base64.b64encode(s.logo_png).decode("ascii")
    return out


def with_clinic_wide(s: ClinicSettings, body: Mapping[str, Any]) -> ClinicSettings:
    """``s`` with the clinic-wide settings ``body`` holds (as ``clinic_wide`` writes them), this
    laptop's own left as they are; ValidationError naming each field that does not read or breaks a rule."""
    errors = [
        FieldError(f"{_PREFIX}.{k}", "is not a clinic-wide setting") for k in sorted(set(body) - set(CLINIC_WIDE))
    ]
    changes: dict[str, Any] = {}
    for name in CLINIC_WIDE:
        if name not in body:
            errors.append(FieldError(f"{_PREFIX}.{name}", "is missing"))
            continue
        value, problem = _clinic_wide_value(name, body[name])
        if problem:
            errors.append(FieldError(f"{_PREFIX}.{name}", problem))
        else:
            changes[name] = value
    if not errors:
        errors = [FieldError(f"{_PREFIX}.{e.field}", e.message) for e in settings_errors(replace(s, **changes))]
    if errors:
        raise ValidationError(errors)
    return replace(s, **changes)


def _clinic_wide_value(name: str, value: Any) -> tuple[Any, str]:
    """A clinic-wide setting read from its JSON form, and what is wrong with it ('' for nothing)."""
    if name == "logo_png":
        if value is None:
            return None, ""
        try:
            if isinstance(value, str):
                return base64.b64decode(value, validate=True), ""
        except (binascii.Error, ValueError):
            pass
        return None, "must be a PNG in base64, or null"
    if name in _WHOLE_NUMBERS:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return (value, "") if ok else (None, f"must be a whole number, not {value!r}")
    return (value, "") if isinstance(value, str) else (None, f"must be text, not {value!r}")
