"""The clinic server's database roles, derived from the one home of who may do what
(``cst_notes.domain.access``).

Each kind of practitioner (``access.ROLE_CAN``: owner, therapist, front desk) is a group role
without login, named after the clinic's database (roles belong to the whole PostgreSQL server, so
two clinics on one server keep apart): ``<database>_owner``, ``<database>_therapist``,
``<database>_front_desk``. Each practitioner logs in as a role of their own, a member of their
kind's group, and holds no privilege of their own: a group's grants are the union, over what the
kind may do (``access.Can``), of ``TABLE_GRANTS``. So the front desk, who may not read clinical
notes, holds SELECT on the patients' details and the documents of signed sessions only, and the
server refuses it every clinical table, whatever client it uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from cst_notes.domain import vocabulary as V
from cst_notes.domain.access import ROLE_CAN, Can

SCHEMA = "clinic"
CLINICAL_TABLES = (
    "intakes",
    "sessions",
    "session_private_notes",
    "addenda",
    "plans",
    "screening_entries",
    "audit_entries",
    "practitioner_keys",
)
PRIVATE_NOTES_TABLE = "session_private_notes"
SETTINGS_TABLE = "settings"  # the clinic-wide settings (s007): every practitioner reads them, the owners write
ALL_TABLES = ("migrations", "patients", "session_documents", "practitioners", *CLINICAL_TABLES, SETTINGS_TABLE)

_READ, _ADD, _CHANGE, _REMOVE = "SELECT", "INSERT", "UPDATE", "DELETE"
_WRITTEN_CLINICAL = ("intakes", "sessions", "session_private_notes", "plans", "screening_entries")

# What each permission means on the server: (privilege, table) pairs. Every Can has an entry (an
# empty one where the server holds nothing for it), so a new permission must be placed here.
TABLE_GRANTS: dict[Can, tuple[tuple[str, str], ...]] = {
    Can.SEE_PATIENTS: ((_READ, "patients"), (_READ, "practitioners"), (_READ, SETTINGS_TABLE)),
    Can.EDIT_PATIENTS: ((_ADD, "patients"), (_CHANGE, "patients")),
    Can.READ_CLINICAL: tuple((_READ, t) for t in CLINICAL_TABLES),
    Can.WRITE_CLINICAL: tuple((p, t) for t in _WRITTEN_CLINICAL for p in (_ADD, _CHANGE, _REMOVE)),
    Can.SIGN: ((_ADD, "addenda"), (_ADD, "session_documents"), (_ADD, "practitioner_keys")),
    Can.PRINT_SIGNED: ((_READ, "session_documents"),),
    Can.EXPORT_RECORDS: (),  # the laptop's act, on the records it holds
    # The practitioners' roles are made by the clinic database's owner; the clinic-wide settings are
    # the owners' to write, as on a laptop.
    Can.MANAGE_PRACTICE: ((_ADD, SETTINGS_TABLE), (_CHANGE, SETTINGS_TABLE)),
}
assert set(TABLE_GRANTS) == set(Can), "every permission says what it means on the clinic server"
# Everyone's changes are audited, so every role adds audit entries (reading them is clinical); every
# laptop reads the schema's version before it syncs.
EVERYONE = ((_ADD, "audit_entries"), (_READ, "migrations"))


def table_grants(kind: str) -> frozenset[tuple[str, str]]:
    """The (privilege, table) pairs a kind of practitioner's group role holds."""
    return frozenset(EVERYONE).union(*(TABLE_GRANTS[can] for can in ROLE_CAN[kind]))


@dataclass(frozen=True)
class GroupRoles:
    """The group role of each kind of practitioner for one clinic database."""

    database: str

    def of(self, kind: str) -> str:
        if kind not in V.ROLES.codes:
            raise ValueError(f"no such kind of practitioner: {kind!r}")
        return f"{self.database}_{kind}"

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(V.ROLES.codes)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.of(kind) for kind in self.kinds)
