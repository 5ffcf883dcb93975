-- The clinic's shared record, version 3 (issue 17, sync speed): an index for the pull's read of a
-- patient's audit entries (storage/server/pull.py: WHERE patient_uid = … ORDER BY changed_at, uid),
-- which scanned the whole table once per patient without it. Every other read of the pull and the
-- push goes by a primary key or an index of version 1 (sessions_by_patient, addenda_by_note).
-- Frozen once released: a change is a new migration.
CREATE INDEX audit_entries_by_patient ON clinic.audit_entries (patient_uid, changed_at, uid);
