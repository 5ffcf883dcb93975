"""What the clinic server itself refuses, connecting as each practitioner's real role (issue 17):
the front desk reads no clinical table, a therapist reads no one else's private notes, nobody (the
database's owner included) changes or removes a signed note, an addendum or an audit entry, and a
write based on a stale version is refused."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from psycopg import errors, sql
from psycopg.types.json import Jsonb

from cst_notes.domain.access import ROLE_CAN, Can
from cst_notes.storage.server.roles import ALL_TABLES, CLINICAL_TABLES, GroupRoles, table_grants
from tests.clinic.clinic_data import RAHULS_PRIVATE_NOTE, Clinic, make_clinic
from tests.clinic.conftest import new_database
from tests.clinic.server import TestServer

PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")


@pytest.fixture(scope="module")
def clinic(pg_server: TestServer) -> Clinic:
    """One clinic for the module: the tests that write add records of their own, by new uids."""
    return make_clinic(new_database(pg_server))


@pytest.mark.parametrize("table", CLINICAL_TABLES)
def test_the_front_desk_cannot_select_a_clinical_table(clinic: Clinic, table: str) -> None:
    with clinic.connect("priya") as desk, pytest.raises(errors.InsufficientPrivilege, match="permission denied"):
        desk.execute(sql.SQL("SELECT * FROM clinic.{}").format(sql.Identifier(table)))


def test_the_front_desk_reads_patients_and_the_documents_of_signed_sessions(clinic: Clinic) -> None:
    with clinic.connect("priya") as desk:
        assert desk.execute("SELECT uid FROM clinic.patients").fetchall() == [(clinic.patient,)]
        documents = desk.execute("SELECT session_uid FROM clinic.session_documents").fetchall()
    assert documents == [(clinic.session,)]


def test_a_therapist_cannot_read_another_therapists_private_notes(clinic: Clinic) -> None:
    with clinic.connect("meera") as meera:
        assert meera.execute("SELECT count(*) FROM clinic.sessions WHERE uid = %s", [clinic.session]).fetchone() == (
            1,
        )  # the session itself: yes
        assert meera.execute("SELECT text FROM clinic.session_private_notes").fetchall() == []
    with clinic.connect("rahul") as rahul:
        assert rahul.execute("SELECT text FROM clinic.session_private_notes").fetchall() == [(RAHULS_PRIVATE_NOTE,)]


@pytest.mark.parametrize("who", ["admin", "ana"])
def test_neither_the_clinic_owner_nor_the_tables_owner_reads_a_therapists_private_notes(
    clinic: Clinic, who: str
) -> None:
    with clinic.connect(who) as conn:
        assert conn.execute("SELECT text FROM clinic.session_private_notes").fetchall() == []


def test_a_therapist_cannot_write_private_notes_in_another_therapists_name(clinic: Clinic) -> None:
    draft = uuid.uuid4()
    with clinic.connect("meera") as meera:
        meera.execute(
            "INSERT INTO clinic.sessions (uid, patient_uid, started_at, body) VALUES (%s, %s, now(), '{}')",
            [draft, clinic.patient],
        )
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            meera.execute(
                "INSERT INTO clinic.session_private_notes (session_uid, author_role, text) VALUES (%s, %s, 'x')",
                [draft, clinic.roles["rahul"]],
            )


# Each statement is run by the role with the most right to run it: the tables' owner (every
# privilege), and the therapist who signed (UPDATE and DELETE on sessions and private notes).
_CHANGES = [
    ("admin", "UPDATE clinic.sessions SET body = '{}', version = version + 1 WHERE uid = %(session)s"),
    ("rahul", "UPDATE clinic.sessions SET body = '{}', version = version + 1 WHERE uid = %(session)s"),
    ("admin", "DELETE FROM clinic.sessions WHERE uid = %(session)s"),
    ("rahul", "DELETE FROM clinic.sessions WHERE uid = %(session)s"),
    ("rahul", "UPDATE clinic.session_private_notes SET text = 'rewritten' WHERE session_uid = %(session)s"),
    ("rahul", "DELETE FROM clinic.session_private_notes WHERE session_uid = %(session)s"),
    ("admin", "UPDATE clinic.addenda SET body = '{}' WHERE uid = %(addendum)s"),
    ("admin", "DELETE FROM clinic.addenda WHERE uid = %(addendum)s"),
    ("admin", "UPDATE clinic.audit_entries SET summary = 'nothing happened' WHERE uid = %(audit)s"),
    ("admin", "DELETE FROM clinic.audit_entries WHERE uid = %(audit)s"),
    ("admin", "UPDATE clinic.session_documents SET body = '{}' WHERE session_uid = %(session)s"),
    ("admin", "TRUNCATE clinic.addenda"),
    ("admin", "TRUNCATE clinic.audit_entries"),
    ("admin", "TRUNCATE clinic.sessions CASCADE"),
]


@pytest.mark.parametrize(("who", "statement"), _CHANGES)
def test_nobody_changes_or_removes_a_signed_note_an_addendum_or_an_audit_entry(
    clinic: Clinic, who: str, statement: str
) -> None:
    keys = {"session": clinic.session, "addendum": clinic.addendum, "audit": clinic.audit_entry}
    with (
        clinic.connect(who) as conn,
        pytest.raises(errors.IntegrityConstraintViolation, match="never changed or removed"),
    ):
        conn.execute(statement, keys if "%(" in statement else None)
    with clinic.connect("rahul") as rahul:
        counts = rahul.execute(
            "SELECT (SELECT count(*) FROM clinic.sessions WHERE uid = %(session)s AND body <> '{}'),"
            " (SELECT count(*) FROM clinic.addenda WHERE uid = %(addendum)s AND body <> '{}'),"
            " (SELECT count(*) FROM clinic.audit_entries WHERE uid = %(audit)s AND summary = ''),"
            " (SELECT count(*) FROM clinic.session_private_notes WHERE session_uid = %(session)s"
            "  AND text = %(note)s)",
            {**keys, "note": RAHULS_PRIVATE_NOTE},
        ).fetchone()
    assert counts == (1, 1, 1, 1)


def test_a_draft_session_changes_only_as_its_next_version(clinic: Clinic) -> None:
    draft = uuid.uuid4()
    with clinic.connect("meera") as meera:
        meera.execute(
            "INSERT INTO clinic.sessions (uid, patient_uid, started_at, body) VALUES (%s, %s, now(), '{}')",
            [draft, clinic.patient],
        )
        meera.execute("UPDATE clinic.sessions SET body = %s, version = 2 WHERE uid = %s", [Jsonb({"plan": "a"}), draft])
        with pytest.raises(errors.SerializationFailure, match="changed since version 1 was read"):
            meera.execute("UPDATE clinic.sessions SET body = '{}', version = 2 WHERE uid = %s", [draft])
        with pytest.raises(errors.SerializationFailure):
            meera.execute("UPDATE clinic.sessions SET body = '{}' WHERE uid = %s", [draft])  # no version given
        row = meera.execute("SELECT body, version, updated_by FROM clinic.sessions WHERE uid = %s", [draft]).fetchone()
    assert row == ({"plan": "a"}, 2, clinic.roles["meera"])


def test_each_kinds_grants_on_the_server_are_those_domain_access_gives_it(clinic: Clinic) -> None:
    """The server's grants, read back from PostgreSQL, agree with domain/access.py's ROLE_CAN."""
    groups = GroupRoles(clinic.db.name)
    with clinic.connect("admin") as admin:
        for kind in groups.kinds:
            held = {
                (privilege, table)
                for table in ALL_TABLES
                for privilege in PRIVILEGES
                if admin.execute(
                    "SELECT has_table_privilege(%s, %s, %s)", [groups.of(kind), f"clinic.{table}", privilege]
                ).fetchone()
                == (True,)
            }
            assert held == table_grants(kind), kind
    assert not any(("SELECT", t) in table_grants("front_desk") for t in CLINICAL_TABLES)
    assert Can.READ_CLINICAL not in ROLE_CAN["front_desk"]


def test_a_practitioners_role_is_a_member_of_its_kinds_group_only(clinic: Clinic) -> None:
    with clinic.connect("admin") as admin:
        rows = admin.execute(
            "SELECT m.rolname, g.rolname FROM pg_auth_members a JOIN pg_roles m ON m.oid = a.member"
            " JOIN pg_roles g ON g.oid = a.roleid WHERE m.rolname LIKE %s ORDER BY 1",
            [f"{clinic.db.name}\\_%"],
        ).fetchall()
        people = admin.execute("SELECT db_role, role FROM clinic.practitioners ORDER BY 1").fetchall()
    db = clinic.db.name
    assert rows == [
        (f"{db}_ana", f"{db}_owner"),
        (f"{db}_meera", f"{db}_therapist"),
        (f"{db}_priya", f"{db}_front_desk"),
        (f"{db}_rahul", f"{db}_therapist"),
    ]
    assert people == [
        (f"{db}_ana", "owner"),
        (f"{db}_meera", "therapist"),
        (f"{db}_priya", "front_desk"),
        (f"{db}_rahul", "therapist"),
    ]


def test_a_role_outside_the_clinic_cannot_even_connect(clinic: Clinic) -> None:
    with clinic.db.superuser() as su:
        su.execute("CREATE ROLE stranger LOGIN PASSWORD 'stranger'")
    try:
        with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
            clinic.db.connect("stranger", "stranger")
    finally:
        with clinic.db.superuser() as su:
            su.execute("DROP ROLE stranger")
