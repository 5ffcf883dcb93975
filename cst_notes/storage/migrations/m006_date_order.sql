-- m006_date_order, released with 1ed8da3 (2026-12-03). Frozen: never edited; a change is a new migration.

ALTER TABLE clinic_settings ADD COLUMN date_order TEXT NOT NULL DEFAULT 'day_first' CHECK (date_order IN ('day_first', 'month_first'));
