"""Who may do what: each role's permissions, when the app asks who you are, and whose private
notes you may read. The one home of these rules: the services enforce them, the screens and the
CLI ask them what to offer.

A practice with no practitioner records yet (a solo therapist before keyed signing, or a database
from before practitioners existed) has no roles: everything is allowed, as it always was.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from cst_notes.domain import vocabulary as V
from cst_notes.domain.practitioner import Practitioner


class Can(StrEnum):
    """What a role may do."""

    SEE_PATIENTS = "see patients"  # the list, names, contact details, appointments
    EDIT_PATIENTS = "edit patients"  # patients' details and consent
    READ_CLINICAL = "read clinical notes"  # intakes, sessions, assessments, plans, progress, history
    WRITE_CLINICAL = "write clinical notes"  # charting, screening, plans
    SIGN = "sign notes"  # signing and addenda
    PRINT_SIGNED = "print patient documents"  # the patient documents of signed sessions
    EXPORT_RECORDS = "export records"  # whole records (JSON, record PDF, a patient's copy)
    MANAGE_PRACTICE = "manage the practice"  # settings, practitioners, backups, restore, encryption


_FRONT_DESK = frozenset({Can.SEE_PATIENTS, Can.EDIT_PATIENTS, Can.PRINT_SIGNED})
_THERAPIST = frozenset(Can) - {Can.MANAGE_PRACTICE}
ROLE_CAN: dict[str, frozenset[Can]] = {
    "owner": frozenset(Can),
    "therapist": _THERAPIST,
    "front_desk": _FRONT_DESK,
}
assert set(ROLE_CAN) == set(V.ROLES.codes), "every role has its permissions"
assert frozenset(r for r, c in ROLE_CAN.items() if Can.SIGN in c) == V.SIGNING_ROLES


def may(role: str | None, what: Can) -> bool:
    """Whether ``role`` may do ``what``; ``None`` (a practice without practitioners) may do everything."""
    return role is None or what in ROLE_CAN.get(role, frozenset())


def refusal(role: str | None, what: Can) -> str:
    """The message when ``role`` may not do ``what``."""
    label = V.ROLES.label(role) if role else "no one"
    return f"the {label.lower()} role may not {what.value}"


def sign_in_needed(practitioners: Iterable[Practitioner]) -> bool:
    """The app opens on a sign-in screen once the practice has more than one active practitioner, or
    any practitioner has a passphrase. A solo practitioner without one goes straight in."""
    active = [p for p in practitioners if p.active]
    return len(active) > 1 or any(p.has_passphrase for p in active)


def private_notes_readable(reader: str | None, author: str) -> bool:
    """A session's private notes are readable only by their author (the session's therapist);
    ``reader`` None: a practice without practitioners, where the one therapist reads their own."""
    if reader is None:
        return True
    return bool(author.strip()) and author.strip().casefold() == reader.strip().casefold()
