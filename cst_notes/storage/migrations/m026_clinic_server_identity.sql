-- m026_clinic_server_identity: which clinic tables the last pull read (issue 17). Frozen once
-- released: never edited; a change is a new migration.

-- The server's identity (storage/server/pull.py ChangeMark.identity: the object ids of its database
-- and clinic tables) when the mark was taken. A server put back from a backup into the same cluster
-- goes on giving higher transaction ids, so the mark alone does not tell; its tables are new ones,
-- and a laptop that sees another identity pushes and reads everything again. '' for a mark kept
-- before this migration (the next pull that finishes keeps one).
ALTER TABLE clinic_pull_mark ADD COLUMN server_identity TEXT NOT NULL DEFAULT '';
