-- m013_practitioners: practitioners and their signing keys (domain.practitioner, domain.keys), and
-- the keyed signature of a note or addendum (scheme 3 of domain.signing.SCHEMES). A key change (a
-- new key, a new passphrase for the same key) adds a row: key rows are never changed or deleted.
-- Each distinct name that signed a note or an addendum, and the therapist of the clinic settings,
-- becomes a practitioner without a key; the settings' therapist (else the first to sign) is the owner.
-- Frozen once released: never edited; a change is a new migration.

CREATE TABLE practitioners (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,                             -- as they sign (signed_by, addenda.author)
  role TEXT NOT NULL DEFAULT 'therapist' CHECK (role IN ('owner', 'therapist', 'front_desk')),
  credentials TEXT NOT NULL DEFAULT '',                  -- e.g. RCST, BCST
  registration TEXT NOT NULL DEFAULT '',                 -- registration or membership numbers
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),  -- 0: disabled, cannot sign
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE practitioner_keys (
  id INTEGER PRIMARY KEY,
  practitioner_id INTEGER NOT NULL REFERENCES practitioners (id),
  valid_from TEXT NOT NULL,                              -- from when this key is the practitioner's
  key_id TEXT NOT NULL CHECK (length(key_id) = 64),      -- SHA-256 of public_key, hex
  public_key BLOB NOT NULL CHECK (length(public_key) = 32),  -- Ed25519
  kdf TEXT CHECK (kdf IN ('scrypt', 'none')),            -- NULL: known from an import, no private key here
  kdf_n INTEGER,                                         -- scrypt's cost parameters and salt
  kdf_r INTEGER,
  kdf_p INTEGER,
  kdf_salt BLOB,
  nonce BLOB,                                            -- AES-256-GCM's, with key_id as associated data
  sealed_private_key BLOB,                               -- encrypted; the raw key when kdf = 'none' (no passphrase)
  reason TEXT NOT NULL CHECK (reason IN ('new key', 'new passphrase', 'imported'))
);

CREATE INDEX practitioner_keys_by_practitioner ON practitioner_keys (practitioner_id, valid_from);

-- with foreign keys off (the sqlite3 shell's default) a key row could otherwise name nobody
CREATE TRIGGER practitioner_keys_guard_insert BEFORE INSERT ON practitioner_keys
WHEN NOT EXISTS (SELECT 1 FROM practitioners WHERE id = NEW.practitioner_id)
BEGIN SELECT RAISE(ABORT, 'practitioner_keys.practitioner_id: no practitioner has this id'); END;

CREATE TRIGGER practitioner_keys_no_update BEFORE UPDATE ON practitioner_keys
BEGIN SELECT RAISE(ABORT, 'key rows are never changed or deleted: a new key or passphrase adds a row'); END;

CREATE TRIGGER practitioner_keys_no_delete BEFORE DELETE ON practitioner_keys
BEGIN SELECT RAISE(ABORT, 'key rows are never changed or deleted: a new key or passphrase adds a row'); END;

CREATE TRIGGER practitioner_keys_no_replace BEFORE INSERT ON practitioner_keys
WHEN EXISTS (SELECT 1 FROM practitioner_keys WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'key rows are never changed or deleted: a new key or passphrase adds a row'); END;

CREATE TRIGGER practitioner_keys_not_backdated BEFORE INSERT ON practitioner_keys
WHEN NEW.valid_from < (SELECT max(valid_from) FROM practitioner_keys WHERE practitioner_id = NEW.practitioner_id)
BEGIN SELECT RAISE(ABORT, 'a key row is valid from after the practitioner''s last one: never backdated'); END;

CREATE TRIGGER practitioners_no_delete BEFORE DELETE ON practitioners
BEGIN SELECT RAISE(ABORT, 'a practitioner is disabled, never deleted: their signatures name them'); END;

CREATE TRIGGER practitioners_no_replace BEFORE INSERT ON practitioners
WHEN EXISTS (SELECT 1 FROM practitioners WHERE id = NEW.id OR name = NEW.name)
BEGIN SELECT RAISE(ABORT, 'this practitioner is stored already: a row is changed in place, never replaced'); END;

CREATE TRIGGER practitioners_no_rename BEFORE UPDATE OF id, name ON practitioners
WHEN NEW.id IS NOT OLD.id OR NEW.name IS NOT OLD.name
BEGIN SELECT RAISE(ABORT, 'a practitioner''s name never changes: their signatures name them'); END;

ALTER TABLE sessions ADD COLUMN key_id TEXT /* scheme 3: the signer's key, practitioner_keys.key_id */;

ALTER TABLE sessions ADD COLUMN key_signature TEXT /* scheme 3: Ed25519 signature of the scheme's message, hex */;

ALTER TABLE intakes ADD COLUMN key_id TEXT /* scheme 3: the signer's key, practitioner_keys.key_id */;

ALTER TABLE intakes ADD COLUMN key_signature TEXT /* scheme 3: Ed25519 signature of the scheme's message, hex */;

ALTER TABLE addenda ADD COLUMN key_id TEXT /* scheme 3: the author's key, practitioner_keys.key_id */;

ALTER TABLE addenda ADD COLUMN key_signature TEXT /* scheme 3: Ed25519 signature of the scheme's message, hex */;

CREATE TRIGGER sessions_inserted_unkeyed BEFORE INSERT ON sessions
WHEN NEW.key_id IS NOT NULL OR NEW.key_signature IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a session is saved as a draft and then signed: it cannot be inserted signed'); END;

CREATE TRIGGER intakes_inserted_unkeyed BEFORE INSERT ON intakes
WHEN NEW.key_id IS NOT NULL OR NEW.key_signature IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an intake is saved as a draft and then signed: it cannot be inserted signed'); END;

INSERT INTO practitioners (name, created_at, updated_at)
SELECT name, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM (
  SELECT therapist_name AS name, '' AS first FROM clinic_settings WHERE trim(therapist_name) <> ''
  UNION ALL SELECT signed_by, signed_at FROM sessions WHERE status = 'signed' AND trim(signed_by) <> ''
  UNION ALL SELECT signed_by, signed_at FROM intakes WHERE status = 'signed' AND trim(signed_by) <> ''
  UNION ALL SELECT author, created_at FROM addenda WHERE trim(author) <> ''
) GROUP BY name ORDER BY min(first), name;

UPDATE practitioners SET role = 'owner' WHERE id = (SELECT min(id) FROM practitioners);

UPDATE practitioners SET
  credentials = (SELECT credentials FROM clinic_settings),
  registration = (SELECT memberships FROM clinic_settings)
WHERE role = 'owner' AND name = (SELECT therapist_name FROM clinic_settings);
