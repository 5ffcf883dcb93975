-- m024_clinic_plans: follow-up plans synced with the clinic server, with versions (issue 17).
-- Frozen once released: never edited; a change is a new migration.

-- Each plan's identity on every laptop and on the server: a UUID given when it is made, never
-- changed (the plans already here get one each now).
ALTER TABLE follow_up_plans ADD COLUMN uid TEXT NOT NULL DEFAULT '';
UPDATE follow_up_plans SET uid = lower(
  hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
  || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))
);
CREATE UNIQUE INDEX follow_up_plans_by_uid ON follow_up_plans (uid);
CREATE TRIGGER follow_up_plans_uid_given BEFORE INSERT ON follow_up_plans
  WHEN length(NEW.uid) IS NOT 36
BEGIN
  SELECT RAISE(ABORT, 'follow_up_plans.uid: must be a UUID of 36 characters');
END;
CREATE TRIGGER follow_up_plans_uid_kept BEFORE UPDATE OF uid ON follow_up_plans
  WHEN NEW.uid IS NOT OLD.uid
BEGIN
  SELECT RAISE(ABORT, 'follow_up_plans.uid: a plan''s uid never changes');
END;

-- The version of each plan on the clinic server that this laptop last synced at, and the plan at
-- that version (what both sides started from), as clinic_bases keeps a patient's details: a push
-- writes the server's next version only from it, a pull tells from it which side changed, and a
-- version never goes back. push_mine: the plan changed here only while the server moved on to the
-- same plan; the next sync pushes it.
CREATE TABLE clinic_plan_bases (
  plan_uid TEXT PRIMARY KEY CHECK (length(plan_uid) = 36),
  patient_uid TEXT NOT NULL CHECK (length(patient_uid) = 36),
  version INTEGER NOT NULL CHECK (version >= 1),
  plan TEXT NOT NULL CHECK (json_valid(plan)),  -- the plan at that version, in the export format
  synced_at TEXT NOT NULL,                -- ISO 8601 UTC
  push_mine INTEGER NOT NULL DEFAULT 0 CHECK (push_mine IN (0, 1))
);
CREATE TRIGGER clinic_plan_bases_never_back BEFORE UPDATE ON clinic_plan_bases
  WHEN NEW.version < OLD.version OR NEW.plan_uid IS NOT OLD.plan_uid OR NEW.patient_uid IS NOT OLD.patient_uid
BEGIN
  SELECT RAISE(ABORT, 'clinic_plan_bases: a synced version never goes back');
END;

-- The plans a push is sending as the server's next version, kept before the server is asked and
-- removed once the laptop hears back (or a pull has judged them), as clinic_details_sent: a push
-- the laptop did not hear back from is known for its own by the next pull.
CREATE TABLE clinic_plans_sent (
  plan_uid TEXT PRIMARY KEY CHECK (length(plan_uid) = 36),
  version INTEGER NOT NULL CHECK (version >= 1),
  plan TEXT NOT NULL CHECK (json_valid(plan)),
  sent_at TEXT NOT NULL                   -- ISO 8601 UTC
);

-- A conflict is of a patient's details (plan_uid NULL) or of one of their plans: one open of each.
ALTER TABLE clinic_conflicts ADD COLUMN plan_uid TEXT CHECK (plan_uid IS NULL OR length(plan_uid) = 36);
DROP INDEX clinic_conflicts_one_open;
CREATE UNIQUE INDEX clinic_conflicts_one_open ON clinic_conflicts (patient_uid, coalesce(plan_uid, ''))
  WHERE resolved_at IS NULL;
CREATE TRIGGER clinic_conflicts_plan_kept BEFORE UPDATE OF plan_uid ON clinic_conflicts
  WHEN NEW.plan_uid IS NOT OLD.plan_uid
BEGIN
  SELECT RAISE(ABORT, 'clinic_conflicts: an open conflict is only resolved, both versions kept as found');
END;
