-- m003_signing_addenda_audit, released with ef5bf0d (2026-11-24). Frozen: never edited; a change is a new migration.

CREATE TABLE addenda (
  id INTEGER PRIMARY KEY,
  session_id INTEGER REFERENCES sessions (id),   -- the signed session it amends, or
  intake_id INTEGER REFERENCES intakes (id),     -- the signed intake it amends
  text TEXT NOT NULL CHECK (length(trim(text)) > 0),
  author TEXT NOT NULL,                 -- the therapist who wrote and signed it
  created_at TEXT NOT NULL,             -- UTC; the addendum's date
  content_hash TEXT NOT NULL,           -- SHA-256 of the addendum with its note's hash
  CHECK ((session_id IS NULL) != (intake_id IS NULL))
);

CREATE INDEX addenda_by_session ON addenda (session_id);

CREATE INDEX addenda_by_intake ON addenda (intake_id);

CREATE TRIGGER addenda_only_for_signed_notes BEFORE INSERT ON addenda
WHEN coalesce((SELECT status FROM sessions WHERE id = NEW.session_id),
              (SELECT status FROM intakes WHERE id = NEW.intake_id)) IS NOT 'signed'
BEGIN SELECT RAISE(ABORT, 'an addendum belongs to a signed note'); END;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  changed_at TEXT NOT NULL,             -- UTC
  actor TEXT NOT NULL,                  -- who made the change
  action TEXT NOT NULL,                 -- create, update, delete, sign, addendum, import, restore
  entity TEXT NOT NULL,                 -- patient, intake, session, plan, settings, practice
  entity_id INTEGER,                    -- the row's id in its table
  patient_id INTEGER,                   -- whose record (no foreign key: the log outlives rows)
  summary TEXT NOT NULL DEFAULT '',     -- one line for people
  before_json TEXT,                     -- the record before (export format), NULL for a create
  after_json TEXT                       -- the record after, NULL for a delete
);

CREATE INDEX audit_log_by_patient ON audit_log (patient_id, changed_at);

ALTER TABLE clinic_settings ADD COLUMN retention_years INTEGER NOT NULL DEFAULT 10 CHECK (retention_years BETWEEN 1 AND 100);

CREATE TRIGGER sessions_signed_no_update BEFORE UPDATE ON sessions
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER sessions_signed_no_delete BEFORE DELETE ON sessions
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER rhythm_findings_signed_no_insert BEFORE INSERT ON rhythm_findings
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER rhythm_findings_signed_no_update BEFORE UPDATE ON rhythm_findings
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER rhythm_findings_signed_no_delete BEFORE DELETE ON rhythm_findings
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER session_events_signed_no_insert BEFORE INSERT ON session_events
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER session_events_signed_no_update BEFORE UPDATE ON session_events
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER session_events_signed_no_delete BEFORE DELETE ON session_events
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER restrictions_signed_no_insert BEFORE INSERT ON restrictions
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER restrictions_signed_no_update BEFORE UPDATE ON restrictions
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER restrictions_signed_no_delete BEFORE DELETE ON restrictions
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER techniques_applied_signed_no_insert BEFORE INSERT ON techniques_applied
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER techniques_applied_signed_no_update BEFORE UPDATE ON techniques_applied
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER techniques_applied_signed_no_delete BEFORE DELETE ON techniques_applied
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER adverse_reactions_signed_no_insert BEFORE INSERT ON adverse_reactions
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER adverse_reactions_signed_no_update BEFORE UPDATE ON adverse_reactions
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER adverse_reactions_signed_no_delete BEFORE DELETE ON adverse_reactions
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intakes_signed_no_update BEFORE UPDATE ON intakes
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intakes_signed_no_delete BEFORE DELETE ON intakes
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_conditions_signed_no_insert BEFORE INSERT ON intake_conditions
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_conditions_signed_no_update BEFORE UPDATE ON intake_conditions
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_conditions_signed_no_delete BEFORE DELETE ON intake_conditions
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_medications_signed_no_insert BEFORE INSERT ON intake_medications
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_medications_signed_no_update BEFORE UPDATE ON intake_medications
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_medications_signed_no_delete BEFORE DELETE ON intake_medications
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_surgeries_signed_no_insert BEFORE INSERT ON intake_surgeries
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_surgeries_signed_no_update BEFORE UPDATE ON intake_surgeries
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_surgeries_signed_no_delete BEFORE DELETE ON intake_surgeries
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_trauma_signed_no_insert BEFORE INSERT ON intake_trauma
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_trauma_signed_no_update BEFORE UPDATE ON intake_trauma
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_trauma_signed_no_delete BEFORE DELETE ON intake_trauma
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_contraindications_signed_no_insert BEFORE INSERT ON intake_contraindications
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_contraindications_signed_no_update BEFORE UPDATE ON intake_contraindications
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_contraindications_signed_no_delete BEFORE DELETE ON intake_contraindications
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER addenda_no_update BEFORE UPDATE ON addenda
BEGIN SELECT RAISE(ABORT, 'addenda are never changed or deleted'); END;

CREATE TRIGGER addenda_no_delete BEFORE DELETE ON addenda
BEGIN SELECT RAISE(ABORT, 'addenda are never changed or deleted'); END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries are never changed or deleted'); END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries are never changed or deleted'); END;
