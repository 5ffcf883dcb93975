-- m027_clinic_settings_base: the clinic-wide settings synced with the clinic server (issue 17).
-- Frozen once released: never edited; a change is a new migration.

-- The version of the clinic-wide settings (domain.settings.CLINIC_WIDE) on the server that this
-- laptop last synced at, and the settings of that version (what both sides started from), as
-- clinic_bases keeps a patient's details: a push writes the server's next version only from it, a
-- pull tells from it which side changed, and a version never goes back. A conflict of the settings
-- is kept in clinic_conflicts under domain.clinic.SETTINGS_UID.
CREATE TABLE clinic_settings_base (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL CHECK (version >= 1),
  settings TEXT NOT NULL CHECK (json_valid(settings)),
  synced_at TEXT NOT NULL                 -- ISO 8601 UTC
);
CREATE TRIGGER clinic_settings_base_never_back BEFORE UPDATE ON clinic_settings_base
  WHEN NEW.version < OLD.version
BEGIN
  SELECT RAISE(ABORT, 'clinic_settings_base: a synced version never goes back');
END;
