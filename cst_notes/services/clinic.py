"""The clinic server's actions (issue 17): make the clinic's shared record on an empty PostgreSQL
database, and a database role for each practitioner.

Not imported by ``cst_notes.services``: the laptop's own path never loads psycopg; the CLI imports
this module when a clinic command names a server. What the server holds and guards:
``cst_notes.storage.server``.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from cst_notes.domain import vocabulary as V
from cst_notes.storage.server import connection, migrations, practitioners
from cst_notes.storage.server.connection import ClinicServerError
from cst_notes.storage.server.roles import GroupRoles

__all__ = ["ClinicMade", "ClinicServerError", "add_clinic_role", "init_clinic"]


@dataclass(frozen=True)
class ClinicMade:
    """What ``init_clinic`` made: on which server (no password), the schema versions, the group roles."""

    server: str
    database: str
    versions: tuple[int, ...]
    group_roles: tuple[str, ...]


def init_clinic(url: str) -> ClinicMade:
    """Make the clinic schema on the empty database at ``url``, connecting as its owner (a role with
    CREATEROLE, not a superuser). ClinicServerError, nothing changed, when it is not empty."""
    with contextlib.closing(connection.connect(url)) as conn:
        made = migrations.init(conn)
    return ClinicMade(connection.without_password(url), made.database, made.versions, made.group_roles)


def add_clinic_role(url: str, db_role: str, name: str, kind: str, password: str) -> str:
    """A practitioner's own login role on the clinic server at ``url`` (connecting as the database's
    owner); returns the group role it joined."""
    if kind not in V.ROLES.codes:
        raise ClinicServerError(f"the kind of practitioner is one of {', '.join(V.ROLES.codes)}, not {kind!r}")
    with contextlib.closing(connection.connect(url)) as conn:
        practitioners.add_practitioner(conn, db_role, name, kind, password)
        return GroupRoles(str(conn.info.dbname)).of(kind)
