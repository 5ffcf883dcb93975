-- m010_tamper_evident: INSERT OR REPLACE, REPLACE, UPDATE OR REPLACE and upserts can no longer
-- unsign, move, re-sign or forge a signed note or rewrite addenda and the audit log (REPLACE deletes
-- the row it replaces without firing DELETE triggers); a note is inserted as a draft and then
-- signed, never inserted signed; the audit log becomes a hash chain with its head kept beside it.

DROP TRIGGER audit_log_no_update;

ALTER TABLE audit_log ADD COLUMN prev_hash TEXT /* entry_hash of the entry before; 64 zeros for the first */;

ALTER TABLE audit_log ADD COLUMN entry_hash TEXT /* SHA-256 of prev_hash and this entry: domain.audit.chain_hash */;

CREATE TABLE audit_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),  -- a single row
  entries INTEGER NOT NULL,             -- how many entries have been written to the audit log
  head TEXT NOT NULL                    -- entry_hash of the last one (64 zeros while there is none)
);

-- PART 2: after the existing entries are chained, in order of id

INSERT INTO audit_chain (id, entries, head) SELECT 1, count(*),
  coalesce((SELECT entry_hash FROM audit_log ORDER BY id DESC LIMIT 1), printf('%064d', 0)) FROM audit_log;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries are never changed or deleted'); END;

CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit entries are never changed or deleted'); END;

CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM audit_log) OR NEW.prev_hash IS NOT (SELECT head FROM audit_chain)
  OR length(NEW.entry_hash) IS NOT 64
BEGIN SELECT RAISE(ABORT, 'an audit entry follows the last one: its id, prev_hash and entry_hash are those of the chain'); END;

CREATE TRIGGER audit_log_extends_chain AFTER INSERT ON audit_log
BEGIN UPDATE audit_chain SET entries = entries + 1, head = NEW.entry_hash WHERE id = 1; END;

CREATE TRIGGER audit_chain_follows_log BEFORE UPDATE ON audit_chain
WHEN NEW.id IS NOT OLD.id OR NEW.entries IS NOT OLD.entries + 1
  OR NEW.head IS NOT (SELECT entry_hash FROM audit_log ORDER BY id DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'the head of the audit log follows its last entry; it is never set by hand'); END;

CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'the head of the audit log is never deleted'); END;

CREATE TRIGGER audit_chain_no_insert BEFORE INSERT ON audit_chain
BEGIN SELECT RAISE(ABORT, 'the head of the audit log is never replaced'); END;

CREATE TRIGGER addenda_no_replace BEFORE INSERT ON addenda
WHEN EXISTS (SELECT 1 FROM addenda WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'addenda are never changed or deleted'); END;

CREATE TRIGGER sessions_no_replace BEFORE INSERT ON sessions
WHEN EXISTS (SELECT 1 FROM sessions WHERE id = NEW.id OR uid = NEW.uid)
BEGIN SELECT RAISE(ABORT, 'this session is stored already: a row is changed in place (if it may be), never replaced'); END;

CREATE TRIGGER sessions_inserted_as_drafts BEFORE INSERT ON sessions
WHEN NEW.status IS NOT 'draft' OR NEW.signed_at IS NOT NULL OR NEW.signed_by IS NOT NULL OR NEW.content_hash IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a session is saved as a draft and then signed: it cannot be inserted signed'); END;

CREATE TRIGGER sessions_no_rekey BEFORE UPDATE OF id, uid ON sessions
WHEN NEW.id IS NOT OLD.id OR NEW.uid IS NOT OLD.uid
BEGIN SELECT RAISE(ABORT, 'the id and uid of a session never change'); END;

CREATE TRIGGER rhythm_findings_no_replace BEFORE INSERT ON rhythm_findings
WHEN EXISTS (SELECT 1 FROM rhythm_findings WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a session is stored already: a row is changed in place (if it may be), never replaced'); END;

CREATE TRIGGER rhythm_findings_no_move BEFORE UPDATE ON rhythm_findings
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER session_events_no_replace BEFORE INSERT ON session_events
WHEN EXISTS (SELECT 1 FROM session_events WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a session is stored already: a row is changed in place (if it may be), never replaced'); END;

CREATE TRIGGER session_events_no_move BEFORE UPDATE ON session_events
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER restrictions_no_replace BEFORE INSERT ON restrictions
WHEN EXISTS (SELECT 1 FROM restrictions WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a session is stored already: a row is changed in place (if it may be), never replaced'); END;

CREATE TRIGGER restrictions_no_move BEFORE UPDATE ON restrictions
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER techniques_applied_no_replace BEFORE INSERT ON techniques_applied
WHEN EXISTS (SELECT 1 FROM techniques_applied WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a session is stored already: a row is changed in place (if it may be), never replaced'); END;

CREATE TRIGGER techniques_applied_no_move BEFORE UPDATE ON techniques_applied
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER adverse_reactions_no_replace BEFORE INSERT ON adverse_reactions
WHEN EXISTS (SELECT 1 FROM adverse_reactions WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a session is stored already: a row is changed in place (if it may be), never replaced'); END;

CREATE TRIGGER adverse_reactions_no_move BEFORE UPDATE ON adverse_reactions
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intakes_no_replace BEFORE INSERT ON intakes
WHEN EXISTS (SELECT 1 FROM intakes WHERE id = NEW.id OR patient_id = NEW.patient_id)
BEGIN SELECT RAISE(ABORT, 'this intake is stored already: a row is changed in place (if it may be), never replaced'); END;

CREATE TRIGGER intakes_inserted_as_drafts BEFORE INSERT ON intakes
WHEN NEW.status IS NOT 'draft' OR NEW.signed_at IS NOT NULL OR NEW.signed_by IS NOT NULL OR NEW.content_hash IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a intake is saved as a draft and then signed: it cannot be inserted signed'); END;

CREATE TRIGGER intakes_no_rekey BEFORE UPDATE OF id, patient_id ON intakes
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id
BEGIN SELECT RAISE(ABORT, 'the id and patient_id of a intake never change'); END;

CREATE TRIGGER intake_conditions_no_replace BEFORE INSERT ON intake_conditions
WHEN EXISTS (SELECT 1 FROM intake_conditions WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a intake is stored already: a row is changed in place (if it may be), never replaced'); END;

CREATE TRIGGER intake_conditions_no_move BEFORE UPDATE ON intake_conditions
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_medications_no_replace BEFORE INSERT ON intake_medications
WHEN EXISTS (SELECT 1 FROM intake_medications WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a intake is stored already: a row is changed in place (if it may be), never replaced'); END;

CREATE TRIGGER intake_medications_no_move BEFORE UPDATE ON intake_medications
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_surgeries_no_replace BEFORE INSERT ON intake_surgeries
WHEN EXISTS (SELECT 1 FROM intake_surgeries WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a intake is stored already: a row is changed in place (if it may be), never replaced'); END;

CREATE TRIGGER intake_surgeries_no_move BEFORE UPDATE ON intake_surgeries
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_trauma_no_replace BEFORE INSERT ON intake_trauma
WHEN EXISTS (SELECT 1 FROM intake_trauma WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a intake is stored already: a row is changed in place (if it may be), never replaced'); END;

CREATE TRIGGER intake_trauma_no_move BEFORE UPDATE ON intake_trauma
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

CREATE TRIGGER intake_contraindications_no_replace BEFORE INSERT ON intake_contraindications
WHEN EXISTS (SELECT 1 FROM intake_contraindications WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a intake is stored already: a row is changed in place (if it may be), never replaced'); END;

CREATE TRIGGER intake_contraindications_no_move BEFORE UPDATE ON intake_contraindications
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
