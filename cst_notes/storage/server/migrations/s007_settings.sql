-- The clinic's shared record, version 7 (issue 17): the clinic-wide settings synced, with versions.
-- Frozen once released: a change is a new migration.
--
-- One row: the settings every laptop of the clinic holds alike (domain.settings.CLINIC_WIDE: the
-- letterhead, the paper, how long records are kept), as JSON, and its version (+1 on every change,
-- compare-and-set as a patient's details: clinic.next_version). Every practitioner reads it (the
-- front desk prints the letterhead); only the owners' group writes it (grants: roles.py). It is
-- never removed.
CREATE TABLE clinic.settings (
  id integer PRIMARY KEY CHECK (id = 1),
  body jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at timestamptz NOT NULL DEFAULT now(),  -- when and by whom: set by clinic.next_version on every change
  updated_by text NOT NULL DEFAULT current_user
);
CREATE TRIGGER settings_version BEFORE UPDATE ON clinic.settings
  FOR EACH ROW EXECUTE FUNCTION clinic.next_version();
CREATE FUNCTION clinic.refuse_settings_removal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the clinic settings in clinic.% are never removed', TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation', HINT = 'a change is their next version';
END $$;
CREATE TRIGGER settings_never_removed BEFORE DELETE ON clinic.settings
  FOR EACH ROW EXECUTE FUNCTION clinic.refuse_settings_removal();
CREATE TRIGGER settings_not_truncated BEFORE TRUNCATE ON clinic.settings
  FOR EACH STATEMENT EXECUTE FUNCTION clinic.refuse_settings_removal();
