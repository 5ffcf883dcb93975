"""The database schema, changed only through these sqlite-utils migrations.

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

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from cst_notes.domain.audit import CHAIN_COLUMNS, CHAIN_GENESIS, chain_hash
from cst_notes.domain.practitioner import name_key
from cst_notes.domain.signing import signer_name_errors

MIGRATION_SET = "cst_notes"
migrations = Migrations(MIGRATION_SET)
MIGRATION_NAMES: list[str] = []  # in order; the schema version is how many have been applied


def _migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    MIGRATION_NAMES.append(fn.__name__)
    return migrations()(fn)


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


def _run(db: Database, name: str, part: int = 0) -> None:
    """Run a migration's SQL file, or one of its parts (split at lines starting ``-- PART``)."""
    chunks = re.split(r"^-- PART.*$", migration_sql(name), flags=re.MULTILINE)
    for statement in split_statements(chunks[part]):
        db.execute(statement)


@_migration
def m001_initial_schema(db: Database) -> None:
    _run(db, "m001_initial_schema")


@_migration
def m002_drafts(db: Database) -> None:
    _run(db, "m002_drafts")


@_migration
def m003_signing_addenda_audit(db: Database) -> None:
    _run(db, "m003_signing_addenda_audit")


@_migration
def m004_session_templates(db: Database) -> None:
    _run(db, "m004_session_templates")


@_migration
def m005_search(db: Database) -> None:
    _run(db, "m005_search")


@_migration
def m006_date_order(db: Database) -> None:
    _run(db, "m006_date_order")


@_migration
def m008_plans(db: Database) -> None:
    """Goals judged with a date; a course of care closed (the client leaves the due list); plans searched."""
    _run(db, "m008_plans")


@_migration
def m009_screening(db: Database) -> None:
    """Contraindication screening as a living list: dated changes after the intake, append-only."""
    _run(db, "m009_screening")


@_migration
def m010_tamper_evident(db: Database) -> None:
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
def m011_signature_scheme(db: Database) -> None:
    """Each signature records how it was made and which fields it covers; old ones are scheme 1, form 1."""
    _run(db, "m011_signature_scheme")


@_migration
def m012_refuse_bad_rows(db: Database) -> None:
    """Impossible dates, malformed times, unknown codes and rows of no parent refused, foreign keys on or off."""
    _run(db, "m012_refuse_bad_rows")


@_migration
def m013_practitioners(db: Database) -> None:
    """Practitioners and their append-only signing keys; keyed signatures; each signer a practitioner."""
    _run(db, "m013_practitioners")


@_migration
def m014_practice_seals(db: Database) -> None:
    """The audit chain's end signed (seals) and key changes signed; every therapist a practitioner."""
    _run(db, "m014_practice_seals")
    _therapists_become_practitioners(db)


def _therapists_become_practitioners(db: Database) -> None:
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
def m015_idle_lock(db: Database) -> None:
    """The clinic settings' idle time before the screen locks (minutes, 1 to 120; 10 by default)."""
    _run(db, "m015_idle_lock")


@_migration
def m016_document_language(db: Database) -> None:
    """The language of each patient's documents (en, bn or hi; en for those stored before)."""
    _run(db, "m016_document_language")


@_migration
def m017_clinic_server(db: Database) -> None:
    """The clinic server this laptop syncs with (issue 17): one row, its address without a password."""
    _run(db, "m017_clinic_server")


@_migration
def m018_clinic_pull(db: Database) -> None:
    """Sessions' private notes' salt and digest (signature form 2), and the laptop's syncs with its
    clinic server (issue 17)."""
    _run(db, "m018_clinic_pull")


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
        migrations.apply(Database(conn, execute_plugins=False))
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
