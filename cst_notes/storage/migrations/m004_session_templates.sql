-- m004_session_templates, released with e40876a (2026-11-24). Frozen: never edited; a change is a new migration.

CREATE TABLE session_templates (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,            -- e.g. standard 10-step
  content TEXT NOT NULL,                -- duration, findings, restrictions, techniques (export-format JSON)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
