-- m020_clinic_pull_mark: where this laptop's next pull from its clinic server starts reading what
-- changed there (issue 17, sync speed). Frozen once released: never edited; a change is a new
-- migration.

-- One row: the server's mark (storage/server/pull.py change_mark, a transaction id) taken at the
-- start of the last pull that finished, the server it was taken on, and whether that pull was of
-- the whole clinic. Written only after every patient that pull read was stored: a pull cut short
-- leaves the older mark, so the next one reads those changes again (stored once: union by uid).
CREATE TABLE clinic_pull_mark (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server TEXT NOT NULL,
  whole_clinic INTEGER NOT NULL CHECK (whole_clinic IN (0, 1)),
  mark INTEGER NOT NULL CHECK (mark >= 0),
  pulled_at TEXT NOT NULL                 -- ISO 8601 UTC
);
