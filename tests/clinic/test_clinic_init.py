"""``clinic init`` on the server: the schema made through versioned migrations on an empty database
only; a second init, or one on a database holding anything else, refused with nothing changed."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from cst_notes.storage.server import migrations
from cst_notes.storage.server.connection import ClinicServerError
from tests.clinic.conftest import EmptyDatabase

_STATE = (
    "SELECT (SELECT array_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text ORDER BY 1) FROM pg_class c"
    "  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
    "  AND n.nspname NOT LIKE 'pg\\_%%'),"
    " (SELECT array_agg(tgname::text ORDER BY 1) FROM pg_trigger WHERE NOT tgisinternal),"
    " (SELECT array_agg(rolname::text ORDER BY 1) FROM pg_roles WHERE rolname LIKE %s),"
    " (SELECT array_agg(polname::text ORDER BY 1) FROM pg_policy)"
)


def _state(db: EmptyDatabase) -> tuple[Any, ...]:
    """Every relation, trigger, policy and clinic role: what an init would make."""
    with db.superuser() as su:
        row = su.execute(_STATE, [f"{db.name}\\_%"]).fetchone()
        assert row is not None
        migrations_rows = (
            su.execute("SELECT * FROM clinic.migrations ORDER BY version").fetchall()
            if su.execute("SELECT to_regclass('clinic.migrations')").fetchone() != (None,)
            else []
        )
    return (*row, migrations_rows)


def test_init_on_an_empty_database_records_each_migration_once(empty_database: EmptyDatabase) -> None:
    with psycopg.connect(empty_database.url) as conn:
        made = migrations.init(conn)
    assert made.versions == tuple(m.version for m in migrations.MIGRATIONS) == (1, 2, 3, 4, 5, 6, 7)
    assert made.group_roles == tuple(f"{empty_database.name}_{k}" for k in ("owner", "therapist", "front_desk"))
    with empty_database.superuser() as su:
        rows = su.execute("SELECT version, name, sql_hash, applied_by FROM clinic.migrations").fetchall()
        tables = su.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'clinic' ORDER BY 1").fetchall()
    assert rows == [(m.version, m.name, m.sql_hash, empty_database.owner) for m in migrations.MIGRATIONS]
    assert [t for (t,) in tables] == [
        "addenda",
        "audit_entries",
        "intakes",
        "migrations",
        "patients",
        "plans",
        "practitioner_keys",
        "practitioners",
        "screening_entries",
        "session_documents",
        "session_private_notes",
        "sessions",
        "settings",
    ]


def test_a_second_init_is_refused_and_changes_nothing(empty_database: EmptyDatabase) -> None:
    with psycopg.connect(empty_database.url) as conn:
        migrations.init(conn)
    before = _state(empty_database)
    with psycopg.connect(empty_database.url) as conn, pytest.raises(ClinicServerError) as refused:
        migrations.init(conn)
    assert str(refused.value) == (
        f"the database {empty_database.name} already holds a CST Notes clinic "
        f"(schema version {migrations.LATEST}): nothing was changed"
    )
    assert _state(empty_database) == before


def test_init_on_a_database_holding_other_tables_is_refused_and_changes_nothing(
    empty_database: EmptyDatabase,
) -> None:
    with psycopg.connect(empty_database.url) as conn:
        conn.execute("CREATE TABLE public.invoices (id integer)")
    before = _state(empty_database)
    with psycopg.connect(empty_database.url) as conn, pytest.raises(ClinicServerError, match="is not empty") as refused:
        migrations.init(conn)
    assert "public.invoices" in str(refused.value)
    assert _state(empty_database) == before
    assert before[2] == [empty_database.owner]  # no clinic role was made


def test_init_as_a_role_that_cannot_make_roles_is_refused_and_changes_nothing(
    empty_database: EmptyDatabase,
) -> None:
    with empty_database.superuser() as su:
        su.execute(f'ALTER ROLE "{empty_database.owner}" NOCREATEROLE')
    before = _state(empty_database)
    with psycopg.connect(empty_database.url) as conn, pytest.raises(ClinicServerError, match="may not create roles"):
        migrations.init(conn)
    assert _state(empty_database) == before


def test_init_as_a_superuser_is_refused_since_row_level_security_does_not_hold_one(
    empty_database: EmptyDatabase,
) -> None:
    before = _state(empty_database)
    with (
        psycopg.connect(empty_database.server.superuser_url(empty_database.name)) as conn,
        pytest.raises(ClinicServerError, match="postgres is a superuser, whom row-level security does not hold"),
    ):
        migrations.init(conn)
    assert _state(empty_database) == before


def test_init_as_a_role_that_does_not_own_the_database_is_refused(empty_database: EmptyDatabase) -> None:
    other = f"{empty_database.name}_x"  # lower case letters, digits and _: no quoting needed
    with empty_database.superuser() as su:
        su.execute(f"CREATE ROLE {other} LOGIN CREATEROLE PASSWORD 'x'")
    try:
        before = _state(empty_database)
        with (
            psycopg.connect(empty_database.server.url(other, empty_database.name, "x")) as conn,
            pytest.raises(ClinicServerError, match=f"the role {other} may not create schemas in {empty_database.name}"),
        ):
            migrations.init(conn)
        assert _state(empty_database) == before
    finally:
        with empty_database.superuser() as su:
            su.execute(f"DROP ROLE {other}")


def test_the_pull_reads_a_patients_audit_entries_by_an_index(empty_database: EmptyDatabase) -> None:
    """s003: the pull's read of one patient's audit entries (storage/server/pull.py) needs no scan
    of the whole table (the planner is kept off sequential scans: the table is empty here)."""
    with psycopg.connect(empty_database.url) as conn:
        migrations.init(conn)
    with empty_database.superuser() as su:
        su.execute("SET enable_seqscan = off")
        plan = su.execute(
            "EXPLAIN SELECT uid FROM clinic.audit_entries WHERE patient_uid = %s AND origin <> 'x'"
            " ORDER BY changed_at, uid",
            ["0b9f6a52-8d1e-4c4b-9a57-3c1d2e4f5a6b"],
        ).fetchall()
    assert "audit_entries_by_patient" in " ".join(str(row[0]) for row in plan)
