"""The clinic server's actions (issue 17): make the clinic's shared record on an empty PostgreSQL
database, a database role for each practitioner, join a laptop to it, and push a patient's
immutable records there.

Not imported by ``cst_notes.services``: the laptop's own path never loads psycopg; the CLI imports
this module when a clinic command names a server. What the server holds and guards:
``cst_notes.storage.server``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from dataclasses import dataclass

from cst_notes.domain import vocabulary as V
from cst_notes.domain.clinic import ClinicLink
from cst_notes.domain.practitioner import name_key
from cst_notes.services import Services
from cst_notes.storage.server import connection, migrations, practitioners, push
from cst_notes.storage.server.connection import ClinicServerError
from cst_notes.storage.server.roles import GroupRoles

__all__ = [
    "ClinicMade",
    "ClinicServerError",
    "Pushed",
    "add_clinic_role",
    "init_clinic",
    "join_clinic",
    "push_patients",
]
Pushed = push.Pushed


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


def join_clinic(services: Services, url: str, password: str | None = None) -> ClinicLink:
    """Link this laptop to the clinic at ``url``, as the practitioner whose own role the URL names;
    the address is kept without a password (TLS whenever the server is on another machine). Refused,
    nothing kept, when the server holds no clinic or the role is no practitioner of it."""
    address = connection.secured(url)
    with contextlib.closing(connection.connect(address, password)) as conn:
        versions = migrations.applied_versions(conn)
        if not versions:
            raise ClinicServerError(
                f"{connection.without_password(url)} holds no CST Notes clinic: its owner makes one with clinic init"
            )
        role = str(conn.info.user)
        row = conn.execute("SELECT name FROM clinic.practitioners WHERE db_role = current_user").fetchone()
    if row is None:
        raise ClinicServerError(
            f"the role {role} is no practitioner of this clinic: the clinic's owner adds it with clinic add-role"
        )
    name = str(row[0])
    signed_in = services.signed_in
    if signed_in is not None and name_key(signed_in.name) != name_key(name):
        raise ClinicServerError(f"the role {role} is {name}'s, and {signed_in.name} is signed in: nothing was kept")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    link = ClinicLink(connection.without_password(address), role, name, str(uuid.uuid4()), now)
    services.link_clinic(link)
    return link


def push_patients(services: Services, patient_ids: list[int], password: str | None = None) -> Pushed:
    """Push these patients' signed sessions, addenda and audit entries to this laptop's clinic
    server (a union by uid: what it has is left alone); returns what was new there."""
    link = services.clinic_link()
    if link is None:
        raise ClinicServerError("this laptop has joined no clinic: cst-notes clinic join --db FILE --server URL")
    outboxes = [services.clinic_outbox(pid, link.practitioner) for pid in patient_ids]
    total = Pushed()
    with contextlib.closing(connection.connect(link.server, password)) as conn:
        for outbox in outboxes:
            done = push.push_patient(conn, outbox, link.laptop_uid)
            total = Pushed(*(a + b for a, b in zip(vars(total).values(), vars(done).values(), strict=True)))
    return total
