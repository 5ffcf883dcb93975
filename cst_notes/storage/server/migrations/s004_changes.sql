-- The clinic's shared record, version 4 (issue 17, sync speed): what changed since a laptop's last
-- pull, so that a sync reads only the patients touched since then (storage/server/pull.py).
-- Frozen once released: a change is a new migration. Edited once after its release, before any
-- clinic could be upgraded to it (clinic upgrade came after): the columns were added NOT NULL with
-- no default, which fails on a server holding rows; servers made with that text record its hash,
-- accepted as this migration's (migrations.py, RELEASED_HASHES).
--
-- Every row a pull reads carries the id of the transaction that last wrote it (changed_in, set by
-- the server whatever the row says). A pull takes the oldest transaction still running when it
-- starts, pg_snapshot_xmin(pg_current_snapshot()): every transaction with a lower id has committed
-- (or aborted) by then, so its rows are visible to that pull's reads, all made later. The next pull
-- reads the patients with rows of changed_in >= that mark: a transaction that began before the
-- last pull and committed after it has an id >= the mark, so it is read then, however late it
-- committed (a sequence or a clock, by contrast, is taken before the commit and would be skipped).
-- xid8 is the 64-bit id, which never wraps around.
--
-- On a server upgraded to this version (clinic upgrade), the rows already there are stamped with
-- the upgrading transaction's id, which no mark taken on this server before the upgrade exceeds:
-- no pull skips them. (A laptop keeps a mark only after a pull from a server of this version, so
-- its first pull after the upgrade reads every patient anyway.) The default serves only the rows
-- already there (adding a column fires no trigger, and the immutability triggers refuse an UPDATE
-- of signed records); it is dropped, so that every row written from then on is stamped by the
-- trigger alone, as on a server made at this version.
ALTER TABLE clinic.patients ADD COLUMN changed_in xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE clinic.sessions ADD COLUMN changed_in xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE clinic.session_private_notes ADD COLUMN changed_in xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE clinic.addenda ADD COLUMN changed_in xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE clinic.audit_entries ADD COLUMN changed_in xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE clinic.patients ALTER COLUMN changed_in DROP DEFAULT;
ALTER TABLE clinic.sessions ALTER COLUMN changed_in DROP DEFAULT;
ALTER TABLE clinic.session_private_notes ALTER COLUMN changed_in DROP DEFAULT;
ALTER TABLE clinic.addenda ALTER COLUMN changed_in DROP DEFAULT;
ALTER TABLE clinic.audit_entries ALTER COLUMN changed_in DROP DEFAULT;

CREATE FUNCTION clinic.stamp_changed_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed_in := pg_current_xact_id();
  RETURN NEW;
END $$;
CREATE TRIGGER patients_changed_in BEFORE INSERT OR UPDATE ON clinic.patients
  FOR EACH ROW EXECUTE FUNCTION clinic.stamp_changed_in();
CREATE TRIGGER sessions_changed_in BEFORE INSERT OR UPDATE ON clinic.sessions
  FOR EACH ROW EXECUTE FUNCTION clinic.stamp_changed_in();
CREATE TRIGGER session_private_notes_changed_in BEFORE INSERT OR UPDATE ON clinic.session_private_notes
  FOR EACH ROW EXECUTE FUNCTION clinic.stamp_changed_in();
CREATE TRIGGER addenda_changed_in BEFORE INSERT ON clinic.addenda
  FOR EACH ROW EXECUTE FUNCTION clinic.stamp_changed_in();
CREATE TRIGGER audit_entries_changed_in BEFORE INSERT ON clinic.audit_entries
  FOR EACH ROW EXECUTE FUNCTION clinic.stamp_changed_in();

CREATE INDEX patients_by_change ON clinic.patients (changed_in);
CREATE INDEX sessions_by_change ON clinic.sessions (changed_in);
CREATE INDEX session_private_notes_by_change ON clinic.session_private_notes (changed_in);
CREATE INDEX addenda_by_change ON clinic.addenda (changed_in);
CREATE INDEX audit_entries_by_change ON clinic.audit_entries (changed_in);
