-- m009_screening, released with 3b498a9 (2026-12-03). Frozen: never edited; a change is a new migration.

CREATE TABLE screening_changes (
  id INTEGER PRIMARY KEY,               -- the order they were recorded in
  patient_id INTEGER NOT NULL REFERENCES patients (id),  -- no cascade: the changes are kept
  action TEXT NOT NULL CHECK (action IN ('found', 'resolved', 'rescreened')),  -- vocabulary SCREENING_ACTIONS
  code TEXT,                            -- vocabulary CONTRAINDICATIONS; NULL for a re-screen of the whole list
  effective_on TEXT NOT NULL CHECK (date(effective_on) IS effective_on),  -- the day it was found, resolved, re-screened
  screened_by TEXT NOT NULL CHECK (length(trim(screened_by)) > 0),  -- who screened
  note TEXT NOT NULL DEFAULT '',                         -- e.g. cleared by the neurologist
  recorded_at TEXT NOT NULL,            -- UTC
  CHECK ((action = 'rescreened') = (code IS NULL))
);

CREATE INDEX screening_changes_by_patient ON screening_changes (patient_id, id);

CREATE TRIGGER screening_changes_no_update BEFORE UPDATE ON screening_changes
BEGIN SELECT RAISE(ABORT, 'screening changes are never changed or deleted'); END;

CREATE TRIGGER screening_changes_no_delete BEFORE DELETE ON screening_changes
BEGIN SELECT RAISE(ABORT, 'screening changes are never changed or deleted'); END;

CREATE TRIGGER screening_changes_no_replace BEFORE INSERT ON screening_changes
WHEN EXISTS (SELECT 1 FROM screening_changes WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'screening changes are never changed or deleted; record a new change instead'); END;
