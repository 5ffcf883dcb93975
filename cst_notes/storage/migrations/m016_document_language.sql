-- m016_document_language: the language a patient's documents are written in, a code of
-- cst_notes.domain.vocabulary.DOCUMENT_LANGUAGES ('en' for every patient stored before). As m012 does
-- for the other codes, triggers refuse any other value, whoever writes it (a plain sqlite3 client
-- too); the list is frozen here, and tests/storage/test_bad_rows.py compares it with the vocabulary
-- of today. Frozen once released: never edited; a change is a new migration.

ALTER TABLE patients ADD COLUMN document_language TEXT NOT NULL DEFAULT 'en';

CREATE TRIGGER patients_language_guard_insert BEFORE INSERT ON patients
BEGIN
  SELECT RAISE(ABORT, 'patients.document_language: not a code of vocabulary DOCUMENT_LANGUAGES')
    WHERE NEW.document_language IS NOT NULL AND NEW.document_language NOT IN ('en', 'bn', 'hi');
END;

CREATE TRIGGER patients_language_guard_update BEFORE UPDATE OF document_language ON patients
BEGIN
  SELECT RAISE(ABORT, 'patients.document_language: not a code of vocabulary DOCUMENT_LANGUAGES')
    WHERE NEW.document_language IS NOT OLD.document_language AND NEW.document_language IS NOT NULL
      AND NEW.document_language NOT IN ('en', 'bn', 'hi');
END;
