-- The clinic's shared record, version 1: every table in schema "clinic", keyed by the records' uids.
-- Frozen once released: a change is a new migration. The grants to the practitioners' group roles
-- are not here: they are derived from cst_notes/domain/access.py (storage/server/roles.py).

-- Patients' details (name, contact, guardians, consent): the one table the front desk edits.
CREATE TABLE clinic.patients (
  uid         uuid PRIMARY KEY,
  details     jsonb NOT NULL,               -- the patient as the export format writes it
  version     bigint NOT NULL DEFAULT 1,    -- +1 on every change: a stale write is refused
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  name NOT NULL DEFAULT current_user
);

-- A patient's intake (one per patient): a draft changes with versions; once signed, never.
CREATE TABLE clinic.intakes (
  patient_uid   uuid PRIMARY KEY REFERENCES clinic.patients (uid),
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
  signed_at     timestamptz,
  signed_by     text NOT NULL DEFAULT '',
  content_hash  text NOT NULL DEFAULT '',
  body          jsonb NOT NULL,             -- the intake as the export format writes it
  version       bigint NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    name NOT NULL DEFAULT current_user,
  CHECK (status = 'draft' OR (signed_at IS NOT NULL AND content_hash <> ''))
);

-- Sessions, without their private notes (those are in session_private_notes, guarded by row-level security).
CREATE TABLE clinic.sessions (
  uid           uuid PRIMARY KEY,
  patient_uid   uuid NOT NULL REFERENCES clinic.patients (uid),
  therapist     text NOT NULL DEFAULT '',
  started_at    timestamptz NOT NULL,
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
  signed_at     timestamptz,
  signed_by     text NOT NULL DEFAULT '',
  content_hash  text NOT NULL DEFAULT '',
  body          jsonb NOT NULL,             -- the session as the export format writes it, less private_notes
  version       bigint NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    name NOT NULL DEFAULT current_user,
  CHECK (status = 'draft' OR (signed_at IS NOT NULL AND content_hash <> ''))
);
CREATE INDEX sessions_by_patient ON clinic.sessions (patient_uid);

-- A session's private notes: readable by their author's database role only (row-level security below).
CREATE TABLE clinic.session_private_notes (
  session_uid  uuid PRIMARY KEY REFERENCES clinic.sessions (uid),
  author_role  name NOT NULL DEFAULT current_user,
  text         text NOT NULL
);

-- Addenda to signed notes: written once, never changed or removed.
CREATE TABLE clinic.addenda (
  uid           uuid PRIMARY KEY,
  note_kind     text NOT NULL CHECK (note_kind IN ('session', 'intake')),
  note_uid      uuid NOT NULL,              -- the session's uid, or the patient's for an intake
  author        text NOT NULL,
  created_at    timestamptz NOT NULL,
  content_hash  text NOT NULL UNIQUE,
  body          jsonb NOT NULL,
  pushed_by     name NOT NULL DEFAULT current_user
);
CREATE INDEX addenda_by_note ON clinic.addenda (note_uid);

-- The patient documents of signed sessions (the patient copy, private fields withheld): what the
-- front desk prints. Written when a session is signed, never changed.
CREATE TABLE clinic.session_documents (
  session_uid  uuid PRIMARY KEY REFERENCES clinic.sessions (uid),
  patient_uid  uuid NOT NULL REFERENCES clinic.patients (uid),
  body         jsonb NOT NULL,
  pushed_by    name NOT NULL DEFAULT current_user
);

-- Follow-up plans and the contraindication screening list's entries: mutable, with versions.
CREATE TABLE clinic.plans (
  uid          uuid PRIMARY KEY,
  patient_uid  uuid NOT NULL REFERENCES clinic.patients (uid),
  body         jsonb NOT NULL,
  version      bigint NOT NULL DEFAULT 1,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  updated_by   name NOT NULL DEFAULT current_user
);
CREATE TABLE clinic.screening_entries (
  uid          uuid PRIMARY KEY,
  patient_uid  uuid NOT NULL REFERENCES clinic.patients (uid),
  body         jsonb NOT NULL,
  version      bigint NOT NULL DEFAULT 1,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  updated_by   name NOT NULL DEFAULT current_user
);

-- Audit entries from every laptop: each laptop's hash chain kept whole (origin + entry_hash), never changed.
CREATE TABLE clinic.audit_entries (
  uid          uuid PRIMARY KEY,
  origin       text NOT NULL,               -- the laptop whose chain it belongs to
  entry_hash   text NOT NULL,               -- its hash in that chain (domain/audit.py)
  changed_at   timestamptz NOT NULL,
  actor        text NOT NULL,
  action       text NOT NULL,
  entity       text NOT NULL,
  entity_uid   text,
  patient_uid  uuid,
  summary      text NOT NULL DEFAULT '',
  before       jsonb,
  after        jsonb,
  pushed_by    name NOT NULL DEFAULT current_user,
  UNIQUE (origin, entry_hash)
);

-- The practitioners and their database roles (one LOGIN role each, member of their kind's group role).
CREATE TABLE clinic.practitioners (
  db_role  name PRIMARY KEY,
  name     text NOT NULL UNIQUE,
  role     text NOT NULL                    -- domain vocabulary ROLES code: owner, therapist, front_desk
);

-- The practitioners' public signing keys (to verify every pulled signature): never changed.
CREATE TABLE clinic.practitioner_keys (
  key_id        text PRIMARY KEY,
  practitioner  text NOT NULL,
  body          jsonb NOT NULL,
  pushed_by     name NOT NULL DEFAULT current_user
);

-- --- immutability: no role, the tables' owner included, updates or deletes these -----------------
CREATE FUNCTION clinic.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% in clinic.% are never changed or removed', TG_ARGV[0], TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation', HINT = 'a correction is a new addendum';
END $$;

CREATE FUNCTION clinic.refuse_change_when_signed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'signed' THEN
    RAISE EXCEPTION 'a signed % is never changed or removed (clinic.%)', TG_ARGV[0], TG_TABLE_NAME
      USING ERRCODE = 'integrity_constraint_violation', HINT = 'a correction is an addendum';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION clinic.refuse_private_notes_change_when_signed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM clinic.sessions WHERE uid = OLD.session_uid AND status = 'signed') THEN
    RAISE EXCEPTION 'the private notes of a signed session are never changed or removed'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;

-- --- versions: every change of a mutable record is the next version, so a stale write is refused ---
CREATE FUNCTION clinic.next_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.version IS DISTINCT FROM OLD.version + 1 THEN
    RAISE EXCEPTION 'clinic.% changed since version % was read: it is at version % now',
      TG_TABLE_NAME, NEW.version - 1, OLD.version
      USING ERRCODE = 'serialization_failure', HINT = 'pull, resolve the conflict, then push again';
  END IF;
  NEW.updated_at := now();
  NEW.updated_by := current_user;
  RETURN NEW;
END $$;

CREATE TRIGGER addenda_immutable BEFORE UPDATE OR DELETE ON clinic.addenda
  FOR EACH ROW EXECUTE FUNCTION clinic.refuse_change('addenda');
CREATE TRIGGER addenda_not_truncated BEFORE TRUNCATE ON clinic.addenda
  FOR EACH STATEMENT EXECUTE FUNCTION clinic.refuse_change('addenda');
CREATE TRIGGER audit_entries_immutable BEFORE UPDATE OR DELETE ON clinic.audit_entries
  FOR EACH ROW EXECUTE FUNCTION clinic.refuse_change('audit entries');
CREATE TRIGGER audit_entries_not_truncated BEFORE TRUNCATE ON clinic.audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION clinic.refuse_change('audit entries');
CREATE TRIGGER session_documents_immutable BEFORE UPDATE OR DELETE ON clinic.session_documents
  FOR EACH ROW EXECUTE FUNCTION clinic.refuse_change('the documents of signed sessions');
CREATE TRIGGER practitioner_keys_immutable BEFORE UPDATE OR DELETE ON clinic.practitioner_keys
  FOR EACH ROW EXECUTE FUNCTION clinic.refuse_change('signing keys');

CREATE TRIGGER sessions_signed_immutable BEFORE UPDATE OR DELETE ON clinic.sessions
  FOR EACH ROW EXECUTE FUNCTION clinic.refuse_change_when_signed('session');
CREATE TRIGGER intakes_signed_immutable BEFORE UPDATE OR DELETE ON clinic.intakes
  FOR EACH ROW EXECUTE FUNCTION clinic.refuse_change_when_signed('intake');
CREATE TRIGGER private_notes_signed_immutable BEFORE UPDATE OR DELETE ON clinic.session_private_notes
  FOR EACH ROW EXECUTE FUNCTION clinic.refuse_private_notes_change_when_signed();
-- Truncating any clinical table would remove signed notes with the rest.
CREATE TRIGGER sessions_not_truncated BEFORE TRUNCATE ON clinic.sessions
  FOR EACH STATEMENT EXECUTE FUNCTION clinic.refuse_change('sessions');
CREATE TRIGGER intakes_not_truncated BEFORE TRUNCATE ON clinic.intakes
  FOR EACH STATEMENT EXECUTE FUNCTION clinic.refuse_change('intakes');
CREATE TRIGGER private_notes_not_truncated BEFORE TRUNCATE ON clinic.session_private_notes
  FOR EACH STATEMENT EXECUTE FUNCTION clinic.refuse_change('private notes');
CREATE TRIGGER session_documents_not_truncated BEFORE TRUNCATE ON clinic.session_documents
  FOR EACH STATEMENT EXECUTE FUNCTION clinic.refuse_change('the documents of signed sessions');

CREATE TRIGGER patients_version BEFORE UPDATE ON clinic.patients
  FOR EACH ROW EXECUTE FUNCTION clinic.next_version();
CREATE TRIGGER intakes_version BEFORE UPDATE ON clinic.intakes
  FOR EACH ROW EXECUTE FUNCTION clinic.next_version();
CREATE TRIGGER sessions_version BEFORE UPDATE ON clinic.sessions
  FOR EACH ROW EXECUTE FUNCTION clinic.next_version();
CREATE TRIGGER plans_version BEFORE UPDATE ON clinic.plans
  FOR EACH ROW EXECUTE FUNCTION clinic.next_version();
CREATE TRIGGER screening_entries_version BEFORE UPDATE ON clinic.screening_entries
  FOR EACH ROW EXECUTE FUNCTION clinic.next_version();

-- --- row-level security: a session's private notes are their author's alone -----------------------
-- FORCE: the tables' owner is held to the policy too (only a superuser is not).
ALTER TABLE clinic.session_private_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinic.session_private_notes FORCE ROW LEVEL SECURITY;
CREATE POLICY private_notes_author_only ON clinic.session_private_notes
  USING (author_role = current_user)
  WITH CHECK (author_role = current_user);
