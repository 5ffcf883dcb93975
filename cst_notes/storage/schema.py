"""The database schema, changed only through these sqlite-utils migrations.

Every table and column is named for what it holds, with a comment where a unit or a code
list needs saying, so that someone reading the file with the ``sqlite3`` shell (``.schema``)
understands it. Codes come from ``cst_notes.domain.vocabulary``; labels are never stored.
Dates are ISO dates (YYYY-MM-DD); times are ISO 8601 UTC text ending in Z.

A migration, once released, is never edited: add a new one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "cst_notes"
migrations = Migrations(MIGRATION_SET)
MIGRATION_NAMES: list[str] = []  # in order; the schema version is how many have been applied


def _migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    MIGRATION_NAMES.append(fn.__name__)
    return migrations()(fn)


_BOOL = "INTEGER NOT NULL DEFAULT 0 CHECK ({0} IN (0, 1))"
_TEXT = "TEXT NOT NULL DEFAULT ''"
_DATE = "TEXT CHECK ({0} IS NULL OR date({0}) IS {0})"

_SIGNATURE = """
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
  signed_at TEXT,      -- UTC time of signing
  signed_by TEXT,      -- therapist who signed
  content_hash TEXT,   -- SHA-256 of the canonical content at signing
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL"""

INITIAL_SCHEMA = [
    f"""CREATE TABLE patients (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,             -- stable identity across exports
  full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),  -- any script
  preferred_name {_TEXT},
  birth_date TEXT NOT NULL CHECK (date(birth_date) IS birth_date),
  sex TEXT NOT NULL DEFAULT 'unspecified',  -- vocabulary SEXES
  phone {_TEXT},
  email {_TEXT},
  address {_TEXT},
  emergency_contact_name {_TEXT},
  emergency_contact_phone {_TEXT},
  guardian_name TEXT,                   -- for a minor; NULL when there is no guardian
  guardian_relation TEXT,               -- vocabulary GUARDIAN_RELATIONS
  guardian_phone TEXT,
  guardian_consent_given {_BOOL.format("guardian_consent_given")},
  guardian_consent_date {_DATE.format("guardian_consent_date")},
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
)""",
    "CREATE INDEX patients_by_name ON patients (full_name COLLATE NOCASE)",
    f"""CREATE TABLE intakes (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL UNIQUE REFERENCES patients (id) ON DELETE CASCADE,
  intake_date TEXT NOT NULL CHECK (date(intake_date) IS intake_date),
  complaint {_TEXT},                    -- in the client's own words
  goals {_TEXT},
  onset {_TEXT},
  duration {_TEXT},
  intensity INTEGER CHECK (intensity IS NULL OR intensity BETWEEN 0 AND 10),
  frequency {_TEXT},
  location {_TEXT},
  aggravating_factors {_TEXT},
  relieving_factors {_TEXT},
  prior_treatment {_TEXT},
  medical_history {_TEXT},
  pregnant {_BOOL.format("pregnant")},
  pregnancy_note {_TEXT},
  contraindications_screened_on {_DATE.format("contraindications_screened_on")},
  has_birth_history {_BOOL.format("has_birth_history")},  -- 1 when the birth_ columns apply
  birth_labour_hours REAL,
  birth_induced {_BOOL.format("birth_induced")},
  birth_epidural {_BOOL.format("birth_epidural")},
  birth_delivery {_TEXT},               -- vocabulary DELIVERY_MODES
  birth_presentation {_TEXT},           -- vocabulary PRESENTATIONS
  birth_feeding_latch_difficulty {_BOOL.format("birth_feeding_latch_difficulty")},
  birth_feeding_suck_swallow_difficulty {_BOOL.format("birth_feeding_suck_swallow_difficulty")},
  birth_feeding_one_sided_preference {_BOOL.format("birth_feeding_one_sided_preference")},
  birth_feeding_reflux {_BOOL.format("birth_feeding_reflux")},
  birth_torticollis {_BOOL.format("birth_torticollis")},
  birth_head_asymmetry {_BOOL.format("birth_head_asymmetry")},
  birth_note {_TEXT},
  consent_given {_BOOL.format("consent_given")},
  consent_date {_DATE.format("consent_date")},
  consent_given_by {_TEXT},{_SIGNATURE}
)""",
    """CREATE TABLE intake_conditions (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,                   -- vocabulary CONDITIONS
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (intake_id, code)
)""",
    """CREATE TABLE intake_medications (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  dose TEXT NOT NULL DEFAULT ''
)""",
    f"""CREATE TABLE intake_surgeries (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  surgery_date {_DATE.format("surgery_date")}
)""",
    f"""CREATE TABLE intake_trauma (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,                   -- vocabulary TRAUMA_KINDS
  description TEXT NOT NULL DEFAULT '',
  event_date {_DATE.format("event_date")}
)""",
    """CREATE TABLE intake_contraindications (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,                   -- vocabulary CONTRAINDICATIONS (present at screening)
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (intake_id, code)
)""",
    f"""CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  started_at TEXT NOT NULL,             -- UTC
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 480),
  therapist {_TEXT},
  consent_renewed {_BOOL.format("consent_renewed")},
  subjective {_TEXT},                   -- SOAP: S
  objective {_TEXT},                    -- SOAP: O
  assessment {_TEXT},                   -- SOAP: A
  plan {_TEXT},                         -- SOAP: P
  pain_before INTEGER CHECK (pain_before IS NULL OR pain_before BETWEEN 0 AND 10),
  pain_after INTEGER CHECK (pain_after IS NULL OR pain_after BETWEEN 0 AND 10),
  response {_TEXT},
  private_notes {_TEXT},                -- therapist only; never in patient documents by default
  contraindication_override_reason {_TEXT},  -- why treatment went ahead despite an absolute one
  headache_days INTEGER CHECK (headache_days IS NULL OR headache_days >= 0),  -- since last visit
  sleep_quality INTEGER CHECK (sleep_quality IS NULL OR sleep_quality BETWEEN 0 AND 10),
  stress_level INTEGER CHECK (stress_level IS NULL OR stress_level BETWEEN 0 AND 10),
  global_impression INTEGER CHECK (global_impression IS NULL OR global_impression BETWEEN 1 AND 7),{_SIGNATURE}
)""",
    "CREATE INDEX sessions_by_patient ON sessions (patient_id, started_at)",
    """CREATE TABLE rhythm_findings (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  station TEXT NOT NULL,                -- vocabulary STATIONS (listening station)
  side TEXT NOT NULL,                   -- left, right or both
  rate REAL CHECK (rate IS NULL OR rate BETWEEN 0 AND 30),  -- cycles per minute
  amplitude INTEGER CHECK (amplitude IS NULL OR amplitude BETWEEN 0 AND 4),  -- 0 absent .. 4 full
  symmetry TEXT NOT NULL DEFAULT '',    -- vocabulary SYMMETRIES
  quality TEXT NOT NULL DEFAULT '',     -- vocabulary QUALITIES
  restricted_phase TEXT NOT NULL DEFAULT '',  -- none, flexion, extension
  palpated_by TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (session_id, station, side)
)""",
    """CREATE TABLE session_events (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,                   -- still_point or significance_detector
  minute INTEGER NOT NULL,              -- minutes after the session started
  duration_seconds INTEGER,
  note TEXT NOT NULL DEFAULT ''
)""",
    """CREATE TABLE restrictions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  region TEXT NOT NULL,                 -- vocabulary REGIONS, e.g. diaphragm.respiratory
  side TEXT NOT NULL,                   -- left, right, midline, bilateral
  severity TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe')),
  note TEXT NOT NULL DEFAULT ''
)""",
    """CREATE TABLE techniques_applied (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  technique TEXT NOT NULL,              -- vocabulary TECHNIQUES, or custom.* (custom_techniques)
  note TEXT NOT NULL DEFAULT ''
)""",
    """CREATE TABLE adverse_reactions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,                   -- vocabulary ADVERSE_REACTIONS
  note TEXT NOT NULL DEFAULT ''
)""",
    "CREATE INDEX rhythm_findings_by_session ON rhythm_findings (session_id)",
    "CREATE INDEX session_events_by_session ON session_events (session_id)",
    "CREATE INDEX restrictions_by_session ON restrictions (session_id)",
    "CREATE INDEX techniques_applied_by_session ON techniques_applied (session_id)",
    "CREATE INDEX adverse_reactions_by_session ON adverse_reactions (session_id)",
    """CREATE TABLE custom_techniques (
  code TEXT PRIMARY KEY CHECK (code LIKE 'custom.%'),  -- the therapist's own techniques
  label TEXT NOT NULL,
  created_at TEXT NOT NULL
)""",
    f"""CREATE TABLE follow_up_plans (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  created_on TEXT NOT NULL CHECK (date(created_on) IS created_on),
  frequency TEXT NOT NULL,              -- vocabulary FREQUENCIES
  frequency_note {_TEXT},
  estimated_sessions INTEGER CHECK (estimated_sessions IS NULL OR estimated_sessions > 0),
  next_appointment {_DATE.format("next_appointment")},
  review_date {_DATE.format("review_date")},
  home_care {_TEXT},
  superseded_on {_DATE.format("superseded_on")},  -- NULL for the current plan
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
)""",
    "CREATE INDEX follow_up_plans_by_patient ON follow_up_plans (patient_id, created_on)",
    """CREATE TABLE plan_goals (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES follow_up_plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  measure TEXT NOT NULL DEFAULT '',     -- e.g. headache days per month below 4
  status TEXT NOT NULL DEFAULT 'open'   -- vocabulary GOAL_STATUSES
)""",
    """CREATE TABLE plan_referrals (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES follow_up_plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  target TEXT NOT NULL,                 -- vocabulary REFERRAL_TARGETS
  note TEXT NOT NULL DEFAULT ''
)""",
    "CREATE INDEX plan_goals_by_plan ON plan_goals (plan_id)",
    "CREATE INDEX plan_referrals_by_plan ON plan_referrals (plan_id)",
    f"""CREATE TABLE clinic_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),  -- a single row
  clinic_name {_TEXT},
  address {_TEXT},
  phone {_TEXT},
  email {_TEXT},
  therapist_name {_TEXT},
  credentials {_TEXT},                  -- training
  memberships {_TEXT},                  -- professional memberships
  footer_text {_TEXT},
  page_size TEXT NOT NULL DEFAULT 'A4' CHECK (page_size IN ('A4', 'Letter')),
  logo_png BLOB
)""",
]


@_migration
def m001_initial_schema(db: Database) -> None:
    for statement in INITIAL_SCHEMA:
        db.execute(statement)


@_migration
def m002_drafts(db: Database) -> None:
    db.execute(
        """CREATE TABLE drafts (
  key TEXT PRIMARY KEY,                 -- which form and record, e.g. intake:patient:12
  form TEXT NOT NULL,                   -- the form's name
  patient_id INTEGER REFERENCES patients (id) ON DELETE CASCADE,  -- NULL for a new patient
  content TEXT NOT NULL,                -- the unsaved form as JSON
  saved_at TEXT NOT NULL                -- UTC
)"""
    )


_SESSION_PARTS = ("rhythm_findings", "session_events", "restrictions", "techniques_applied", "adverse_reactions")
_INTAKE_PARTS = (
    "intake_conditions",
    "intake_medications",
    "intake_surgeries",
    "intake_trauma",
    "intake_contraindications",
)
LOCKED = "is signed and locked: it cannot be changed or deleted; add an addendum instead"


def _lock_triggers(parent: str, parts: tuple[str, ...], key: str, what: str) -> list[str]:
    """Triggers that refuse any change to a signed note or its parts, whoever asks."""
    statements = [
        f"""CREATE TRIGGER {parent}_signed_no_update BEFORE UPDATE ON {parent}
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'this {what} {LOCKED}'); END""",
        f"""CREATE TRIGGER {parent}_signed_no_delete BEFORE DELETE ON {parent}
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'this {what} {LOCKED}'); END""",
    ]
    for part in parts:
        for event, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            statements.append(
                f"""CREATE TRIGGER {part}_signed_no_{event.lower()} BEFORE {event} ON {part}
WHEN (SELECT status FROM {parent} WHERE id = {row}.{key}) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this {what} {LOCKED}'); END"""
            )
    return statements


def _append_only(table: str, what: str) -> list[str]:
    return [
        f"""CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table}
BEGIN SELECT RAISE(ABORT, '{what} are never changed or deleted'); END"""
        for event in ("UPDATE", "DELETE")
    ]


@_migration
def m003_signing_addenda_audit(db: Database) -> None:
    statements = [
        """CREATE TABLE addenda (
  id INTEGER PRIMARY KEY,
  session_id INTEGER REFERENCES sessions (id),   -- the signed session it amends, or
  intake_id INTEGER REFERENCES intakes (id),     -- the signed intake it amends
  text TEXT NOT NULL CHECK (length(trim(text)) > 0),
  author TEXT NOT NULL,                 -- the therapist who wrote and signed it
  created_at TEXT NOT NULL,             -- UTC; the addendum's date
  content_hash TEXT NOT NULL,           -- SHA-256 of the addendum with its note's hash
  CHECK ((session_id IS NULL) != (intake_id IS NULL))
)""",
        "CREATE INDEX addenda_by_session ON addenda (session_id)",
        "CREATE INDEX addenda_by_intake ON addenda (intake_id)",
        """CREATE TRIGGER addenda_only_for_signed_notes BEFORE INSERT ON addenda
WHEN coalesce((SELECT status FROM sessions WHERE id = NEW.session_id),
              (SELECT status FROM intakes WHERE id = NEW.intake_id)) IS NOT 'signed'
BEGIN SELECT RAISE(ABORT, 'an addendum belongs to a signed note'); END""",
        """CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  changed_at TEXT NOT NULL,             -- UTC
  actor TEXT NOT NULL,                  -- who made the change
  action TEXT NOT NULL,                 -- create, update, delete, sign, addendum, import, restore
  entity TEXT NOT NULL,                 -- patient, intake, session, plan, settings, practice
  entity_id INTEGER,                    -- the row's id in its table
  patient_id INTEGER,                   -- whose record (no foreign key: the log outlives rows)
  summary TEXT NOT NULL DEFAULT '',     -- one line for people
  before_json TEXT,                     -- the record before (export format), NULL for a create
  after_json TEXT                       -- the record after, NULL for a delete
)""",
        "CREATE INDEX audit_log_by_patient ON audit_log (patient_id, changed_at)",
        # years to keep a record after the last visit (for a minor: after turning 18)
        "ALTER TABLE clinic_settings ADD COLUMN retention_years INTEGER NOT NULL DEFAULT 10 "
        "CHECK (retention_years BETWEEN 1 AND 100)",
    ]
    statements += _lock_triggers("sessions", _SESSION_PARTS, "session_id", "session")
    statements += _lock_triggers("intakes", _INTAKE_PARTS, "intake_id", "intake")
    statements += _append_only("addenda", "addenda")
    statements += _append_only("audit_log", "audit entries")
    for statement in statements:
        db.execute(statement)


def protective_triggers() -> set[str]:
    """The names of the triggers that lock signed notes and keep addenda, the audit log and the
    screening changes."""
    statements = _lock_triggers("sessions", _SESSION_PARTS, "session_id", "session")
    statements += _lock_triggers("intakes", _INTAKE_PARTS, "intake_id", "intake")
    statements += _append_only("addenda", "addenda") + _append_only("audit_log", "audit entries")
    statements += M009_SCREENING_TRIGGERS
    return {statement.split()[2] for statement in statements}


@_migration
def m004_session_templates(db: Database) -> None:
    db.execute(
        """CREATE TABLE session_templates (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,            -- e.g. standard 10-step
  content TEXT NOT NULL,                -- duration, findings, restrictions, techniques (export-format JSON)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
)"""
    )


# Full-text search: a word index (prefix search, any script) and a trigram index (matches inside
# words, e.g. ব্যথা in মাথাব্যথা) over names and notes. External content: the text stays in its
# table; triggers keep the indexes in step unless a bulk import has deferred them (it rebuilds).
M005_SEARCH_SOURCES = {
    "patients": ("full_name", "preferred_name"),
    "sessions": ("subjective", "objective", "assessment", "plan", "response", "private_notes"),
    "intakes": ("complaint", "goals", "medical_history", "prior_treatment", "pregnancy_note", "birth_note"),
    "addenda": ("text",),
}
M008_SEARCH_SOURCES = {
    "follow_up_plans": ("frequency_note", "home_care", "closing_note"),
    "plan_goals": ("description", "measure"),
    "plan_referrals": ("note",),
}
SEARCH_SOURCES = {**M005_SEARCH_SOURCES, **M008_SEARCH_SOURCES}  # every index, as the migrations made them
SEARCH_TOKENIZERS = {"words": "unicode61 remove_diacritics 2", "trigrams": "trigram"}


def search_index_names() -> list[str]:
    return [f"{table}_{kind}" for table in SEARCH_SOURCES for kind in SEARCH_TOKENIZERS]


def _search_statements(table: str, kind: str) -> list[str]:
    columns = SEARCH_SOURCES[table]
    index = f"{table}_{kind}"
    cols = ", ".join(columns)
    new = ", ".join(f"NEW.{c}" for c in columns)
    old = ", ".join(f"OLD.{c}" for c in columns)
    live = "WHEN (SELECT deferred FROM search_index_control) = 0"
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5({cols}, content='{table}', content_rowid='id', "
        f"tokenize='{SEARCH_TOKENIZERS[kind]}')",
        f"CREATE TRIGGER {index}_add AFTER INSERT ON {table} {live} "
        f"BEGIN INSERT INTO {index} (rowid, {cols}) VALUES (NEW.id, {new}); END",
        f"CREATE TRIGGER {index}_remove AFTER DELETE ON {table} {live} "
        f"BEGIN INSERT INTO {index} ({index}, rowid, {cols}) VALUES ('delete', OLD.id, {old}); END",
        f"CREATE TRIGGER {index}_change AFTER UPDATE OF {cols} ON {table} {live} BEGIN "
        f"INSERT INTO {index} ({index}, rowid, {cols}) VALUES ('delete', OLD.id, {old}); "
        f"INSERT INTO {index} (rowid, {cols}) VALUES (NEW.id, {new}); END",
        f"INSERT INTO {index} ({index}) VALUES ('rebuild')",
    ]


@_migration
def m005_search(db: Database) -> None:
    db.execute(
        """CREATE TABLE search_index_control (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  deferred INTEGER NOT NULL DEFAULT 0 CHECK (deferred IN (0, 1))  -- 1 while a bulk import runs; it rebuilds after
)"""
    )
    db.execute("INSERT INTO search_index_control (id, deferred) VALUES (1, 0)")
    for table in M005_SEARCH_SOURCES:
        for kind in SEARCH_TOKENIZERS:
            for statement in _search_statements(table, kind):
                db.execute(statement)


@_migration
def m006_date_order(db: Database) -> None:
    db.execute(
        "ALTER TABLE clinic_settings ADD COLUMN date_order TEXT NOT NULL DEFAULT 'day_first' "
        "CHECK (date_order IN ('day_first', 'month_first'))"  # vocabulary DATE_ORDERS: how 03/04/2020 reads
    )


@_migration
def m008_plans(db: Database) -> None:
    """Goals judged with a date; a course of care closed (the client leaves the due list); plans searched."""
    statements = [
        # the day a goal was judged met, partly met or not met
        f"ALTER TABLE plan_goals ADD COLUMN status_on {_DATE.format('status_on')}",
        # the day the course of care ended; from then on no plan is in force (NULL: open)
        f"ALTER TABLE follow_up_plans ADD COLUMN closed_on {_DATE.format('closed_on')}",
        # vocabulary CLOSING_REASONS; given exactly when closed_on is
        "ALTER TABLE follow_up_plans ADD COLUMN closed_reason TEXT NOT NULL DEFAULT '' "
        "CHECK ((closed_on IS NULL) = (closed_reason = ''))",
        "ALTER TABLE follow_up_plans ADD COLUMN closing_note TEXT NOT NULL DEFAULT ''",
        # the "to sign" list: the drafts, however large the practice
        "CREATE INDEX sessions_unsigned ON sessions (started_at) WHERE status = 'draft'",
    ]
    for statement in statements:
        db.execute(statement)
    for table in M008_SEARCH_SOURCES:
        for kind in SEARCH_TOKENIZERS:
            for statement in _search_statements(table, kind):
                db.execute(statement)


_SCREENING_KEPT = "screening changes are never changed or deleted; record a new change instead"
M009_SCREENING_TRIGGERS = [
    *_append_only("screening_changes", "screening changes"),
    # INSERT OR REPLACE over an existing row would delete it without firing the DELETE trigger
    f"""CREATE TRIGGER screening_changes_no_replace BEFORE INSERT ON screening_changes
WHEN EXISTS (SELECT 1 FROM screening_changes WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, '{_SCREENING_KEPT}'); END""",
]


@_migration
def m009_screening(db: Database) -> None:
    """Contraindication screening as a living list: dated changes after the intake, append-only."""
    statements = [
        f"""CREATE TABLE screening_changes (
  id INTEGER PRIMARY KEY,               -- the order they were recorded in
  patient_id INTEGER NOT NULL REFERENCES patients (id),  -- no cascade: the changes are kept
  action TEXT NOT NULL CHECK (action IN ('found', 'resolved', 'rescreened')),  -- vocabulary SCREENING_ACTIONS
  code TEXT,                            -- vocabulary CONTRAINDICATIONS; NULL for a re-screen of the whole list
  effective_on TEXT NOT NULL CHECK (date(effective_on) IS effective_on),  -- the day it was found, resolved, re-screened
  screened_by TEXT NOT NULL CHECK (length(trim(screened_by)) > 0),  -- who screened
  note {_TEXT},                         -- e.g. cleared by the neurologist
  recorded_at TEXT NOT NULL,            -- UTC
  CHECK ((action = 'rescreened') = (code IS NULL))
)""",
        "CREATE INDEX screening_changes_by_patient ON screening_changes (patient_id, id)",
        *M009_SCREENING_TRIGGERS,
    ]
    for statement in statements:
        db.execute(statement)


@_migration
def m011_signature_scheme(db: Database) -> None:
    """Each signature records how it was made (domain.signing.SCHEMES) and which fields it covers
    (domain.canonical.FORMS). Every signature made before is of scheme 1 (the content only) and
    form 1, the columns' default; the columns mean nothing for a draft."""
    statements = [
        "ALTER TABLE sessions ADD COLUMN signature_scheme INTEGER NOT NULL DEFAULT 1 "
        "CHECK (signature_scheme >= 1) /* 1 content only; 2 content, record, patient, signer and time */",
        "ALTER TABLE sessions ADD COLUMN canonical_form INTEGER NOT NULL DEFAULT 1 "
        "CHECK (canonical_form >= 1) /* the frozen field list content_hash covers */",
        "ALTER TABLE intakes ADD COLUMN signature_scheme INTEGER NOT NULL DEFAULT 1 "
        "CHECK (signature_scheme >= 1) /* 1 content only; 2 content, record, patient, signer and time */",
        "ALTER TABLE intakes ADD COLUMN canonical_form INTEGER NOT NULL DEFAULT 1 "
        "CHECK (canonical_form >= 1) /* the frozen field list content_hash covers */",
        "ALTER TABLE addenda ADD COLUMN signature_scheme INTEGER NOT NULL DEFAULT 1 "
        "CHECK (signature_scheme >= 1) /* how content_hash was made */",
    ]
    for statement in statements:
        db.execute(statement)
