-- m017_clinic_server: the clinic server this laptop syncs with (issue 17), a single row; none on a
-- laptop of its own. The address is kept without a password (the practitioner gives it, or libpq
-- finds it in ~/.pgpass). Frozen once released: never edited; a change is a new migration.

CREATE TABLE clinic_server (
  id INTEGER PRIMARY KEY CHECK (id = 1),  -- a single row
  -- a libpq URL as connection.without_password writes it: no password parameter, no user:password@
  server TEXT NOT NULL CHECK (
    server LIKE 'postgresql://%' AND instr(lower(server), 'password=') = 0
    AND instr(substr(server, 14, max(instr(server, '@') - 14, 0)), ':') = 0
  ),
  db_role TEXT NOT NULL CHECK (db_role <> ''),
  practitioner TEXT NOT NULL,
  laptop_uid TEXT NOT NULL CHECK (length(laptop_uid) = 36),
  joined_at TEXT NOT NULL                 -- ISO 8601 UTC
);
