-- m021_clinic_holds: which patients this laptop holds of its clinic (issue 17), a setting of the
-- link: 0, the practitioner's own (those it holds, and those with a signed session they treated or
-- signed on the server: a new laptop of theirs gets them); 1, every patient of the whole clinic.
-- Frozen once released: never edited; a change is a new migration.
ALTER TABLE clinic_server ADD COLUMN whole_clinic INTEGER NOT NULL DEFAULT 0 CHECK (whole_clinic IN (0, 1));

-- A pull of the practitioner's own patients read only those held here before this version: the
-- next one reads every patient once, so that theirs held on the server alone are taken.
DELETE FROM clinic_pull_mark WHERE whole_clinic = 0;
