-- m022_clinic_sync_problems: what a pull or sync could not take, kept with it (issue 17), so that
-- the app's status bar says it until a later one takes it: the patients refused (a signature that
-- does not verify) and the records left on the server (they cannot be verified here, or the laptop
-- holds another version), each in words, as JSON arrays of strings.
-- Frozen once released: never edited; a change is a new migration.
ALTER TABLE clinic_syncs ADD COLUMN refused TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(refused) AND json_type(refused) = 'array');
ALTER TABLE clinic_syncs ADD COLUMN left_there TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(left_there) AND json_type(left_there) = 'array');
