"""A laptop's place in a clinic (issue 17): which clinic server it syncs with, as whom, and the uids
by which records that have none of their own on the laptop are known on the server.

An addendum is known by its content hash, an audit entry by its laptop's chain and its hash in it:
a uid derived from those (UUID 5) is the same on every push, so pushing twice adds nothing and the
server's copy is the union of every laptop's.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

# The namespace of the uids derived here (a fixed, random UUID: never change it).
NAMESPACE = uuid.UUID("5f0c7a52-3c1e-4c36-9d43-8e0b6a1f1717")


@dataclass(frozen=True)
class ClinicLink:
    """This laptop's clinic server: where (a libpq URL, never with a password), the practitioner's
    own database role, their name as the server's practitioners list has it, and this laptop's uid
    (its audit chain's origin on the server)."""

    server: str
    db_role: str
    practitioner: str
    laptop_uid: str
    joined_at: dt.datetime


# --- what a laptop pushes: a patient's immutable records, in the export format ----------------


@dataclass(frozen=True)
class SignedSession:
    uid: str
    therapist: str
    started_at: str
    signed_at: str
    signed_by: str
    content_hash: str
    body: dict[str, Any]
    private_notes: str | None  # None: not the pusher's to push (another therapist's)
    addenda: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class AuditItem:
    entry_hash: str
    entry: dict[str, Any]


@dataclass(frozen=True)
class Outbox:
    """A patient's immutable records as the laptop holds them, ready to push."""

    patient_uid: str
    patient: dict[str, Any]
    sessions: tuple[SignedSession, ...]
    audit_entries: tuple[AuditItem, ...]


def addendum_uid(content_hash: str) -> uuid.UUID:
    """An addendum's uid on the clinic server, from its content hash."""
    return uuid.uuid5(NAMESPACE, f"addendum:{content_hash}")


def audit_entry_uid(laptop_uid: str, entry_hash: str) -> uuid.UUID:
    """An audit entry's uid on the clinic server, from its laptop and its hash in that laptop's chain."""
    return uuid.uuid5(NAMESPACE, f"audit:{laptop_uid}:{entry_hash}")
