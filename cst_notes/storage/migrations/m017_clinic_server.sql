-- m017_clinic_server: the clinic server this laptop syncs with (issue 17), a single row; none on a
-- laptop of its own. The address is kept without a password (the practitioner gives it, or libpq
-- finds it in ~/.pgpass). Frozen once released: never edited; a change is a new migration.

CREATE TABLE clinic_server (
  id INTEGER PRIMARY KEY CHECK (id = 1),  -- a single row
  server TEXT NOT NULL CHECK (server LIKE 'postgresql://%' AND instr(lower(server), 'password') = 0),
  db_role TEXT NOT NULL CHECK (db_role <> ''),
  practitioner TEXT NOT NULL,
  laptop_uid TEXT NOT NULL CHECK (length(laptop_uid) = 36),
  joined_at TEXT NOT NULL                 -- ISO 8601 UTC
);
