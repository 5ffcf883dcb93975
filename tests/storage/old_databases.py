"""Small databases as each released schema version left them, for the upgrade tests.

``python -m tests.storage.old_databases`` (``make old-databases``) wrote the files in
tests/storage/schema/ once: each is made by the frozen migrations 1..k of its version (which make
what the code released with that version made: the frozen files were checked against each
release's own migrations), holding a patient with a signed intake, a signed session with its parts
and an addendum, a draft session, a plan and, as the version has them, drafts, templates, audit
entries and screening changes. They are committed as they are: never rewrite one for a later
version, add the new version's file.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlite_utils import Database as MigratingDatabase

from cst_notes.domain.intake import ContraindicationEntry, Intake, Medication
from cst_notes.domain.patient import Patient
from cst_notes.domain.session import Restriction, RhythmFinding, Session, TechniqueApplied
from cst_notes.domain.signing import Addendum, Signature, addendum_hash, content_hash
from cst_notes.storage import records
from cst_notes.storage.connection import Database
from cst_notes.storage.patients import insert_patient
from cst_notes.storage.schema import MIGRATION_NAMES, migration_set

FOLDER = Path(__file__).resolve().parent / "schema"
# The migrations released before this set of old files was made: one file per version 1..k.
RELEASED = MIGRATION_NAMES[: MIGRATION_NAMES.index("m009_screening") + 1]
SIGNED_AT = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def path_of(version: int) -> Path:
    return FOLDER / f"version-{version}-{RELEASED[version - 1]}.sqlite"


def _has(version: int, migration: str) -> bool:
    return RELEASED.index(migration) < version


def _fill(db: Database, version: int) -> None:
    pid = insert_patient(db, Patient("Emma Smith", dt.date(1980, 5, 1), phone="+91 98300 00000"))
    intake = Intake(
        dt.date(2026, 1, 5),
        complaint="Headaches since the fall",
        medications=(Medication("ibuprofen", "200 mg"),),
        contraindications=(ContraindicationEntry("cerebral_aneurysm", "suspected, 2025"),),
    )
    iid = records.save_intake(db, pid, intake)
    started = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
    session = Session(
        started,
        therapist="Anita Bose",
        subjective="মাথাব্যথা কম",
        pain_before=6,
        pain_after=3,
        rhythm_findings=(RhythmFinding("occiput", "both", 8.0, 3),),
        restrictions=(Restriction("diaphragm.respiratory", "midline", "moderate"),),
        techniques=(TechniqueApplied("cv4_still_point"), TechniqueApplied("custom.jaw_hold")),
    )
    sid = records.insert_session(db, pid, session)
    records.insert_session(db, pid, Session(started + dt.timedelta(days=7), therapist="Anita Bose"))
    records.add_custom_technique(db, "custom.jaw_hold", "Jaw hold")
    db.execute(
        "INSERT INTO follow_up_plans (patient_id, created_on, frequency, home_care, created_at, updated_at) "
        "VALUES (?, '2026-03-02', 'weekly', 'Walk daily', '2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z')",
        [pid],
    )
    db.execute("INSERT INTO plan_goals (plan_id, position, description) VALUES (1, 0, 'Fewer headache days')")
    db.execute("INSERT INTO clinic_settings (id, clinic_name, therapist_name) VALUES (1, 'Kolkata CST', 'Anita Bose')")
    if _has(version, "m002_drafts"):
        db.execute(
            "INSERT INTO drafts (key, form, patient_id, content, saved_at) "
            "VALUES ('session:patient:1', 'session', ?, '{\"subjective\": \"half typed\"}', '2026-03-09T09:00:00Z')",
            [pid],
        )
    if _has(version, "m003_signing_addenda_audit"):
        for table, row_id, note in (
            ("sessions", sid, records.get_session(db, sid)),
            ("intakes", iid, records.get_intake(db, pid)),
        ):
            note_hash = content_hash(note, form=1)
            # scheme 1, form 1: the only signatures these versions made (the files were written
            # before signature schemes; the current mapping can no longer write them again)
            records.sign(db, table, row_id, Signature(SIGNED_AT, "Anita Bose", note_hash, 1, 1))
            addendum = Addendum("Pain after was 4, not 3.", "Anita Bose", SIGNED_AT + dt.timedelta(days=1))
            records.add_addendum(
                db, table, row_id, Addendum(**{**vars(addendum), "content_hash": addendum_hash(addendum, note_hash)})
            )
        for n, (action, entity, entity_id) in enumerate(
            (("create", "patient", pid), ("sign", "session", sid), ("addendum", "session", sid))
        ):
            db.execute(
                "INSERT INTO audit_log (changed_at, actor, action, entity, entity_id, patient_id, summary, after_json) "
                "VALUES (?, 'Anita Bose', ?, ?, ?, ?, ?, ?)",
                [f"2026-03-02T10:0{n}:00Z", action, entity, entity_id, pid, f"{action} {entity}", f'{{"n": {n}}}'],
            )
    if _has(version, "m004_session_templates"):
        db.execute(
            "INSERT INTO session_templates (name, content, created_at, updated_at) "
            "VALUES ('standard 10-step', '{\"duration_minutes\": 60}', '2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z')"
        )
    if _has(version, "m009_screening"):
        db.execute(
            "INSERT INTO screening_changes (patient_id, action, code, effective_on, screened_by, note, recorded_at) "
            "VALUES (?, 'resolved', 'cerebral_aneurysm', '2026-04-01', 'Anita Bose', ?, '2026-04-01T08:00:00Z')",
            [pid, "cleared"],
        )


def make(path: Path, version: int) -> None:
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA page_size = 512")  # small files
        stop_before = MIGRATION_NAMES[version] if version < len(MIGRATION_NAMES) else None
        migration_set().apply(MigratingDatabase(conn, execute_plugins=False), stop_before=stop_before)
        db = Database(conn)
        with db.atomic():
            _fill(db, version)
        conn.execute("VACUUM")
    finally:
        conn.close()


if __name__ == "__main__":
    FOLDER.mkdir(exist_ok=True)
    for version in range(1, len(RELEASED) + 1):
        make(path_of(version), version)
        print(f"wrote {path_of(version)} ({path_of(version).stat().st_size} bytes)")
