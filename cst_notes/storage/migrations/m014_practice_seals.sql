-- m014_practice_seals: the audit log's chain end signed (seals), key changes signed, and every
-- therapist of an existing database a practitioner (that part is done by the migration's code,
-- after this file: names are compared as domain.practitioner compares them, which SQL cannot).
-- Frozen once released: never edited; a change is a new migration.

-- A seal: a practitioner's Ed25519 signature (domain.audit.seal_message) over the audit log's entry
-- at the chain's end then (its id and hash), the time and who sealed with which key. Append-only.
CREATE TABLE audit_seals (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL,                             -- audit_log.id of the chain's last entry then
  entry_hash TEXT NOT NULL CHECK (length(entry_hash) = 64),  -- its entry_hash
  sealed_at TEXT NOT NULL,                               -- ISO 8601 UTC, to the second
  practitioner TEXT NOT NULL,                            -- practitioners.name of who sealed
  key_id TEXT NOT NULL CHECK (length(key_id) = 64),      -- their key then, practitioner_keys.key_id
  signature TEXT NOT NULL CHECK (length(signature) = 128)  -- Ed25519, hex
);

CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals
BEGIN SELECT RAISE(ABORT, 'audit seals are never changed or deleted'); END;

CREATE TRIGGER audit_seals_no_delete BEFORE DELETE ON audit_seals
BEGIN SELECT RAISE(ABORT, 'audit seals are never changed or deleted'); END;

CREATE TRIGGER audit_seals_no_replace BEFORE INSERT ON audit_seals
WHEN EXISTS (SELECT 1 FROM audit_seals WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit seals are never changed or deleted'); END;

-- A key row's signatures (domain.keys.key_row_message): by its own key always, and by the key it
-- replaces when that key was unlocked (a new passphrase, or a new key chosen while signed in).
ALTER TABLE practitioner_keys ADD COLUMN previous_key_id TEXT /* the key this row follows, '' for a first key */;

ALTER TABLE practitioner_keys ADD COLUMN self_signature TEXT /* Ed25519 by this row's key, hex; NULL: imported, or made before m014 */;

ALTER TABLE practitioner_keys ADD COLUMN previous_signature TEXT /* Ed25519 by the previous key, hex; NULL when it was not unlocked */;

-- the key rows written before key changes were signed: their lack of a signature is expected
CREATE TABLE practitioner_keys_before_signing (key_row INTEGER PRIMARY KEY);

INSERT INTO practitioner_keys_before_signing (key_row) SELECT id FROM practitioner_keys;

CREATE TRIGGER practitioner_keys_before_signing_no_insert BEFORE INSERT ON practitioner_keys_before_signing
BEGIN SELECT RAISE(ABORT, 'the key rows from before signed key changes are listed once, by the migration'); END;

CREATE TRIGGER practitioner_keys_before_signing_no_update BEFORE UPDATE ON practitioner_keys_before_signing
BEGIN SELECT RAISE(ABORT, 'the key rows from before signed key changes are listed once, by the migration'); END;

CREATE TRIGGER practitioner_keys_before_signing_no_delete BEFORE DELETE ON practitioner_keys_before_signing
BEGIN SELECT RAISE(ABORT, 'the key rows from before signed key changes are listed once, by the migration'); END;

CREATE TRIGGER practitioner_keys_signed BEFORE INSERT ON practitioner_keys
WHEN NEW.reason <> 'imported' AND (NEW.self_signature IS NULL OR NEW.previous_key_id IS NULL)
BEGIN SELECT RAISE(ABORT, 'a key row is signed by its own key (and names the key it follows)'); END;
