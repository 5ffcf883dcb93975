-- index addenda_by_intake on addenda
CREATE INDEX addenda_by_intake ON addenda (intake_id);

-- index addenda_by_session on addenda
CREATE INDEX addenda_by_session ON addenda (session_id);

-- index adverse_reactions_by_session on adverse_reactions
CREATE INDEX adverse_reactions_by_session ON adverse_reactions (session_id);

-- index audit_log_by_patient on audit_log
CREATE INDEX audit_log_by_patient ON audit_log (patient_id, changed_at);

-- index clinic_audit_entries_by_patient on clinic_audit_entries
CREATE INDEX clinic_audit_entries_by_patient ON clinic_audit_entries (patient_uid, changed_at);

-- index clinic_conflicts_one_open on clinic_conflicts
CREATE UNIQUE INDEX clinic_conflicts_one_open ON clinic_conflicts (patient_uid, coalesce(plan_uid, ''))
  WHERE resolved_at IS NULL;

-- index follow_up_plans_by_patient on follow_up_plans
CREATE INDEX follow_up_plans_by_patient ON follow_up_plans (patient_id, created_on);

-- index follow_up_plans_by_uid on follow_up_plans
CREATE UNIQUE INDEX follow_up_plans_by_uid ON follow_up_plans (uid);

-- index idx__sqlite_migrations_migration_set_name on _sqlite_migrations
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");

-- index patients_by_name on patients
CREATE INDEX patients_by_name ON patients (full_name COLLATE NOCASE);

-- index plan_goals_by_plan on plan_goals
CREATE INDEX plan_goals_by_plan ON plan_goals (plan_id);

-- index plan_referrals_by_plan on plan_referrals
CREATE INDEX plan_referrals_by_plan ON plan_referrals (plan_id);

-- index practitioner_keys_by_practitioner on practitioner_keys
CREATE INDEX practitioner_keys_by_practitioner ON practitioner_keys (practitioner_id, valid_from);

-- index restrictions_by_session on restrictions
CREATE INDEX restrictions_by_session ON restrictions (session_id);

-- index rhythm_findings_by_session on rhythm_findings
CREATE INDEX rhythm_findings_by_session ON rhythm_findings (session_id);

-- index screening_changes_by_patient on screening_changes
CREATE INDEX screening_changes_by_patient ON screening_changes (patient_id, id);

-- index screening_changes_by_uid on screening_changes
CREATE UNIQUE INDEX screening_changes_by_uid ON screening_changes (uid);

-- index session_events_by_session on session_events
CREATE INDEX session_events_by_session ON session_events (session_id);

-- index sessions_by_patient on sessions
CREATE INDEX sessions_by_patient ON sessions (patient_id, started_at);

-- index sessions_unsigned on sessions
CREATE INDEX sessions_unsigned ON sessions (started_at) WHERE status = 'draft';

-- index techniques_applied_by_session on techniques_applied
CREATE INDEX techniques_applied_by_session ON techniques_applied (session_id);

-- table addenda on addenda
CREATE TABLE addenda (
  id INTEGER PRIMARY KEY,
  session_id INTEGER REFERENCES sessions (id),   -- the signed session it amends, or
  intake_id INTEGER REFERENCES intakes (id),     -- the signed intake it amends
  text TEXT NOT NULL CHECK (length(trim(text)) > 0),
  author TEXT NOT NULL,                 -- the therapist who wrote and signed it
  created_at TEXT NOT NULL,             -- UTC; the addendum's date
  content_hash TEXT NOT NULL, signature_scheme INTEGER NOT NULL DEFAULT 1 CHECK (signature_scheme >= 1) /* how content_hash was made */, key_id TEXT /* scheme 3: the author's key, practitioner_keys.key_id */, key_signature TEXT /* scheme 3: Ed25519 signature of the scheme's message, hex */,           -- SHA-256 of the addendum with its note's hash
  CHECK ((session_id IS NULL) != (intake_id IS NULL))
);

-- table addenda_trigrams on addenda_trigrams
CREATE VIRTUAL TABLE addenda_trigrams USING fts5(text, content='addenda', content_rowid='id', tokenize='trigram');

-- table addenda_words on addenda_words
CREATE VIRTUAL TABLE addenda_words USING fts5(text, content='addenda', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

-- table adverse_reactions on adverse_reactions
CREATE TABLE adverse_reactions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,                   -- vocabulary ADVERSE_REACTIONS
  note TEXT NOT NULL DEFAULT ''
);

-- table audit_chain on audit_chain
CREATE TABLE audit_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),  -- a single row
  entries INTEGER NOT NULL,             -- how many entries have been written to the audit log
  head TEXT NOT NULL                    -- entry_hash of the last one (64 zeros while there is none)
);

-- table audit_log on audit_log
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  changed_at TEXT NOT NULL,             -- UTC
  actor TEXT NOT NULL,                  -- who made the change
  action TEXT NOT NULL,                 -- create, update, delete, sign, addendum, import, restore
  entity TEXT NOT NULL,                 -- patient, intake, session, plan, settings, practice
  entity_id INTEGER,                    -- the row's id in its table
  patient_id INTEGER,                   -- whose record (no foreign key: the log outlives rows)
  summary TEXT NOT NULL DEFAULT '',     -- one line for people
  before_json TEXT,                     -- the record before (export format), NULL for a create
  after_json TEXT                       -- the record after, NULL for a delete
, prev_hash TEXT /* entry_hash of the entry before; 64 zeros for the first */, entry_hash TEXT /* SHA-256 of prev_hash and this entry: domain.audit.chain_hash */);

-- table audit_seals on audit_seals
CREATE TABLE audit_seals (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL,                             -- audit_log.id of the chain's last entry then
  entry_hash TEXT NOT NULL CHECK (length(entry_hash) = 64),  -- its entry_hash
  sealed_at TEXT NOT NULL,                               -- ISO 8601 UTC, to the second
  practitioner TEXT NOT NULL,                            -- practitioners.name of who sealed
  key_id TEXT NOT NULL CHECK (length(key_id) = 64),      -- their key then, practitioner_keys.key_id
  signature TEXT NOT NULL CHECK (length(signature) = 128)  -- Ed25519, hex
);

-- table clinic_audit_entries on clinic_audit_entries
CREATE TABLE clinic_audit_entries (
  uid TEXT PRIMARY KEY CHECK (length(uid) = 36),
  origin TEXT NOT NULL,
  entry_hash TEXT NOT NULL,
  patient_uid TEXT NOT NULL,
  changed_at TEXT NOT NULL,               -- ISO 8601 UTC
  entry TEXT NOT NULL CHECK (json_valid(entry)),  -- actor, action, entity, entity_uid, summary, before, after
  pulled_at TEXT NOT NULL,
  UNIQUE (origin, entry_hash)
);

-- table clinic_bases on clinic_bases
CREATE TABLE clinic_bases (
  patient_uid TEXT PRIMARY KEY CHECK (length(patient_uid) = 36),
  version INTEGER NOT NULL CHECK (version >= 1),
  details TEXT NOT NULL CHECK (json_valid(details)),  -- the details at that version, in the export format
  synced_at TEXT NOT NULL                 -- ISO 8601 UTC
, push_mine INTEGER NOT NULL DEFAULT 0 CHECK (push_mine IN (0, 1)));

-- table clinic_conflicts on clinic_conflicts
CREATE TABLE clinic_conflicts (
  id INTEGER PRIMARY KEY,
  patient_uid TEXT NOT NULL CHECK (length(patient_uid) = 36),
  mine TEXT NOT NULL CHECK (json_valid(mine)),      -- this laptop's details when the conflict was found
  theirs TEXT NOT NULL CHECK (json_valid(theirs)),  -- the server's details then
  base_version INTEGER NOT NULL CHECK (base_version >= 0),  -- the version both started from (0: none known)
  theirs_version INTEGER NOT NULL CHECK (theirs_version > base_version),
  opened_at TEXT NOT NULL,                -- ISO 8601 UTC
  resolved_at TEXT,                       -- ISO 8601 UTC; NULL while open
  resolved_by TEXT,
  resolution TEXT CHECK (resolution IS NULL OR json_valid(resolution)), plan_uid TEXT CHECK (plan_uid IS NULL OR length(plan_uid) = 36),  -- {"choice": ..., "details": ...}
  CHECK ((resolved_at IS NULL) = (resolution IS NULL) AND (resolved_at IS NULL) = (resolved_by IS NULL))
);

-- table clinic_details_sent on clinic_details_sent
CREATE TABLE clinic_details_sent (
  patient_uid TEXT PRIMARY KEY CHECK (length(patient_uid) = 36),
  version INTEGER NOT NULL CHECK (version >= 1),
  details TEXT NOT NULL CHECK (json_valid(details)),
  sent_at TEXT NOT NULL                   -- ISO 8601 UTC
);

-- table clinic_plan_bases on clinic_plan_bases
CREATE TABLE clinic_plan_bases (
  plan_uid TEXT PRIMARY KEY CHECK (length(plan_uid) = 36),
  patient_uid TEXT NOT NULL CHECK (length(patient_uid) = 36),
  version INTEGER NOT NULL CHECK (version >= 1),
  plan TEXT NOT NULL CHECK (json_valid(plan)),  -- the plan at that version, in the export format
  synced_at TEXT NOT NULL,                -- ISO 8601 UTC
  push_mine INTEGER NOT NULL DEFAULT 0 CHECK (push_mine IN (0, 1))
);

-- table clinic_plans_sent on clinic_plans_sent
CREATE TABLE clinic_plans_sent (
  plan_uid TEXT PRIMARY KEY CHECK (length(plan_uid) = 36),
  version INTEGER NOT NULL CHECK (version >= 1),
  plan TEXT NOT NULL CHECK (json_valid(plan)),
  sent_at TEXT NOT NULL                   -- ISO 8601 UTC
);

-- table clinic_pull_mark on clinic_pull_mark
CREATE TABLE clinic_pull_mark (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server TEXT NOT NULL,
  whole_clinic INTEGER NOT NULL CHECK (whole_clinic IN (0, 1)),
  mark INTEGER NOT NULL CHECK (mark >= 0),
  pulled_at TEXT NOT NULL                 -- ISO 8601 UTC
, refused TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(refused) AND json_type(refused) = 'array'), server_identity TEXT NOT NULL DEFAULT '');

-- table clinic_server on clinic_server
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
, whole_clinic INTEGER NOT NULL DEFAULT 0 CHECK (whole_clinic IN (0, 1)));

-- table clinic_settings on clinic_settings
CREATE TABLE clinic_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),  -- a single row
  clinic_name TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  therapist_name TEXT NOT NULL DEFAULT '',
  credentials TEXT NOT NULL DEFAULT '',                  -- training
  memberships TEXT NOT NULL DEFAULT '',                  -- professional memberships
  footer_text TEXT NOT NULL DEFAULT '',
  page_size TEXT NOT NULL DEFAULT 'A4' CHECK (page_size IN ('A4', 'Letter')),
  logo_png BLOB
, retention_years INTEGER NOT NULL DEFAULT 10 CHECK (retention_years BETWEEN 1 AND 100), date_order TEXT NOT NULL DEFAULT 'day_first' CHECK (date_order IN ('day_first', 'month_first')), idle_lock_minutes INTEGER NOT NULL DEFAULT 10 CHECK (idle_lock_minutes BETWEEN 1 AND 120));

-- table clinic_settings_base on clinic_settings_base
CREATE TABLE clinic_settings_base (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL CHECK (version >= 1),
  settings TEXT NOT NULL CHECK (json_valid(settings)),
  synced_at TEXT NOT NULL                 -- ISO 8601 UTC
);

-- table clinic_syncs on clinic_syncs
CREATE TABLE clinic_syncs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('push', 'pull', 'sync')),
  finished_at TEXT NOT NULL,              -- ISO 8601 UTC
  audit_mark INTEGER NOT NULL CHECK (audit_mark >= 0),
  summary TEXT NOT NULL DEFAULT ''
, refused TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(refused) AND json_type(refused) = 'array'), left_there TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(left_there) AND json_type(left_there) = 'array'));

-- table custom_techniques on custom_techniques
CREATE TABLE custom_techniques (
  code TEXT PRIMARY KEY CHECK (code LIKE 'custom.%'),  -- the therapist's own techniques
  label TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- table drafts on drafts
CREATE TABLE drafts (
  key TEXT PRIMARY KEY,                 -- which form and record, e.g. intake:patient:12
  form TEXT NOT NULL,                   -- the form's name
  patient_id INTEGER REFERENCES patients (id) ON DELETE CASCADE,  -- NULL for a new patient
  content TEXT NOT NULL,                -- the unsaved form as JSON
  saved_at TEXT NOT NULL                -- UTC
);

-- table follow_up_plans on follow_up_plans
CREATE TABLE follow_up_plans (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  created_on TEXT NOT NULL CHECK (date(created_on) IS created_on),
  frequency TEXT NOT NULL,              -- vocabulary FREQUENCIES
  frequency_note TEXT NOT NULL DEFAULT '',
  estimated_sessions INTEGER CHECK (estimated_sessions IS NULL OR estimated_sessions > 0),
  next_appointment TEXT CHECK (next_appointment IS NULL OR date(next_appointment) IS next_appointment),
  review_date TEXT CHECK (review_date IS NULL OR date(review_date) IS review_date),
  home_care TEXT NOT NULL DEFAULT '',
  superseded_on TEXT CHECK (superseded_on IS NULL OR date(superseded_on) IS superseded_on),  -- NULL for the current plan
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
, closed_on TEXT CHECK (closed_on IS NULL OR date(closed_on) IS closed_on), closed_reason TEXT NOT NULL DEFAULT '' CHECK ((closed_on IS NULL) = (closed_reason = '')), closing_note TEXT NOT NULL DEFAULT '', uid TEXT NOT NULL DEFAULT '');

-- table follow_up_plans_trigrams on follow_up_plans_trigrams
CREATE VIRTUAL TABLE follow_up_plans_trigrams USING fts5(frequency_note, home_care, closing_note, content='follow_up_plans', content_rowid='id', tokenize='trigram');

-- table follow_up_plans_words on follow_up_plans_words
CREATE VIRTUAL TABLE follow_up_plans_words USING fts5(frequency_note, home_care, closing_note, content='follow_up_plans', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

-- table intake_conditions on intake_conditions
CREATE TABLE intake_conditions (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,                   -- vocabulary CONDITIONS
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (intake_id, code)
);

-- table intake_contraindications on intake_contraindications
CREATE TABLE intake_contraindications (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,                   -- vocabulary CONTRAINDICATIONS (present at screening)
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (intake_id, code)
);

-- table intake_medications on intake_medications
CREATE TABLE intake_medications (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  dose TEXT NOT NULL DEFAULT ''
);

-- table intake_surgeries on intake_surgeries
CREATE TABLE intake_surgeries (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  surgery_date TEXT CHECK (surgery_date IS NULL OR date(surgery_date) IS surgery_date)
);

-- table intake_trauma on intake_trauma
CREATE TABLE intake_trauma (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,                   -- vocabulary TRAUMA_KINDS
  description TEXT NOT NULL DEFAULT '',
  event_date TEXT CHECK (event_date IS NULL OR date(event_date) IS event_date)
);

-- table intakes on intakes
CREATE TABLE intakes (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL UNIQUE REFERENCES patients (id) ON DELETE CASCADE,
  intake_date TEXT NOT NULL CHECK (date(intake_date) IS intake_date),
  complaint TEXT NOT NULL DEFAULT '',                    -- in the client's own words
  goals TEXT NOT NULL DEFAULT '',
  onset TEXT NOT NULL DEFAULT '',
  duration TEXT NOT NULL DEFAULT '',
  intensity INTEGER CHECK (intensity IS NULL OR intensity BETWEEN 0 AND 10),
  frequency TEXT NOT NULL DEFAULT '',
  location TEXT NOT NULL DEFAULT '',
  aggravating_factors TEXT NOT NULL DEFAULT '',
  relieving_factors TEXT NOT NULL DEFAULT '',
  prior_treatment TEXT NOT NULL DEFAULT '',
  medical_history TEXT NOT NULL DEFAULT '',
  pregnant INTEGER NOT NULL DEFAULT 0 CHECK (pregnant IN (0, 1)),
  pregnancy_note TEXT NOT NULL DEFAULT '',
  contraindications_screened_on TEXT CHECK (contraindications_screened_on IS NULL OR date(contraindications_screened_on) IS contraindications_screened_on),
  has_birth_history INTEGER NOT NULL DEFAULT 0 CHECK (has_birth_history IN (0, 1)),  -- 1 when the birth_ columns apply
  birth_labour_hours REAL,
  birth_induced INTEGER NOT NULL DEFAULT 0 CHECK (birth_induced IN (0, 1)),
  birth_epidural INTEGER NOT NULL DEFAULT 0 CHECK (birth_epidural IN (0, 1)),
  birth_delivery TEXT NOT NULL DEFAULT '',               -- vocabulary DELIVERY_MODES
  birth_presentation TEXT NOT NULL DEFAULT '',           -- vocabulary PRESENTATIONS
  birth_feeding_latch_difficulty INTEGER NOT NULL DEFAULT 0 CHECK (birth_feeding_latch_difficulty IN (0, 1)),
  birth_feeding_suck_swallow_difficulty INTEGER NOT NULL DEFAULT 0 CHECK (birth_feeding_suck_swallow_difficulty IN (0, 1)),
  birth_feeding_one_sided_preference INTEGER NOT NULL DEFAULT 0 CHECK (birth_feeding_one_sided_preference IN (0, 1)),
  birth_feeding_reflux INTEGER NOT NULL DEFAULT 0 CHECK (birth_feeding_reflux IN (0, 1)),
  birth_torticollis INTEGER NOT NULL DEFAULT 0 CHECK (birth_torticollis IN (0, 1)),
  birth_head_asymmetry INTEGER NOT NULL DEFAULT 0 CHECK (birth_head_asymmetry IN (0, 1)),
  birth_note TEXT NOT NULL DEFAULT '',
  consent_given INTEGER NOT NULL DEFAULT 0 CHECK (consent_given IN (0, 1)),
  consent_date TEXT CHECK (consent_date IS NULL OR date(consent_date) IS consent_date),
  consent_given_by TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
  signed_at TEXT,      -- UTC time of signing
  signed_by TEXT,      -- therapist who signed
  content_hash TEXT,   -- SHA-256 of the canonical content at signing
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
, signature_scheme INTEGER NOT NULL DEFAULT 1 CHECK (signature_scheme >= 1) /* 1 content only; 2 content, record, patient, signer and time */, canonical_form INTEGER NOT NULL DEFAULT 1 CHECK (canonical_form >= 1) /* the frozen field list content_hash covers */, key_id TEXT /* scheme 3: the signer's key, practitioner_keys.key_id */, key_signature TEXT /* scheme 3: Ed25519 signature of the scheme's message, hex */);

-- table intakes_trigrams on intakes_trigrams
CREATE VIRTUAL TABLE intakes_trigrams USING fts5(complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note, content='intakes', content_rowid='id', tokenize='trigram');

-- table intakes_words on intakes_words
CREATE VIRTUAL TABLE intakes_words USING fts5(complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note, content='intakes', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

-- table patients on patients
CREATE TABLE patients (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,             -- stable identity across exports
  full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),  -- any script
  preferred_name TEXT NOT NULL DEFAULT '',
  birth_date TEXT NOT NULL CHECK (date(birth_date) IS birth_date),
  sex TEXT NOT NULL DEFAULT 'unspecified',  -- vocabulary SEXES
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  emergency_contact_name TEXT NOT NULL DEFAULT '',
  emergency_contact_phone TEXT NOT NULL DEFAULT '',
  guardian_name TEXT,                   -- for a minor; NULL when there is no guardian
  guardian_relation TEXT,               -- vocabulary GUARDIAN_RELATIONS
  guardian_phone TEXT,
  guardian_consent_given INTEGER NOT NULL DEFAULT 0 CHECK (guardian_consent_given IN (0, 1)),
  guardian_consent_date TEXT CHECK (guardian_consent_date IS NULL OR date(guardian_consent_date) IS guardian_consent_date),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
, document_language TEXT NOT NULL DEFAULT 'en');

-- table patients_trigrams on patients_trigrams
CREATE VIRTUAL TABLE patients_trigrams USING fts5(full_name, preferred_name, content='patients', content_rowid='id', tokenize='trigram');

-- table patients_words on patients_words
CREATE VIRTUAL TABLE patients_words USING fts5(full_name, preferred_name, content='patients', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

-- table plan_goals on plan_goals
CREATE TABLE plan_goals (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES follow_up_plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  measure TEXT NOT NULL DEFAULT '',     -- e.g. headache days per month below 4
  status TEXT NOT NULL DEFAULT 'open'   -- vocabulary GOAL_STATUSES
, status_on TEXT CHECK (status_on IS NULL OR date(status_on) IS status_on));

-- table plan_goals_trigrams on plan_goals_trigrams
CREATE VIRTUAL TABLE plan_goals_trigrams USING fts5(description, measure, content='plan_goals', content_rowid='id', tokenize='trigram');

-- table plan_goals_words on plan_goals_words
CREATE VIRTUAL TABLE plan_goals_words USING fts5(description, measure, content='plan_goals', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

-- table plan_referrals on plan_referrals
CREATE TABLE plan_referrals (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES follow_up_plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  target TEXT NOT NULL,                 -- vocabulary REFERRAL_TARGETS
  note TEXT NOT NULL DEFAULT ''
);

-- table plan_referrals_trigrams on plan_referrals_trigrams
CREATE VIRTUAL TABLE plan_referrals_trigrams USING fts5(note, content='plan_referrals', content_rowid='id', tokenize='trigram');

-- table plan_referrals_words on plan_referrals_words
CREATE VIRTUAL TABLE plan_referrals_words USING fts5(note, content='plan_referrals', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

-- table practitioner_keys on practitioner_keys
CREATE TABLE practitioner_keys (
  id INTEGER PRIMARY KEY,
  practitioner_id INTEGER NOT NULL REFERENCES practitioners (id),
  valid_from TEXT NOT NULL,                              -- from when this key is the practitioner's
  key_id TEXT NOT NULL CHECK (length(key_id) = 64),      -- SHA-256 of public_key, hex
  public_key BLOB NOT NULL CHECK (length(public_key) = 32),  -- Ed25519
  kdf TEXT CHECK (kdf IN ('scrypt', 'none')),            -- NULL: known from an import, no private key here
  kdf_n INTEGER,                                         -- scrypt's cost parameters and salt
  kdf_r INTEGER,
  kdf_p INTEGER,
  kdf_salt BLOB,
  nonce BLOB,                                            -- AES-256-GCM's, with key_id as associated data
  sealed_private_key BLOB,                               -- encrypted; the raw key when kdf = 'none' (no passphrase)
  reason TEXT NOT NULL CHECK (reason IN ('new key', 'new passphrase', 'imported'))
, previous_key_id TEXT /* the key this row follows, '' for a first key */, self_signature TEXT /* Ed25519 by this row's key, hex; NULL: imported, or made before m014 */, previous_signature TEXT /* Ed25519 by the previous key, hex; NULL when it was not unlocked */);

-- table practitioner_keys_before_signing on practitioner_keys_before_signing
CREATE TABLE practitioner_keys_before_signing (key_row INTEGER PRIMARY KEY);

-- table practitioners on practitioners
CREATE TABLE practitioners (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,                             -- as they sign (signed_by, addenda.author)
  role TEXT NOT NULL DEFAULT 'therapist' CHECK (role IN ('owner', 'therapist', 'front_desk')),
  credentials TEXT NOT NULL DEFAULT '',                  -- e.g. RCST, BCST
  registration TEXT NOT NULL DEFAULT '',                 -- registration or membership numbers
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),  -- 0: disabled, cannot sign
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- table restrictions on restrictions
CREATE TABLE restrictions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  region TEXT NOT NULL,                 -- vocabulary REGIONS, e.g. diaphragm.respiratory
  side TEXT NOT NULL,                   -- left, right, midline, bilateral
  severity TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe')),
  note TEXT NOT NULL DEFAULT ''
);

-- table rhythm_findings on rhythm_findings
CREATE TABLE rhythm_findings (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  station TEXT NOT NULL,                -- vocabulary STATIONS (listening station)
  side TEXT NOT NULL,                   -- left, right or both
  rate REAL CHECK (rate IS NULL OR rate BETWEEN 0 AND 30),  -- cycles per minute
  amplitude INTEGER CHECK (amplitude IS NULL OR amplitude BETWEEN 0 AND 4),  -- 0 absent .. 4 full
  symmetry TEXT NOT NULL DEFAULT '',    -- vocabulary SYMMETRIES
  quality TEXT NOT NULL DEFAULT '',     -- vocabulary QUALITIES
  restricted_phase TEXT NOT NULL DEFAULT '',  -- none, flexion, extension
  palpated_by TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (session_id, station, side)
);

-- table screening_changes on screening_changes
CREATE TABLE screening_changes (
  id INTEGER PRIMARY KEY,               -- the order they were recorded in
  patient_id INTEGER NOT NULL REFERENCES patients (id),  -- no cascade: the changes are kept
  action TEXT NOT NULL CHECK (action IN ('found', 'resolved', 'rescreened')),  -- vocabulary SCREENING_ACTIONS
  code TEXT,                            -- vocabulary CONTRAINDICATIONS; NULL for a re-screen of the whole list
  effective_on TEXT NOT NULL CHECK (date(effective_on) IS effective_on),  -- the day it was found, resolved, re-screened
  screened_by TEXT NOT NULL CHECK (length(trim(screened_by)) > 0),  -- who screened
  note TEXT NOT NULL DEFAULT '',                         -- e.g. cleared by the neurologist
  recorded_at TEXT NOT NULL, uid TEXT NOT NULL DEFAULT '',            -- UTC
  CHECK ((action = 'rescreened') = (code IS NULL))
);

-- table search_index_control on search_index_control
CREATE TABLE search_index_control (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  deferred INTEGER NOT NULL DEFAULT 0 CHECK (deferred IN (0, 1))  -- 1 while a bulk import runs; it rebuilds after
);

-- table session_events on session_events
CREATE TABLE session_events (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,                   -- still_point or significance_detector
  minute INTEGER NOT NULL,              -- minutes after the session started
  duration_seconds INTEGER,
  note TEXT NOT NULL DEFAULT ''
);

-- table session_templates on session_templates
CREATE TABLE session_templates (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,            -- e.g. standard 10-step
  content TEXT NOT NULL,                -- duration, findings, restrictions, techniques (export-format JSON)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- table sessions on sessions
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  started_at TEXT NOT NULL,             -- UTC
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 480),
  therapist TEXT NOT NULL DEFAULT '',
  consent_renewed INTEGER NOT NULL DEFAULT 0 CHECK (consent_renewed IN (0, 1)),
  subjective TEXT NOT NULL DEFAULT '',                   -- SOAP: S
  objective TEXT NOT NULL DEFAULT '',                    -- SOAP: O
  assessment TEXT NOT NULL DEFAULT '',                   -- SOAP: A
  plan TEXT NOT NULL DEFAULT '',                         -- SOAP: P
  pain_before INTEGER CHECK (pain_before IS NULL OR pain_before BETWEEN 0 AND 10),
  pain_after INTEGER CHECK (pain_after IS NULL OR pain_after BETWEEN 0 AND 10),
  response TEXT NOT NULL DEFAULT '',
  private_notes TEXT NOT NULL DEFAULT '',                -- therapist only; never in patient documents by default
  contraindication_override_reason TEXT NOT NULL DEFAULT '',  -- why treatment went ahead despite an absolute one
  headache_days INTEGER CHECK (headache_days IS NULL OR headache_days >= 0),  -- since last visit
  sleep_quality INTEGER CHECK (sleep_quality IS NULL OR sleep_quality BETWEEN 0 AND 10),
  stress_level INTEGER CHECK (stress_level IS NULL OR stress_level BETWEEN 0 AND 10),
  global_impression INTEGER CHECK (global_impression IS NULL OR global_impression BETWEEN 1 AND 7),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
  signed_at TEXT,      -- UTC time of signing
  signed_by TEXT,      -- therapist who signed
  content_hash TEXT,   -- SHA-256 of the canonical content at signing
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
, signature_scheme INTEGER NOT NULL DEFAULT 1 CHECK (signature_scheme >= 1) /* 1 content only; 2 content, record, patient, signer and time */, canonical_form INTEGER NOT NULL DEFAULT 1 CHECK (canonical_form >= 1) /* the frozen field list content_hash covers */, key_id TEXT /* scheme 3: the signer's key, practitioner_keys.key_id */, key_signature TEXT /* scheme 3: Ed25519 signature of the scheme's message, hex */, private_notes_salt TEXT NOT NULL DEFAULT ''
  CHECK (private_notes_salt = '' OR (length(private_notes_salt) = 32 AND private_notes_salt NOT GLOB '*[^0-9a-f]*')), private_notes_sha256 TEXT NOT NULL DEFAULT ''
  CHECK (private_notes_sha256 = '' OR (length(private_notes_sha256) = 64 AND private_notes_sha256 NOT GLOB '*[^0-9a-f]*')));

-- table sessions_trigrams on sessions_trigrams
CREATE VIRTUAL TABLE sessions_trigrams USING fts5(subjective, objective, assessment, plan, response, private_notes, content='sessions', content_rowid='id', tokenize='trigram');

-- table sessions_words on sessions_words
CREATE VIRTUAL TABLE sessions_words USING fts5(subjective, objective, assessment, plan, response, private_notes, content='sessions', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

-- table techniques_applied on techniques_applied
CREATE TABLE techniques_applied (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  technique TEXT NOT NULL,              -- vocabulary TECHNIQUES, or custom.* (custom_techniques)
  note TEXT NOT NULL DEFAULT ''
);

-- trigger addenda_guard_insert on addenda
CREATE TRIGGER addenda_guard_insert BEFORE INSERT ON addenda
BEGIN
  SELECT RAISE(ABORT, 'addenda.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
END;

-- trigger addenda_no_delete on addenda
CREATE TRIGGER addenda_no_delete BEFORE DELETE ON addenda
BEGIN SELECT RAISE(ABORT, 'addenda are never changed or deleted'); END;

-- trigger addenda_no_replace on addenda
CREATE TRIGGER addenda_no_replace BEFORE INSERT ON addenda
WHEN EXISTS (SELECT 1 FROM addenda WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'addenda are never changed or deleted'); END;

-- trigger addenda_no_update on addenda
CREATE TRIGGER addenda_no_update BEFORE UPDATE ON addenda
BEGIN SELECT RAISE(ABORT, 'addenda are never changed or deleted'); END;

-- trigger addenda_only_for_signed_notes on addenda
CREATE TRIGGER addenda_only_for_signed_notes BEFORE INSERT ON addenda
WHEN coalesce((SELECT status FROM sessions WHERE id = NEW.session_id),
              (SELECT status FROM intakes WHERE id = NEW.intake_id)) IS NOT 'signed'
BEGIN SELECT RAISE(ABORT, 'an addendum belongs to a signed note'); END;

-- trigger addenda_trigrams_add on addenda
CREATE TRIGGER addenda_trigrams_add AFTER INSERT ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_trigrams (rowid, text) VALUES (NEW.id, NEW.text); END;

-- trigger addenda_trigrams_change on addenda
CREATE TRIGGER addenda_trigrams_change AFTER UPDATE OF text ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_trigrams (addenda_trigrams, rowid, text) VALUES ('delete', OLD.id, OLD.text); INSERT INTO addenda_trigrams (rowid, text) VALUES (NEW.id, NEW.text); END;

-- trigger addenda_trigrams_remove on addenda
CREATE TRIGGER addenda_trigrams_remove AFTER DELETE ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_trigrams (addenda_trigrams, rowid, text) VALUES ('delete', OLD.id, OLD.text); END;

-- trigger addenda_words_add on addenda
CREATE TRIGGER addenda_words_add AFTER INSERT ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_words (rowid, text) VALUES (NEW.id, NEW.text); END;

-- trigger addenda_words_change on addenda
CREATE TRIGGER addenda_words_change AFTER UPDATE OF text ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_words (addenda_words, rowid, text) VALUES ('delete', OLD.id, OLD.text); INSERT INTO addenda_words (rowid, text) VALUES (NEW.id, NEW.text); END;

-- trigger addenda_words_remove on addenda
CREATE TRIGGER addenda_words_remove AFTER DELETE ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_words (addenda_words, rowid, text) VALUES ('delete', OLD.id, OLD.text); END;

-- trigger adverse_reactions_guard_insert on adverse_reactions
CREATE TRIGGER adverse_reactions_guard_insert BEFORE INSERT ON adverse_reactions
BEGIN
  SELECT RAISE(ABORT, 'adverse_reactions.session_id: no session has this id')
    WHERE NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'adverse_reactions.code: not a code of vocabulary NOTED_AFTER_SESSION')
    WHERE NEW.code IS NOT NULL AND (NEW.code <> 'mild_soreness' AND NEW.code <> 'headache' AND NEW.code <> 'fatigue' AND NEW.code <> 'dizziness' AND NEW.code <> 'nausea' AND NEW.code <> 'other' AND NEW.code <> 'emotional_release');
END;

-- trigger adverse_reactions_guard_update on adverse_reactions
CREATE TRIGGER adverse_reactions_guard_update BEFORE UPDATE ON adverse_reactions
BEGIN
  SELECT RAISE(ABORT, 'adverse_reactions.session_id: no session has this id')
    WHERE NEW.session_id IS NOT OLD.session_id AND NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'adverse_reactions.code: not a code of vocabulary NOTED_AFTER_SESSION')
    WHERE NEW.code IS NOT OLD.code AND NEW.code IS NOT NULL AND (NEW.code <> 'mild_soreness' AND NEW.code <> 'headache' AND NEW.code <> 'fatigue' AND NEW.code <> 'dizziness' AND NEW.code <> 'nausea' AND NEW.code <> 'other' AND NEW.code <> 'emotional_release');
END;

-- trigger adverse_reactions_no_move on adverse_reactions
CREATE TRIGGER adverse_reactions_no_move BEFORE UPDATE ON adverse_reactions
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger adverse_reactions_no_replace on adverse_reactions
CREATE TRIGGER adverse_reactions_no_replace BEFORE INSERT ON adverse_reactions
WHEN EXISTS (SELECT 1 FROM adverse_reactions WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a session is stored already: a row is changed in place (if it may be), never replaced'); END;

-- trigger adverse_reactions_signed_no_delete on adverse_reactions
CREATE TRIGGER adverse_reactions_signed_no_delete BEFORE DELETE ON adverse_reactions
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger adverse_reactions_signed_no_insert on adverse_reactions
CREATE TRIGGER adverse_reactions_signed_no_insert BEFORE INSERT ON adverse_reactions
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger adverse_reactions_signed_no_update on adverse_reactions
CREATE TRIGGER adverse_reactions_signed_no_update BEFORE UPDATE ON adverse_reactions
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger audit_chain_follows_log on audit_chain
CREATE TRIGGER audit_chain_follows_log BEFORE UPDATE ON audit_chain
WHEN NEW.id IS NOT OLD.id OR NEW.entries IS NOT OLD.entries + 1
  OR NEW.head IS NOT (SELECT entry_hash FROM audit_log ORDER BY id DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'the head of the audit log follows its last entry; it is never set by hand'); END;

-- trigger audit_chain_no_delete on audit_chain
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'the head of the audit log is never deleted'); END;

-- trigger audit_chain_no_insert on audit_chain
CREATE TRIGGER audit_chain_no_insert BEFORE INSERT ON audit_chain
BEGIN SELECT RAISE(ABORT, 'the head of the audit log is never replaced'); END;

-- trigger audit_log_chained on audit_log
CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM audit_log) OR NEW.prev_hash IS NOT (SELECT head FROM audit_chain)
  OR length(NEW.entry_hash) IS NOT 64
BEGIN SELECT RAISE(ABORT, 'an audit entry follows the last one: its id, prev_hash and entry_hash are those of the chain'); END;

-- trigger audit_log_extends_chain on audit_log
CREATE TRIGGER audit_log_extends_chain AFTER INSERT ON audit_log
BEGIN UPDATE audit_chain SET entries = entries + 1, head = NEW.entry_hash WHERE id = 1; END;

-- trigger audit_log_guard_insert on audit_log
CREATE TRIGGER audit_log_guard_insert BEFORE INSERT ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log.changed_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.changed_at IS NOT NULL AND NOT (NEW.changed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.changed_at, 1, 19), '+0 days') IS substr(NEW.changed_at, 1, 19) AND NEW.changed_at >= '1000'
      AND (length(NEW.changed_at) = 20 OR (length(NEW.changed_at) BETWEEN 22 AND 27 AND substr(NEW.changed_at, 20, 1) = '.'
        AND substr(NEW.changed_at, 21, length(NEW.changed_at) - 21) NOT GLOB '*[^0-9]*')));
END;

-- trigger audit_log_no_delete on audit_log
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries are never changed or deleted'); END;

-- trigger audit_log_no_replace on audit_log
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit entries are never changed or deleted'); END;

-- trigger audit_log_no_update on audit_log
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries are never changed or deleted'); END;

-- trigger audit_seals_no_delete on audit_seals
CREATE TRIGGER audit_seals_no_delete BEFORE DELETE ON audit_seals
BEGIN SELECT RAISE(ABORT, 'audit seals are never changed or deleted'); END;

-- trigger audit_seals_no_replace on audit_seals
CREATE TRIGGER audit_seals_no_replace BEFORE INSERT ON audit_seals
WHEN EXISTS (SELECT 1 FROM audit_seals WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit seals are never changed or deleted'); END;

-- trigger audit_seals_no_update on audit_seals
CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals
BEGIN SELECT RAISE(ABORT, 'audit seals are never changed or deleted'); END;

-- trigger clinic_audit_entries_never_changed on clinic_audit_entries
CREATE TRIGGER clinic_audit_entries_never_changed BEFORE UPDATE ON clinic_audit_entries
BEGIN
  SELECT RAISE(ABORT, 'clinic_audit_entries: another laptop''s audit entries are never changed');
END;

-- trigger clinic_audit_entries_never_removed on clinic_audit_entries
CREATE TRIGGER clinic_audit_entries_never_removed BEFORE DELETE ON clinic_audit_entries
BEGIN
  SELECT RAISE(ABORT, 'clinic_audit_entries: another laptop''s audit entries are never removed');
END;

-- trigger clinic_bases_never_back on clinic_bases
CREATE TRIGGER clinic_bases_never_back BEFORE UPDATE ON clinic_bases
  WHEN NEW.version < OLD.version OR NEW.patient_uid IS NOT OLD.patient_uid
BEGIN
  SELECT RAISE(ABORT, 'clinic_bases: a synced version never goes back');
END;

-- trigger clinic_conflicts_never_removed on clinic_conflicts
CREATE TRIGGER clinic_conflicts_never_removed BEFORE DELETE ON clinic_conflicts
BEGIN
  SELECT RAISE(ABORT, 'clinic_conflicts: a conflict is never removed');
END;

-- trigger clinic_conflicts_only_resolved on clinic_conflicts
CREATE TRIGGER clinic_conflicts_only_resolved BEFORE UPDATE ON clinic_conflicts
  WHEN OLD.resolved_at IS NULL AND (NEW.resolved_at IS NULL OR NEW.id IS NOT OLD.id
    OR NEW.patient_uid IS NOT OLD.patient_uid OR NEW.mine IS NOT OLD.mine OR NEW.theirs IS NOT OLD.theirs
    OR NEW.base_version IS NOT OLD.base_version OR NEW.theirs_version IS NOT OLD.theirs_version
    OR NEW.opened_at IS NOT OLD.opened_at)
BEGIN
  SELECT RAISE(ABORT, 'clinic_conflicts: an open conflict is only resolved, both versions kept as found');
END;

-- trigger clinic_conflicts_plan_kept on clinic_conflicts
CREATE TRIGGER clinic_conflicts_plan_kept BEFORE UPDATE OF plan_uid ON clinic_conflicts
  WHEN NEW.plan_uid IS NOT OLD.plan_uid
BEGIN
  SELECT RAISE(ABORT, 'clinic_conflicts: an open conflict is only resolved, both versions kept as found');
END;

-- trigger clinic_conflicts_resolved_never_changed on clinic_conflicts
CREATE TRIGGER clinic_conflicts_resolved_never_changed BEFORE UPDATE ON clinic_conflicts
  WHEN OLD.resolved_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'clinic_conflicts: a resolved conflict is never changed');
END;

-- trigger clinic_plan_bases_never_back on clinic_plan_bases
CREATE TRIGGER clinic_plan_bases_never_back BEFORE UPDATE ON clinic_plan_bases
  WHEN NEW.version < OLD.version OR NEW.plan_uid IS NOT OLD.plan_uid OR NEW.patient_uid IS NOT OLD.patient_uid
BEGIN
  SELECT RAISE(ABORT, 'clinic_plan_bases: a synced version never goes back');
END;

-- trigger clinic_settings_base_never_back on clinic_settings_base
CREATE TRIGGER clinic_settings_base_never_back BEFORE UPDATE ON clinic_settings_base
  WHEN NEW.version < OLD.version
BEGIN
  SELECT RAISE(ABORT, 'clinic_settings_base: a synced version never goes back');
END;

-- trigger custom_techniques_guard_insert on custom_techniques
CREATE TRIGGER custom_techniques_guard_insert BEFORE INSERT ON custom_techniques
BEGIN
  SELECT RAISE(ABORT, 'custom_techniques.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
END;

-- trigger custom_techniques_guard_update on custom_techniques
CREATE TRIGGER custom_techniques_guard_update BEFORE UPDATE ON custom_techniques
BEGIN
  SELECT RAISE(ABORT, 'custom_techniques.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT OLD.created_at AND NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
END;

-- trigger drafts_guard_insert on drafts
CREATE TRIGGER drafts_guard_insert BEFORE INSERT ON drafts
BEGIN
  SELECT RAISE(ABORT, 'drafts.patient_id: no patient has this id')
    WHERE NEW.patient_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM patients WHERE id = NEW.patient_id);
  SELECT RAISE(ABORT, 'drafts.saved_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.saved_at IS NOT NULL AND NOT (NEW.saved_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.saved_at, 1, 19), '+0 days') IS substr(NEW.saved_at, 1, 19) AND NEW.saved_at >= '1000'
      AND (length(NEW.saved_at) = 20 OR (length(NEW.saved_at) BETWEEN 22 AND 27 AND substr(NEW.saved_at, 20, 1) = '.'
        AND substr(NEW.saved_at, 21, length(NEW.saved_at) - 21) NOT GLOB '*[^0-9]*')));
END;

-- trigger drafts_guard_update on drafts
CREATE TRIGGER drafts_guard_update BEFORE UPDATE ON drafts
BEGIN
  SELECT RAISE(ABORT, 'drafts.patient_id: no patient has this id')
    WHERE NEW.patient_id IS NOT OLD.patient_id AND NEW.patient_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM patients WHERE id = NEW.patient_id);
  SELECT RAISE(ABORT, 'drafts.saved_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.saved_at IS NOT OLD.saved_at AND NEW.saved_at IS NOT NULL AND NOT (NEW.saved_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.saved_at, 1, 19), '+0 days') IS substr(NEW.saved_at, 1, 19) AND NEW.saved_at >= '1000'
      AND (length(NEW.saved_at) = 20 OR (length(NEW.saved_at) BETWEEN 22 AND 27 AND substr(NEW.saved_at, 20, 1) = '.'
        AND substr(NEW.saved_at, 21, length(NEW.saved_at) - 21) NOT GLOB '*[^0-9]*')));
END;

-- trigger follow_up_plans_cascade_delete on follow_up_plans
CREATE TRIGGER follow_up_plans_cascade_delete AFTER DELETE ON follow_up_plans
BEGIN
  DELETE FROM plan_goals WHERE plan_id = OLD.id;
  DELETE FROM plan_referrals WHERE plan_id = OLD.id;
END;

-- trigger follow_up_plans_guard_insert on follow_up_plans
CREATE TRIGGER follow_up_plans_guard_insert BEFORE INSERT ON follow_up_plans
BEGIN
  SELECT RAISE(ABORT, 'follow_up_plans.patient_id: no patient has this id')
    WHERE NEW.patient_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM patients WHERE id = NEW.patient_id);
  SELECT RAISE(ABORT, 'follow_up_plans.created_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.created_on IS NOT NULL AND (date(NEW.created_on, '+0 days') IS NOT NEW.created_on OR NEW.created_on < '1000');
  SELECT RAISE(ABORT, 'follow_up_plans.next_appointment: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.next_appointment IS NOT NULL AND (date(NEW.next_appointment, '+0 days') IS NOT NEW.next_appointment OR NEW.next_appointment < '1000');
  SELECT RAISE(ABORT, 'follow_up_plans.review_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.review_date IS NOT NULL AND (date(NEW.review_date, '+0 days') IS NOT NEW.review_date OR NEW.review_date < '1000');
  SELECT RAISE(ABORT, 'follow_up_plans.superseded_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.superseded_on IS NOT NULL AND (date(NEW.superseded_on, '+0 days') IS NOT NEW.superseded_on OR NEW.superseded_on < '1000');
  SELECT RAISE(ABORT, 'follow_up_plans.closed_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.closed_on IS NOT NULL AND (date(NEW.closed_on, '+0 days') IS NOT NEW.closed_on OR NEW.closed_on < '1000');
  SELECT RAISE(ABORT, 'follow_up_plans.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'follow_up_plans.updated_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.updated_at IS NOT NULL AND NOT (NEW.updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.updated_at, 1, 19), '+0 days') IS substr(NEW.updated_at, 1, 19) AND NEW.updated_at >= '1000'
      AND (length(NEW.updated_at) = 20 OR (length(NEW.updated_at) BETWEEN 22 AND 27 AND substr(NEW.updated_at, 20, 1) = '.'
        AND substr(NEW.updated_at, 21, length(NEW.updated_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'follow_up_plans.frequency: not a code of vocabulary FREQUENCIES')
    WHERE NEW.frequency IS NOT NULL AND (NEW.frequency <> 'weekly' AND NEW.frequency <> 'fortnightly' AND NEW.frequency <> 'every_three_weeks' AND NEW.frequency <> 'monthly' AND NEW.frequency <> 'as_needed');
  SELECT RAISE(ABORT, 'follow_up_plans.closed_reason: not a code of vocabulary CLOSING_REASONS (or empty)')
    WHERE NEW.closed_reason IS NOT NULL AND NEW.closed_reason <> '' AND (NEW.closed_reason <> 'discharged' AND NEW.closed_reason <> 'goals_met' AND NEW.closed_reason <> 'stopped_coming');
END;

-- trigger follow_up_plans_guard_update on follow_up_plans
CREATE TRIGGER follow_up_plans_guard_update BEFORE UPDATE ON follow_up_plans
BEGIN
  SELECT RAISE(ABORT, 'follow_up_plans.id: the id of a plan is never changed (their notes point to it)')
    WHERE NEW.id IS NOT OLD.id;
  SELECT RAISE(ABORT, 'follow_up_plans.patient_id: no patient has this id')
    WHERE NEW.patient_id IS NOT OLD.patient_id AND NEW.patient_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM patients WHERE id = NEW.patient_id);
  SELECT RAISE(ABORT, 'follow_up_plans.created_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.created_on IS NOT OLD.created_on AND NEW.created_on IS NOT NULL AND (date(NEW.created_on, '+0 days') IS NOT NEW.created_on OR NEW.created_on < '1000');
  SELECT RAISE(ABORT, 'follow_up_plans.next_appointment: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.next_appointment IS NOT OLD.next_appointment AND NEW.next_appointment IS NOT NULL AND (date(NEW.next_appointment, '+0 days') IS NOT NEW.next_appointment OR NEW.next_appointment < '1000');
  SELECT RAISE(ABORT, 'follow_up_plans.review_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.review_date IS NOT OLD.review_date AND NEW.review_date IS NOT NULL AND (date(NEW.review_date, '+0 days') IS NOT NEW.review_date OR NEW.review_date < '1000');
  SELECT RAISE(ABORT, 'follow_up_plans.superseded_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.superseded_on IS NOT OLD.superseded_on AND NEW.superseded_on IS NOT NULL AND (date(NEW.superseded_on, '+0 days') IS NOT NEW.superseded_on OR NEW.superseded_on < '1000');
  SELECT RAISE(ABORT, 'follow_up_plans.closed_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.closed_on IS NOT OLD.closed_on AND NEW.closed_on IS NOT NULL AND (date(NEW.closed_on, '+0 days') IS NOT NEW.closed_on OR NEW.closed_on < '1000');
  SELECT RAISE(ABORT, 'follow_up_plans.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT OLD.created_at AND NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'follow_up_plans.updated_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.updated_at IS NOT OLD.updated_at AND NEW.updated_at IS NOT NULL AND NOT (NEW.updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.updated_at, 1, 19), '+0 days') IS substr(NEW.updated_at, 1, 19) AND NEW.updated_at >= '1000'
      AND (length(NEW.updated_at) = 20 OR (length(NEW.updated_at) BETWEEN 22 AND 27 AND substr(NEW.updated_at, 20, 1) = '.'
        AND substr(NEW.updated_at, 21, length(NEW.updated_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'follow_up_plans.frequency: not a code of vocabulary FREQUENCIES')
    WHERE NEW.frequency IS NOT OLD.frequency AND NEW.frequency IS NOT NULL AND (NEW.frequency <> 'weekly' AND NEW.frequency <> 'fortnightly' AND NEW.frequency <> 'every_three_weeks' AND NEW.frequency <> 'monthly' AND NEW.frequency <> 'as_needed');
  SELECT RAISE(ABORT, 'follow_up_plans.closed_reason: not a code of vocabulary CLOSING_REASONS (or empty)')
    WHERE NEW.closed_reason IS NOT OLD.closed_reason AND NEW.closed_reason IS NOT NULL AND NEW.closed_reason <> '' AND (NEW.closed_reason <> 'discharged' AND NEW.closed_reason <> 'goals_met' AND NEW.closed_reason <> 'stopped_coming');
END;

-- trigger follow_up_plans_trigrams_add on follow_up_plans
CREATE TRIGGER follow_up_plans_trigrams_add AFTER INSERT ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_trigrams (rowid, frequency_note, home_care, closing_note) VALUES (NEW.id, NEW.frequency_note, NEW.home_care, NEW.closing_note); END;

-- trigger follow_up_plans_trigrams_change on follow_up_plans
CREATE TRIGGER follow_up_plans_trigrams_change AFTER UPDATE OF frequency_note, home_care, closing_note ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_trigrams (follow_up_plans_trigrams, rowid, frequency_note, home_care, closing_note) VALUES ('delete', OLD.id, OLD.frequency_note, OLD.home_care, OLD.closing_note); INSERT INTO follow_up_plans_trigrams (rowid, frequency_note, home_care, closing_note) VALUES (NEW.id, NEW.frequency_note, NEW.home_care, NEW.closing_note); END;

-- trigger follow_up_plans_trigrams_remove on follow_up_plans
CREATE TRIGGER follow_up_plans_trigrams_remove AFTER DELETE ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_trigrams (follow_up_plans_trigrams, rowid, frequency_note, home_care, closing_note) VALUES ('delete', OLD.id, OLD.frequency_note, OLD.home_care, OLD.closing_note); END;

-- trigger follow_up_plans_uid_given on follow_up_plans
CREATE TRIGGER follow_up_plans_uid_given BEFORE INSERT ON follow_up_plans
  WHEN length(NEW.uid) IS NOT 36
BEGIN
  SELECT RAISE(ABORT, 'follow_up_plans.uid: must be a UUID of 36 characters');
END;

-- trigger follow_up_plans_uid_kept on follow_up_plans
CREATE TRIGGER follow_up_plans_uid_kept BEFORE UPDATE OF uid ON follow_up_plans
  WHEN NEW.uid IS NOT OLD.uid
BEGIN
  SELECT RAISE(ABORT, 'follow_up_plans.uid: a plan''s uid never changes');
END;

-- trigger follow_up_plans_words_add on follow_up_plans
CREATE TRIGGER follow_up_plans_words_add AFTER INSERT ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_words (rowid, frequency_note, home_care, closing_note) VALUES (NEW.id, NEW.frequency_note, NEW.home_care, NEW.closing_note); END;

-- trigger follow_up_plans_words_change on follow_up_plans
CREATE TRIGGER follow_up_plans_words_change AFTER UPDATE OF frequency_note, home_care, closing_note ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_words (follow_up_plans_words, rowid, frequency_note, home_care, closing_note) VALUES ('delete', OLD.id, OLD.frequency_note, OLD.home_care, OLD.closing_note); INSERT INTO follow_up_plans_words (rowid, frequency_note, home_care, closing_note) VALUES (NEW.id, NEW.frequency_note, NEW.home_care, NEW.closing_note); END;

-- trigger follow_up_plans_words_remove on follow_up_plans
CREATE TRIGGER follow_up_plans_words_remove AFTER DELETE ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_words (follow_up_plans_words, rowid, frequency_note, home_care, closing_note) VALUES ('delete', OLD.id, OLD.frequency_note, OLD.home_care, OLD.closing_note); END;

-- trigger intake_conditions_guard_insert on intake_conditions
CREATE TRIGGER intake_conditions_guard_insert BEFORE INSERT ON intake_conditions
BEGIN
  SELECT RAISE(ABORT, 'intake_conditions.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_conditions.code: not a code of vocabulary CONDITIONS')
    WHERE NEW.code IS NOT NULL AND (NEW.code <> 'chronic_pain_back' AND NEW.code <> 'chronic_pain_neck' AND NEW.code <> 'chronic_pain_joints' AND NEW.code <> 'migraine_headache' AND NEW.code <> 'stress_anxiety' AND NEW.code <> 'sleep_disorder' AND NEW.code <> 'ptsd' AND NEW.code <> 'fibromyalgia' AND NEW.code <> 'post_surgical' AND NEW.code <> 'other');
END;

-- trigger intake_conditions_guard_update on intake_conditions
CREATE TRIGGER intake_conditions_guard_update BEFORE UPDATE ON intake_conditions
BEGIN
  SELECT RAISE(ABORT, 'intake_conditions.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT OLD.intake_id AND NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_conditions.code: not a code of vocabulary CONDITIONS')
    WHERE NEW.code IS NOT OLD.code AND NEW.code IS NOT NULL AND (NEW.code <> 'chronic_pain_back' AND NEW.code <> 'chronic_pain_neck' AND NEW.code <> 'chronic_pain_joints' AND NEW.code <> 'migraine_headache' AND NEW.code <> 'stress_anxiety' AND NEW.code <> 'sleep_disorder' AND NEW.code <> 'ptsd' AND NEW.code <> 'fibromyalgia' AND NEW.code <> 'post_surgical' AND NEW.code <> 'other');
END;

-- trigger intake_conditions_no_move on intake_conditions
CREATE TRIGGER intake_conditions_no_move BEFORE UPDATE ON intake_conditions
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_conditions_no_replace on intake_conditions
CREATE TRIGGER intake_conditions_no_replace BEFORE INSERT ON intake_conditions
WHEN EXISTS (SELECT 1 FROM intake_conditions WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a intake is stored already: a row is changed in place (if it may be), never replaced'); END;

-- trigger intake_conditions_signed_no_delete on intake_conditions
CREATE TRIGGER intake_conditions_signed_no_delete BEFORE DELETE ON intake_conditions
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_conditions_signed_no_insert on intake_conditions
CREATE TRIGGER intake_conditions_signed_no_insert BEFORE INSERT ON intake_conditions
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_conditions_signed_no_update on intake_conditions
CREATE TRIGGER intake_conditions_signed_no_update BEFORE UPDATE ON intake_conditions
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_contraindications_guard_insert on intake_contraindications
CREATE TRIGGER intake_contraindications_guard_insert BEFORE INSERT ON intake_contraindications
BEGIN
  SELECT RAISE(ABORT, 'intake_contraindications.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_contraindications.code: not a code of vocabulary CONTRAINDICATIONS')
    WHERE NEW.code IS NOT NULL AND (NEW.code <> 'recent_intracranial_haemorrhage_or_stroke' AND NEW.code <> 'cerebral_aneurysm' AND NEW.code <> 'raised_intracranial_pressure' AND NEW.code <> 'csf_leak' AND NEW.code <> 'recent_skull_fracture' AND NEW.code <> 'recent_head_or_spinal_surgery' AND NEW.code <> 'subdural_haematoma' AND NEW.code <> 'chiari_malformation' AND NEW.code <> 'recent_epidural_or_lumbar_puncture' AND NEW.code <> 'fever_or_acute_infection' AND NEW.code <> 'clotting_disorder' AND NEW.code <> 'high_risk_pregnancy' AND NEW.code <> 'severe_psychiatric_illness' AND NEW.code <> 'known_tumour' AND NEW.code <> 'epilepsy');
END;

-- trigger intake_contraindications_guard_update on intake_contraindications
CREATE TRIGGER intake_contraindications_guard_update BEFORE UPDATE ON intake_contraindications
BEGIN
  SELECT RAISE(ABORT, 'intake_contraindications.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT OLD.intake_id AND NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_contraindications.code: not a code of vocabulary CONTRAINDICATIONS')
    WHERE NEW.code IS NOT OLD.code AND NEW.code IS NOT NULL AND (NEW.code <> 'recent_intracranial_haemorrhage_or_stroke' AND NEW.code <> 'cerebral_aneurysm' AND NEW.code <> 'raised_intracranial_pressure' AND NEW.code <> 'csf_leak' AND NEW.code <> 'recent_skull_fracture' AND NEW.code <> 'recent_head_or_spinal_surgery' AND NEW.code <> 'subdural_haematoma' AND NEW.code <> 'chiari_malformation' AND NEW.code <> 'recent_epidural_or_lumbar_puncture' AND NEW.code <> 'fever_or_acute_infection' AND NEW.code <> 'clotting_disorder' AND NEW.code <> 'high_risk_pregnancy' AND NEW.code <> 'severe_psychiatric_illness' AND NEW.code <> 'known_tumour' AND NEW.code <> 'epilepsy');
END;

-- trigger intake_contraindications_no_move on intake_contraindications
CREATE TRIGGER intake_contraindications_no_move BEFORE UPDATE ON intake_contraindications
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_contraindications_no_replace on intake_contraindications
CREATE TRIGGER intake_contraindications_no_replace BEFORE INSERT ON intake_contraindications
WHEN EXISTS (SELECT 1 FROM intake_contraindications WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a intake is stored already: a row is changed in place (if it may be), never replaced'); END;

-- trigger intake_contraindications_signed_no_delete on intake_contraindications
CREATE TRIGGER intake_contraindications_signed_no_delete BEFORE DELETE ON intake_contraindications
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_contraindications_signed_no_insert on intake_contraindications
CREATE TRIGGER intake_contraindications_signed_no_insert BEFORE INSERT ON intake_contraindications
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_contraindications_signed_no_update on intake_contraindications
CREATE TRIGGER intake_contraindications_signed_no_update BEFORE UPDATE ON intake_contraindications
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_medications_guard_insert on intake_medications
CREATE TRIGGER intake_medications_guard_insert BEFORE INSERT ON intake_medications
BEGIN
  SELECT RAISE(ABORT, 'intake_medications.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
END;

-- trigger intake_medications_guard_update on intake_medications
CREATE TRIGGER intake_medications_guard_update BEFORE UPDATE ON intake_medications
BEGIN
  SELECT RAISE(ABORT, 'intake_medications.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT OLD.intake_id AND NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
END;

-- trigger intake_medications_no_move on intake_medications
CREATE TRIGGER intake_medications_no_move BEFORE UPDATE ON intake_medications
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_medications_no_replace on intake_medications
CREATE TRIGGER intake_medications_no_replace BEFORE INSERT ON intake_medications
WHEN EXISTS (SELECT 1 FROM intake_medications WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a intake is stored already: a row is changed in place (if it may be), never replaced'); END;

-- trigger intake_medications_signed_no_delete on intake_medications
CREATE TRIGGER intake_medications_signed_no_delete BEFORE DELETE ON intake_medications
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_medications_signed_no_insert on intake_medications
CREATE TRIGGER intake_medications_signed_no_insert BEFORE INSERT ON intake_medications
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_medications_signed_no_update on intake_medications
CREATE TRIGGER intake_medications_signed_no_update BEFORE UPDATE ON intake_medications
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_surgeries_guard_insert on intake_surgeries
CREATE TRIGGER intake_surgeries_guard_insert BEFORE INSERT ON intake_surgeries
BEGIN
  SELECT RAISE(ABORT, 'intake_surgeries.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_surgeries.surgery_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.surgery_date IS NOT NULL AND (date(NEW.surgery_date, '+0 days') IS NOT NEW.surgery_date OR NEW.surgery_date < '1000');
END;

-- trigger intake_surgeries_guard_update on intake_surgeries
CREATE TRIGGER intake_surgeries_guard_update BEFORE UPDATE ON intake_surgeries
BEGIN
  SELECT RAISE(ABORT, 'intake_surgeries.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT OLD.intake_id AND NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_surgeries.surgery_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.surgery_date IS NOT OLD.surgery_date AND NEW.surgery_date IS NOT NULL AND (date(NEW.surgery_date, '+0 days') IS NOT NEW.surgery_date OR NEW.surgery_date < '1000');
END;

-- trigger intake_surgeries_no_move on intake_surgeries
CREATE TRIGGER intake_surgeries_no_move BEFORE UPDATE ON intake_surgeries
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_surgeries_no_replace on intake_surgeries
CREATE TRIGGER intake_surgeries_no_replace BEFORE INSERT ON intake_surgeries
WHEN EXISTS (SELECT 1 FROM intake_surgeries WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a intake is stored already: a row is changed in place (if it may be), never replaced'); END;

-- trigger intake_surgeries_signed_no_delete on intake_surgeries
CREATE TRIGGER intake_surgeries_signed_no_delete BEFORE DELETE ON intake_surgeries
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_surgeries_signed_no_insert on intake_surgeries
CREATE TRIGGER intake_surgeries_signed_no_insert BEFORE INSERT ON intake_surgeries
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_surgeries_signed_no_update on intake_surgeries
CREATE TRIGGER intake_surgeries_signed_no_update BEFORE UPDATE ON intake_surgeries
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_trauma_guard_insert on intake_trauma
CREATE TRIGGER intake_trauma_guard_insert BEFORE INSERT ON intake_trauma
BEGIN
  SELECT RAISE(ABORT, 'intake_trauma.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_trauma.event_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.event_date IS NOT NULL AND (date(NEW.event_date, '+0 days') IS NOT NEW.event_date OR NEW.event_date < '1000');
  SELECT RAISE(ABORT, 'intake_trauma.kind: not a code of vocabulary TRAUMA_KINDS')
    WHERE NEW.kind IS NOT NULL AND (NEW.kind <> 'fall' AND NEW.kind <> 'concussion' AND NEW.kind <> 'road_accident' AND NEW.kind <> 'whiplash' AND NEW.kind <> 'dental_work' AND NEW.kind <> 'other');
END;

-- trigger intake_trauma_guard_update on intake_trauma
CREATE TRIGGER intake_trauma_guard_update BEFORE UPDATE ON intake_trauma
BEGIN
  SELECT RAISE(ABORT, 'intake_trauma.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT OLD.intake_id AND NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_trauma.event_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.event_date IS NOT OLD.event_date AND NEW.event_date IS NOT NULL AND (date(NEW.event_date, '+0 days') IS NOT NEW.event_date OR NEW.event_date < '1000');
  SELECT RAISE(ABORT, 'intake_trauma.kind: not a code of vocabulary TRAUMA_KINDS')
    WHERE NEW.kind IS NOT OLD.kind AND NEW.kind IS NOT NULL AND (NEW.kind <> 'fall' AND NEW.kind <> 'concussion' AND NEW.kind <> 'road_accident' AND NEW.kind <> 'whiplash' AND NEW.kind <> 'dental_work' AND NEW.kind <> 'other');
END;

-- trigger intake_trauma_no_move on intake_trauma
CREATE TRIGGER intake_trauma_no_move BEFORE UPDATE ON intake_trauma
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_trauma_no_replace on intake_trauma
CREATE TRIGGER intake_trauma_no_replace BEFORE INSERT ON intake_trauma
WHEN EXISTS (SELECT 1 FROM intake_trauma WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a intake is stored already: a row is changed in place (if it may be), never replaced'); END;

-- trigger intake_trauma_signed_no_delete on intake_trauma
CREATE TRIGGER intake_trauma_signed_no_delete BEFORE DELETE ON intake_trauma
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_trauma_signed_no_insert on intake_trauma
CREATE TRIGGER intake_trauma_signed_no_insert BEFORE INSERT ON intake_trauma
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intake_trauma_signed_no_update on intake_trauma
CREATE TRIGGER intake_trauma_signed_no_update BEFORE UPDATE ON intake_trauma
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intakes_cascade_delete on intakes
CREATE TRIGGER intakes_cascade_delete AFTER DELETE ON intakes
BEGIN
  DELETE FROM intake_conditions WHERE intake_id = OLD.id;
  DELETE FROM intake_medications WHERE intake_id = OLD.id;
  DELETE FROM intake_surgeries WHERE intake_id = OLD.id;
  DELETE FROM intake_trauma WHERE intake_id = OLD.id;
  DELETE FROM intake_contraindications WHERE intake_id = OLD.id;
END;

-- trigger intakes_guard_insert on intakes
CREATE TRIGGER intakes_guard_insert BEFORE INSERT ON intakes
BEGIN
  SELECT RAISE(ABORT, 'intakes.patient_id: no patient has this id')
    WHERE NEW.patient_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM patients WHERE id = NEW.patient_id);
  SELECT RAISE(ABORT, 'intakes.intake_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.intake_date IS NOT NULL AND (date(NEW.intake_date, '+0 days') IS NOT NEW.intake_date OR NEW.intake_date < '1000');
  SELECT RAISE(ABORT, 'intakes.contraindications_screened_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.contraindications_screened_on IS NOT NULL AND (date(NEW.contraindications_screened_on, '+0 days') IS NOT NEW.contraindications_screened_on OR NEW.contraindications_screened_on < '1000');
  SELECT RAISE(ABORT, 'intakes.consent_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.consent_date IS NOT NULL AND (date(NEW.consent_date, '+0 days') IS NOT NEW.consent_date OR NEW.consent_date < '1000');
  SELECT RAISE(ABORT, 'intakes.signed_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.signed_at IS NOT NULL AND NOT (NEW.signed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.signed_at, 1, 19), '+0 days') IS substr(NEW.signed_at, 1, 19) AND NEW.signed_at >= '1000'
      AND (length(NEW.signed_at) = 20 OR (length(NEW.signed_at) BETWEEN 22 AND 27 AND substr(NEW.signed_at, 20, 1) = '.'
        AND substr(NEW.signed_at, 21, length(NEW.signed_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'intakes.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'intakes.updated_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.updated_at IS NOT NULL AND NOT (NEW.updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.updated_at, 1, 19), '+0 days') IS substr(NEW.updated_at, 1, 19) AND NEW.updated_at >= '1000'
      AND (length(NEW.updated_at) = 20 OR (length(NEW.updated_at) BETWEEN 22 AND 27 AND substr(NEW.updated_at, 20, 1) = '.'
        AND substr(NEW.updated_at, 21, length(NEW.updated_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'intakes.birth_delivery: not a code of vocabulary DELIVERY_MODES (or empty)')
    WHERE NEW.birth_delivery IS NOT NULL AND NEW.birth_delivery <> '' AND (NEW.birth_delivery <> 'vaginal' AND NEW.birth_delivery <> 'vacuum' AND NEW.birth_delivery <> 'forceps' AND NEW.birth_delivery <> 'caesarean');
  SELECT RAISE(ABORT, 'intakes.birth_presentation: not a code of vocabulary PRESENTATIONS (or empty)')
    WHERE NEW.birth_presentation IS NOT NULL AND NEW.birth_presentation <> '' AND (NEW.birth_presentation <> 'occiput_anterior' AND NEW.birth_presentation <> 'occiput_posterior' AND NEW.birth_presentation <> 'breech' AND NEW.birth_presentation <> 'other');
END;

-- trigger intakes_guard_update on intakes
CREATE TRIGGER intakes_guard_update BEFORE UPDATE ON intakes
BEGIN
  SELECT RAISE(ABORT, 'intakes.patient_id: no patient has this id')
    WHERE NEW.patient_id IS NOT OLD.patient_id AND NEW.patient_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM patients WHERE id = NEW.patient_id);
  SELECT RAISE(ABORT, 'intakes.intake_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.intake_date IS NOT OLD.intake_date AND NEW.intake_date IS NOT NULL AND (date(NEW.intake_date, '+0 days') IS NOT NEW.intake_date OR NEW.intake_date < '1000');
  SELECT RAISE(ABORT, 'intakes.contraindications_screened_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.contraindications_screened_on IS NOT OLD.contraindications_screened_on AND NEW.contraindications_screened_on IS NOT NULL AND (date(NEW.contraindications_screened_on, '+0 days') IS NOT NEW.contraindications_screened_on OR NEW.contraindications_screened_on < '1000');
  SELECT RAISE(ABORT, 'intakes.consent_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.consent_date IS NOT OLD.consent_date AND NEW.consent_date IS NOT NULL AND (date(NEW.consent_date, '+0 days') IS NOT NEW.consent_date OR NEW.consent_date < '1000');
  SELECT RAISE(ABORT, 'intakes.signed_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.signed_at IS NOT OLD.signed_at AND NEW.signed_at IS NOT NULL AND NOT (NEW.signed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.signed_at, 1, 19), '+0 days') IS substr(NEW.signed_at, 1, 19) AND NEW.signed_at >= '1000'
      AND (length(NEW.signed_at) = 20 OR (length(NEW.signed_at) BETWEEN 22 AND 27 AND substr(NEW.signed_at, 20, 1) = '.'
        AND substr(NEW.signed_at, 21, length(NEW.signed_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'intakes.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT OLD.created_at AND NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'intakes.updated_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.updated_at IS NOT OLD.updated_at AND NEW.updated_at IS NOT NULL AND NOT (NEW.updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.updated_at, 1, 19), '+0 days') IS substr(NEW.updated_at, 1, 19) AND NEW.updated_at >= '1000'
      AND (length(NEW.updated_at) = 20 OR (length(NEW.updated_at) BETWEEN 22 AND 27 AND substr(NEW.updated_at, 20, 1) = '.'
        AND substr(NEW.updated_at, 21, length(NEW.updated_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'intakes.birth_delivery: not a code of vocabulary DELIVERY_MODES (or empty)')
    WHERE NEW.birth_delivery IS NOT OLD.birth_delivery AND NEW.birth_delivery IS NOT NULL AND NEW.birth_delivery <> '' AND (NEW.birth_delivery <> 'vaginal' AND NEW.birth_delivery <> 'vacuum' AND NEW.birth_delivery <> 'forceps' AND NEW.birth_delivery <> 'caesarean');
  SELECT RAISE(ABORT, 'intakes.birth_presentation: not a code of vocabulary PRESENTATIONS (or empty)')
    WHERE NEW.birth_presentation IS NOT OLD.birth_presentation AND NEW.birth_presentation IS NOT NULL AND NEW.birth_presentation <> '' AND (NEW.birth_presentation <> 'occiput_anterior' AND NEW.birth_presentation <> 'occiput_posterior' AND NEW.birth_presentation <> 'breech' AND NEW.birth_presentation <> 'other');
END;

-- trigger intakes_inserted_as_drafts on intakes
CREATE TRIGGER intakes_inserted_as_drafts BEFORE INSERT ON intakes
WHEN NEW.status IS NOT 'draft' OR NEW.signed_at IS NOT NULL OR NEW.signed_by IS NOT NULL OR NEW.content_hash IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a intake is saved as a draft and then signed: it cannot be inserted signed'); END;

-- trigger intakes_inserted_unkeyed on intakes
CREATE TRIGGER intakes_inserted_unkeyed BEFORE INSERT ON intakes
WHEN NEW.key_id IS NOT NULL OR NEW.key_signature IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an intake is saved as a draft and then signed: it cannot be inserted signed'); END;

-- trigger intakes_no_rekey on intakes
CREATE TRIGGER intakes_no_rekey BEFORE UPDATE OF id, patient_id ON intakes
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id
BEGIN SELECT RAISE(ABORT, 'the id and patient_id of a intake never change'); END;

-- trigger intakes_no_replace on intakes
CREATE TRIGGER intakes_no_replace BEFORE INSERT ON intakes
WHEN EXISTS (SELECT 1 FROM intakes WHERE id = NEW.id OR patient_id = NEW.patient_id)
BEGIN SELECT RAISE(ABORT, 'this intake is stored already: a row is changed in place (if it may be), never replaced'); END;

-- trigger intakes_signed_no_delete on intakes
CREATE TRIGGER intakes_signed_no_delete BEFORE DELETE ON intakes
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intakes_signed_no_update on intakes
CREATE TRIGGER intakes_signed_no_update BEFORE UPDATE ON intakes
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger intakes_trigrams_add on intakes
CREATE TRIGGER intakes_trigrams_add AFTER INSERT ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_trigrams (rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES (NEW.id, NEW.complaint, NEW.goals, NEW.medical_history, NEW.prior_treatment, NEW.pregnancy_note, NEW.birth_note); END;

-- trigger intakes_trigrams_change on intakes
CREATE TRIGGER intakes_trigrams_change AFTER UPDATE OF complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_trigrams (intakes_trigrams, rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES ('delete', OLD.id, OLD.complaint, OLD.goals, OLD.medical_history, OLD.prior_treatment, OLD.pregnancy_note, OLD.birth_note); INSERT INTO intakes_trigrams (rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES (NEW.id, NEW.complaint, NEW.goals, NEW.medical_history, NEW.prior_treatment, NEW.pregnancy_note, NEW.birth_note); END;

-- trigger intakes_trigrams_remove on intakes
CREATE TRIGGER intakes_trigrams_remove AFTER DELETE ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_trigrams (intakes_trigrams, rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES ('delete', OLD.id, OLD.complaint, OLD.goals, OLD.medical_history, OLD.prior_treatment, OLD.pregnancy_note, OLD.birth_note); END;

-- trigger intakes_words_add on intakes
CREATE TRIGGER intakes_words_add AFTER INSERT ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_words (rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES (NEW.id, NEW.complaint, NEW.goals, NEW.medical_history, NEW.prior_treatment, NEW.pregnancy_note, NEW.birth_note); END;

-- trigger intakes_words_change on intakes
CREATE TRIGGER intakes_words_change AFTER UPDATE OF complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_words (intakes_words, rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES ('delete', OLD.id, OLD.complaint, OLD.goals, OLD.medical_history, OLD.prior_treatment, OLD.pregnancy_note, OLD.birth_note); INSERT INTO intakes_words (rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES (NEW.id, NEW.complaint, NEW.goals, NEW.medical_history, NEW.prior_treatment, NEW.pregnancy_note, NEW.birth_note); END;

-- trigger intakes_words_remove on intakes
CREATE TRIGGER intakes_words_remove AFTER DELETE ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_words (intakes_words, rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES ('delete', OLD.id, OLD.complaint, OLD.goals, OLD.medical_history, OLD.prior_treatment, OLD.pregnancy_note, OLD.birth_note); END;

-- trigger patients_cascade_delete on patients
CREATE TRIGGER patients_cascade_delete AFTER DELETE ON patients
BEGIN
  DELETE FROM drafts WHERE patient_id = OLD.id;
  DELETE FROM follow_up_plans WHERE patient_id = OLD.id;
  DELETE FROM sessions WHERE patient_id = OLD.id;
  DELETE FROM intakes WHERE patient_id = OLD.id;
END;

-- trigger patients_guard_delete on patients
CREATE TRIGGER patients_guard_delete BEFORE DELETE ON patients
BEGIN
  SELECT RAISE(ABORT, 'patients: a patient whose notes are signed and locked is never deleted')
    WHERE EXISTS (SELECT 1 FROM sessions WHERE patient_id = OLD.id AND status = 'signed')
       OR EXISTS (SELECT 1 FROM intakes WHERE patient_id = OLD.id AND status = 'signed');
  SELECT RAISE(ABORT, 'patients: a patient with screening changes is never deleted (the changes are kept)')
    WHERE EXISTS (SELECT 1 FROM screening_changes WHERE patient_id = OLD.id);
END;

-- trigger patients_guard_insert on patients
CREATE TRIGGER patients_guard_insert BEFORE INSERT ON patients
BEGIN
  SELECT RAISE(ABORT, 'patients.birth_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.birth_date IS NOT NULL AND (date(NEW.birth_date, '+0 days') IS NOT NEW.birth_date OR NEW.birth_date < '1000');
  SELECT RAISE(ABORT, 'patients.guardian_consent_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.guardian_consent_date IS NOT NULL AND (date(NEW.guardian_consent_date, '+0 days') IS NOT NEW.guardian_consent_date OR NEW.guardian_consent_date < '1000');
  SELECT RAISE(ABORT, 'patients.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'patients.updated_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.updated_at IS NOT NULL AND NOT (NEW.updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.updated_at, 1, 19), '+0 days') IS substr(NEW.updated_at, 1, 19) AND NEW.updated_at >= '1000'
      AND (length(NEW.updated_at) = 20 OR (length(NEW.updated_at) BETWEEN 22 AND 27 AND substr(NEW.updated_at, 20, 1) = '.'
        AND substr(NEW.updated_at, 21, length(NEW.updated_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'patients.sex: not a code of vocabulary SEXES')
    WHERE NEW.sex IS NOT NULL AND (NEW.sex <> 'female' AND NEW.sex <> 'male' AND NEW.sex <> 'intersex' AND NEW.sex <> 'other' AND NEW.sex <> 'unspecified');
  SELECT RAISE(ABORT, 'patients.guardian_relation: not a code of vocabulary GUARDIAN_RELATIONS')
    WHERE NEW.guardian_relation IS NOT NULL AND (NEW.guardian_relation <> 'mother' AND NEW.guardian_relation <> 'father' AND NEW.guardian_relation <> 'grandparent' AND NEW.guardian_relation <> 'legal_guardian' AND NEW.guardian_relation <> 'other');
END;

-- trigger patients_guard_update on patients
CREATE TRIGGER patients_guard_update BEFORE UPDATE ON patients
BEGIN
  SELECT RAISE(ABORT, 'patients.id: the id of a patient is never changed (their notes point to it)')
    WHERE NEW.id IS NOT OLD.id;
  SELECT RAISE(ABORT, 'patients.birth_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.birth_date IS NOT OLD.birth_date AND NEW.birth_date IS NOT NULL AND (date(NEW.birth_date, '+0 days') IS NOT NEW.birth_date OR NEW.birth_date < '1000');
  SELECT RAISE(ABORT, 'patients.guardian_consent_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.guardian_consent_date IS NOT OLD.guardian_consent_date AND NEW.guardian_consent_date IS NOT NULL AND (date(NEW.guardian_consent_date, '+0 days') IS NOT NEW.guardian_consent_date OR NEW.guardian_consent_date < '1000');
  SELECT RAISE(ABORT, 'patients.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT OLD.created_at AND NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'patients.updated_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.updated_at IS NOT OLD.updated_at AND NEW.updated_at IS NOT NULL AND NOT (NEW.updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.updated_at, 1, 19), '+0 days') IS substr(NEW.updated_at, 1, 19) AND NEW.updated_at >= '1000'
      AND (length(NEW.updated_at) = 20 OR (length(NEW.updated_at) BETWEEN 22 AND 27 AND substr(NEW.updated_at, 20, 1) = '.'
        AND substr(NEW.updated_at, 21, length(NEW.updated_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'patients.sex: not a code of vocabulary SEXES')
    WHERE NEW.sex IS NOT OLD.sex AND NEW.sex IS NOT NULL AND (NEW.sex <> 'female' AND NEW.sex <> 'male' AND NEW.sex <> 'intersex' AND NEW.sex <> 'other' AND NEW.sex <> 'unspecified');
  SELECT RAISE(ABORT, 'patients.guardian_relation: not a code of vocabulary GUARDIAN_RELATIONS')
    WHERE NEW.guardian_relation IS NOT OLD.guardian_relation AND NEW.guardian_relation IS NOT NULL AND (NEW.guardian_relation <> 'mother' AND NEW.guardian_relation <> 'father' AND NEW.guardian_relation <> 'grandparent' AND NEW.guardian_relation <> 'legal_guardian' AND NEW.guardian_relation <> 'other');
END;

-- trigger patients_language_guard_insert on patients
CREATE TRIGGER patients_language_guard_insert BEFORE INSERT ON patients
BEGIN
  SELECT RAISE(ABORT, 'patients.document_language: not a code of vocabulary DOCUMENT_LANGUAGES')
    WHERE NEW.document_language IS NOT NULL AND (NEW.document_language <> 'en' AND NEW.document_language <> 'bn' AND NEW.document_language <> 'hi');
END;

-- trigger patients_language_guard_update on patients
CREATE TRIGGER patients_language_guard_update BEFORE UPDATE OF document_language ON patients
BEGIN
  SELECT RAISE(ABORT, 'patients.document_language: not a code of vocabulary DOCUMENT_LANGUAGES')
    WHERE NEW.document_language IS NOT OLD.document_language AND NEW.document_language IS NOT NULL
      AND (NEW.document_language <> 'en' AND NEW.document_language <> 'bn' AND NEW.document_language <> 'hi');
END;

-- trigger patients_trigrams_add on patients
CREATE TRIGGER patients_trigrams_add AFTER INSERT ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_trigrams (rowid, full_name, preferred_name) VALUES (NEW.id, NEW.full_name, NEW.preferred_name); END;

-- trigger patients_trigrams_change on patients
CREATE TRIGGER patients_trigrams_change AFTER UPDATE OF full_name, preferred_name ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_trigrams (patients_trigrams, rowid, full_name, preferred_name) VALUES ('delete', OLD.id, OLD.full_name, OLD.preferred_name); INSERT INTO patients_trigrams (rowid, full_name, preferred_name) VALUES (NEW.id, NEW.full_name, NEW.preferred_name); END;

-- trigger patients_trigrams_remove on patients
CREATE TRIGGER patients_trigrams_remove AFTER DELETE ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_trigrams (patients_trigrams, rowid, full_name, preferred_name) VALUES ('delete', OLD.id, OLD.full_name, OLD.preferred_name); END;

-- trigger patients_words_add on patients
CREATE TRIGGER patients_words_add AFTER INSERT ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_words (rowid, full_name, preferred_name) VALUES (NEW.id, NEW.full_name, NEW.preferred_name); END;

-- trigger patients_words_change on patients
CREATE TRIGGER patients_words_change AFTER UPDATE OF full_name, preferred_name ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_words (patients_words, rowid, full_name, preferred_name) VALUES ('delete', OLD.id, OLD.full_name, OLD.preferred_name); INSERT INTO patients_words (rowid, full_name, preferred_name) VALUES (NEW.id, NEW.full_name, NEW.preferred_name); END;

-- trigger patients_words_remove on patients
CREATE TRIGGER patients_words_remove AFTER DELETE ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_words (patients_words, rowid, full_name, preferred_name) VALUES ('delete', OLD.id, OLD.full_name, OLD.preferred_name); END;

-- trigger plan_goals_guard_insert on plan_goals
CREATE TRIGGER plan_goals_guard_insert BEFORE INSERT ON plan_goals
BEGIN
  SELECT RAISE(ABORT, 'plan_goals.plan_id: no plan has this id')
    WHERE NEW.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follow_up_plans WHERE id = NEW.plan_id);
  SELECT RAISE(ABORT, 'plan_goals.status_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.status_on IS NOT NULL AND (date(NEW.status_on, '+0 days') IS NOT NEW.status_on OR NEW.status_on < '1000');
  SELECT RAISE(ABORT, 'plan_goals.status: not a code of vocabulary GOAL_STATUSES')
    WHERE NEW.status IS NOT NULL AND (NEW.status <> 'open' AND NEW.status <> 'progressing' AND NEW.status <> 'achieved' AND NEW.status <> 'partly_met' AND NEW.status <> 'not_achieved' AND NEW.status <> 'discontinued');
END;

-- trigger plan_goals_guard_update on plan_goals
CREATE TRIGGER plan_goals_guard_update BEFORE UPDATE ON plan_goals
BEGIN
  SELECT RAISE(ABORT, 'plan_goals.plan_id: no plan has this id')
    WHERE NEW.plan_id IS NOT OLD.plan_id AND NEW.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follow_up_plans WHERE id = NEW.plan_id);
  SELECT RAISE(ABORT, 'plan_goals.status_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.status_on IS NOT OLD.status_on AND NEW.status_on IS NOT NULL AND (date(NEW.status_on, '+0 days') IS NOT NEW.status_on OR NEW.status_on < '1000');
  SELECT RAISE(ABORT, 'plan_goals.status: not a code of vocabulary GOAL_STATUSES')
    WHERE NEW.status IS NOT OLD.status AND NEW.status IS NOT NULL AND (NEW.status <> 'open' AND NEW.status <> 'progressing' AND NEW.status <> 'achieved' AND NEW.status <> 'partly_met' AND NEW.status <> 'not_achieved' AND NEW.status <> 'discontinued');
END;

-- trigger plan_goals_trigrams_add on plan_goals
CREATE TRIGGER plan_goals_trigrams_add AFTER INSERT ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_trigrams (rowid, description, measure) VALUES (NEW.id, NEW.description, NEW.measure); END;

-- trigger plan_goals_trigrams_change on plan_goals
CREATE TRIGGER plan_goals_trigrams_change AFTER UPDATE OF description, measure ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_trigrams (plan_goals_trigrams, rowid, description, measure) VALUES ('delete', OLD.id, OLD.description, OLD.measure); INSERT INTO plan_goals_trigrams (rowid, description, measure) VALUES (NEW.id, NEW.description, NEW.measure); END;

-- trigger plan_goals_trigrams_remove on plan_goals
CREATE TRIGGER plan_goals_trigrams_remove AFTER DELETE ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_trigrams (plan_goals_trigrams, rowid, description, measure) VALUES ('delete', OLD.id, OLD.description, OLD.measure); END;

-- trigger plan_goals_words_add on plan_goals
CREATE TRIGGER plan_goals_words_add AFTER INSERT ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_words (rowid, description, measure) VALUES (NEW.id, NEW.description, NEW.measure); END;

-- trigger plan_goals_words_change on plan_goals
CREATE TRIGGER plan_goals_words_change AFTER UPDATE OF description, measure ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_words (plan_goals_words, rowid, description, measure) VALUES ('delete', OLD.id, OLD.description, OLD.measure); INSERT INTO plan_goals_words (rowid, description, measure) VALUES (NEW.id, NEW.description, NEW.measure); END;

-- trigger plan_goals_words_remove on plan_goals
CREATE TRIGGER plan_goals_words_remove AFTER DELETE ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_words (plan_goals_words, rowid, description, measure) VALUES ('delete', OLD.id, OLD.description, OLD.measure); END;

-- trigger plan_referrals_guard_insert on plan_referrals
CREATE TRIGGER plan_referrals_guard_insert BEFORE INSERT ON plan_referrals
BEGIN
  SELECT RAISE(ABORT, 'plan_referrals.plan_id: no plan has this id')
    WHERE NEW.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follow_up_plans WHERE id = NEW.plan_id);
  SELECT RAISE(ABORT, 'plan_referrals.target: not a code of vocabulary REFERRAL_TARGETS')
    WHERE NEW.target IS NOT NULL AND (NEW.target <> 'gp' AND NEW.target <> 'osteopath' AND NEW.target <> 'physiotherapist' AND NEW.target <> 'counsellor' AND NEW.target <> 'dentist' AND NEW.target <> 'paediatrician' AND NEW.target <> 'other');
END;

-- trigger plan_referrals_guard_update on plan_referrals
CREATE TRIGGER plan_referrals_guard_update BEFORE UPDATE ON plan_referrals
BEGIN
  SELECT RAISE(ABORT, 'plan_referrals.plan_id: no plan has this id')
    WHERE NEW.plan_id IS NOT OLD.plan_id AND NEW.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follow_up_plans WHERE id = NEW.plan_id);
  SELECT RAISE(ABORT, 'plan_referrals.target: not a code of vocabulary REFERRAL_TARGETS')
    WHERE NEW.target IS NOT OLD.target AND NEW.target IS NOT NULL AND (NEW.target <> 'gp' AND NEW.target <> 'osteopath' AND NEW.target <> 'physiotherapist' AND NEW.target <> 'counsellor' AND NEW.target <> 'dentist' AND NEW.target <> 'paediatrician' AND NEW.target <> 'other');
END;

-- trigger plan_referrals_trigrams_add on plan_referrals
CREATE TRIGGER plan_referrals_trigrams_add AFTER INSERT ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_trigrams (rowid, note) VALUES (NEW.id, NEW.note); END;

-- trigger plan_referrals_trigrams_change on plan_referrals
CREATE TRIGGER plan_referrals_trigrams_change AFTER UPDATE OF note ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_trigrams (plan_referrals_trigrams, rowid, note) VALUES ('delete', OLD.id, OLD.note); INSERT INTO plan_referrals_trigrams (rowid, note) VALUES (NEW.id, NEW.note); END;

-- trigger plan_referrals_trigrams_remove on plan_referrals
CREATE TRIGGER plan_referrals_trigrams_remove AFTER DELETE ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_trigrams (plan_referrals_trigrams, rowid, note) VALUES ('delete', OLD.id, OLD.note); END;

-- trigger plan_referrals_words_add on plan_referrals
CREATE TRIGGER plan_referrals_words_add AFTER INSERT ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_words (rowid, note) VALUES (NEW.id, NEW.note); END;

-- trigger plan_referrals_words_change on plan_referrals
CREATE TRIGGER plan_referrals_words_change AFTER UPDATE OF note ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_words (plan_referrals_words, rowid, note) VALUES ('delete', OLD.id, OLD.note); INSERT INTO plan_referrals_words (rowid, note) VALUES (NEW.id, NEW.note); END;

-- trigger plan_referrals_words_remove on plan_referrals
CREATE TRIGGER plan_referrals_words_remove AFTER DELETE ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_words (plan_referrals_words, rowid, note) VALUES ('delete', OLD.id, OLD.note); END;

-- trigger practitioner_keys_before_signing_no_delete on practitioner_keys_before_signing
CREATE TRIGGER practitioner_keys_before_signing_no_delete BEFORE DELETE ON practitioner_keys_before_signing
BEGIN SELECT RAISE(ABORT, 'the key rows from before signed key changes are listed once, by the migration'); END;

-- trigger practitioner_keys_before_signing_no_insert on practitioner_keys_before_signing
CREATE TRIGGER practitioner_keys_before_signing_no_insert BEFORE INSERT ON practitioner_keys_before_signing
BEGIN SELECT RAISE(ABORT, 'the key rows from before signed key changes are listed once, by the migration'); END;

-- trigger practitioner_keys_before_signing_no_update on practitioner_keys_before_signing
CREATE TRIGGER practitioner_keys_before_signing_no_update BEFORE UPDATE ON practitioner_keys_before_signing
BEGIN SELECT RAISE(ABORT, 'the key rows from before signed key changes are listed once, by the migration'); END;

-- trigger practitioner_keys_guard_insert on practitioner_keys
CREATE TRIGGER practitioner_keys_guard_insert BEFORE INSERT ON practitioner_keys
WHEN NOT EXISTS (SELECT 1 FROM practitioners WHERE id = NEW.practitioner_id)
BEGIN SELECT RAISE(ABORT, 'practitioner_keys.practitioner_id: no practitioner has this id'); END;

-- trigger practitioner_keys_no_delete on practitioner_keys
CREATE TRIGGER practitioner_keys_no_delete BEFORE DELETE ON practitioner_keys
BEGIN SELECT RAISE(ABORT, 'key rows are never changed or deleted: a new key or passphrase adds a row'); END;

-- trigger practitioner_keys_no_replace on practitioner_keys
CREATE TRIGGER practitioner_keys_no_replace BEFORE INSERT ON practitioner_keys
WHEN EXISTS (SELECT 1 FROM practitioner_keys WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'key rows are never changed or deleted: a new key or passphrase adds a row'); END;

-- trigger practitioner_keys_no_update on practitioner_keys
CREATE TRIGGER practitioner_keys_no_update BEFORE UPDATE ON practitioner_keys
BEGIN SELECT RAISE(ABORT, 'key rows are never changed or deleted: a new key or passphrase adds a row'); END;

-- trigger practitioner_keys_not_backdated on practitioner_keys
CREATE TRIGGER practitioner_keys_not_backdated BEFORE INSERT ON practitioner_keys
WHEN NEW.valid_from < (SELECT max(valid_from) FROM practitioner_keys WHERE practitioner_id = NEW.practitioner_id)
BEGIN SELECT RAISE(ABORT, 'a key row is valid from after the practitioner''s last one: never backdated'); END;

-- trigger practitioner_keys_signed on practitioner_keys
CREATE TRIGGER practitioner_keys_signed BEFORE INSERT ON practitioner_keys
WHEN NEW.reason <> 'imported' AND (NEW.self_signature IS NULL OR NEW.previous_key_id IS NULL)
BEGIN SELECT RAISE(ABORT, 'a key row is signed by its own key (and names the key it follows)'); END;

-- trigger practitioners_no_delete on practitioners
CREATE TRIGGER practitioners_no_delete BEFORE DELETE ON practitioners
BEGIN SELECT RAISE(ABORT, 'a practitioner is disabled, never deleted: their signatures name them'); END;

-- trigger practitioners_no_rename on practitioners
CREATE TRIGGER practitioners_no_rename BEFORE UPDATE OF id, name ON practitioners
WHEN NEW.id IS NOT OLD.id OR NEW.name IS NOT OLD.name
BEGIN SELECT RAISE(ABORT, 'a practitioner''s name never changes: their signatures name them'); END;

-- trigger practitioners_no_replace on practitioners
CREATE TRIGGER practitioners_no_replace BEFORE INSERT ON practitioners
WHEN EXISTS (SELECT 1 FROM practitioners WHERE id = NEW.id OR name = NEW.name)
BEGIN SELECT RAISE(ABORT, 'this practitioner is stored already: a row is changed in place, never replaced'); END;

-- trigger restrictions_guard_insert on restrictions
CREATE TRIGGER restrictions_guard_insert BEFORE INSERT ON restrictions
BEGIN
  SELECT RAISE(ABORT, 'restrictions.session_id: no session has this id')
    WHERE NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'restrictions.region: not a code of vocabulary REGIONS')
    WHERE NEW.region IS NOT NULL AND (NEW.region <> 'cranial.frontal' AND NEW.region <> 'cranial.parietal' AND NEW.region <> 'cranial.temporal' AND NEW.region <> 'cranial.occiput' AND NEW.region <> 'cranial.sphenoid' AND NEW.region <> 'cranial.ethmoid' AND NEW.region <> 'cranial.maxilla' AND NEW.region <> 'cranial.zygoma' AND NEW.region <> 'cranial.mandible_tmj' AND NEW.region <> 'suture.sagittal' AND NEW.region <> 'suture.coronal' AND NEW.region <> 'suture.lambdoid' AND NEW.region <> 'suture.squamous' AND NEW.region <> 'membrane.falx_cerebri' AND NEW.region <> 'membrane.falx_cerebelli' AND NEW.region <> 'membrane.tentorium' AND NEW.region <> 'diaphragm.pelvic' AND NEW.region <> 'diaphragm.respiratory' AND NEW.region <> 'diaphragm.thoracic_inlet' AND NEW.region <> 'diaphragm.hyoid' AND NEW.region <> 'diaphragm.cranial_base' AND NEW.region <> 'spine.cervical' AND NEW.region <> 'spine.thoracic' AND NEW.region <> 'spine.lumbar' AND NEW.region <> 'spine.sacrum' AND NEW.region <> 'spine.coccyx' AND NEW.region <> 'dura.tube' AND NEW.region <> 'dura.foramen_magnum' AND NEW.region <> 'dura.c2_c3' AND NEW.region <> 'dura.s2' AND NEW.region <> 'body.shoulder' AND NEW.region <> 'body.hip' AND NEW.region <> 'body.knee' AND NEW.region <> 'body.ankle' AND NEW.region <> 'body.ribs' AND NEW.region <> 'body.abdomen');
  SELECT RAISE(ABORT, 'restrictions.side: not a code of vocabulary RESTRICTION_SIDES')
    WHERE NEW.side IS NOT NULL AND (NEW.side <> 'left' AND NEW.side <> 'right' AND NEW.side <> 'midline' AND NEW.side <> 'bilateral');
END;

-- trigger restrictions_guard_update on restrictions
CREATE TRIGGER restrictions_guard_update BEFORE UPDATE ON restrictions
BEGIN
  SELECT RAISE(ABORT, 'restrictions.session_id: no session has this id')
    WHERE NEW.session_id IS NOT OLD.session_id AND NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'restrictions.region: not a code of vocabulary REGIONS')
    WHERE NEW.region IS NOT OLD.region AND NEW.region IS NOT NULL AND (NEW.region <> 'cranial.frontal' AND NEW.region <> 'cranial.parietal' AND NEW.region <> 'cranial.temporal' AND NEW.region <> 'cranial.occiput' AND NEW.region <> 'cranial.sphenoid' AND NEW.region <> 'cranial.ethmoid' AND NEW.region <> 'cranial.maxilla' AND NEW.region <> 'cranial.zygoma' AND NEW.region <> 'cranial.mandible_tmj' AND NEW.region <> 'suture.sagittal' AND NEW.region <> 'suture.coronal' AND NEW.region <> 'suture.lambdoid' AND NEW.region <> 'suture.squamous' AND NEW.region <> 'membrane.falx_cerebri' AND NEW.region <> 'membrane.falx_cerebelli' AND NEW.region <> 'membrane.tentorium' AND NEW.region <> 'diaphragm.pelvic' AND NEW.region <> 'diaphragm.respiratory' AND NEW.region <> 'diaphragm.thoracic_inlet' AND NEW.region <> 'diaphragm.hyoid' AND NEW.region <> 'diaphragm.cranial_base' AND NEW.region <> 'spine.cervical' AND NEW.region <> 'spine.thoracic' AND NEW.region <> 'spine.lumbar' AND NEW.region <> 'spine.sacrum' AND NEW.region <> 'spine.coccyx' AND NEW.region <> 'dura.tube' AND NEW.region <> 'dura.foramen_magnum' AND NEW.region <> 'dura.c2_c3' AND NEW.region <> 'dura.s2' AND NEW.region <> 'body.shoulder' AND NEW.region <> 'body.hip' AND NEW.region <> 'body.knee' AND NEW.region <> 'body.ankle' AND NEW.region <> 'body.ribs' AND NEW.region <> 'body.abdomen');
  SELECT RAISE(ABORT, 'restrictions.side: not a code of vocabulary RESTRICTION_SIDES')
    WHERE NEW.side IS NOT OLD.side AND NEW.side IS NOT NULL AND (NEW.side <> 'left' AND NEW.side <> 'right' AND NEW.side <> 'midline' AND NEW.side <> 'bilateral');
END;

-- trigger restrictions_no_move on restrictions
CREATE TRIGGER restrictions_no_move BEFORE UPDATE ON restrictions
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger restrictions_no_replace on restrictions
CREATE TRIGGER restrictions_no_replace BEFORE INSERT ON restrictions
WHEN EXISTS (SELECT 1 FROM restrictions WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a session is stored already: a row is changed in place (if it may be), never replaced'); END;

-- trigger restrictions_signed_no_delete on restrictions
CREATE TRIGGER restrictions_signed_no_delete BEFORE DELETE ON restrictions
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger restrictions_signed_no_insert on restrictions
CREATE TRIGGER restrictions_signed_no_insert BEFORE INSERT ON restrictions
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger restrictions_signed_no_update on restrictions
CREATE TRIGGER restrictions_signed_no_update BEFORE UPDATE ON restrictions
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger rhythm_findings_guard_insert on rhythm_findings
CREATE TRIGGER rhythm_findings_guard_insert BEFORE INSERT ON rhythm_findings
BEGIN
  SELECT RAISE(ABORT, 'rhythm_findings.session_id: no session has this id')
    WHERE NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'rhythm_findings.station: not a code of vocabulary STATIONS')
    WHERE NEW.station IS NOT NULL AND (NEW.station <> 'heels' AND NEW.station <> 'feet' AND NEW.station <> 'thighs' AND NEW.station <> 'pelvis' AND NEW.station <> 'lower_ribs' AND NEW.station <> 'shoulders' AND NEW.station <> 'head_vault' AND NEW.station <> 'occiput');
  SELECT RAISE(ABORT, 'rhythm_findings.side: not a code of vocabulary STATION_SIDES')
    WHERE NEW.side IS NOT NULL AND (NEW.side <> 'left' AND NEW.side <> 'right' AND NEW.side <> 'both');
  SELECT RAISE(ABORT, 'rhythm_findings.symmetry: not a code of vocabulary SYMMETRIES (or empty)')
    WHERE NEW.symmetry IS NOT NULL AND NEW.symmetry <> '' AND (NEW.symmetry <> 'symmetric' AND NEW.symmetry <> 'restricted_left' AND NEW.symmetry <> 'restricted_right');
  SELECT RAISE(ABORT, 'rhythm_findings.quality: not a code of vocabulary QUALITIES (or empty)')
    WHERE NEW.quality IS NOT NULL AND NEW.quality <> '' AND (NEW.quality <> 'strong' AND NEW.quality <> 'normal' AND NEW.quality <> 'weak' AND NEW.quality <> 'erratic' AND NEW.quality <> 'absent');
  SELECT RAISE(ABORT, 'rhythm_findings.restricted_phase: not a code of vocabulary RESTRICTED_PHASES (or empty)')
    WHERE NEW.restricted_phase IS NOT NULL AND NEW.restricted_phase <> '' AND (NEW.restricted_phase <> 'none' AND NEW.restricted_phase <> 'flexion' AND NEW.restricted_phase <> 'extension');
END;

-- trigger rhythm_findings_guard_update on rhythm_findings
CREATE TRIGGER rhythm_findings_guard_update BEFORE UPDATE ON rhythm_findings
BEGIN
  SELECT RAISE(ABORT, 'rhythm_findings.session_id: no session has this id')
    WHERE NEW.session_id IS NOT OLD.session_id AND NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'rhythm_findings.station: not a code of vocabulary STATIONS')
    WHERE NEW.station IS NOT OLD.station AND NEW.station IS NOT NULL AND (NEW.station <> 'heels' AND NEW.station <> 'feet' AND NEW.station <> 'thighs' AND NEW.station <> 'pelvis' AND NEW.station <> 'lower_ribs' AND NEW.station <> 'shoulders' AND NEW.station <> 'head_vault' AND NEW.station <> 'occiput');
  SELECT RAISE(ABORT, 'rhythm_findings.side: not a code of vocabulary STATION_SIDES')
    WHERE NEW.side IS NOT OLD.side AND NEW.side IS NOT NULL AND (NEW.side <> 'left' AND NEW.side <> 'right' AND NEW.side <> 'both');
  SELECT RAISE(ABORT, 'rhythm_findings.symmetry: not a code of vocabulary SYMMETRIES (or empty)')
    WHERE NEW.symmetry IS NOT OLD.symmetry AND NEW.symmetry IS NOT NULL AND NEW.symmetry <> '' AND (NEW.symmetry <> 'symmetric' AND NEW.symmetry <> 'restricted_left' AND NEW.symmetry <> 'restricted_right');
  SELECT RAISE(ABORT, 'rhythm_findings.quality: not a code of vocabulary QUALITIES (or empty)')
    WHERE NEW.quality IS NOT OLD.quality AND NEW.quality IS NOT NULL AND NEW.quality <> '' AND (NEW.quality <> 'strong' AND NEW.quality <> 'normal' AND NEW.quality <> 'weak' AND NEW.quality <> 'erratic' AND NEW.quality <> 'absent');
  SELECT RAISE(ABORT, 'rhythm_findings.restricted_phase: not a code of vocabulary RESTRICTED_PHASES (or empty)')
    WHERE NEW.restricted_phase IS NOT OLD.restricted_phase AND NEW.restricted_phase IS NOT NULL AND NEW.restricted_phase <> '' AND (NEW.restricted_phase <> 'none' AND NEW.restricted_phase <> 'flexion' AND NEW.restricted_phase <> 'extension');
END;

-- trigger rhythm_findings_no_move on rhythm_findings
CREATE TRIGGER rhythm_findings_no_move BEFORE UPDATE ON rhythm_findings
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger rhythm_findings_no_replace on rhythm_findings
CREATE TRIGGER rhythm_findings_no_replace BEFORE INSERT ON rhythm_findings
WHEN EXISTS (SELECT 1 FROM rhythm_findings WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a session is stored already: a row is changed in place (if it may be), never replaced'); END;

-- trigger rhythm_findings_signed_no_delete on rhythm_findings
CREATE TRIGGER rhythm_findings_signed_no_delete BEFORE DELETE ON rhythm_findings
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger rhythm_findings_signed_no_insert on rhythm_findings
CREATE TRIGGER rhythm_findings_signed_no_insert BEFORE INSERT ON rhythm_findings
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger rhythm_findings_signed_no_update on rhythm_findings
CREATE TRIGGER rhythm_findings_signed_no_update BEFORE UPDATE ON rhythm_findings
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger screening_changes_guard_insert on screening_changes
CREATE TRIGGER screening_changes_guard_insert BEFORE INSERT ON screening_changes
BEGIN
  SELECT RAISE(ABORT, 'screening_changes.patient_id: no patient has this id')
    WHERE NEW.patient_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM patients WHERE id = NEW.patient_id);
  SELECT RAISE(ABORT, 'screening_changes.effective_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.effective_on IS NOT NULL AND (date(NEW.effective_on, '+0 days') IS NOT NEW.effective_on OR NEW.effective_on < '1000');
  SELECT RAISE(ABORT, 'screening_changes.recorded_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.recorded_at IS NOT NULL AND NOT (NEW.recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.recorded_at, 1, 19), '+0 days') IS substr(NEW.recorded_at, 1, 19) AND NEW.recorded_at >= '1000'
      AND (length(NEW.recorded_at) = 20 OR (length(NEW.recorded_at) BETWEEN 22 AND 27 AND substr(NEW.recorded_at, 20, 1) = '.'
        AND substr(NEW.recorded_at, 21, length(NEW.recorded_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'screening_changes.code: not a code of vocabulary CONTRAINDICATIONS')
    WHERE NEW.code IS NOT NULL AND (NEW.code <> 'recent_intracranial_haemorrhage_or_stroke' AND NEW.code <> 'cerebral_aneurysm' AND NEW.code <> 'raised_intracranial_pressure' AND NEW.code <> 'csf_leak' AND NEW.code <> 'recent_skull_fracture' AND NEW.code <> 'recent_head_or_spinal_surgery' AND NEW.code <> 'subdural_haematoma' AND NEW.code <> 'chiari_malformation' AND NEW.code <> 'recent_epidural_or_lumbar_puncture' AND NEW.code <> 'fever_or_acute_infection' AND NEW.code <> 'clotting_disorder' AND NEW.code <> 'high_risk_pregnancy' AND NEW.code <> 'severe_psychiatric_illness' AND NEW.code <> 'known_tumour' AND NEW.code <> 'epilepsy');
END;

-- trigger screening_changes_no_delete on screening_changes
CREATE TRIGGER screening_changes_no_delete BEFORE DELETE ON screening_changes
BEGIN SELECT RAISE(ABORT, 'screening changes are never changed or deleted'); END;

-- trigger screening_changes_no_replace on screening_changes
CREATE TRIGGER screening_changes_no_replace BEFORE INSERT ON screening_changes
WHEN EXISTS (SELECT 1 FROM screening_changes WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'screening changes are never changed or deleted; record a new change instead'); END;

-- trigger screening_changes_no_update on screening_changes
CREATE TRIGGER screening_changes_no_update BEFORE UPDATE ON screening_changes
BEGIN SELECT RAISE(ABORT, 'screening changes are never changed or deleted'); END;

-- trigger screening_changes_uid_given on screening_changes
CREATE TRIGGER screening_changes_uid_given BEFORE INSERT ON screening_changes
  WHEN length(NEW.uid) IS NOT 36
BEGIN
  SELECT RAISE(ABORT, 'screening_changes.uid: must be a UUID of 36 characters');
END;

-- trigger session_events_guard_insert on session_events
CREATE TRIGGER session_events_guard_insert BEFORE INSERT ON session_events
BEGIN
  SELECT RAISE(ABORT, 'session_events.session_id: no session has this id')
    WHERE NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'session_events.kind: not a code of vocabulary SESSION_EVENT_KINDS')
    WHERE NEW.kind IS NOT NULL AND (NEW.kind <> 'still_point' AND NEW.kind <> 'significance_detector');
END;

-- trigger session_events_guard_update on session_events
CREATE TRIGGER session_events_guard_update BEFORE UPDATE ON session_events
BEGIN
  SELECT RAISE(ABORT, 'session_events.session_id: no session has this id')
    WHERE NEW.session_id IS NOT OLD.session_id AND NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'session_events.kind: not a code of vocabulary SESSION_EVENT_KINDS')
    WHERE NEW.kind IS NOT OLD.kind AND NEW.kind IS NOT NULL AND (NEW.kind <> 'still_point' AND NEW.kind <> 'significance_detector');
END;

-- trigger session_events_no_move on session_events
CREATE TRIGGER session_events_no_move BEFORE UPDATE ON session_events
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger session_events_no_replace on session_events
CREATE TRIGGER session_events_no_replace BEFORE INSERT ON session_events
WHEN EXISTS (SELECT 1 FROM session_events WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a session is stored already: a row is changed in place (if it may be), never replaced'); END;

-- trigger session_events_signed_no_delete on session_events
CREATE TRIGGER session_events_signed_no_delete BEFORE DELETE ON session_events
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger session_events_signed_no_insert on session_events
CREATE TRIGGER session_events_signed_no_insert BEFORE INSERT ON session_events
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger session_events_signed_no_update on session_events
CREATE TRIGGER session_events_signed_no_update BEFORE UPDATE ON session_events
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger session_templates_guard_insert on session_templates
CREATE TRIGGER session_templates_guard_insert BEFORE INSERT ON session_templates
BEGIN
  SELECT RAISE(ABORT, 'session_templates.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'session_templates.updated_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.updated_at IS NOT NULL AND NOT (NEW.updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.updated_at, 1, 19), '+0 days') IS substr(NEW.updated_at, 1, 19) AND NEW.updated_at >= '1000'
      AND (length(NEW.updated_at) = 20 OR (length(NEW.updated_at) BETWEEN 22 AND 27 AND substr(NEW.updated_at, 20, 1) = '.'
        AND substr(NEW.updated_at, 21, length(NEW.updated_at) - 21) NOT GLOB '*[^0-9]*')));
END;

-- trigger session_templates_guard_update on session_templates
CREATE TRIGGER session_templates_guard_update BEFORE UPDATE ON session_templates
BEGIN
  SELECT RAISE(ABORT, 'session_templates.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT OLD.created_at AND NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'session_templates.updated_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.updated_at IS NOT OLD.updated_at AND NEW.updated_at IS NOT NULL AND NOT (NEW.updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.updated_at, 1, 19), '+0 days') IS substr(NEW.updated_at, 1, 19) AND NEW.updated_at >= '1000'
      AND (length(NEW.updated_at) = 20 OR (length(NEW.updated_at) BETWEEN 22 AND 27 AND substr(NEW.updated_at, 20, 1) = '.'
        AND substr(NEW.updated_at, 21, length(NEW.updated_at) - 21) NOT GLOB '*[^0-9]*')));
END;

-- trigger sessions_cascade_delete on sessions
CREATE TRIGGER sessions_cascade_delete AFTER DELETE ON sessions
BEGIN
  DELETE FROM rhythm_findings WHERE session_id = OLD.id;
  DELETE FROM session_events WHERE session_id = OLD.id;
  DELETE FROM restrictions WHERE session_id = OLD.id;
  DELETE FROM techniques_applied WHERE session_id = OLD.id;
  DELETE FROM adverse_reactions WHERE session_id = OLD.id;
END;

-- trigger sessions_guard_insert on sessions
CREATE TRIGGER sessions_guard_insert BEFORE INSERT ON sessions
BEGIN
  SELECT RAISE(ABORT, 'sessions.patient_id: no patient has this id')
    WHERE NEW.patient_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM patients WHERE id = NEW.patient_id);
  SELECT RAISE(ABORT, 'sessions.started_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.started_at IS NOT NULL AND NOT (NEW.started_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.started_at, 1, 19), '+0 days') IS substr(NEW.started_at, 1, 19) AND NEW.started_at >= '1000'
      AND (length(NEW.started_at) = 20 OR (length(NEW.started_at) BETWEEN 22 AND 27 AND substr(NEW.started_at, 20, 1) = '.'
        AND substr(NEW.started_at, 21, length(NEW.started_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'sessions.signed_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.signed_at IS NOT NULL AND NOT (NEW.signed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.signed_at, 1, 19), '+0 days') IS substr(NEW.signed_at, 1, 19) AND NEW.signed_at >= '1000'
      AND (length(NEW.signed_at) = 20 OR (length(NEW.signed_at) BETWEEN 22 AND 27 AND substr(NEW.signed_at, 20, 1) = '.'
        AND substr(NEW.signed_at, 21, length(NEW.signed_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'sessions.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'sessions.updated_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.updated_at IS NOT NULL AND NOT (NEW.updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.updated_at, 1, 19), '+0 days') IS substr(NEW.updated_at, 1, 19) AND NEW.updated_at >= '1000'
      AND (length(NEW.updated_at) = 20 OR (length(NEW.updated_at) BETWEEN 22 AND 27 AND substr(NEW.updated_at, 20, 1) = '.'
        AND substr(NEW.updated_at, 21, length(NEW.updated_at) - 21) NOT GLOB '*[^0-9]*')));
END;

-- trigger sessions_guard_update on sessions
CREATE TRIGGER sessions_guard_update BEFORE UPDATE ON sessions
BEGIN
  SELECT RAISE(ABORT, 'sessions.patient_id: no patient has this id')
    WHERE NEW.patient_id IS NOT OLD.patient_id AND NEW.patient_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM patients WHERE id = NEW.patient_id);
  SELECT RAISE(ABORT, 'sessions.started_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.started_at IS NOT OLD.started_at AND NEW.started_at IS NOT NULL AND NOT (NEW.started_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.started_at, 1, 19), '+0 days') IS substr(NEW.started_at, 1, 19) AND NEW.started_at >= '1000'
      AND (length(NEW.started_at) = 20 OR (length(NEW.started_at) BETWEEN 22 AND 27 AND substr(NEW.started_at, 20, 1) = '.'
        AND substr(NEW.started_at, 21, length(NEW.started_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'sessions.signed_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.signed_at IS NOT OLD.signed_at AND NEW.signed_at IS NOT NULL AND NOT (NEW.signed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.signed_at, 1, 19), '+0 days') IS substr(NEW.signed_at, 1, 19) AND NEW.signed_at >= '1000'
      AND (length(NEW.signed_at) = 20 OR (length(NEW.signed_at) BETWEEN 22 AND 27 AND substr(NEW.signed_at, 20, 1) = '.'
        AND substr(NEW.signed_at, 21, length(NEW.signed_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'sessions.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT OLD.created_at AND NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
  SELECT RAISE(ABORT, 'sessions.updated_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.updated_at IS NOT OLD.updated_at AND NEW.updated_at IS NOT NULL AND NOT (NEW.updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.updated_at, 1, 19), '+0 days') IS substr(NEW.updated_at, 1, 19) AND NEW.updated_at >= '1000'
      AND (length(NEW.updated_at) = 20 OR (length(NEW.updated_at) BETWEEN 22 AND 27 AND substr(NEW.updated_at, 20, 1) = '.'
        AND substr(NEW.updated_at, 21, length(NEW.updated_at) - 21) NOT GLOB '*[^0-9]*')));
END;

-- trigger sessions_inserted_as_drafts on sessions
CREATE TRIGGER sessions_inserted_as_drafts BEFORE INSERT ON sessions
WHEN NEW.status IS NOT 'draft' OR NEW.signed_at IS NOT NULL OR NEW.signed_by IS NOT NULL OR NEW.content_hash IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a session is saved as a draft and then signed: it cannot be inserted signed'); END;

-- trigger sessions_inserted_unkeyed on sessions
CREATE TRIGGER sessions_inserted_unkeyed BEFORE INSERT ON sessions
WHEN NEW.key_id IS NOT NULL OR NEW.key_signature IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a session is saved as a draft and then signed: it cannot be inserted signed'); END;

-- trigger sessions_no_rekey on sessions
CREATE TRIGGER sessions_no_rekey BEFORE UPDATE OF id, uid ON sessions
WHEN NEW.id IS NOT OLD.id OR NEW.uid IS NOT OLD.uid
BEGIN SELECT RAISE(ABORT, 'the id and uid of a session never change'); END;

-- trigger sessions_no_replace on sessions
CREATE TRIGGER sessions_no_replace BEFORE INSERT ON sessions
WHEN EXISTS (SELECT 1 FROM sessions WHERE id = NEW.id OR uid = NEW.uid)
BEGIN SELECT RAISE(ABORT, 'this session is stored already: a row is changed in place (if it may be), never replaced'); END;

-- trigger sessions_signed_no_delete on sessions
CREATE TRIGGER sessions_signed_no_delete BEFORE DELETE ON sessions
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger sessions_signed_no_update on sessions
CREATE TRIGGER sessions_signed_no_update BEFORE UPDATE ON sessions
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger sessions_trigrams_add on sessions
CREATE TRIGGER sessions_trigrams_add AFTER INSERT ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_trigrams (rowid, subjective, objective, assessment, plan, response, private_notes) VALUES (NEW.id, NEW.subjective, NEW.objective, NEW.assessment, NEW.plan, NEW.response, NEW.private_notes); END;

-- trigger sessions_trigrams_change on sessions
CREATE TRIGGER sessions_trigrams_change AFTER UPDATE OF subjective, objective, assessment, plan, response, private_notes ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_trigrams (sessions_trigrams, rowid, subjective, objective, assessment, plan, response, private_notes) VALUES ('delete', OLD.id, OLD.subjective, OLD.objective, OLD.assessment, OLD.plan, OLD.response, OLD.private_notes); INSERT INTO sessions_trigrams (rowid, subjective, objective, assessment, plan, response, private_notes) VALUES (NEW.id, NEW.subjective, NEW.objective, NEW.assessment, NEW.plan, NEW.response, NEW.private_notes); END;

-- trigger sessions_trigrams_remove on sessions
CREATE TRIGGER sessions_trigrams_remove AFTER DELETE ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_trigrams (sessions_trigrams, rowid, subjective, objective, assessment, plan, response, private_notes) VALUES ('delete', OLD.id, OLD.subjective, OLD.objective, OLD.assessment, OLD.plan, OLD.response, OLD.private_notes); END;

-- trigger sessions_words_add on sessions
CREATE TRIGGER sessions_words_add AFTER INSERT ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_words (rowid, subjective, objective, assessment, plan, response, private_notes) VALUES (NEW.id, NEW.subjective, NEW.objective, NEW.assessment, NEW.plan, NEW.response, NEW.private_notes); END;

-- trigger sessions_words_change on sessions
CREATE TRIGGER sessions_words_change AFTER UPDATE OF subjective, objective, assessment, plan, response, private_notes ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_words (sessions_words, rowid, subjective, objective, assessment, plan, response, private_notes) VALUES ('delete', OLD.id, OLD.subjective, OLD.objective, OLD.assessment, OLD.plan, OLD.response, OLD.private_notes); INSERT INTO sessions_words (rowid, subjective, objective, assessment, plan, response, private_notes) VALUES (NEW.id, NEW.subjective, NEW.objective, NEW.assessment, NEW.plan, NEW.response, NEW.private_notes); END;

-- trigger sessions_words_remove on sessions
CREATE TRIGGER sessions_words_remove AFTER DELETE ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_words (sessions_words, rowid, subjective, objective, assessment, plan, response, private_notes) VALUES ('delete', OLD.id, OLD.subjective, OLD.objective, OLD.assessment, OLD.plan, OLD.response, OLD.private_notes); END;

-- trigger techniques_applied_guard_insert on techniques_applied
CREATE TRIGGER techniques_applied_guard_insert BEFORE INSERT ON techniques_applied
BEGIN
  SELECT RAISE(ABORT, 'techniques_applied.session_id: no session has this id')
    WHERE NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'techniques_applied.technique: neither a code of vocabulary TECHNIQUES nor one of the therapist''s own techniques')
    WHERE NEW.technique IS NOT NULL AND (NEW.technique <> 'cv4_still_point' AND NEW.technique <> 'pelvic_diaphragm_release' AND NEW.technique <> 'respiratory_diaphragm_release' AND NEW.technique <> 'thoracic_inlet_release' AND NEW.technique <> 'hyoid_release' AND NEW.technique <> 'cranial_base_release' AND NEW.technique <> 'lumbosacral_decompression' AND NEW.technique <> 'dural_tube_traction' AND NEW.technique <> 'frontal_lift' AND NEW.technique <> 'parietal_lift' AND NEW.technique <> 'sphenoid_compression_decompression' AND NEW.technique <> 'temporal_techniques' AND NEW.technique <> 'tmj_compression_decompression' AND NEW.technique <> 'somatoemotional_release' AND NEW.technique <> 'energy_cyst_release' AND NEW.technique <> 'v_spread' AND NEW.technique <> 'arcing' AND NEW.technique <> 'fascial_unwinding')
      AND NOT EXISTS (SELECT 1 FROM custom_techniques WHERE code = NEW.technique);
END;

-- trigger techniques_applied_guard_update on techniques_applied
CREATE TRIGGER techniques_applied_guard_update BEFORE UPDATE ON techniques_applied
BEGIN
  SELECT RAISE(ABORT, 'techniques_applied.session_id: no session has this id')
    WHERE NEW.session_id IS NOT OLD.session_id AND NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'techniques_applied.technique: neither a code of vocabulary TECHNIQUES nor one of the therapist''s own techniques')
    WHERE NEW.technique IS NOT OLD.technique AND NEW.technique IS NOT NULL AND (NEW.technique <> 'cv4_still_point' AND NEW.technique <> 'pelvic_diaphragm_release' AND NEW.technique <> 'respiratory_diaphragm_release' AND NEW.technique <> 'thoracic_inlet_release' AND NEW.technique <> 'hyoid_release' AND NEW.technique <> 'cranial_base_release' AND NEW.technique <> 'lumbosacral_decompression' AND NEW.technique <> 'dural_tube_traction' AND NEW.technique <> 'frontal_lift' AND NEW.technique <> 'parietal_lift' AND NEW.technique <> 'sphenoid_compression_decompression' AND NEW.technique <> 'temporal_techniques' AND NEW.technique <> 'tmj_compression_decompression' AND NEW.technique <> 'somatoemotional_release' AND NEW.technique <> 'energy_cyst_release' AND NEW.technique <> 'v_spread' AND NEW.technique <> 'arcing' AND NEW.technique <> 'fascial_unwinding')
      AND NOT EXISTS (SELECT 1 FROM custom_techniques WHERE code = NEW.technique);
END;

-- trigger techniques_applied_no_move on techniques_applied
CREATE TRIGGER techniques_applied_no_move BEFORE UPDATE ON techniques_applied
WHEN NEW.id IS NOT OLD.id OR (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger techniques_applied_no_replace on techniques_applied
CREATE TRIGGER techniques_applied_no_replace BEFORE INSERT ON techniques_applied
WHEN EXISTS (SELECT 1 FROM techniques_applied WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'this part of a session is stored already: a row is changed in place (if it may be), never replaced'); END;

-- trigger techniques_applied_signed_no_delete on techniques_applied
CREATE TRIGGER techniques_applied_signed_no_delete BEFORE DELETE ON techniques_applied
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger techniques_applied_signed_no_insert on techniques_applied
CREATE TRIGGER techniques_applied_signed_no_insert BEFORE INSERT ON techniques_applied
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

-- trigger techniques_applied_signed_no_update on techniques_applied
CREATE TRIGGER techniques_applied_signed_no_update BEFORE UPDATE ON techniques_applied
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;

