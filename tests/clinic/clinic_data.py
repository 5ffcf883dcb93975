"""A clinic on the test server: ``clinic init`` run on an empty database, four practitioners with
roles of their own, and one patient with a signed session (with private notes), an addendum, an
audit entry and the session's patient document, each written by the role that would write it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from cst_notes.storage.server import migrations, practitioners
from tests.clinic.conftest import EmptyDatabase

Connection = psycopg.Connection[tuple[Any, ...]]
PASSWORD = "correct horse battery staple"
# db role -> (practitioner's name, kind)
PEOPLE = {
    "ana": ("Ana Owner", "owner"),
    "rahul": ("Rahul Sen", "therapist"),
    "meera": ("Meera Das", "therapist"),
    "priya": ("Priya Front", "front_desk"),
}
RAHULS_PRIVATE_NOTE = "Client spoke of her father; follow gently."


@dataclass(frozen=True)
class Clinic:
    db: EmptyDatabase
    roles: dict[str, str]  # short name -> database role
    patient: uuid.UUID
    session: uuid.UUID
    addendum: uuid.UUID
    audit_entry: uuid.UUID

    def connect(self, who: str) -> Connection:
        """A connection as a practitioner's own role (or "admin": the database's owner)."""
        if who == "admin":
            return self.db.connect(self.db.owner, self.db.password)
        return self.db.connect(self.roles[who], PASSWORD)


def make_clinic(db: EmptyDatabase) -> Clinic:
    with psycopg.connect(db.url) as admin:
        migrations.init(admin)
        roles = {short: f"{db.name}_{short}" for short in PEOPLE}
        for short, (name, kind) in PEOPLE.items():
            practitioners.add_practitioner(admin, roles[short], name, kind, PASSWORD)
        admin.commit()
    patient, session, addendum, audit_entry = (uuid.uuid4() for _ in range(4))
    with db.connect(roles["priya"], PASSWORD) as desk:
        desk.execute("INSERT INTO clinic.patients (uid, details) VALUES (%s, %s)", [patient, Jsonb({"name": "Lata"})])
    with db.connect(roles["rahul"], PASSWORD) as rahul:
        rahul.execute(
            "INSERT INTO clinic.sessions (uid, patient_uid, therapist, started_at, status, signed_at, signed_by,"
            " content_hash, body) VALUES (%s, %s, 'Rahul Sen', now(), 'signed', now(), 'Rahul Sen', 'ab12', %s)",
            [session, patient, Jsonb({"subjective": "headaches, better"})],
        )
        rahul.execute(
            "INSERT INTO clinic.session_private_notes (session_uid, text) VALUES (%s, %s)",
            [session, RAHULS_PRIVATE_NOTE],
        )
        rahul.execute(
            "INSERT INTO clinic.addenda (uid, note_kind, note_uid, author, created_at, content_hash, body)"
            " VALUES (%s, 'session', %s, 'Rahul Sen', now(), 'cd34', %s)",
            [addendum, session, Jsonb({"text": "pain 3, not 5"})],
        )
        rahul.execute(
            "INSERT INTO clinic.audit_entries (uid, origin, entry_hash, changed_at, actor, action, entity,"
            " entity_uid, patient_uid)"
            " VALUES (%s, 'rahul-laptop', 'ef56', now(), 'Rahul Sen', 'sign', 'session', %s, %s)",
            [audit_entry, str(session), patient],
        )
        rahul.execute(
            "INSERT INTO clinic.session_documents (session_uid, patient_uid, body) VALUES (%s, %s, %s)",
            [session, patient, Jsonb({"subjective": "headaches, better"})],
        )
    return Clinic(db, roles, patient, session, addendum, audit_entry)
