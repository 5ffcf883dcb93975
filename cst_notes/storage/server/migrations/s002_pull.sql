-- The clinic's shared record, version 2 (issue 17, pull): what a laptop needs to verify what it pulls.
-- Frozen once released: a change is a new migration.

-- The salt of a session's private notes' digest (signature form 2, cst_notes/domain/canonical.py):
-- kept with the text, so under the same row-level security (their author's only); '' for a session
-- signed under form 1.
ALTER TABLE clinic.session_private_notes ADD COLUMN salt text NOT NULL DEFAULT '';

-- Who pushed a row is who the server says connected, never what the row says: a laptop trusts a
-- signing key only when the practitioner it names pushed it (clinic.practitioners.db_role).
CREATE FUNCTION clinic.pushed_by_current_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.pushed_by := current_user;
  RETURN NEW;
END $$;
CREATE TRIGGER practitioner_keys_pushed_by BEFORE INSERT ON clinic.practitioner_keys
  FOR EACH ROW EXECUTE FUNCTION clinic.pushed_by_current_user();
