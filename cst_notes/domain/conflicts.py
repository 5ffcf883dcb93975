"""Two offline edits of the same patient's details (issue 17): which side changed since the version
both laptops last had in common, which fields differ, and the details a person's choice makes.

Pure rules on the details as the export format writes them (``record_format.encode``): no SQL, no
Qt. A conflict is never settled here: both versions are kept until a person chooses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cst_notes.domain.validation import FieldError, ValidationError

# Kept by each laptop for itself, never compared: when its own copy was written.
LOCAL_ONLY = ("created_at", "updated_at")
MINE, THEIRS = "mine", "theirs"  # a person's choice: this laptop's version, or the server's
CHOICES = (MINE, THEIRS)
Details = Mapping[str, Any]
Choice = str | Mapping[str, str]  # MINE, THEIRS, or per field: field -> MINE or THEIRS


def shared_details(details: Details) -> dict[str, Any]:
    """The details every laptop and the server hold alike (less each laptop's own times)."""
    return {k: v for k, v in details.items() if k not in LOCAL_ONLY}


def differing_fields(mine: Details, theirs: Details) -> tuple[str, ...]:
    """The fields whose values differ between the two versions, in name order."""
    a, b = shared_details(mine), shared_details(theirs)
    return tuple(sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k)))


@dataclass(frozen=True)
class Base:
    """The server's version of a patient's details that this laptop last synced at, and those details."""

    version: int
    details: dict[str, Any]


class Outcome(StrEnum):
    """What a pull does with the server's version of a patient's details."""

    SAME = "same"  # both hold the same details: nothing to do
    KEEP_MINE = "keep mine"  # only this laptop changed them: keep them (the next push writes them)
    TAKE_THEIRS = "take theirs"  # only the server's changed: this laptop takes them
    CONFLICT = "conflict"  # both changed: both kept, for a person to resolve


def reconcile(base: Base | None, mine: Details, theirs: Details, theirs_version: int) -> Outcome:
    """Which side changed the details since ``base`` (None: no version in common is known, so any
    difference is a conflict)."""
    if not differing_fields(mine, theirs):
        return Outcome.SAME
    if base is None:
        return Outcome.CONFLICT
    mine_changed = bool(differing_fields(mine, base.details))
    theirs_changed = theirs_version != base.version and bool(differing_fields(theirs, base.details))
    if mine_changed and theirs_changed:
        return Outcome.CONFLICT
    return Outcome.TAKE_THEIRS if theirs_changed else Outcome.KEEP_MINE


def settings_outcome(
    base: Base | None, mine: Details, theirs: Details, theirs_version: int, *, may_write: bool, unset: Details
) -> Outcome:
    """What a pull does with the server's clinic-wide settings: as ``reconcile`` for the clinic's
    owners (``may_write``), except that a laptop that never synced them takes the server's when its
    own were never set (``unset``: the settings of a new laptop), and keeps its own (to push) when
    the server's were not; every other practitioner's laptop takes the clinic's."""
    if not differing_fields(mine, theirs):
        return Outcome.SAME
    if not may_write:
        return Outcome.TAKE_THEIRS
    if base is None and not differing_fields(mine, unset):
        return Outcome.TAKE_THEIRS
    if base is None and not differing_fields(theirs, unset):
        return Outcome.KEEP_MINE
    return reconcile(base, mine, theirs, theirs_version)


def resolved(mine: Details, theirs: Details, choice: Choice) -> dict[str, Any]:
    """The details a person's ``choice`` makes of the two versions: all of one, or field by field
    (every differing field chosen, each MINE or THEIRS). ValidationError naming what is wrong."""
    a, b = shared_details(mine), shared_details(theirs)
    if isinstance(choice, str):
        if choice not in CHOICES:
            raise ValidationError(
                [FieldError("choice", f"is {MINE!r}, {THEIRS!r} or a choice per field, not {choice!r}")]
            )
        return dict(a if choice == MINE else b)
    differing = differing_fields(a, b)
    errors = [
        FieldError(f"choice.{name}", f"is {MINE!r} or {THEIRS!r}, not {value!r}")
        for name, value in sorted(choice.items())
        if value not in CHOICES
    ]
    errors += [
        FieldError(f"choice.{name}", "is no field that differs") for name in sorted(set(choice) - set(differing))
    ]
    errors += [
        FieldError(f"choice.{name}", "must be chosen: the versions differ") for name in differing if name not in choice
    ]
    if errors:
        raise ValidationError(errors)
    out = dict(a)
    for name in differing:
        if choice[name] == THEIRS:
            if name in b:
                out[name] = b[name]
            else:
                out.pop(name, None)
    return out


def choice_words(choice: Choice) -> str:
    """A choice in words, for the audit log."""
    if isinstance(choice, str):
        return "kept this laptop's version" if choice == MINE else "took the clinic server's version"
    return "chose field by field: " + ", ".join(f"{name} {choice[name]}" for name in sorted(choice))


@dataclass(frozen=True)
class Conflict:
    """Both versions of a patient's details, or of one of their follow-up plans, edited on two sides
    since ``base_version``."""

    id: int
    patient_uid: str
    mine: dict[str, Any]
    theirs: dict[str, Any]
    base_version: int  # 0: no version in common known
    theirs_version: int
    opened_at: dt.datetime
    resolved_at: dt.datetime | None = None
    resolved_by: str = ""
    resolution: dict[str, Any] | None = None  # {"choice": ..., "details": ...}
    plan_uid: str = ""  # '' for the patient's details; else the follow-up plan in conflict (mine, theirs: plans)

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields that differ: what a person chooses between."""
        return differing_fields(self.mine, self.theirs)
