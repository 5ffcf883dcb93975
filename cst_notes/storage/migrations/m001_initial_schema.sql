-- m001_initial_schema, released with 47ca129 (2026-11-24). Frozen: never edited; a change is a new migration.

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
);

CREATE INDEX patients_by_name ON patients (full_name COLLATE NOCASE);

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
);

CREATE TABLE intake_conditions (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,                   -- vocabulary CONDITIONS
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (intake_id, code)
);

CREATE TABLE intake_medications (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  dose TEXT NOT NULL DEFAULT ''
);

CREATE TABLE intake_surgeries (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  surgery_date TEXT CHECK (surgery_date IS NULL OR date(surgery_date) IS surgery_date)
);

CREATE TABLE intake_trauma (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,                   -- vocabulary TRAUMA_KINDS
  description TEXT NOT NULL DEFAULT '',
  event_date TEXT CHECK (event_date IS NULL OR date(event_date) IS event_date)
);

CREATE TABLE intake_contraindications (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,                   -- vocabulary CONTRAINDICATIONS (present at screening)
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (intake_id, code)
);

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
);

CREATE INDEX sessions_by_patient ON sessions (patient_id, started_at);

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

CREATE TABLE session_events (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,                   -- still_point or significance_detector
  minute INTEGER NOT NULL,              -- minutes after the session started
  duration_seconds INTEGER,
  note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE restrictions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  region TEXT NOT NULL,                 -- vocabulary REGIONS, e.g. diaphragm.respiratory
  side TEXT NOT NULL,                   -- left, right, midline, bilateral
  severity TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe')),
  note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE techniques_applied (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  technique TEXT NOT NULL,              -- vocabulary TECHNIQUES, or custom.* (custom_techniques)
  note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE adverse_reactions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,                   -- vocabulary ADVERSE_REACTIONS
  note TEXT NOT NULL DEFAULT ''
);

CREATE INDEX rhythm_findings_by_session ON rhythm_findings (session_id);

CREATE INDEX session_events_by_session ON session_events (session_id);

CREATE INDEX restrictions_by_session ON restrictions (session_id);

CREATE INDEX techniques_applied_by_session ON techniques_applied (session_id);

CREATE INDEX adverse_reactions_by_session ON adverse_reactions (session_id);

CREATE TABLE custom_techniques (
  code TEXT PRIMARY KEY CHECK (code LIKE 'custom.%'),  -- the therapist's own techniques
  label TEXT NOT NULL,
  created_at TEXT NOT NULL
);

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
);

CREATE INDEX follow_up_plans_by_patient ON follow_up_plans (patient_id, created_on);

CREATE TABLE plan_goals (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES follow_up_plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  measure TEXT NOT NULL DEFAULT '',     -- e.g. headache days per month below 4
  status TEXT NOT NULL DEFAULT 'open'   -- vocabulary GOAL_STATUSES
);

CREATE TABLE plan_referrals (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES follow_up_plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  target TEXT NOT NULL,                 -- vocabulary REFERRAL_TARGETS
  note TEXT NOT NULL DEFAULT ''
);

CREATE INDEX plan_goals_by_plan ON plan_goals (plan_id);

CREATE INDEX plan_referrals_by_plan ON plan_referrals (plan_id);

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
);
