"""The database schema, changed only through these sqlite-utils migrations (sqlite-utils is
imported only when one is to run: whether any is pending is read from its table directly).

Every table and column is named for what it holds, with a comment where a unit or a code
list needs saying, so that someone reading the file with the ``sqlite3`` shell (``.schema``)
understands it. Codes come from ``cst_notes.domain.vocabulary``; labels are never stored.
Dates are ISO dates (YYYY-MM-DD); times are ISO 8601 UTC text ending in Z.

Each migration is the literal SQL in ``migrations/<name>.sql``, run statement by statement: no
migration is built from code that is still edited, so a new database and one upgraded from any
earlier version get the same schema. A migration, once released, is never edited: add a new one
(tests/storage/test_schema.py pins each released file and the whole schema of a new database).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
from collections.abc import Callable
from importlib import resources
from typing import TYPE_CHECKING

from cst_notes.domain.audit import CHAIN_COLUMNS, CHAIN_GENESIS, chain_hash
from cst_notes.domain.practitioner import name_key
from cst_notes.domain.signing import signer_name_errors
from cst_notes.storage.connection import Database

if TYPE_CHECKING:
    from sqlite_utils import Database as MigratingDatabase  # what a migration is given
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "cst_notes"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' Migrations.migrations_table
Migration = Callable[["MigratingDatabase"], None]
MIGRATIONS: list[Migration] = []  # in order
MIGRATION_NAMES: list[str] = []  # in order; the schema version is how many have been applied


def _migration(fn: Migration) -> Migration:
    MIGRATIONS.append(fn)
    MIGRATION_NAMES.append(fn.__name__)
    return fn


@functools.cache
def migration_set() -> Migrations:
    """The migrations as sqlite-utils' set (imported here, the first time one is to run)."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for fn in MIGRATIONS:
        migrations()(fn)
    return migrations


def applied_migrations(db: Database) -> list[str]:
    """The names of this set's migrations the database has had, in the order they ran (read from
    sqlite-utils' table, as ``Migrations.applied`` does, without importing it)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]).fetchone():
        return []
    rows = db.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET])
    return [name for (name,) in rows]


def pending_migrations(db: Database) -> list[str]:
    applied = set(applied_migrations(db))
    return [name for name in MIGRATION_NAMES if name not in applied]


def apply_migrations(conn: sqlite3.Connection) -> None:
    """Run every pending migration on ``conn``, each in its own transaction (sqlite-utils' way)."""
    from sqlite_utils import Database as MigratingDatabase

    migration_set().apply(MigratingDatabase(conn, execute_plugins=False))


def migration_sql(name: str) -> str:
    """The text of a migration's SQL file."""
    return (resources.files("cst_notes.storage") / "migrations" / f"{name}.sql").read_text(encoding="utf-8")


def split_statements(text: str) -> list[str]:
    """The statements of an SQL text, each without its final semicolon and the comment lines before it."""
    statements, pending = [], ""
    for line in text.splitlines(keepends=True):
        if not pending.strip() and line.lstrip().startswith("--"):
            continue  # a comment between statements
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip().removesuffix(";").rstrip())
            pending = ""
    if pending.strip():
        raise ValueError(f"an incomplete statement at the end: {pending.strip()[:80]}")
    return statements


def _run(db: MigratingDatabase, name: str, part: int = 0) -> None:
    """Run a migration's SQL file, or one of its parts (split at lines starting ``-- PART``)."""
    chunks = re.split(r"^-- PART.*$", migration_sql(name), flags=re.MULTILINE)
    for statement in split_statements(chunks[part]):
        db.execute(statement)


@_migration
def m001_initial_schema(db: MigratingDatabase) -> None:
    _run(db, "m001_initial_schema")


@_migration
def m002_drafts(db: MigratingDatabase) -> None:
    _run(db, "m002_drafts")


@_migration
def m003_signing_addenda_audit(db: MigratingDatabase) -> None:
    _run(db, "m003_signing_addenda_audit")


@_migration
def m004_session_templates(db: MigratingDatabase) -> None:
    _run(db, "m004_session_templates")


@_migration
def m005_search(db: MigratingDatabase) -> None:
    _run(db, "m005_search")


@_migration
def m006_date_order(db: MigratingDatabase) -> None:
    _run(db, "m006_date_order")


@_migration
def m008_plans(db: MigratingDatabase) -> None:
    """Goals judged with a date; a course of care closed (the client leaves the due list); plans searched."""
    _run(db, "m008_plans")


@_migration
def m009_screening(db: MigratingDatabase) -> None:
    """Contraindication screening as a living list: dated changes after the intake, append-only."""
    _run(db, "m009_screening")


@_migration
def m010_tamper_evident(db: MigratingDatabase) -> None:
    """REPLACE and upserts refused over signed notes, addenda and the audit log; the audit log a hash chain."""
    _run(db, "m010_tamper_evident", part=0)
    previous = CHAIN_GENESIS
    columns = ", ".join(CHAIN_COLUMNS)
    for stored in db.execute(f"SELECT {columns} FROM audit_log ORDER BY id").fetchall():
        entry = chain_hash(previous, stored)
        db.execute("UPDATE audit_log SET prev_hash = ?, entry_hash = ? WHERE id = ?", [previous, entry, stored[0]])
        previous = entry
    _run(db, "m010_tamper_evident", part=1)


@_migration
def m011_signature_scheme(db: MigratingDatabase) -> None:
    """Each signature records how it was made and which fields it covers; old ones are scheme 1, form 1."""
    _run(db, "m011_signature_scheme")


@_migration
def m012_refuse_bad_rows(db: MigratingDatabase) -> None:
    """Impossible dates, malformed times, unknown codes and rows of no parent refused, foreign keys on or off."""
    _run(db, "m012_refuse_bad_rows")


@_migration
def m013_practitioners(db: MigratingDatabase) -> None:
    """Practitioners and their append-only signing keys; keyed signatures; each signer a practitioner."""
    _run(db, "m013_practitioners")


@_migration
def m014_practice_seals(db: MigratingDatabase) -> None:
    """The audit chain's end signed (seals) and key changes signed; every therapist a practitioner."""
    _run(db, "m014_practice_seals")
    _therapists_become_practitioners(db)


def _therapists_become_practitioners(db: MigratingDatabase) -> None:
    """Each distinct therapist or signer name in the records (sessions' therapist and signer, the
    intakes' signer, addenda's authors, the settings' therapist) becomes a practitioner without a key,
    unless one of that name is stored (names compared as ``domain.practitioner.name_key``); a name that
    is not valid as a signer's is left out (``check`` lists it). If then no one is the owner, the
    settings' therapist is, or else the only practitioner. (m014's own code: never edited.)"""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    known = {name_key(n) for (n,) in db.execute("SELECT name FROM practitioners").fetchall()}
    names = db.execute(
        "SELECT name FROM (SELECT therapist_name AS name, '' AS first FROM clinic_settings "
        "UNION ALL SELECT therapist, started_at FROM sessions "
        "UNION ALL SELECT signed_by, coalesce(signed_at, started_at) FROM sessions WHERE signed_by IS NOT NULL "
        "UNION ALL SELECT signed_by, coalesce(signed_at, '') FROM intakes WHERE signed_by IS NOT NULL "
        "UNION ALL SELECT author, created_at FROM addenda) "
        "WHERE name IS NOT NULL AND trim(name) <> '' GROUP BY name ORDER BY min(first), name"
    ).fetchall()
    for (name,) in names:
        if not isinstance(name, str) or name_key(name) in known or signer_name_errors("name", name.strip()):
            continue
        known.add(name_key(name))
        db.execute(
            "INSERT INTO practitioners (name, created_at, updated_at) VALUES (?, ?, ?)", [name.strip(), now, now]
        )
    if db.execute("SELECT EXISTS (SELECT 1 FROM practitioners WHERE role = 'owner')").fetchone()[0]:
        return
    stored = db.execute("SELECT id, name FROM practitioners ORDER BY id").fetchall()
    therapist = db.execute("SELECT therapist_name FROM clinic_settings").fetchone()
    chosen = [pid for pid, n in stored if therapist and therapist[0] and name_key(n) == name_key(therapist[0])]
    chosen = chosen or [pid for pid, _ in stored if len(stored) == 1]
    if chosen:
        db.execute("UPDATE practitioners SET role = 'owner' WHERE id = ?", [chosen[0]])


@_migration
def m015_idle_lock(db: MigratingDatabase) -> None:
    """The clinic settings' idle time before the screen locks (minutes, 1 to 120; 10 by default)."""
    _run(db, "m015_idle_lock")


@_migration
def m016_document_language(db: MigratingDatabase) -> None:
    """The language of each patient's documents (en, bn or hi; en for those stored before)."""
    _run(db, "m016_document_language")


@_migration
def m017_clinic_server(db: MigratingDatabase) -> None:
    """The clinic server this laptop syncs with (issue 17): one row, its address without a password."""
    _run(db, "m017_clinic_server")


@_migration
def m018_clinic_pull(db: MigratingDatabase) -> None:
    """Sessions' private notes' salt and digest (signature form 2), and the laptop's syncs with its
    clinic server (issue 17)."""
    _run(db, "m018_clinic_pull")


@_migration
def m019_clinic_conflicts(db: MigratingDatabase) -> None:
    """The server version each patient's details were last synced at, and the conflicts of two
    offline edits of them, both versions kept until a person resolves them (issue 17)."""
    _run(db, "m019_clinic_conflicts")


@_migration
def m020_clinic_pull_mark(db: MigratingDatabase) -> None:
    """Where the laptop's next pull from its clinic server starts reading what changed there (issue 17)."""
    _run(db, "m020_clinic_pull_mark")


@_migration
def m021_clinic_holds(db: MigratingDatabase) -> None:
    """Which of the clinic's patients the laptop holds: the practitioner's own, or all (issue 17)."""
    _run(db, "m021_clinic_holds")


@_migration
def m022_clinic_sync_problems(db: MigratingDatabase) -> None:
    """What a pull or sync refused or left on the server, kept with it for the status bar (issue 17)."""
    _run(db, "m022_clinic_sync_problems")


@_migration
def m023_clinic_details_to_push(db: MigratingDatabase) -> None:
    """Details changed here only, found by a pull after a refused push: the next sync pushes them (issue 17)."""
    _run(db, "m023_clinic_details_to_push")


@_migration
def m024_clinic_plans(db: MigratingDatabase) -> None:
    """Follow-up plans known by a uid and synced with the clinic server, with versions and conflicts (issue 17)."""
    _run(db, "m024_clinic_plans")


@_migration
def m025_screening_uids(db: MigratingDatabase) -> None:
    """Contraindication screening changes known by a uid, synced with the clinic server by union (issue 17)."""
    _run(db, "m025_screening_uids")


@_migration
def m026_clinic_server_identity(db: MigratingDatabase) -> None:
    """The clinic server's identity kept with the pull mark, so that one restored into the same
    cluster is known (issue 17)."""
    _run(db, "m026_clinic_server_identity")


@_migration
def m027_clinic_settings_base(db: MigratingDatabase) -> None:
    """The version of the clinic-wide settings last synced with the clinic server (issue 17)."""
    _run(db, "m027_clinic_settings_base")


@_migration
def m028_guards_without_lists(db: MigratingDatabase) -> None:
    """The guard triggers check codes by a chain of <>, not NOT IN a list SQLite builds per row (issue 18)."""
    _run(db, "m028_guards_without_lists")


# Full-text search: a word index (prefix search, any script) and a trigram index (matches inside
# words, e.g. ব্যথা in মাথাব্যথা) over names and notes. External content: the text stays in its
# table; triggers keep the indexes in step unless a bulk import has deferred them (it rebuilds).
# The columns of every index, as the migrations (m005, m008) made them; read by the search.
SEARCH_SOURCES = {
    "patients": ("full_name", "preferred_name"),
    "sessions": ("subjective", "objective", "assessment", "plan", "response", "private_notes"),
    "intakes": ("complaint", "goals", "medical_history", "prior_treatment", "pregnancy_note", "birth_note"),
    "addenda": ("text",),
    "follow_up_plans": ("frequency_note", "home_care", "closing_note"),
    "plan_goals": ("description", "measure"),
    "plan_referrals": ("note",),
}
SEARCH_INDEX_KINDS = ("words", "trigrams")
SEARCH_TRIGGER_EVENTS = ("add", "remove", "change")


def search_index_names() -> list[str]:
    return [f"{table}_{kind}" for table in SEARCH_SOURCES for kind in SEARCH_INDEX_KINDS]


def search_trigger_names() -> set[str]:
    """The triggers that keep the search indexes in step; every other trigger is protective."""
    return {f"{index}_{event}" for index in search_index_names() for event in SEARCH_TRIGGER_EVENTS}


@functools.cache
def expected_triggers() -> dict[str, tuple[str, str]]:
    """Every trigger a database of the latest version has: name -> (table, its SQL), as the
    migrations make it in a new database."""
    conn = sqlite3.connect(":memory:")
    try:
        apply_migrations(conn)
        rows = conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    finally:
        conn.close()
    return {name: (table, sql) for name, table, sql in rows}


def protective_triggers() -> set[str]:
    """The names of the triggers that lock signed notes, keep addenda, the audit log and the
    screening changes, and refuse bad rows."""
    return set(expected_triggers()) - search_trigger_names()


# The triggers of m012 that refuse bad rows (impossible dates, malformed times, unknown codes, rows
# of no parent) and delete a deleted row's parts while foreign keys are off.
ROW_GUARD_SUFFIXES = ("_guard_insert", "_guard_update", "_guard_delete", "_cascade_delete")


def row_guard_triggers() -> set[str]:
    return {name for name in expected_triggers() if name.endswith(ROW_GUARD_SUFFIXES)}
