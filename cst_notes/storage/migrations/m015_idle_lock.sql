-- m015_idle_lock: how many minutes without a key or a click before the app locks the screen
-- (domain.settings.IDLE_LOCK_MINUTES). Frozen once released: never edited; a change is a new migration.

ALTER TABLE clinic_settings ADD COLUMN idle_lock_minutes INTEGER NOT NULL DEFAULT 10 CHECK (idle_lock_minutes BETWEEN 1 AND 120);
