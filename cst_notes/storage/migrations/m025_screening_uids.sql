-- m025_screening_uids: contraindication screening changes synced with the clinic server (issue 17).
-- Frozen once released: never edited; a change is a new migration.

-- Each change's identity on every laptop and on the server: a UUID given when it is recorded (the
-- changes already here get one each now). A change is never changed (m009 refuses every UPDATE),
-- so its uid never changes either. Changes of two laptops merge by union of uids.
-- The trigger that refuses every UPDATE (m009) is lifted for the one that gives them, inside this
-- migration's transaction, and put back as it was.
ALTER TABLE screening_changes ADD COLUMN uid TEXT NOT NULL DEFAULT '';
DROP TRIGGER screening_changes_no_update;
-- Each uid begins with the change's id in hex (the rest random): changes recorded here in one
-- millisecond before now, folded by id until now, keep that order in the fold by time, then uid.
UPDATE screening_changes SET uid = lower(
  printf('%08x', id) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
  || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))
);
CREATE TRIGGER screening_changes_no_update BEFORE UPDATE ON screening_changes
BEGIN SELECT RAISE(ABORT, 'screening changes are never changed or deleted'); END;
CREATE UNIQUE INDEX screening_changes_by_uid ON screening_changes (uid);
CREATE TRIGGER screening_changes_uid_given BEFORE INSERT ON screening_changes
  WHEN length(NEW.uid) IS NOT 36
BEGIN
  SELECT RAISE(ABORT, 'screening_changes.uid: must be a UUID of 36 characters');
END;
