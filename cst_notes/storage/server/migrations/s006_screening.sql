-- The clinic's shared record, version 6 (issue 17): contraindication screening changes synced.
-- Frozen once released: a change is a new migration.
--
-- clinic.screening_entries (s001) holds each change of a patient's contraindication list by its
-- uid, its body in the export format (action, code, effective_on, screened_by, note, recorded_at,
-- uid). A change is a dated event, never edited: two laptops' changes merge by union of uids and
-- every laptop folds them in the order they were recorded. So here an entry is never changed or
-- removed (as addenda), and it is stamped with the transaction that wrote it, as s004 stamps the
-- other tables, so that a pull reads the patients with new changes.
ALTER TABLE clinic.screening_entries ADD COLUMN changed_in xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE clinic.screening_entries ALTER COLUMN changed_in DROP DEFAULT;
CREATE TRIGGER screening_entries_changed_in BEFORE INSERT ON clinic.screening_entries
  FOR EACH ROW EXECUTE FUNCTION clinic.stamp_changed_in();
CREATE FUNCTION clinic.refuse_screening_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'screening changes in clinic.% are never changed or removed', TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation', HINT = 'a correction is a new change (found, resolved, re-screened)';
END $$;
CREATE TRIGGER screening_entries_immutable BEFORE UPDATE OR DELETE ON clinic.screening_entries
  FOR EACH ROW EXECUTE FUNCTION clinic.refuse_screening_change();
CREATE TRIGGER screening_entries_not_truncated BEFORE TRUNCATE ON clinic.screening_entries
  FOR EACH STATEMENT EXECUTE FUNCTION clinic.refuse_screening_change();
CREATE INDEX screening_entries_by_change ON clinic.screening_entries (changed_in);
CREATE INDEX screening_entries_by_patient ON clinic.screening_entries (patient_uid);
