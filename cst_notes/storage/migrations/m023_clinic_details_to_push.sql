-- m023_clinic_details_to_push: what keeps a patient's details from being lost between a push and
-- the laptop hearing back, and a refused patient from holding every later pull back (issue 17).
-- Frozen once released: never edited; a change is a new migration.

-- Details changed here only, found by a pull after the push that would have sent them was refused
-- (the server had moved on to a version with the same details): the next sync pushes them although
-- nothing changed here since. Cleared when a push or pull sets the synced version again.
ALTER TABLE clinic_bases ADD COLUMN push_mine INTEGER NOT NULL DEFAULT 0 CHECK (push_mine IN (0, 1));

-- The details a push is sending as the server's next version, kept before the server is asked
-- and removed once the laptop hears back (or a pull has judged them): when the connection is lost
-- after the server took them, the next pull knows that version of the server for its own, not
-- another laptop's edit, so an edit made here since is kept, not overwritten by it.
CREATE TABLE clinic_details_sent (
  patient_uid TEXT PRIMARY KEY CHECK (length(patient_uid) = 36),
  version INTEGER NOT NULL CHECK (version >= 1),
  details TEXT NOT NULL CHECK (json_valid(details)),
  sent_at TEXT NOT NULL                   -- ISO 8601 UTC
);

-- The patients the last pull refused (their records did not verify), as a JSON array of uids: its
-- mark is kept all the same (else every later pull would read the whole clinic again), and the
-- next pull reads these again besides what changed.
ALTER TABLE clinic_pull_mark ADD COLUMN refused TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(refused) AND json_type(refused) = 'array');
