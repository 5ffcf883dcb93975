"""Clinic and therapist details printed on letterheads."""

from __future__ import annotations

from dataclasses import dataclass

from cst_notes.domain import vocabulary as V
from cst_notes.domain.dates import DEFAULT_DATE_ORDER
from cst_notes.domain.validation import ADDRESS_MAX, NAME_MAX, SHORT_TEXT_MAX, Checker, FieldError

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
