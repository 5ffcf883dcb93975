-- m019_clinic_conflicts: a patient's details edited on two laptops while offline (issue 17). Frozen
-- once released: never edited; a change is a new migration.

-- The version of each patient's details on the clinic server that this laptop last synced at, and
-- the details of that version (what both sides started from): a push writes the server's next
-- version only from it, and a pull tells from it which side changed. A version never goes back.
CREATE TABLE clinic_bases (
  patient_uid TEXT PRIMARY KEY CHECK (length(patient_uid) = 36),
  version INTEGER NOT NULL CHECK (version >= 1),
  details TEXT NOT NULL CHECK (json_valid(details)),  -- the details at that version, in the export format
  synced_at TEXT NOT NULL                 -- ISO 8601 UTC
);
CREATE TRIGGER clinic_bases_never_back BEFORE UPDATE ON clinic_bases
  WHEN NEW.version < OLD.version OR NEW.patient_uid IS NOT OLD.patient_uid
BEGIN
  SELECT RAISE(ABORT, 'clinic_bases: a synced version never goes back');
END;

-- Both sides changed a patient's details since the version they had in common: both versions kept
-- (this laptop's, "mine", and the server's, "theirs"), the local record left as it was, until a
-- person resolves it. Resolving writes resolved_at, who and how (the details chosen); a resolved
-- conflict is never changed, and no conflict is ever removed. One open conflict per patient.
CREATE TABLE clinic_conflicts (
  id INTEGER PRIMARY KEY,
  patient_uid TEXT NOT NULL CHECK (length(patient_uid) = 36),
  mine TEXT NOT NULL CHECK (json_valid(mine)),      -- this laptop's details when the conflict was found
  theirs TEXT NOT NULL CHECK (json_valid(theirs)),  -- the server's details then
  base_version INTEGER NOT NULL CHECK (base_version >= 0),  -- the version both started from (0: none known)
  theirs_version INTEGER NOT NULL CHECK (theirs_version > base_version),
  opened_at TEXT NOT NULL,                -- ISO 8601 UTC
  resolved_at TEXT,                       -- ISO 8601 UTC; NULL while open
  resolved_by TEXT,
  resolution TEXT CHECK (resolution IS NULL OR json_valid(resolution)),  -- {"choice": ..., "details": ...}
  CHECK ((resolved_at IS NULL) = (resolution IS NULL) AND (resolved_at IS NULL) = (resolved_by IS NULL))
);
CREATE UNIQUE INDEX clinic_conflicts_one_open ON clinic_conflicts (patient_uid) WHERE resolved_at IS NULL;
CREATE TRIGGER clinic_conflicts_resolved_never_changed BEFORE UPDATE ON clinic_conflicts
  WHEN OLD.resolved_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'clinic_conflicts: a resolved conflict is never changed');
END;
CREATE TRIGGER clinic_conflicts_only_resolved BEFORE UPDATE ON clinic_conflicts
  WHEN OLD.resolved_at IS NULL AND (NEW.resolved_at IS NULL OR NEW.id IS NOT OLD.id
    OR NEW.patient_uid IS NOT OLD.patient_uid OR NEW.mine IS NOT OLD.mine OR NEW.theirs IS NOT OLD.theirs
    OR NEW.base_version IS NOT OLD.base_version OR NEW.theirs_version IS NOT OLD.theirs_version
    OR NEW.opened_at IS NOT OLD.opened_at)
BEGIN
  SELECT RAISE(ABORT, 'clinic_conflicts: an open conflict is only resolved, both versions kept as found');
END;
CREATE TRIGGER clinic_conflicts_never_removed BEFORE DELETE ON clinic_conflicts
BEGIN
  SELECT RAISE(ABORT, 'clinic_conflicts: a conflict is never removed');
END;
