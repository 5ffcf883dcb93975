"""The practitioners' own database roles on the clinic server.

Each practitioner logs in as a role of their own (LOGIN, no privilege of its own, member of their
kind's group role: ``roles.GroupRoles``), so that the server knows who reads and writes: row-level
security compares a private note's ``author_role`` with ``current_user``. The password is hashed
with SCRAM on this machine (libpq's PQencryptPasswordConn): it never crosses the network or reaches
the server's log in clear.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from cst_notes.storage.server.connection import ClinicServerError
from cst_notes.storage.server.roles import GroupRoles

MAX_ROLE_NAME = 63  # PostgreSQL's NAMEDATALEN - 1


def add_practitioner(
    conn: psycopg.Connection[tuple[Any, ...]], db_role: str, name: str, kind: str, password: str
) -> None:
    """Make ``db_role`` (LOGIN, in ``kind``'s group) for practitioner ``name``, recorded in clinic.practitioners."""
    if not db_role or len(db_role.encode("utf-8")) > MAX_ROLE_NAME:
        raise ClinicServerError(f"a database role's name has 1 to {MAX_ROLE_NAME} bytes, not {db_role!r}")
    if not password:
        raise ClinicServerError(f"the role {db_role} needs a password")
    group = GroupRoles(str(conn.info.dbname)).of(kind)
    hashed = conn.pgconn.encrypt_password(password.encode("utf-8"), db_role.encode("utf-8"), b"scram-sha-256")
    with conn.transaction():
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN INHERIT IN ROLE {} PASSWORD {}").format(
                sql.Identifier(db_role), sql.Identifier(group), sql.Literal(hashed.decode("ascii"))
            )
        )
        conn.execute(
            "INSERT INTO clinic.practitioners (db_role, name, role) VALUES (%s, %s, %s)", [db_role, name, kind]
        )
