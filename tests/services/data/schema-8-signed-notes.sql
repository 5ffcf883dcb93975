PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE IF NOT EXISTS "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO _sqlite_migrations VALUES(1,'cst_notes','m001_initial_schema','2026-12-03 11:19:18.210172+00:00');
INSERT INTO _sqlite_migrations VALUES(2,'cst_notes','m002_drafts','2026-12-03 11:19:18.211382+00:00');
INSERT INTO _sqlite_migrations VALUES(3,'cst_notes','m003_signing_addenda_audit','2026-12-03 11:19:18.214491+00:00');
INSERT INTO _sqlite_migrations VALUES(4,'cst_notes','m004_session_templates','2026-12-03 11:19:18.216270+00:00');
INSERT INTO _sqlite_migrations VALUES(5,'cst_notes','m005_search','2026-12-03 11:19:18.223649+00:00');
INSERT INTO _sqlite_migrations VALUES(6,'cst_notes','m006_date_order','2026-12-03 11:19:18.226201+00:00');
INSERT INTO _sqlite_migrations VALUES(7,'cst_notes','m008_plans','2026-12-03 11:19:18.234172+00:00');
INSERT INTO _sqlite_migrations VALUES(8,'cst_notes','m009_screening','2026-12-03 11:19:18.235790+00:00');
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
INSERT INTO patients VALUES(1,'0e1d2c3b-aaaa-4bbb-8ccc-000000000042','Emma Smith','','1980-05-01','unspecified','','','','','',NULL,NULL,NULL,0,NULL,'2026-12-03T11:19:18.236Z','2026-12-03T11:19:18.236Z');
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
INSERT INTO intakes VALUES(1,1,'2026-01-05','Headaches','Sleep','2024','2 years',7,'daily','temples','screens','rest','physio','none',0,'','2026-01-05',1,12.5,1,0,'caesarean','breech',1,0,1,0,1,0,'ok',1,'2026-01-05','Emma Smith','signed','2026-12-03T11:19:18Z','Anita Bose','d6a050cf24bb76f9cc9a63951d118a251b334a68d8b1784c4dcd4cda3a15b91a','2026-12-03T11:19:18.239Z','2026-12-03T11:19:18.239Z');
CREATE TABLE intake_conditions (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,                   -- vocabulary CONDITIONS
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (intake_id, code)
);
INSERT INTO intake_conditions VALUES(1,1,0,'migraine_headache','with aura');
CREATE TABLE intake_medications (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  dose TEXT NOT NULL DEFAULT ''
);
INSERT INTO intake_medications VALUES(1,1,0,'Ibuprofen','200 mg');
CREATE TABLE intake_surgeries (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  surgery_date TEXT CHECK (surgery_date IS NULL OR date(surgery_date) IS surgery_date)
);
INSERT INTO intake_surgeries VALUES(1,1,0,'Appendix','2010-06-01');
CREATE TABLE intake_trauma (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,                   -- vocabulary TRAUMA_KINDS
  description TEXT NOT NULL DEFAULT '',
  event_date TEXT CHECK (event_date IS NULL OR date(event_date) IS event_date)
);
INSERT INTO intake_trauma VALUES(1,1,0,'fall','stairs','2015-02-03');
CREATE TABLE intake_contraindications (
  id INTEGER PRIMARY KEY,
  intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,                   -- vocabulary CONTRAINDICATIONS (present at screening)
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (intake_id, code)
);
INSERT INTO intake_contraindications VALUES(1,1,0,'epilepsy','controlled');
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
INSERT INTO sessions VALUES(1,'6f1c2a3b-0000-4000-8000-000000000001',1,'2026-03-02T09:30:00Z',55,'Anita Bose',1,'মাথাব্যথা কম','Restricted occiput','Improving','Weekly',6,3,'Relaxed','SER: spoke of the fall','',4,7,5,6,'signed','2026-12-03T11:19:18Z','Anita Bose','f3ef27d9b570cde5881da8932fd57c68434dc55212670d6b73788d594d6ad818','2026-12-03T11:19:18.249Z','2026-12-03T11:19:18.249Z');
INSERT INTO sessions VALUES(2,'6f1c2a3b-0000-4000-8000-000000000002',1,'2026-03-09T09:30:00Z',55,'Anita Bose',1,'মাথাব্যথা কম','Restricted occiput','Improving','Weekly',6,3,'Relaxed','SER: spoke of the fall','',4,7,5,6,'draft',NULL,NULL,NULL,'2026-12-03T11:19:18.262Z','2026-12-03T11:19:18.262Z');
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
INSERT INTO rhythm_findings VALUES(1,1,0,'occiput','both',8.5,3,'restricted_left','weak','extension','Anita Bose','slow');
INSERT INTO rhythm_findings VALUES(2,2,0,'occiput','both',8.5,3,'restricted_left','weak','extension','Anita Bose','slow');
CREATE TABLE session_events (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,                   -- still_point or significance_detector
  minute INTEGER NOT NULL,              -- minutes after the session started
  duration_seconds INTEGER,
  note TEXT NOT NULL DEFAULT ''
);
INSERT INTO session_events VALUES(1,1,0,'still_point',12,90,'long');
INSERT INTO session_events VALUES(2,2,0,'still_point',12,90,'long');
CREATE TABLE restrictions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  region TEXT NOT NULL,                 -- vocabulary REGIONS, e.g. diaphragm.respiratory
  side TEXT NOT NULL,                   -- left, right, midline, bilateral
  severity TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe')),
  note TEXT NOT NULL DEFAULT ''
);
INSERT INTO restrictions VALUES(1,1,0,'diaphragm.respiratory','midline','moderate','tight');
INSERT INTO restrictions VALUES(2,2,0,'diaphragm.respiratory','midline','moderate','tight');
CREATE TABLE techniques_applied (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  technique TEXT NOT NULL,              -- vocabulary TECHNIQUES, or custom.* (custom_techniques)
  note TEXT NOT NULL DEFAULT ''
);
INSERT INTO techniques_applied VALUES(1,1,0,'cv4_still_point','twice');
INSERT INTO techniques_applied VALUES(2,2,0,'cv4_still_point','twice');
CREATE TABLE adverse_reactions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,                   -- vocabulary ADVERSE_REACTIONS
  note TEXT NOT NULL DEFAULT ''
);
INSERT INTO adverse_reactions VALUES(1,1,0,'headache','mild');
INSERT INTO adverse_reactions VALUES(2,2,0,'headache','mild');
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
, closed_on TEXT CHECK (closed_on IS NULL OR date(closed_on) IS closed_on), closed_reason TEXT NOT NULL DEFAULT '' CHECK ((closed_on IS NULL) = (closed_reason = '')), closing_note TEXT NOT NULL DEFAULT '');
CREATE TABLE plan_goals (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES follow_up_plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  measure TEXT NOT NULL DEFAULT '',     -- e.g. headache days per month below 4
  status TEXT NOT NULL DEFAULT 'open'   -- vocabulary GOAL_STATUSES
, status_on TEXT CHECK (status_on IS NULL OR date(status_on) IS status_on));
CREATE TABLE plan_referrals (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES follow_up_plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  target TEXT NOT NULL,                 -- vocabulary REFERRAL_TARGETS
  note TEXT NOT NULL DEFAULT ''
);
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
, retention_years INTEGER NOT NULL DEFAULT 10 CHECK (retention_years BETWEEN 1 AND 100), date_order TEXT NOT NULL DEFAULT 'day_first' CHECK (date_order IN ('day_first', 'month_first')));
CREATE TABLE drafts (
  key TEXT PRIMARY KEY,                 -- which form and record, e.g. intake:patient:12
  form TEXT NOT NULL,                   -- the form's name
  patient_id INTEGER REFERENCES patients (id) ON DELETE CASCADE,  -- NULL for a new patient
  content TEXT NOT NULL,                -- the unsaved form as JSON
  saved_at TEXT NOT NULL                -- UTC
);
CREATE TABLE addenda (
  id INTEGER PRIMARY KEY,
  session_id INTEGER REFERENCES sessions (id),   -- the signed session it amends, or
  intake_id INTEGER REFERENCES intakes (id),     -- the signed intake it amends
  text TEXT NOT NULL CHECK (length(trim(text)) > 0),
  author TEXT NOT NULL,                 -- the therapist who wrote and signed it
  created_at TEXT NOT NULL,             -- UTC; the addendum's date
  content_hash TEXT NOT NULL,           -- SHA-256 of the addendum with its note's hash
  CHECK ((session_id IS NULL) != (intake_id IS NULL))
);
INSERT INTO addenda VALUES(1,NULL,1,'Also reports jaw clicking.','Anita Bose','2026-12-03T11:19:18Z','798cfb38d6f8acdcf23f43469d8531815e8739b9af1dbc83c37c38261fe545e0');
INSERT INTO addenda VALUES(2,1,NULL,'Pain after was 4, not 3.','Anita Bose','2026-12-03T11:19:18Z','9cc1138498315445b1a4d16f90a3f332d003317291f71340d9f7fc914bec78c2');
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
);
INSERT INTO audit_log VALUES(1,'2026-12-03T11:19:18.238Z','root','create','patient',1,1,'Emma Smith',NULL,'{"full_name": "Emma Smith", "birth_date": "1980-05-01", "sex": "unspecified", "preferred_name": "", "phone": "", "email": "", "address": "", "emergency_contact_name": "", "emergency_contact_phone": "", "guardian": null, "uid": "0e1d2c3b-aaaa-4bbb-8ccc-000000000042", "created_at": "2026-12-03T11:19:18.236Z", "updated_at": "2026-12-03T11:19:18.236Z"}');
INSERT INTO audit_log VALUES(2,'2026-12-03T11:19:18.242Z','root','create','intake',1,1,'intake',NULL,'{"intake_date": "2026-01-05", "complaint": "Headaches", "goals": "Sleep", "onset": "2024", "duration": "2 years", "intensity": 7, "frequency": "daily", "location": "temples", "aggravating_factors": "screens", "relieving_factors": "rest", "prior_treatment": "physio", "medical_history": "none", "pregnant": false, "pregnancy_note": "", "conditions": [{"code": "migraine_headache", "note": "with aura"}], "medications": [{"name": "Ibuprofen", "dose": "200 mg"}], "surgeries": [{"description": "Appendix", "surgery_date": "2010-06-01"}], "trauma": [{"kind": "fall", "description": "stairs", "event_date": "2015-02-03"}], "contraindications": [{"code": "epilepsy", "note": "controlled"}], "contraindications_screened_on": "2026-01-05", "birth_history": {"labour_hours": 12.5, "induced": true, "epidural": false, "delivery": "caesarean", "presentation": "breech", "feeding_latch_difficulty": true, "feeding_suck_swallow_difficulty": false, "feeding_one_sided_preference": true, "feeding_reflux": false, "torticollis": true, "head_asymmetry": false, "note": "ok"}, "consent_given": true, "consent_date": "2026-01-05", "consent_given_by": "Emma Smith", "status": "draft", "signed_at": null, "signed_by": "", "content_hash": "", "addenda": [], "created_at": "2026-12-03T11:19:18.239Z", "updated_at": "2026-12-03T11:19:18.239Z"}');
INSERT INTO audit_log VALUES(3,'2026-12-03T11:19:18.246Z','root','sign','intake',1,1,'intake','{"intake_date": "2026-01-05", "complaint": "Headaches", "goals": "Sleep", "onset": "2024", "duration": "2 years", "intensity": 7, "frequency": "daily", "location": "temples", "aggravating_factors": "screens", "relieving_factors": "rest", "prior_treatment": "physio", "medical_history": "none", "pregnant": false, "pregnancy_note": "", "conditions": [{"code": "migraine_headache", "note": "with aura"}], "medications": [{"name": "Ibuprofen", "dose": "200 mg"}], "surgeries": [{"description": "Appendix", "surgery_date": "2010-06-01"}], "trauma": [{"kind": "fall", "description": "stairs", "event_date": "2015-02-03"}], "contraindications": [{"code": "epilepsy", "note": "controlled"}], "contraindications_screened_on": "2026-01-05", "birth_history": {"labour_hours": 12.5, "induced": true, "epidural": false, "delivery": "caesarean", "presentation": "breech", "feeding_latch_difficulty": true, "feeding_suck_swallow_difficulty": false, "feeding_one_sided_preference": true, "feeding_reflux": false, "torticollis": true, "head_asymmetry": false, "note": "ok"}, "consent_given": true, "consent_date": "2026-01-05", "consent_given_by": "Emma Smith", "status": "draft", "signed_at": null, "signed_by": "", "content_hash": "", "addenda": [], "created_at": "2026-12-03T11:19:18.239Z", "updated_at": "2026-12-03T11:19:18.239Z"}','{"intake_date": "2026-01-05", "complaint": "Headaches", "goals": "Sleep", "onset": "2024", "duration": "2 years", "intensity": 7, "frequency": "daily", "location": "temples", "aggravating_factors": "screens", "relieving_factors": "rest", "prior_treatment": "physio", "medical_history": "none", "pregnant": false, "pregnancy_note": "", "conditions": [{"code": "migraine_headache", "note": "with aura"}], "medications": [{"name": "Ibuprofen", "dose": "200 mg"}], "surgeries": [{"description": "Appendix", "surgery_date": "2010-06-01"}], "trauma": [{"kind": "fall", "description": "stairs", "event_date": "2015-02-03"}], "contraindications": [{"code": "epilepsy", "note": "controlled"}], "contraindications_screened_on": "2026-01-05", "birth_history": {"labour_hours": 12.5, "induced": true, "epidural": false, "delivery": "caesarean", "presentation": "breech", "feeding_latch_difficulty": true, "feeding_suck_swallow_difficulty": false, "feeding_one_sided_preference": true, "feeding_reflux": false, "torticollis": true, "head_asymmetry": false, "note": "ok"}, "consent_given": true, "consent_date": "2026-01-05", "consent_given_by": "Emma Smith", "status": "signed", "signed_at": "2026-12-03T11:19:18Z", "signed_by": "Anita Bose", "content_hash": "d6a050cf24bb76f9cc9a63951d118a251b334a68d8b1784c4dcd4cda3a15b91a", "addenda": [], "created_at": "2026-12-03T11:19:18.239Z", "updated_at": "2026-12-03T11:19:18.239Z"}');
INSERT INTO audit_log VALUES(4,'2026-12-03T11:19:18.247Z','root','addendum','intake',1,1,'Also reports jaw clicking.',NULL,'{"text": "Also reports jaw clicking.", "author": "Anita Bose", "created_at": "2026-12-03T11:19:18Z", "content_hash": "798cfb38d6f8acdcf23f43469d8531815e8739b9af1dbc83c37c38261fe545e0"}');
INSERT INTO audit_log VALUES(5,'2026-12-03T11:19:18.253Z','root','create','session',1,1,'session of 2026-03-02 09:30 UTC',NULL,'{"started_at": "2026-03-02T09:30:00Z", "duration_minutes": 55, "therapist": "Anita Bose", "consent_renewed": true, "subjective": "মাথাব্যথা কম", "objective": "Restricted occiput", "assessment": "Improving", "plan": "Weekly", "pain_before": 6, "pain_after": 3, "response": "Relaxed", "private_notes": "SER: spoke of the fall", "contraindication_override_reason": "", "headache_days": 4, "sleep_quality": 7, "stress_level": 5, "global_impression": 6, "rhythm_findings": [{"station": "occiput", "side": "both", "rate": 8.5, "amplitude": 3, "symmetry": "restricted_left", "quality": "weak", "restricted_phase": "extension", "palpated_by": "Anita Bose", "note": "slow"}], "events": [{"kind": "still_point", "minute": 12, "duration_seconds": 90, "note": "long"}], "restrictions": [{"region": "diaphragm.respiratory", "side": "midline", "severity": "moderate", "note": "tight"}], "techniques": [{"technique": "cv4_still_point", "note": "twice"}], "adverse_reactions": [{"code": "headache", "note": "mild"}], "status": "draft", "signed_at": null, "signed_by": "", "content_hash": "", "addenda": [], "uid": "6f1c2a3b-0000-4000-8000-000000000001", "created_at": "2026-12-03T11:19:18.249Z", "updated_at": "2026-12-03T11:19:18.249Z"}');
INSERT INTO audit_log VALUES(6,'2026-12-03T11:19:18.259Z','root','sign','session',1,1,'session of 2026-03-02 09:30 UTC','{"started_at": "2026-03-02T09:30:00Z", "duration_minutes": 55, "therapist": "Anita Bose", "consent_renewed": true, "subjective": "মাথাব্যথা কম", "objective": "Restricted occiput", "assessment": "Improving", "plan": "Weekly", "pain_before": 6, "pain_after": 3, "response": "Relaxed", "private_notes": "SER: spoke of the fall", "contraindication_override_reason": "", "headache_days": 4, "sleep_quality": 7, "stress_level": 5, "global_impression": 6, "rhythm_findings": [{"station": "occiput", "side": "both", "rate": 8.5, "amplitude": 3, "symmetry": "restricted_left", "quality": "weak", "restricted_phase": "extension", "palpated_by": "Anita Bose", "note": "slow"}], "events": [{"kind": "still_point", "minute": 12, "duration_seconds": 90, "note": "long"}], "restrictions": [{"region": "diaphragm.respiratory", "side": "midline", "severity": "moderate", "note": "tight"}], "techniques": [{"technique": "cv4_still_point", "note": "twice"}], "adverse_reactions": [{"code": "headache", "note": "mild"}], "status": "draft", "signed_at": null, "signed_by": "", "content_hash": "", "addenda": [], "uid": "6f1c2a3b-0000-4000-8000-000000000001", "created_at": "2026-12-03T11:19:18.249Z", "updated_at": "2026-12-03T11:19:18.249Z"}','{"started_at": "2026-03-02T09:30:00Z", "duration_minutes": 55, "therapist": "Anita Bose", "consent_renewed": true, "subjective": "মাথাব্যথা কম", "objective": "Restricted occiput", "assessment": "Improving", "plan": "Weekly", "pain_before": 6, "pain_after": 3, "response": "Relaxed", "private_notes": "SER: spoke of the fall", "contraindication_override_reason": "", "headache_days": 4, "sleep_quality": 7, "stress_level": 5, "global_impression": 6, "rhythm_findings": [{"station": "occiput", "side": "both", "rate": 8.5, "amplitude": 3, "symmetry": "restricted_left", "quality": "weak", "restricted_phase": "extension", "palpated_by": "Anita Bose", "note": "slow"}], "events": [{"kind": "still_point", "minute": 12, "duration_seconds": 90, "note": "long"}], "restrictions": [{"region": "diaphragm.respiratory", "side": "midline", "severity": "moderate", "note": "tight"}], "techniques": [{"technique": "cv4_still_point", "note": "twice"}], "adverse_reactions": [{"code": "headache", "note": "mild"}], "status": "signed", "signed_at": "2026-12-03T11:19:18Z", "signed_by": "Anita Bose", "content_hash": "f3ef27d9b570cde5881da8932fd57c68434dc55212670d6b73788d594d6ad818", "addenda": [], "uid": "6f1c2a3b-0000-4000-8000-000000000001", "created_at": "2026-12-03T11:19:18.249Z", "updated_at": "2026-12-03T11:19:18.249Z"}');
INSERT INTO audit_log VALUES(7,'2026-12-03T11:19:18.261Z','root','addendum','session',1,1,'Pain after was 4, not 3.',NULL,'{"text": "Pain after was 4, not 3.", "author": "Anita Bose", "created_at": "2026-12-03T11:19:18Z", "content_hash": "9cc1138498315445b1a4d16f90a3f332d003317291f71340d9f7fc914bec78c2"}');
INSERT INTO audit_log VALUES(8,'2026-12-03T11:19:18.264Z','root','create','session',2,1,'session of 2026-03-09 09:30 UTC',NULL,'{"started_at": "2026-03-09T09:30:00Z", "duration_minutes": 55, "therapist": "Anita Bose", "consent_renewed": true, "subjective": "মাথাব্যথা কম", "objective": "Restricted occiput", "assessment": "Improving", "plan": "Weekly", "pain_before": 6, "pain_after": 3, "response": "Relaxed", "private_notes": "SER: spoke of the fall", "contraindication_override_reason": "", "headache_days": 4, "sleep_quality": 7, "stress_level": 5, "global_impression": 6, "rhythm_findings": [{"station": "occiput", "side": "both", "rate": 8.5, "amplitude": 3, "symmetry": "restricted_left", "quality": "weak", "restricted_phase": "extension", "palpated_by": "Anita Bose", "note": "slow"}], "events": [{"kind": "still_point", "minute": 12, "duration_seconds": 90, "note": "long"}], "restrictions": [{"region": "diaphragm.respiratory", "side": "midline", "severity": "moderate", "note": "tight"}], "techniques": [{"technique": "cv4_still_point", "note": "twice"}], "adverse_reactions": [{"code": "headache", "note": "mild"}], "status": "draft", "signed_at": null, "signed_by": "", "content_hash": "", "addenda": [], "uid": "6f1c2a3b-0000-4000-8000-000000000002", "created_at": "2026-12-03T11:19:18.262Z", "updated_at": "2026-12-03T11:19:18.262Z"}');
CREATE TABLE session_templates (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,            -- e.g. standard 10-step
  content TEXT NOT NULL,                -- duration, findings, restrictions, techniques (export-format JSON)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE search_index_control (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  deferred INTEGER NOT NULL DEFAULT 0 CHECK (deferred IN (0, 1))  -- 1 while a bulk import runs; it rebuilds after
);
INSERT INTO search_index_control VALUES(1,0);
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','patients_words','patients_words',0,'CREATE VIRTUAL TABLE patients_words USING fts5(full_name, preferred_name, content=''patients'', content_rowid=''id'', tokenize=''unicode61 remove_diacritics 2'')');
CREATE TABLE IF NOT EXISTS 'patients_words_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO patients_words_data VALUES(1,X'010200');
INSERT INTO patients_words_data VALUES(10,X'000000000101010001010101');
INSERT INTO patients_words_data VALUES(137438953473,X'000000170530656d6d610102020105736d6974680102030409');
CREATE TABLE IF NOT EXISTS 'patients_words_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO patients_words_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'patients_words_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO patients_words_docsize VALUES(1,X'0200');
CREATE TABLE IF NOT EXISTS 'patients_words_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO patients_words_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','patients_trigrams','patients_trigrams',0,'CREATE VIRTUAL TABLE patients_trigrams USING fts5(full_name, preferred_name, content=''patients'', content_rowid=''id'', tokenize=''trigram'')');
CREATE TABLE IF NOT EXISTS 'patients_trigrams_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO patients_trigrams_data VALUES(1,X'010800');
INSERT INTO patients_trigrams_data VALUES(10,X'000000000101010001010101');
INSERT INTO patients_trigrams_data VALUES(137438953473,X'00000042043020736d01020601036120730102050103656d6d010202010369746801020901036d61200102040202697401020802026d610102030103736d690102070408080808080707');
CREATE TABLE IF NOT EXISTS 'patients_trigrams_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO patients_trigrams_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'patients_trigrams_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO patients_trigrams_docsize VALUES(1,X'0800');
CREATE TABLE IF NOT EXISTS 'patients_trigrams_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO patients_trigrams_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','sessions_words','sessions_words',0,'CREATE VIRTUAL TABLE sessions_words USING fts5(subjective, objective, assessment, plan, response, private_notes, content=''sessions'', content_rowid=''id'', tokenize=''unicode61 remove_diacritics 2'')');
CREATE TABLE IF NOT EXISTS 'sessions_words_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO sessions_words_data VALUES(1,X'020a040202020a');
INSERT INTO sessions_words_data VALUES(10,X'000000000102020002010101020101');
INSERT INTO sessions_words_data VALUES(137438953473,X'000000a4053066616c6c01060105060109696d70726f76696e67010601020201076f63636970757401060101030201660106010504010772656c617865640106010402030873747269637465640106010102010373657201060105020204706f6b6501060105030103746865010601050501067765656b6c7901060103020106e0a695e0a6ae0102060301a50102030301ac0102040301ae0102020304afe0a6a5010205040b100e080e0f0a0b0a0d0b060606');
INSERT INTO sessions_words_data VALUES(274877906945,X'000000a4053066616c6c02060105060109696d70726f76696e67020601020201076f63636970757402060101030201660206010504010772656c617865640206010402030873747269637465640206010102010373657202060105020204706f6b6502060105030103746865020601050501067765656b6c7902060103020106e0a695e0a6ae0202060301a50202030301ac0202040301ae0202020304afe0a6a5020205040b100e080e0f0a0b0a0d0b060606');
CREATE TABLE IF NOT EXISTS 'sessions_words_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO sessions_words_idx VALUES(1,X'',2);
INSERT INTO sessions_words_idx VALUES(2,X'',2);
CREATE TABLE IF NOT EXISTS 'sessions_words_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO sessions_words_docsize VALUES(1,X'050201010105');
INSERT INTO sessions_words_docsize VALUES(2,X'050201010105');
CREATE TABLE IF NOT EXISTS 'sessions_words_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO sessions_words_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','sessions_trigrams','sessions_trigrams',0,'CREATE VIRTUAL TABLE sessions_trigrams USING fts5(subjective, objective, assessment, plan, response, private_notes, content=''sessions'', content_rowid=''id'', tokenize=''trigram'')');
CREATE TABLE IF NOT EXISTS 'sessions_trigrams_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO sessions_trigrams_data VALUES(1,X'0214200e080a28');
INSERT INTO sessions_trigrams_data VALUES(10,X'000000000102020002010101020101');
INSERT INTO sessions_trigrams_data VALUES(137438953473,X'000002570430206661010601051302026f63010601010c030166010601050c02027370010601050602027468010601050f0206e0a695e0a6ae01020b01033a207301060105050103616c6c01060105150202786501060104050103636369010601010e02026970010601010f020274650106010108010364206f010601010b0103652066010601051203016f010601050b02026420010601010a0202656b010601030302026b6c010601030402026c6101060104030202723a01060105030202737401060101030103662074010601050e0202616c0106010514010368652001060105110103696374010601010702026d70010601020202026e67010601020802027075010601011001036b6520010601050a02026c79010601030501036c6178010601040401036d7072010601020301036f6363010601010d02026620010601050d02026b6501060105090202766901060102060103706f6b01060105080202726f01060102040202757401060101110103723a2001060105040202656c0106010402030173010601010202026963010601010602026f760106010205010373657201060105020202706f010601050702027472010601010401037465640106010109020268650106010510020272690106010105010376696e010601020701037765650106010302010378656401060104060107e0a6a5e0a6be200102090703e0a6ac0102040307ace0a78de0a6af0102060307aee0a6bee0a6a50102020307afe0a6a5e0a6be0102080305be20e0a69501020a0406e0a6a5e0a6be0102030604ace0a78d0102050208a78de0a6afe0a6a5010207040a090809090b0a0a090a09090a0a080909090909090a090a0a0909090a090a0a0a0909090a09090a090809090a09090a09090a0a0a0c080c0c0c0a0b09');
INSERT INTO sessions_trigrams_data VALUES(274877906945,X'000002570430206661020601051302026f63020601010c030166020601050c02027370020601050602027468020601050f0206e0a695e0a6ae02020b01033a207302060105050103616c6c02060105150202786502060104050103636369020601010e02026970020601010f020274650206010108010364206f020601010b0103652066020601051203016f020601050b02026420020601010a0202656b020601030302026b6c020601030402026c6102060104030202723a02060105030202737402060101030103662074020601050e0202616c0206010514010368652002060105110103696374020601010702026d70020601020202026e67020601020802027075020601011001036b6520020601050a02026c79020601030501036c6178020601040401036d7072020601020301036f6363020601010d02026620020601050d02026b6502060105090202766902060102060103706f6b02060105080202726f02060102040202757402060101110103723a2002060105040202656c0206010402030173020601010202026963020601010602026f760206010205010373657202060105020202706f020601050702027472020601010401037465640206010109020268650206010510020272690206010105010376696e020601020701037765650206010302010378656402060104060107e0a6a5e0a6be200202090703e0a6ac0202040307ace0a78de0a6af0202060307aee0a6bee0a6a50202020307afe0a6a5e0a6be0202080305be20e0a69502020a0406e0a6a5e0a6be0202030604ace0a78d0202050208a78de0a6afe0a6a5020207040a090809090b0a0a090a09090a0a080909090909090a090a0a0909090a090a0a0a0909090a09090a090809090a09090a09090a0a0a0c080c0c0c0a0b09');
CREATE TABLE IF NOT EXISTS 'sessions_trigrams_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO sessions_trigrams_idx VALUES(1,X'',2);
INSERT INTO sessions_trigrams_idx VALUES(2,X'',2);
CREATE TABLE IF NOT EXISTS 'sessions_trigrams_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO sessions_trigrams_docsize VALUES(1,X'0a1007040514');
INSERT INTO sessions_trigrams_docsize VALUES(2,X'0a1007040514');
CREATE TABLE IF NOT EXISTS 'sessions_trigrams_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO sessions_trigrams_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','intakes_words','intakes_words',0,'CREATE VIRTUAL TABLE intakes_words USING fts5(complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note, content=''intakes'', content_rowid=''id'', tokenize=''unicode61 remove_diacritics 2'')');
CREATE TABLE IF NOT EXISTS 'intakes_words_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO intakes_words_data VALUES(1,X'01010101010001');
INSERT INTO intakes_words_data VALUES(10,X'000000000101010001010101');
INSERT INTO intakes_words_data VALUES(137438953473,X'0000003f0a3068656164616368657301020201046e6f6e65010601020201026f6b0106010502010670687973696f01060103020105736c6565700106010102040e0b090d');
CREATE TABLE IF NOT EXISTS 'intakes_words_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO intakes_words_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'intakes_words_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO intakes_words_docsize VALUES(1,X'010101010001');
CREATE TABLE IF NOT EXISTS 'intakes_words_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO intakes_words_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','intakes_trigrams','intakes_trigrams',0,'CREATE VIRTUAL TABLE intakes_trigrams USING fts5(complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note, content=''intakes'', content_rowid=''id'', tokenize=''trigram'')');
CREATE TABLE IF NOT EXISTS 'intakes_trigrams_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO intakes_trigrams_data VALUES(1,X'01070302040000');
INSERT INTO intakes_trigrams_data VALUES(10,X'000000000101010001010101');
INSERT INTO intakes_trigrams_data VALUES(137438953473,X'00000090043061636801020602026461010204010363686501020701036461630102050103656164010203020265700106010104010368656101020203017301020802027973010601030301036c6565010601010301036e6f6e010601020201036f6e65010601020301037068790106010302010373696f010601030502026c65010601010201037973690106010304040807080808090806090a0a0a0a0a09');
CREATE TABLE IF NOT EXISTS 'intakes_trigrams_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO intakes_trigrams_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'intakes_trigrams_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO intakes_trigrams_docsize VALUES(1,X'070302040000');
CREATE TABLE IF NOT EXISTS 'intakes_trigrams_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO intakes_trigrams_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','addenda_words','addenda_words',0,'CREATE VIRTUAL TABLE addenda_words USING fts5(text, content=''addenda'', content_rowid=''id'', tokenize=''unicode61 remove_diacritics 2'')');
CREATE TABLE IF NOT EXISTS 'addenda_words_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO addenda_words_data VALUES(1,X'020a');
INSERT INTO addenda_words_data VALUES(10,X'000000000102020002010101020101');
INSERT INTO addenda_words_data VALUES(137438953473,X'0000002e0530616c736f0102020108636c69636b696e6701020501036a617701020401077265706f72747301020304090d08');
INSERT INTO addenda_words_data VALUES(274877906945,X'000000330230330202070101340202050105616674657202020301036e6f7402020601047061696e02020201037761730202040406060a0809');
CREATE TABLE IF NOT EXISTS 'addenda_words_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO addenda_words_idx VALUES(1,X'',2);
INSERT INTO addenda_words_idx VALUES(2,X'',2);
CREATE TABLE IF NOT EXISTS 'addenda_words_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO addenda_words_docsize VALUES(1,X'04');
INSERT INTO addenda_words_docsize VALUES(2,X'06');
CREATE TABLE IF NOT EXISTS 'addenda_words_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO addenda_words_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','addenda_trigrams','addenda_trigrams',0,'CREATE VIRTUAL TABLE addenda_trigrams USING fts5(text, content=''addenda'', content_rowid=''id'', tokenize=''trigram'')');
CREATE TABLE IF NOT EXISTS 'addenda_trigrams_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO addenda_trigrams_data VALUES(1,X'022e');
INSERT INTO addenda_trigrams_data VALUES(10,X'000000000102020002010101020101');
INSERT INTO addenda_trigrams_data VALUES(137438953473,X'000000bb043020636c01021202026a6101020e020272650102060103616c73010202020277200102100103636b6901021602026c69010213010365706f010208010369636b01021502026e6701021801036a617701020f01036b696e01021701036c69630102140202736f01020301036e672e01021901036f20720102050202727401020a0103706f7201020901037265700102070202747301020b010373206a01020d02026f20010204010374732001020c0103772063010211040807070807080708080708080807080807080807080708');
INSERT INTO addenda_trigrams_data VALUES(274877906945,X'000000ac043020332e0202170202342c0202100202616602020602026e6f0202130202776102020c01032c206e0202120103342c2002021101036166740202070202696e0202030202732002020e010365722002020a01036674650202080103696e2002020401036e206102020502026f7402021401036f74200202150103706169020202010372207702020b010373203402020f010374203302021602026572020209010377617302020d04080707070708080807070808080807080808080807');
CREATE TABLE IF NOT EXISTS 'addenda_trigrams_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO addenda_trigrams_idx VALUES(1,X'',2);
INSERT INTO addenda_trigrams_idx VALUES(2,X'',2);
CREATE TABLE IF NOT EXISTS 'addenda_trigrams_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO addenda_trigrams_docsize VALUES(1,X'18');
INSERT INTO addenda_trigrams_docsize VALUES(2,X'16');
CREATE TABLE IF NOT EXISTS 'addenda_trigrams_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO addenda_trigrams_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','follow_up_plans_words','follow_up_plans_words',0,'CREATE VIRTUAL TABLE follow_up_plans_words USING fts5(frequency_note, home_care, closing_note, content=''follow_up_plans'', content_rowid=''id'', tokenize=''unicode61 remove_diacritics 2'')');
CREATE TABLE IF NOT EXISTS 'follow_up_plans_words_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO follow_up_plans_words_data VALUES(1,X'00000000');
INSERT INTO follow_up_plans_words_data VALUES(10,X'00000000000000');
CREATE TABLE IF NOT EXISTS 'follow_up_plans_words_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'follow_up_plans_words_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'follow_up_plans_words_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO follow_up_plans_words_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','follow_up_plans_trigrams','follow_up_plans_trigrams',0,'CREATE VIRTUAL TABLE follow_up_plans_trigrams USING fts5(frequency_note, home_care, closing_note, content=''follow_up_plans'', content_rowid=''id'', tokenize=''trigram'')');
CREATE TABLE IF NOT EXISTS 'follow_up_plans_trigrams_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO follow_up_plans_trigrams_data VALUES(1,X'00000000');
INSERT INTO follow_up_plans_trigrams_data VALUES(10,X'00000000000000');
CREATE TABLE IF NOT EXISTS 'follow_up_plans_trigrams_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'follow_up_plans_trigrams_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'follow_up_plans_trigrams_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO follow_up_plans_trigrams_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','plan_goals_words','plan_goals_words',0,'CREATE VIRTUAL TABLE plan_goals_words USING fts5(description, measure, content=''plan_goals'', content_rowid=''id'', tokenize=''unicode61 remove_diacritics 2'')');
CREATE TABLE IF NOT EXISTS 'plan_goals_words_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO plan_goals_words_data VALUES(1,X'000000');
INSERT INTO plan_goals_words_data VALUES(10,X'00000000000000');
CREATE TABLE IF NOT EXISTS 'plan_goals_words_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'plan_goals_words_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'plan_goals_words_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO plan_goals_words_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','plan_goals_trigrams','plan_goals_trigrams',0,'CREATE VIRTUAL TABLE plan_goals_trigrams USING fts5(description, measure, content=''plan_goals'', content_rowid=''id'', tokenize=''trigram'')');
CREATE TABLE IF NOT EXISTS 'plan_goals_trigrams_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO plan_goals_trigrams_data VALUES(1,X'000000');
INSERT INTO plan_goals_trigrams_data VALUES(10,X'00000000000000');
CREATE TABLE IF NOT EXISTS 'plan_goals_trigrams_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'plan_goals_trigrams_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'plan_goals_trigrams_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO plan_goals_trigrams_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','plan_referrals_words','plan_referrals_words',0,'CREATE VIRTUAL TABLE plan_referrals_words USING fts5(note, content=''plan_referrals'', content_rowid=''id'', tokenize=''unicode61 remove_diacritics 2'')');
CREATE TABLE IF NOT EXISTS 'plan_referrals_words_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO plan_referrals_words_data VALUES(1,X'0000');
INSERT INTO plan_referrals_words_data VALUES(10,X'00000000000000');
CREATE TABLE IF NOT EXISTS 'plan_referrals_words_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'plan_referrals_words_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'plan_referrals_words_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO plan_referrals_words_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','plan_referrals_trigrams','plan_referrals_trigrams',0,'CREATE VIRTUAL TABLE plan_referrals_trigrams USING fts5(note, content=''plan_referrals'', content_rowid=''id'', tokenize=''trigram'')');
CREATE TABLE IF NOT EXISTS 'plan_referrals_trigrams_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO plan_referrals_trigrams_data VALUES(1,X'0000');
INSERT INTO plan_referrals_trigrams_data VALUES(10,X'00000000000000');
CREATE TABLE IF NOT EXISTS 'plan_referrals_trigrams_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'plan_referrals_trigrams_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'plan_referrals_trigrams_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO plan_referrals_trigrams_config VALUES('version',4);
CREATE TABLE screening_changes (
  id INTEGER PRIMARY KEY,               -- the order they were recorded in
  patient_id INTEGER NOT NULL REFERENCES patients (id),  -- no cascade: the changes are kept
  action TEXT NOT NULL CHECK (action IN ('found', 'resolved', 'rescreened')),  -- vocabulary SCREENING_ACTIONS
  code TEXT,                            -- vocabulary CONTRAINDICATIONS; NULL for a re-screen of the whole list
  effective_on TEXT NOT NULL CHECK (date(effective_on) IS effective_on),  -- the day it was found, resolved, re-screened
  screened_by TEXT NOT NULL CHECK (length(trim(screened_by)) > 0),  -- who screened
  note TEXT NOT NULL DEFAULT '',                         -- e.g. cleared by the neurologist
  recorded_at TEXT NOT NULL,            -- UTC
  CHECK ((action = 'rescreened') = (code IS NULL))
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE INDEX patients_by_name ON patients (full_name COLLATE NOCASE);
CREATE INDEX sessions_by_patient ON sessions (patient_id, started_at);
CREATE INDEX rhythm_findings_by_session ON rhythm_findings (session_id);
CREATE INDEX session_events_by_session ON session_events (session_id);
CREATE INDEX restrictions_by_session ON restrictions (session_id);
CREATE INDEX techniques_applied_by_session ON techniques_applied (session_id);
CREATE INDEX adverse_reactions_by_session ON adverse_reactions (session_id);
CREATE INDEX follow_up_plans_by_patient ON follow_up_plans (patient_id, created_on);
CREATE INDEX plan_goals_by_plan ON plan_goals (plan_id);
CREATE INDEX plan_referrals_by_plan ON plan_referrals (plan_id);
CREATE INDEX addenda_by_session ON addenda (session_id);
CREATE INDEX addenda_by_intake ON addenda (intake_id);
CREATE TRIGGER addenda_only_for_signed_notes BEFORE INSERT ON addenda
WHEN coalesce((SELECT status FROM sessions WHERE id = NEW.session_id),
              (SELECT status FROM intakes WHERE id = NEW.intake_id)) IS NOT 'signed'
BEGIN SELECT RAISE(ABORT, 'an addendum belongs to a signed note'); END;
CREATE INDEX audit_log_by_patient ON audit_log (patient_id, changed_at);
CREATE TRIGGER sessions_signed_no_update BEFORE UPDATE ON sessions
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER sessions_signed_no_delete BEFORE DELETE ON sessions
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER rhythm_findings_signed_no_insert BEFORE INSERT ON rhythm_findings
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER rhythm_findings_signed_no_update BEFORE UPDATE ON rhythm_findings
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER rhythm_findings_signed_no_delete BEFORE DELETE ON rhythm_findings
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER session_events_signed_no_insert BEFORE INSERT ON session_events
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER session_events_signed_no_update BEFORE UPDATE ON session_events
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER session_events_signed_no_delete BEFORE DELETE ON session_events
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER restrictions_signed_no_insert BEFORE INSERT ON restrictions
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER restrictions_signed_no_update BEFORE UPDATE ON restrictions
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER restrictions_signed_no_delete BEFORE DELETE ON restrictions
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER techniques_applied_signed_no_insert BEFORE INSERT ON techniques_applied
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER techniques_applied_signed_no_update BEFORE UPDATE ON techniques_applied
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER techniques_applied_signed_no_delete BEFORE DELETE ON techniques_applied
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER adverse_reactions_signed_no_insert BEFORE INSERT ON adverse_reactions
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER adverse_reactions_signed_no_update BEFORE UPDATE ON adverse_reactions
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER adverse_reactions_signed_no_delete BEFORE DELETE ON adverse_reactions
WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this session is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intakes_signed_no_update BEFORE UPDATE ON intakes
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intakes_signed_no_delete BEFORE DELETE ON intakes
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_conditions_signed_no_insert BEFORE INSERT ON intake_conditions
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_conditions_signed_no_update BEFORE UPDATE ON intake_conditions
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_conditions_signed_no_delete BEFORE DELETE ON intake_conditions
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_medications_signed_no_insert BEFORE INSERT ON intake_medications
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_medications_signed_no_update BEFORE UPDATE ON intake_medications
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_medications_signed_no_delete BEFORE DELETE ON intake_medications
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_surgeries_signed_no_insert BEFORE INSERT ON intake_surgeries
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_surgeries_signed_no_update BEFORE UPDATE ON intake_surgeries
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_surgeries_signed_no_delete BEFORE DELETE ON intake_surgeries
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_trauma_signed_no_insert BEFORE INSERT ON intake_trauma
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_trauma_signed_no_update BEFORE UPDATE ON intake_trauma
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_trauma_signed_no_delete BEFORE DELETE ON intake_trauma
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_contraindications_signed_no_insert BEFORE INSERT ON intake_contraindications
WHEN (SELECT status FROM intakes WHERE id = NEW.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_contraindications_signed_no_update BEFORE UPDATE ON intake_contraindications
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER intake_contraindications_signed_no_delete BEFORE DELETE ON intake_contraindications
WHEN (SELECT status FROM intakes WHERE id = OLD.intake_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'this intake is signed and locked: it cannot be changed or deleted; add an addendum instead'); END;
CREATE TRIGGER addenda_no_update BEFORE UPDATE ON addenda
BEGIN SELECT RAISE(ABORT, 'addenda are never changed or deleted'); END;
CREATE TRIGGER addenda_no_delete BEFORE DELETE ON addenda
BEGIN SELECT RAISE(ABORT, 'addenda are never changed or deleted'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries are never changed or deleted'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries are never changed or deleted'); END;
CREATE TRIGGER patients_words_add AFTER INSERT ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_words (rowid, full_name, preferred_name) VALUES (NEW.id, NEW.full_name, NEW.preferred_name); END;
CREATE TRIGGER patients_words_remove AFTER DELETE ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_words (patients_words, rowid, full_name, preferred_name) VALUES ('delete', OLD.id, OLD.full_name, OLD.preferred_name); END;
CREATE TRIGGER patients_words_change AFTER UPDATE OF full_name, preferred_name ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_words (patients_words, rowid, full_name, preferred_name) VALUES ('delete', OLD.id, OLD.full_name, OLD.preferred_name); INSERT INTO patients_words (rowid, full_name, preferred_name) VALUES (NEW.id, NEW.full_name, NEW.preferred_name); END;
CREATE TRIGGER patients_trigrams_add AFTER INSERT ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_trigrams (rowid, full_name, preferred_name) VALUES (NEW.id, NEW.full_name, NEW.preferred_name); END;
CREATE TRIGGER patients_trigrams_remove AFTER DELETE ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_trigrams (patients_trigrams, rowid, full_name, preferred_name) VALUES ('delete', OLD.id, OLD.full_name, OLD.preferred_name); END;
CREATE TRIGGER patients_trigrams_change AFTER UPDATE OF full_name, preferred_name ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_trigrams (patients_trigrams, rowid, full_name, preferred_name) VALUES ('delete', OLD.id, OLD.full_name, OLD.preferred_name); INSERT INTO patients_trigrams (rowid, full_name, preferred_name) VALUES (NEW.id, NEW.full_name, NEW.preferred_name); END;
CREATE TRIGGER sessions_words_add AFTER INSERT ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_words (rowid, subjective, objective, assessment, plan, response, private_notes) VALUES (NEW.id, NEW.subjective, NEW.objective, NEW.assessment, NEW.plan, NEW.response, NEW.private_notes); END;
CREATE TRIGGER sessions_words_remove AFTER DELETE ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_words (sessions_words, rowid, subjective, objective, assessment, plan, response, private_notes) VALUES ('delete', OLD.id, OLD.subjective, OLD.objective, OLD.assessment, OLD.plan, OLD.response, OLD.private_notes); END;
CREATE TRIGGER sessions_words_change AFTER UPDATE OF subjective, objective, assessment, plan, response, private_notes ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_words (sessions_words, rowid, subjective, objective, assessment, plan, response, private_notes) VALUES ('delete', OLD.id, OLD.subjective, OLD.objective, OLD.assessment, OLD.plan, OLD.response, OLD.private_notes); INSERT INTO sessions_words (rowid, subjective, objective, assessment, plan, response, private_notes) VALUES (NEW.id, NEW.subjective, NEW.objective, NEW.assessment, NEW.plan, NEW.response, NEW.private_notes); END;
CREATE TRIGGER sessions_trigrams_add AFTER INSERT ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_trigrams (rowid, subjective, objective, assessment, plan, response, private_notes) VALUES (NEW.id, NEW.subjective, NEW.objective, NEW.assessment, NEW.plan, NEW.response, NEW.private_notes); END;
CREATE TRIGGER sessions_trigrams_remove AFTER DELETE ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_trigrams (sessions_trigrams, rowid, subjective, objective, assessment, plan, response, private_notes) VALUES ('delete', OLD.id, OLD.subjective, OLD.objective, OLD.assessment, OLD.plan, OLD.response, OLD.private_notes); END;
CREATE TRIGGER sessions_trigrams_change AFTER UPDATE OF subjective, objective, assessment, plan, response, private_notes ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_trigrams (sessions_trigrams, rowid, subjective, objective, assessment, plan, response, private_notes) VALUES ('delete', OLD.id, OLD.subjective, OLD.objective, OLD.assessment, OLD.plan, OLD.response, OLD.private_notes); INSERT INTO sessions_trigrams (rowid, subjective, objective, assessment, plan, response, private_notes) VALUES (NEW.id, NEW.subjective, NEW.objective, NEW.assessment, NEW.plan, NEW.response, NEW.private_notes); END;
CREATE TRIGGER intakes_words_add AFTER INSERT ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_words (rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES (NEW.id, NEW.complaint, NEW.goals, NEW.medical_history, NEW.prior_treatment, NEW.pregnancy_note, NEW.birth_note); END;
CREATE TRIGGER intakes_words_remove AFTER DELETE ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_words (intakes_words, rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES ('delete', OLD.id, OLD.complaint, OLD.goals, OLD.medical_history, OLD.prior_treatment, OLD.pregnancy_note, OLD.birth_note); END;
CREATE TRIGGER intakes_words_change AFTER UPDATE OF complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_words (intakes_words, rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES ('delete', OLD.id, OLD.complaint, OLD.goals, OLD.medical_history, OLD.prior_treatment, OLD.pregnancy_note, OLD.birth_note); INSERT INTO intakes_words (rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES (NEW.id, NEW.complaint, NEW.goals, NEW.medical_history, NEW.prior_treatment, NEW.pregnancy_note, NEW.birth_note); END;
CREATE TRIGGER intakes_trigrams_add AFTER INSERT ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_trigrams (rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES (NEW.id, NEW.complaint, NEW.goals, NEW.medical_history, NEW.prior_treatment, NEW.pregnancy_note, NEW.birth_note); END;
CREATE TRIGGER intakes_trigrams_remove AFTER DELETE ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_trigrams (intakes_trigrams, rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES ('delete', OLD.id, OLD.complaint, OLD.goals, OLD.medical_history, OLD.prior_treatment, OLD.pregnancy_note, OLD.birth_note); END;
CREATE TRIGGER intakes_trigrams_change AFTER UPDATE OF complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_trigrams (intakes_trigrams, rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES ('delete', OLD.id, OLD.complaint, OLD.goals, OLD.medical_history, OLD.prior_treatment, OLD.pregnancy_note, OLD.birth_note); INSERT INTO intakes_trigrams (rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES (NEW.id, NEW.complaint, NEW.goals, NEW.medical_history, NEW.prior_treatment, NEW.pregnancy_note, NEW.birth_note); END;
CREATE TRIGGER addenda_words_add AFTER INSERT ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_words (rowid, text) VALUES (NEW.id, NEW.text); END;
CREATE TRIGGER addenda_words_remove AFTER DELETE ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_words (addenda_words, rowid, text) VALUES ('delete', OLD.id, OLD.text); END;
CREATE TRIGGER addenda_words_change AFTER UPDATE OF text ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_words (addenda_words, rowid, text) VALUES ('delete', OLD.id, OLD.text); INSERT INTO addenda_words (rowid, text) VALUES (NEW.id, NEW.text); END;
CREATE TRIGGER addenda_trigrams_add AFTER INSERT ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_trigrams (rowid, text) VALUES (NEW.id, NEW.text); END;
CREATE TRIGGER addenda_trigrams_remove AFTER DELETE ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_trigrams (addenda_trigrams, rowid, text) VALUES ('delete', OLD.id, OLD.text); END;
CREATE TRIGGER addenda_trigrams_change AFTER UPDATE OF text ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_trigrams (addenda_trigrams, rowid, text) VALUES ('delete', OLD.id, OLD.text); INSERT INTO addenda_trigrams (rowid, text) VALUES (NEW.id, NEW.text); END;
CREATE INDEX sessions_unsigned ON sessions (started_at) WHERE status = 'draft';
CREATE TRIGGER follow_up_plans_words_add AFTER INSERT ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_words (rowid, frequency_note, home_care, closing_note) VALUES (NEW.id, NEW.frequency_note, NEW.home_care, NEW.closing_note); END;
CREATE TRIGGER follow_up_plans_words_remove AFTER DELETE ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_words (follow_up_plans_words, rowid, frequency_note, home_care, closing_note) VALUES ('delete', OLD.id, OLD.frequency_note, OLD.home_care, OLD.closing_note); END;
CREATE TRIGGER follow_up_plans_words_change AFTER UPDATE OF frequency_note, home_care, closing_note ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_words (follow_up_plans_words, rowid, frequency_note, home_care, closing_note) VALUES ('delete', OLD.id, OLD.frequency_note, OLD.home_care, OLD.closing_note); INSERT INTO follow_up_plans_words (rowid, frequency_note, home_care, closing_note) VALUES (NEW.id, NEW.frequency_note, NEW.home_care, NEW.closing_note); END;
CREATE TRIGGER follow_up_plans_trigrams_add AFTER INSERT ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_trigrams (rowid, frequency_note, home_care, closing_note) VALUES (NEW.id, NEW.frequency_note, NEW.home_care, NEW.closing_note); END;
CREATE TRIGGER follow_up_plans_trigrams_remove AFTER DELETE ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_trigrams (follow_up_plans_trigrams, rowid, frequency_note, home_care, closing_note) VALUES ('delete', OLD.id, OLD.frequency_note, OLD.home_care, OLD.closing_note); END;
CREATE TRIGGER follow_up_plans_trigrams_change AFTER UPDATE OF frequency_note, home_care, closing_note ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_trigrams (follow_up_plans_trigrams, rowid, frequency_note, home_care, closing_note) VALUES ('delete', OLD.id, OLD.frequency_note, OLD.home_care, OLD.closing_note); INSERT INTO follow_up_plans_trigrams (rowid, frequency_note, home_care, closing_note) VALUES (NEW.id, NEW.frequency_note, NEW.home_care, NEW.closing_note); END;
CREATE TRIGGER plan_goals_words_add AFTER INSERT ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_words (rowid, description, measure) VALUES (NEW.id, NEW.description, NEW.measure); END;
CREATE TRIGGER plan_goals_words_remove AFTER DELETE ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_words (plan_goals_words, rowid, description, measure) VALUES ('delete', OLD.id, OLD.description, OLD.measure); END;
CREATE TRIGGER plan_goals_words_change AFTER UPDATE OF description, measure ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_words (plan_goals_words, rowid, description, measure) VALUES ('delete', OLD.id, OLD.description, OLD.measure); INSERT INTO plan_goals_words (rowid, description, measure) VALUES (NEW.id, NEW.description, NEW.measure); END;
CREATE TRIGGER plan_goals_trigrams_add AFTER INSERT ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_trigrams (rowid, description, measure) VALUES (NEW.id, NEW.description, NEW.measure); END;
CREATE TRIGGER plan_goals_trigrams_remove AFTER DELETE ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_trigrams (plan_goals_trigrams, rowid, description, measure) VALUES ('delete', OLD.id, OLD.description, OLD.measure); END;
CREATE TRIGGER plan_goals_trigrams_change AFTER UPDATE OF description, measure ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_trigrams (plan_goals_trigrams, rowid, description, measure) VALUES ('delete', OLD.id, OLD.description, OLD.measure); INSERT INTO plan_goals_trigrams (rowid, description, measure) VALUES (NEW.id, NEW.description, NEW.measure); END;
CREATE TRIGGER plan_referrals_words_add AFTER INSERT ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_words (rowid, note) VALUES (NEW.id, NEW.note); END;
CREATE TRIGGER plan_referrals_words_remove AFTER DELETE ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_words (plan_referrals_words, rowid, note) VALUES ('delete', OLD.id, OLD.note); END;
CREATE TRIGGER plan_referrals_words_change AFTER UPDATE OF note ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_words (plan_referrals_words, rowid, note) VALUES ('delete', OLD.id, OLD.note); INSERT INTO plan_referrals_words (rowid, note) VALUES (NEW.id, NEW.note); END;
CREATE TRIGGER plan_referrals_trigrams_add AFTER INSERT ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_trigrams (rowid, note) VALUES (NEW.id, NEW.note); END;
CREATE TRIGGER plan_referrals_trigrams_remove AFTER DELETE ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_trigrams (plan_referrals_trigrams, rowid, note) VALUES ('delete', OLD.id, OLD.note); END;
CREATE TRIGGER plan_referrals_trigrams_change AFTER UPDATE OF note ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_trigrams (plan_referrals_trigrams, rowid, note) VALUES ('delete', OLD.id, OLD.note); INSERT INTO plan_referrals_trigrams (rowid, note) VALUES (NEW.id, NEW.note); END;
CREATE INDEX screening_changes_by_patient ON screening_changes (patient_id, id);
CREATE TRIGGER screening_changes_no_update BEFORE UPDATE ON screening_changes
BEGIN SELECT RAISE(ABORT, 'screening changes are never changed or deleted'); END;
CREATE TRIGGER screening_changes_no_delete BEFORE DELETE ON screening_changes
BEGIN SELECT RAISE(ABORT, 'screening changes are never changed or deleted'); END;
CREATE TRIGGER screening_changes_no_replace BEFORE INSERT ON screening_changes
WHEN EXISTS (SELECT 1 FROM screening_changes WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'screening changes are never changed or deleted; record a new change instead'); END;
PRAGMA writable_schema=OFF;
COMMIT;
