-- The clinic's shared record, version 5 (issue 17): follow-up plans synced, each with versions.
-- Frozen once released: a change is a new migration.
--
-- clinic.plans (s001) holds each plan by its uid, its body in the export format, and its version
-- (+1 on every change, compare-and-set: clinic.next_version). Here it is stamped with the
-- transaction that last wrote it, as s004 stamps the other tables, so that a pull reads the
-- patients whose plans changed; and a plan is never removed (a plan is a clinical record: it is
-- superseded or closed, never deleted).
ALTER TABLE clinic.plans ADD COLUMN changed_in xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE clinic.plans ALTER COLUMN changed_in DROP DEFAULT;
CREATE TRIGGER plans_changed_in BEFORE INSERT OR UPDATE ON clinic.plans
  FOR EACH ROW EXECUTE FUNCTION clinic.stamp_changed_in();
CREATE INDEX plans_by_change ON clinic.plans (changed_in);
CREATE INDEX plans_by_patient ON clinic.plans (patient_uid);

CREATE FUNCTION clinic.refuse_removal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% in clinic.% are never removed', TG_ARGV[0], TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation', HINT = 'a plan is superseded or closed, not removed';
END $$;
CREATE TRIGGER plans_never_removed BEFORE DELETE ON clinic.plans
  FOR EACH ROW EXECUTE FUNCTION clinic.refuse_removal('follow-up plans');
CREATE TRIGGER plans_not_truncated BEFORE TRUNCATE ON clinic.plans
  FOR EACH STATEMENT EXECUTE FUNCTION clinic.refuse_removal('follow-up plans');
