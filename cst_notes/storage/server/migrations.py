"""The clinic schema's versions, applied on the server once each, in order, in a transaction.

``clinic.migrations`` on the server records each version applied (its number, name, the hash of
its SQL, when and by whom). ``init`` makes the schema on an EMPTY database only: a database that
already holds a clinic, or anything else (a table, a schema of its own), is refused with a message
and left exactly as it was. The whole of ``init`` is one transaction (with an advisory lock, so two
at once cannot both start): it either leaves a complete clinic or nothing.

Version 1 (``migrations/s001_clinic_schema.sql``) makes the tables, triggers and policy; its
grants, which depend on the database's name and on ``domain.access``, are made by ``_grant``.
Version 2 (``s002_pull.sql``) adds what pulling needs: the private notes' salt (signature form 2),
and a key row's ``pushed_by`` set by the server. Version 3 (``s003_audit_by_patient.sql``) indexes
the audit entries by patient, as the pull reads them. Version 4 (``s004_changes.sql``) stamps each
row a pull reads with the transaction that wrote it, so that a pull reads only what changed.
Version 5 (``s005_plans.sql``) does the same for follow-up plans, which are synced from then on, and
refuses their removal. Version 6 (``s006_screening.sql``) stamps screening changes and refuses their
change. Version 7 (``s007_settings.sql``) holds the clinic-wide settings, with versions; its grants
are made by ``_grant_on``.

``upgrade`` brings a clinic made by an older app up to ``LATEST``: each version the server lacks,
in order, in one transaction under the same advisory lock, as the database's owner. It refuses,
nothing changed, a database holding no clinic, a server of a version newer than this app knows,
and a server whose record of an applied version differs from this app's SQL of it (its history was
changed). A laptop refuses to sync with a server newer than this app (``refuse_newer``); an older
one keeps working.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import psycopg
from psycopg import sql

from cst_notes.storage.server.connection import ClinicServerError
from cst_notes.storage.server.roles import ALL_TABLES, SCHEMA, SETTINGS_TABLE, GroupRoles, table_grants

Connection = psycopg.Connection[tuple[Any, ...]]
_LOCK = 0x0C57_0017  # pg_advisory_xact_lock key: one clinic migration at a time on a server


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql_file: str
    after: Callable[[Connection, GroupRoles], None] | None = None  # what plain SQL cannot say (names, grants)

    @property
    def sql(self) -> str:
        return resources.files("cst_notes.storage.server").joinpath("migrations", self.sql_file).read_text("utf-8")

    @property
    def sql_hash(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()

    @property
    def accepted_hashes(self) -> frozenset[str]:
        """The hashes a server may record for this version: its SQL's, and a released earlier text's."""
        return frozenset({self.sql_hash, *RELEASED_HASHES.get(self.version, ())})


# The one place where a migration's SQL differs from a text already released: the hash of each text
# released before, by version, which servers made with it record. Such a server holds the same
# migration (upgrade does not refuse it as a changed history); anything else is refused.
RELEASED_HASHES: dict[int, tuple[str, ...]] = {
    # s004_changes.sql as released (0a3660e): its columns NOT NULL with no default, which failed on a
    # server holding rows. Edited for clinic upgrade to stamp the rows already there; a server made
    # at version 4 had none, so the two texts made the same schema.
    4: ("d36b1ade4fcf45b4252b53c018a5e82251fcffb9aae677a53ad7625c3b8a3a8b",),
}


def _grant(conn: Connection, roles: GroupRoles) -> None:
    """The group roles, their rights to the database and the schema, and each kind's table grants."""
    database = sql.Identifier(roles.database)
    schema = sql.Identifier(SCHEMA)
    conn.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(database))
    conn.execute(sql.SQL("REVOKE ALL ON SCHEMA {} FROM PUBLIC").format(schema))
    for kind in roles.kinds:
        group = sql.Identifier(roles.of(kind))
        conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(group))
        conn.execute(sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(database, group))
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, group))
    _grant_on(tuple(t for t in ALL_TABLES if t != SETTINGS_TABLE))(conn, roles)


def _grant_on(tables: tuple[str, ...]) -> Callable[[Connection, GroupRoles], None]:
    """Each kind's table grants (``roles.table_grants``) on ``tables``, made by a migration that makes them."""

    def grant(conn: Connection, roles: GroupRoles) -> None:
        schema = sql.Identifier(SCHEMA)
        for kind in roles.kinds:
            group = sql.Identifier(roles.of(kind))
            for privilege, table in sorted(table_grants(kind)):
                if table in tables:
                    conn.execute(
                        sql.SQL("GRANT {} ON {}.{} TO {}").format(
                            sql.SQL(privilege), schema, sql.Identifier(table), group
                        )
                    )
        for table in tables:
            conn.execute(sql.SQL("REVOKE ALL ON {}.{} FROM PUBLIC").format(schema, sql.Identifier(table)))

    return grant


MIGRATIONS = (
    Migration(
        1, "clinic schema: records by uid, immutability, versions, private notes", "s001_clinic_schema.sql", _grant
    ),
    Migration(2, "pull: the private notes' salt, keys bound to who pushed them", "s002_pull.sql"),
    Migration(3, "sync speed: the audit entries indexed by patient", "s003_audit_by_patient.sql"),
    Migration(4, "sync speed: the transaction that last wrote each row, for pulls of what changed", "s004_changes.sql"),
    Migration(5, "follow-up plans synced: stamped with their transaction, never removed", "s005_plans.sql"),
    Migration(6, "screening changes synced: stamped with their transaction, never changed", "s006_screening.sql"),
    Migration(7, "the clinic-wide settings synced, with versions", "s007_settings.sql", _grant_on((SETTINGS_TABLE,))),
)
LATEST = MIGRATIONS[-1].version


@dataclass(frozen=True)
class Initialised:
    """What ``init`` made: the database, the versions applied, and the group roles."""

    database: str
    versions: tuple[int, ...]
    group_roles: tuple[str, ...]


def applied_versions(conn: Connection) -> tuple[int, ...]:
    """The versions recorded on the server; () when it has no clinic schema."""
    if conn.execute("SELECT to_regclass('clinic.migrations')").fetchone() == (None,):
        return ()
    return tuple(r[0] for r in conn.execute("SELECT version FROM clinic.migrations ORDER BY version"))


def _refuse_unless_empty(conn: Connection, database: str) -> None:
    versions = applied_versions(conn)
    if versions:
        raise ClinicServerError(
            f"the database {database} already holds a CST Notes clinic (schema version {max(versions)}): "
            "nothing was changed"
        )
    found = [
        r[0]
        for r in conn.execute(
            "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
            " ORDER BY 1 LIMIT 3"
        )
    ]
    found += [
        f"schema {r[0]}"
        for r in conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('public', 'information_schema')"
            " AND nspname NOT LIKE 'pg\\_%' ORDER BY 1 LIMIT 3"
        )
    ]
    if found:
        raise ClinicServerError(
            f"the database {database} is not empty (it holds {', '.join(found[:3])}): clinic init makes the "
            "clinic's schema on an empty database only; nothing was changed"
        )
    roles = GroupRoles(database)
    taken = [r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", [list(roles.names)])]
    if taken:
        raise ClinicServerError(
            f"the server already has the role {taken[0]}, which the clinic in database {database} would "
            "make: drop it or use another database name; nothing was changed"
        )


def _apply(conn: Connection, migration: Migration, roles: GroupRoles) -> None:
    with conn.transaction():
        conn.execute(migration.sql.encode("utf-8"))  # several statements: sent as one simple query
        if migration.after is not None:
            migration.after(conn, roles)
        conn.execute(
            "INSERT INTO clinic.migrations (version, name, sql_hash) VALUES (%s, %s, %s)",
            [migration.version, migration.name, migration.sql_hash],
        )


def init(conn: Connection, *, through: int = LATEST) -> Initialised:
    """Make the clinic schema on the empty database ``conn`` is connected to, as its owner; one
    transaction. ClinicServerError, with nothing changed, for a database not empty or a role that
    cannot make roles. ``through``: the last version applied (the tests make an older clinic to
    upgrade; the commands always make the latest)."""
    database = str(conn.info.dbname)
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
        _refuse_unless_empty(conn, database)
        _refuse_without_rights(conn, database)
        roles = GroupRoles(database)
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(SCHEMA)))
        conn.execute(
            "CREATE TABLE clinic.migrations ("
            " version integer PRIMARY KEY, name text NOT NULL, sql_hash text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now(), applied_by name NOT NULL DEFAULT current_user)"
        )
        for migration in MIGRATIONS:
            if migration.version <= through:
                _apply(conn, migration, roles)
    return Initialised(database, applied_versions(conn), roles.names)


def schema_version(conn: Connection) -> int:
    """The newest version the server records; 0 when it has no clinic schema."""
    with conn.transaction():
        versions = applied_versions(conn)
    return max(versions, default=0)


def refuse_newer(version: int, where: str) -> None:
    """ClinicServerError when the server's schema ``version`` is newer than this app knows: this app
    would misread it, so nothing is done with it until the app is updated. ``where``: the server or
    database, in words."""
    if version > LATEST:
        raise ClinicServerError(
            f"{where} holds the clinic schema at version {version}, newer than this app knows (version {LATEST}): "
            "update CST Notes on this computer; nothing was changed"
        )


@dataclass(frozen=True)
class Upgraded:
    """What ``upgrade`` did: the versions it applied (none: the server was current) and the version now."""

    database: str
    applied: tuple[Migration, ...]
    version: int


def upgrade(conn: Connection) -> Upgraded:
    """Apply to the clinic ``conn`` is connected to, as the database's owner, each migration it lacks,
    in order, in one transaction (with ``init``'s advisory lock, so a second upgrade at once waits
    and then finds the server current). ClinicServerError, nothing changed, for a database holding
    no clinic, one newer than this app, one whose recorded history differs from this app's, or a
    role other than the clinic's owner."""
    database = str(conn.info.dbname)
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
        if not applied_versions(conn):
            raise ClinicServerError(
                f"the database {database} holds no CST Notes clinic: clinic init makes one; nothing was changed"
            )
        _refuse_other_owner(conn, database)
        recorded = _recorded(conn, database)
        roles = GroupRoles(database)
        lacking = tuple(m for m in MIGRATIONS if m.version not in recorded)
        for migration in lacking:
            _apply(conn, migration, roles)
    return Upgraded(database, lacking, LATEST)


def _recorded(conn: Connection, database: str) -> dict[int, str]:
    """The versions the server records, with their SQL's hashes, after checking that this app can
    go on from them: ClinicServerError otherwise."""
    recorded = {int(v): str(h) for v, h in conn.execute("SELECT version, sql_hash FROM clinic.migrations")}
    newest = max(recorded, default=0)
    refuse_newer(newest, f"the database {database}")
    known = {m.version: m for m in MIGRATIONS}
    if sorted(recorded) != list(range(1, newest + 1)):
        raise ClinicServerError(
            f"the database {database} records the clinic schema versions {sorted(recorded)}, not each from 1 "
            "in turn: its history was changed by hand, so no migration is applied over it; nothing was changed"
        )
    for version, recorded_hash in sorted(recorded.items()):
        if recorded_hash not in known[version].accepted_hashes:
            raise ClinicServerError(
                f"the database {database} records version {version} ({known[version].name}) with the SQL hash "
                f"{recorded_hash[:12]}…, and this app's is {known[version].sql_hash[:12]}…: the clinic schema's "
                "history was changed, so no migration is applied over it; nothing was changed"
            )
    return recorded


def _refuse_other_owner(conn: Connection, database: str) -> None:
    row = conn.execute("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = %s", [SCHEMA]).fetchone()
    owner = None if row is None else str(row[0])
    if owner != conn.info.user:
        raise ClinicServerError(
            f"the clinic in {database} belongs to the role {owner}, which made it with clinic init: run clinic "
            f"upgrade as that role, not {conn.info.user}; nothing was changed"
        )


def _refuse_without_rights(conn: Connection, database: str) -> None:
    row = conn.execute(
        "SELECT rolcreaterole, rolsuper, pg_catalog.has_database_privilege(current_user, current_database(), 'CREATE')"
        " FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    user = conn.info.user
    if row is None or not row[2]:
        raise ClinicServerError(
            f"the role {user} may not create schemas in {database}: run clinic init as the database's owner "
            f"(createdb --owner {user} {database}); nothing was changed"
        )
    if row[1]:
        raise ClinicServerError(
            f"{user} is a superuser, whom row-level security does not hold: make the clinic as an owner role "
            f"without superuser (createuser --createrole --pwprompt OWNER); nothing was changed"
        )
    if not row[0]:
        raise ClinicServerError(
            f"the role {user} may not create roles, and the clinic needs one per practitioner: as the postgres "
            f"user, ALTER ROLE {user} CREATEROLE; nothing was changed"
        )
