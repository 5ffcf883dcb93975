-- m002_drafts, released with 47ca129 (2026-11-24). Frozen: never edited; a change is a new migration.

CREATE TABLE drafts (
  key TEXT PRIMARY KEY,                 -- which form and record, e.g. intake:patient:12
  form TEXT NOT NULL,                   -- the form's name
  patient_id INTEGER REFERENCES patients (id) ON DELETE CASCADE,  -- NULL for a new patient
  content TEXT NOT NULL,                -- the unsaved form as JSON
  saved_at TEXT NOT NULL                -- UTC
);
