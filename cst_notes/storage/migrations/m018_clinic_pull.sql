-- m018_clinic_pull: what a laptop needs to pull from its clinic server (issue 17). Frozen once
-- released: never edited; a change is a new migration.

-- Signature form 2 (domain.canonical) covers a session's private notes by a salted digest, so that a
-- session pulled without them (another author's) still verifies: the salt (hex, their author's
-- only, like the text) and the digest. Empty for sessions signed under form 1 and for drafts.
ALTER TABLE sessions ADD COLUMN private_notes_salt TEXT NOT NULL DEFAULT ''
  CHECK (private_notes_salt = '' OR (length(private_notes_salt) = 32 AND private_notes_salt NOT GLOB '*[^0-9a-f]*'));
ALTER TABLE sessions ADD COLUMN private_notes_sha256 TEXT NOT NULL DEFAULT ''
  CHECK (private_notes_sha256 = '' OR (length(private_notes_sha256) = 64 AND private_notes_sha256 NOT GLOB '*[^0-9a-f]*'));

-- Each push, pull or sync with the clinic server that finished: when, and the last audit entry of
-- this laptop's then (every change is audited: the entries after it are the changes waiting).
CREATE TABLE clinic_syncs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('push', 'pull', 'sync')),
  finished_at TEXT NOT NULL,              -- ISO 8601 UTC
  audit_mark INTEGER NOT NULL CHECK (audit_mark >= 0),
  summary TEXT NOT NULL DEFAULT ''
);

-- Other laptops' audit entries, pulled from the clinic server: each kept as the server had it (its
-- laptop's chain and its hash there; a session's private notes left out), never changed or removed.
-- This laptop's own audit log (audit_log, its hash chain) is not touched by a pull.
CREATE TABLE clinic_audit_entries (
  uid TEXT PRIMARY KEY CHECK (length(uid) = 36),
  origin TEXT NOT NULL,
  entry_hash TEXT NOT NULL,
  patient_uid TEXT NOT NULL,
  changed_at TEXT NOT NULL,               -- ISO 8601 UTC
  entry TEXT NOT NULL CHECK (json_valid(entry)),  -- actor, action, entity, entity_uid, summary, before, after
  pulled_at TEXT NOT NULL,
  UNIQUE (origin, entry_hash)
);
CREATE INDEX clinic_audit_entries_by_patient ON clinic_audit_entries (patient_uid, changed_at);
CREATE TRIGGER clinic_audit_entries_never_changed BEFORE UPDATE ON clinic_audit_entries
BEGIN
  SELECT RAISE(ABORT, 'clinic_audit_entries: another laptop''s audit entries are never changed');
END;
CREATE TRIGGER clinic_audit_entries_never_removed BEFORE DELETE ON clinic_audit_entries
BEGIN
  SELECT RAISE(ABORT, 'clinic_audit_entries: another laptop''s audit entries are never removed');
END;
