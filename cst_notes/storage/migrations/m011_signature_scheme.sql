-- m011_signature_scheme: each signature records how it was made (domain.signing.SCHEMES) and which
-- fields it covers (domain.canonical.FORMS). Every signature made before is of scheme 1 (the
-- content only) and form 1, the columns' default; the columns mean nothing for a draft.
-- Frozen once released: never edited; a change is a new migration.

ALTER TABLE sessions ADD COLUMN signature_scheme INTEGER NOT NULL DEFAULT 1 CHECK (signature_scheme >= 1) /* 1 content only; 2 content, record, patient, signer and time */;

ALTER TABLE sessions ADD COLUMN canonical_form INTEGER NOT NULL DEFAULT 1 CHECK (canonical_form >= 1) /* the frozen field list content_hash covers */;

ALTER TABLE intakes ADD COLUMN signature_scheme INTEGER NOT NULL DEFAULT 1 CHECK (signature_scheme >= 1) /* 1 content only; 2 content, record, patient, signer and time */;

ALTER TABLE intakes ADD COLUMN canonical_form INTEGER NOT NULL DEFAULT 1 CHECK (canonical_form >= 1) /* the frozen field list content_hash covers */;

ALTER TABLE addenda ADD COLUMN signature_scheme INTEGER NOT NULL DEFAULT 1 CHECK (signature_scheme >= 1) /* how content_hash was made */;
