-- m012_refuse_bad_rows: the database itself refuses rows the app would never write, whoever writes
-- them (a plain sqlite3 client, with foreign keys off as the sqlite3 shell has them):
--
-- * A date column holds a real calendar date written YYYY-MM-DD. The CHECK (date(x) IS x) of the
--   tables is not enough: on SQLite 3.40 date('1997-02-30') is '1997-02-30' (it only checks that
--   the day is 01-31), so 1997-02-30 and 2026-02-29 pass it. A modifier makes SQLite compute the
--   date, which carries an impossible day into the next month (date('1997-02-30', '+0 days') is
--   '1997-03-02'), so date(x, '+0 days') IS x holds for real dates only (2024-02-29 stays itself),
--   on every SQLite version. Years before 1000 are refused: SQLite's date arithmetic is wrong for
--   some of them (on 3.40 date('0300-03-01', '+0 days') is '0300-02-29'), Python cannot read year
--   0000, strftime writes them in fewer than four digits, and no clinical record holds one.
-- * A time column (…_at) holds a UTC time as the app writes it: YYYY-MM-DDTHH:MM:SS, perhaps
--   .ffffff (1 to 6 digits), then Z; the date and time real (no 24:00, no 23:59:60, no 02-30).
-- * A code column holds a code of its vocabulary in cst_notes.domain.vocabulary (an empty text
--   where the schema allows "none"; techniques also the therapist's own, in custom_techniques).
--   The lists are those of the vocabularies when this migration was released, frozen here:
--   tests/storage/test_bad_rows.py compares them with the vocabularies of today, so a new code
--   needs a new migration. A code, once released, stays in its vocabulary (old notes hold it).
-- * A child row names a parent that exists (foreign keys are not enforced while they are off);
--   the id of a patient or a plan is never changed (sessions' and intakes' were locked by m003).
-- * Deleting a patient with signed notes, or with screening changes (they are kept), is refused;
--   deleting a patient, an intake, a session or a plan deletes its parts as ON DELETE CASCADE
--   does when foreign keys are on (there it finds them deleted already), so nothing is orphaned.
--
-- Rows already stored are left as they are: the triggers look at inserted rows and at the changed
-- columns of updated rows only (NEW.x IS NOT OLD.x), so a database holding bad rows upgrades, and
-- a row with one bad column can still be changed elsewhere. `check` names those rows.

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
    WHERE NEW.sex IS NOT NULL AND NEW.sex NOT IN ('female', 'male', 'intersex', 'other', 'unspecified');
  SELECT RAISE(ABORT, 'patients.guardian_relation: not a code of vocabulary GUARDIAN_RELATIONS')
    WHERE NEW.guardian_relation IS NOT NULL AND NEW.guardian_relation NOT IN ('mother', 'father', 'grandparent', 'legal_guardian', 'other');
END;

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
    WHERE NEW.sex IS NOT OLD.sex AND NEW.sex IS NOT NULL AND NEW.sex NOT IN ('female', 'male', 'intersex', 'other', 'unspecified');
  SELECT RAISE(ABORT, 'patients.guardian_relation: not a code of vocabulary GUARDIAN_RELATIONS')
    WHERE NEW.guardian_relation IS NOT OLD.guardian_relation AND NEW.guardian_relation IS NOT NULL AND NEW.guardian_relation NOT IN ('mother', 'father', 'grandparent', 'legal_guardian', 'other');
END;

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
    WHERE NEW.birth_delivery IS NOT NULL AND NEW.birth_delivery <> '' AND NEW.birth_delivery NOT IN ('vaginal', 'vacuum', 'forceps', 'caesarean');
  SELECT RAISE(ABORT, 'intakes.birth_presentation: not a code of vocabulary PRESENTATIONS (or empty)')
    WHERE NEW.birth_presentation IS NOT NULL AND NEW.birth_presentation <> '' AND NEW.birth_presentation NOT IN ('occiput_anterior', 'occiput_posterior', 'breech', 'other');
END;

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
    WHERE NEW.birth_delivery IS NOT OLD.birth_delivery AND NEW.birth_delivery IS NOT NULL AND NEW.birth_delivery <> '' AND NEW.birth_delivery NOT IN ('vaginal', 'vacuum', 'forceps', 'caesarean');
  SELECT RAISE(ABORT, 'intakes.birth_presentation: not a code of vocabulary PRESENTATIONS (or empty)')
    WHERE NEW.birth_presentation IS NOT OLD.birth_presentation AND NEW.birth_presentation IS NOT NULL AND NEW.birth_presentation <> '' AND NEW.birth_presentation NOT IN ('occiput_anterior', 'occiput_posterior', 'breech', 'other');
END;

CREATE TRIGGER intake_conditions_guard_insert BEFORE INSERT ON intake_conditions
BEGIN
  SELECT RAISE(ABORT, 'intake_conditions.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_conditions.code: not a code of vocabulary CONDITIONS')
    WHERE NEW.code IS NOT NULL AND NEW.code NOT IN ('chronic_pain_back', 'chronic_pain_neck', 'chronic_pain_joints', 'migraine_headache', 'stress_anxiety', 'sleep_disorder', 'ptsd', 'fibromyalgia', 'post_surgical', 'other');
END;

CREATE TRIGGER intake_conditions_guard_update BEFORE UPDATE ON intake_conditions
BEGIN
  SELECT RAISE(ABORT, 'intake_conditions.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT OLD.intake_id AND NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_conditions.code: not a code of vocabulary CONDITIONS')
    WHERE NEW.code IS NOT OLD.code AND NEW.code IS NOT NULL AND NEW.code NOT IN ('chronic_pain_back', 'chronic_pain_neck', 'chronic_pain_joints', 'migraine_headache', 'stress_anxiety', 'sleep_disorder', 'ptsd', 'fibromyalgia', 'post_surgical', 'other');
END;

CREATE TRIGGER intake_medications_guard_insert BEFORE INSERT ON intake_medications
BEGIN
  SELECT RAISE(ABORT, 'intake_medications.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
END;

CREATE TRIGGER intake_medications_guard_update BEFORE UPDATE ON intake_medications
BEGIN
  SELECT RAISE(ABORT, 'intake_medications.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT OLD.intake_id AND NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
END;

CREATE TRIGGER intake_surgeries_guard_insert BEFORE INSERT ON intake_surgeries
BEGIN
  SELECT RAISE(ABORT, 'intake_surgeries.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_surgeries.surgery_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.surgery_date IS NOT NULL AND (date(NEW.surgery_date, '+0 days') IS NOT NEW.surgery_date OR NEW.surgery_date < '1000');
END;

CREATE TRIGGER intake_surgeries_guard_update BEFORE UPDATE ON intake_surgeries
BEGIN
  SELECT RAISE(ABORT, 'intake_surgeries.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT OLD.intake_id AND NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_surgeries.surgery_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.surgery_date IS NOT OLD.surgery_date AND NEW.surgery_date IS NOT NULL AND (date(NEW.surgery_date, '+0 days') IS NOT NEW.surgery_date OR NEW.surgery_date < '1000');
END;

CREATE TRIGGER intake_trauma_guard_insert BEFORE INSERT ON intake_trauma
BEGIN
  SELECT RAISE(ABORT, 'intake_trauma.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_trauma.event_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.event_date IS NOT NULL AND (date(NEW.event_date, '+0 days') IS NOT NEW.event_date OR NEW.event_date < '1000');
  SELECT RAISE(ABORT, 'intake_trauma.kind: not a code of vocabulary TRAUMA_KINDS')
    WHERE NEW.kind IS NOT NULL AND NEW.kind NOT IN ('fall', 'concussion', 'road_accident', 'whiplash', 'dental_work', 'other');
END;

CREATE TRIGGER intake_trauma_guard_update BEFORE UPDATE ON intake_trauma
BEGIN
  SELECT RAISE(ABORT, 'intake_trauma.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT OLD.intake_id AND NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_trauma.event_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.event_date IS NOT OLD.event_date AND NEW.event_date IS NOT NULL AND (date(NEW.event_date, '+0 days') IS NOT NEW.event_date OR NEW.event_date < '1000');
  SELECT RAISE(ABORT, 'intake_trauma.kind: not a code of vocabulary TRAUMA_KINDS')
    WHERE NEW.kind IS NOT OLD.kind AND NEW.kind IS NOT NULL AND NEW.kind NOT IN ('fall', 'concussion', 'road_accident', 'whiplash', 'dental_work', 'other');
END;

CREATE TRIGGER intake_contraindications_guard_insert BEFORE INSERT ON intake_contraindications
BEGIN
  SELECT RAISE(ABORT, 'intake_contraindications.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_contraindications.code: not a code of vocabulary CONTRAINDICATIONS')
    WHERE NEW.code IS NOT NULL AND NEW.code NOT IN ('recent_intracranial_haemorrhage_or_stroke', 'cerebral_aneurysm', 'raised_intracranial_pressure', 'csf_leak', 'recent_skull_fracture', 'recent_head_or_spinal_surgery', 'subdural_haematoma', 'chiari_malformation', 'recent_epidural_or_lumbar_puncture', 'fever_or_acute_infection', 'clotting_disorder', 'high_risk_pregnancy', 'severe_psychiatric_illness', 'known_tumour', 'epilepsy');
END;

CREATE TRIGGER intake_contraindications_guard_update BEFORE UPDATE ON intake_contraindications
BEGIN
  SELECT RAISE(ABORT, 'intake_contraindications.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT OLD.intake_id AND NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_contraindications.code: not a code of vocabulary CONTRAINDICATIONS')
    WHERE NEW.code IS NOT OLD.code AND NEW.code IS NOT NULL AND NEW.code NOT IN ('recent_intracranial_haemorrhage_or_stroke', 'cerebral_aneurysm', 'raised_intracranial_pressure', 'csf_leak', 'recent_skull_fracture', 'recent_head_or_spinal_surgery', 'subdural_haematoma', 'chiari_malformation', 'recent_epidural_or_lumbar_puncture', 'fever_or_acute_infection', 'clotting_disorder', 'high_risk_pregnancy', 'severe_psychiatric_illness', 'known_tumour', 'epilepsy');
END;

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

CREATE TRIGGER rhythm_findings_guard_insert BEFORE INSERT ON rhythm_findings
BEGIN
  SELECT RAISE(ABORT, 'rhythm_findings.session_id: no session has this id')
    WHERE NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'rhythm_findings.station: not a code of vocabulary STATIONS')
    WHERE NEW.station IS NOT NULL AND NEW.station NOT IN ('heels', 'feet', 'thighs', 'pelvis', 'lower_ribs', 'shoulders', 'head_vault', 'occiput');
  SELECT RAISE(ABORT, 'rhythm_findings.side: not a code of vocabulary STATION_SIDES')
    WHERE NEW.side IS NOT NULL AND NEW.side NOT IN ('left', 'right', 'both');
  SELECT RAISE(ABORT, 'rhythm_findings.symmetry: not a code of vocabulary SYMMETRIES (or empty)')
    WHERE NEW.symmetry IS NOT NULL AND NEW.symmetry <> '' AND NEW.symmetry NOT IN ('symmetric', 'restricted_left', 'restricted_right');
  SELECT RAISE(ABORT, 'rhythm_findings.quality: not a code of vocabulary QUALITIES (or empty)')
    WHERE NEW.quality IS NOT NULL AND NEW.quality <> '' AND NEW.quality NOT IN ('strong', 'normal', 'weak', 'erratic', 'absent');
  SELECT RAISE(ABORT, 'rhythm_findings.restricted_phase: not a code of vocabulary RESTRICTED_PHASES (or empty)')
    WHERE NEW.restricted_phase IS NOT NULL AND NEW.restricted_phase <> '' AND NEW.restricted_phase NOT IN ('none', 'flexion', 'extension');
END;

CREATE TRIGGER rhythm_findings_guard_update BEFORE UPDATE ON rhythm_findings
BEGIN
  SELECT RAISE(ABORT, 'rhythm_findings.session_id: no session has this id')
    WHERE NEW.session_id IS NOT OLD.session_id AND NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'rhythm_findings.station: not a code of vocabulary STATIONS')
    WHERE NEW.station IS NOT OLD.station AND NEW.station IS NOT NULL AND NEW.station NOT IN ('heels', 'feet', 'thighs', 'pelvis', 'lower_ribs', 'shoulders', 'head_vault', 'occiput');
  SELECT RAISE(ABORT, 'rhythm_findings.side: not a code of vocabulary STATION_SIDES')
    WHERE NEW.side IS NOT OLD.side AND NEW.side IS NOT NULL AND NEW.side NOT IN ('left', 'right', 'both');
  SELECT RAISE(ABORT, 'rhythm_findings.symmetry: not a code of vocabulary SYMMETRIES (or empty)')
    WHERE NEW.symmetry IS NOT OLD.symmetry AND NEW.symmetry IS NOT NULL AND NEW.symmetry <> '' AND NEW.symmetry NOT IN ('symmetric', 'restricted_left', 'restricted_right');
  SELECT RAISE(ABORT, 'rhythm_findings.quality: not a code of vocabulary QUALITIES (or empty)')
    WHERE NEW.quality IS NOT OLD.quality AND NEW.quality IS NOT NULL AND NEW.quality <> '' AND NEW.quality NOT IN ('strong', 'normal', 'weak', 'erratic', 'absent');
  SELECT RAISE(ABORT, 'rhythm_findings.restricted_phase: not a code of vocabulary RESTRICTED_PHASES (or empty)')
    WHERE NEW.restricted_phase IS NOT OLD.restricted_phase AND NEW.restricted_phase IS NOT NULL AND NEW.restricted_phase <> '' AND NEW.restricted_phase NOT IN ('none', 'flexion', 'extension');
END;

CREATE TRIGGER session_events_guard_insert BEFORE INSERT ON session_events
BEGIN
  SELECT RAISE(ABORT, 'session_events.session_id: no session has this id')
    WHERE NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'session_events.kind: not a code of vocabulary SESSION_EVENT_KINDS')
    WHERE NEW.kind IS NOT NULL AND NEW.kind NOT IN ('still_point', 'significance_detector');
END;

CREATE TRIGGER session_events_guard_update BEFORE UPDATE ON session_events
BEGIN
  SELECT RAISE(ABORT, 'session_events.session_id: no session has this id')
    WHERE NEW.session_id IS NOT OLD.session_id AND NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'session_events.kind: not a code of vocabulary SESSION_EVENT_KINDS')
    WHERE NEW.kind IS NOT OLD.kind AND NEW.kind IS NOT NULL AND NEW.kind NOT IN ('still_point', 'significance_detector');
END;

CREATE TRIGGER restrictions_guard_insert BEFORE INSERT ON restrictions
BEGIN
  SELECT RAISE(ABORT, 'restrictions.session_id: no session has this id')
    WHERE NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'restrictions.region: not a code of vocabulary REGIONS')
    WHERE NEW.region IS NOT NULL AND NEW.region NOT IN ('cranial.frontal', 'cranial.parietal', 'cranial.temporal', 'cranial.occiput', 'cranial.sphenoid', 'cranial.ethmoid', 'cranial.maxilla', 'cranial.zygoma', 'cranial.mandible_tmj', 'suture.sagittal', 'suture.coronal', 'suture.lambdoid', 'suture.squamous', 'membrane.falx_cerebri', 'membrane.falx_cerebelli', 'membrane.tentorium', 'diaphragm.pelvic', 'diaphragm.respiratory', 'diaphragm.thoracic_inlet', 'diaphragm.hyoid', 'diaphragm.cranial_base', 'spine.cervical', 'spine.thoracic', 'spine.lumbar', 'spine.sacrum', 'spine.coccyx', 'dura.tube', 'dura.foramen_magnum', 'dura.c2_c3', 'dura.s2', 'body.shoulder', 'body.hip', 'body.knee', 'body.ankle', 'body.ribs', 'body.abdomen');
  SELECT RAISE(ABORT, 'restrictions.side: not a code of vocabulary RESTRICTION_SIDES')
    WHERE NEW.side IS NOT NULL AND NEW.side NOT IN ('left', 'right', 'midline', 'bilateral');
END;

CREATE TRIGGER restrictions_guard_update BEFORE UPDATE ON restrictions
BEGIN
  SELECT RAISE(ABORT, 'restrictions.session_id: no session has this id')
    WHERE NEW.session_id IS NOT OLD.session_id AND NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'restrictions.region: not a code of vocabulary REGIONS')
    WHERE NEW.region IS NOT OLD.region AND NEW.region IS NOT NULL AND NEW.region NOT IN ('cranial.frontal', 'cranial.parietal', 'cranial.temporal', 'cranial.occiput', 'cranial.sphenoid', 'cranial.ethmoid', 'cranial.maxilla', 'cranial.zygoma', 'cranial.mandible_tmj', 'suture.sagittal', 'suture.coronal', 'suture.lambdoid', 'suture.squamous', 'membrane.falx_cerebri', 'membrane.falx_cerebelli', 'membrane.tentorium', 'diaphragm.pelvic', 'diaphragm.respiratory', 'diaphragm.thoracic_inlet', 'diaphragm.hyoid', 'diaphragm.cranial_base', 'spine.cervical', 'spine.thoracic', 'spine.lumbar', 'spine.sacrum', 'spine.coccyx', 'dura.tube', 'dura.foramen_magnum', 'dura.c2_c3', 'dura.s2', 'body.shoulder', 'body.hip', 'body.knee', 'body.ankle', 'body.ribs', 'body.abdomen');
  SELECT RAISE(ABORT, 'restrictions.side: not a code of vocabulary RESTRICTION_SIDES')
    WHERE NEW.side IS NOT OLD.side AND NEW.side IS NOT NULL AND NEW.side NOT IN ('left', 'right', 'midline', 'bilateral');
END;

CREATE TRIGGER techniques_applied_guard_insert BEFORE INSERT ON techniques_applied
BEGIN
  SELECT RAISE(ABORT, 'techniques_applied.session_id: no session has this id')
    WHERE NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'techniques_applied.technique: neither a code of vocabulary TECHNIQUES nor one of the therapist''s own techniques')
    WHERE NEW.technique IS NOT NULL AND NEW.technique NOT IN ('cv4_still_point', 'pelvic_diaphragm_release', 'respiratory_diaphragm_release', 'thoracic_inlet_release', 'hyoid_release', 'cranial_base_release', 'lumbosacral_decompression', 'dural_tube_traction', 'frontal_lift', 'parietal_lift', 'sphenoid_compression_decompression', 'temporal_techniques', 'tmj_compression_decompression', 'somatoemotional_release', 'energy_cyst_release', 'v_spread', 'arcing', 'fascial_unwinding')
      AND NOT EXISTS (SELECT 1 FROM custom_techniques WHERE code = NEW.technique);
END;

CREATE TRIGGER techniques_applied_guard_update BEFORE UPDATE ON techniques_applied
BEGIN
  SELECT RAISE(ABORT, 'techniques_applied.session_id: no session has this id')
    WHERE NEW.session_id IS NOT OLD.session_id AND NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'techniques_applied.technique: neither a code of vocabulary TECHNIQUES nor one of the therapist''s own techniques')
    WHERE NEW.technique IS NOT OLD.technique AND NEW.technique IS NOT NULL AND NEW.technique NOT IN ('cv4_still_point', 'pelvic_diaphragm_release', 'respiratory_diaphragm_release', 'thoracic_inlet_release', 'hyoid_release', 'cranial_base_release', 'lumbosacral_decompression', 'dural_tube_traction', 'frontal_lift', 'parietal_lift', 'sphenoid_compression_decompression', 'temporal_techniques', 'tmj_compression_decompression', 'somatoemotional_release', 'energy_cyst_release', 'v_spread', 'arcing', 'fascial_unwinding')
      AND NOT EXISTS (SELECT 1 FROM custom_techniques WHERE code = NEW.technique);
END;

CREATE TRIGGER adverse_reactions_guard_insert BEFORE INSERT ON adverse_reactions
BEGIN
  SELECT RAISE(ABORT, 'adverse_reactions.session_id: no session has this id')
    WHERE NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'adverse_reactions.code: not a code of vocabulary NOTED_AFTER_SESSION')
    WHERE NEW.code IS NOT NULL AND NEW.code NOT IN ('mild_soreness', 'headache', 'fatigue', 'dizziness', 'nausea', 'other', 'emotional_release');
END;

CREATE TRIGGER adverse_reactions_guard_update BEFORE UPDATE ON adverse_reactions
BEGIN
  SELECT RAISE(ABORT, 'adverse_reactions.session_id: no session has this id')
    WHERE NEW.session_id IS NOT OLD.session_id AND NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'adverse_reactions.code: not a code of vocabulary NOTED_AFTER_SESSION')
    WHERE NEW.code IS NOT OLD.code AND NEW.code IS NOT NULL AND NEW.code NOT IN ('mild_soreness', 'headache', 'fatigue', 'dizziness', 'nausea', 'other', 'emotional_release');
END;

CREATE TRIGGER custom_techniques_guard_insert BEFORE INSERT ON custom_techniques
BEGIN
  SELECT RAISE(ABORT, 'custom_techniques.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
END;

CREATE TRIGGER custom_techniques_guard_update BEFORE UPDATE ON custom_techniques
BEGIN
  SELECT RAISE(ABORT, 'custom_techniques.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT OLD.created_at AND NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
END;

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
    WHERE NEW.frequency IS NOT NULL AND NEW.frequency NOT IN ('weekly', 'fortnightly', 'every_three_weeks', 'monthly', 'as_needed');
  SELECT RAISE(ABORT, 'follow_up_plans.closed_reason: not a code of vocabulary CLOSING_REASONS (or empty)')
    WHERE NEW.closed_reason IS NOT NULL AND NEW.closed_reason <> '' AND NEW.closed_reason NOT IN ('discharged', 'goals_met', 'stopped_coming');
END;

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
    WHERE NEW.frequency IS NOT OLD.frequency AND NEW.frequency IS NOT NULL AND NEW.frequency NOT IN ('weekly', 'fortnightly', 'every_three_weeks', 'monthly', 'as_needed');
  SELECT RAISE(ABORT, 'follow_up_plans.closed_reason: not a code of vocabulary CLOSING_REASONS (or empty)')
    WHERE NEW.closed_reason IS NOT OLD.closed_reason AND NEW.closed_reason IS NOT NULL AND NEW.closed_reason <> '' AND NEW.closed_reason NOT IN ('discharged', 'goals_met', 'stopped_coming');
END;

CREATE TRIGGER plan_goals_guard_insert BEFORE INSERT ON plan_goals
BEGIN
  SELECT RAISE(ABORT, 'plan_goals.plan_id: no plan has this id')
    WHERE NEW.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follow_up_plans WHERE id = NEW.plan_id);
  SELECT RAISE(ABORT, 'plan_goals.status_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.status_on IS NOT NULL AND (date(NEW.status_on, '+0 days') IS NOT NEW.status_on OR NEW.status_on < '1000');
  SELECT RAISE(ABORT, 'plan_goals.status: not a code of vocabulary GOAL_STATUSES')
    WHERE NEW.status IS NOT NULL AND NEW.status NOT IN ('open', 'progressing', 'achieved', 'partly_met', 'not_achieved', 'discontinued');
END;

CREATE TRIGGER plan_goals_guard_update BEFORE UPDATE ON plan_goals
BEGIN
  SELECT RAISE(ABORT, 'plan_goals.plan_id: no plan has this id')
    WHERE NEW.plan_id IS NOT OLD.plan_id AND NEW.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follow_up_plans WHERE id = NEW.plan_id);
  SELECT RAISE(ABORT, 'plan_goals.status_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.status_on IS NOT OLD.status_on AND NEW.status_on IS NOT NULL AND (date(NEW.status_on, '+0 days') IS NOT NEW.status_on OR NEW.status_on < '1000');
  SELECT RAISE(ABORT, 'plan_goals.status: not a code of vocabulary GOAL_STATUSES')
    WHERE NEW.status IS NOT OLD.status AND NEW.status IS NOT NULL AND NEW.status NOT IN ('open', 'progressing', 'achieved', 'partly_met', 'not_achieved', 'discontinued');
END;

CREATE TRIGGER plan_referrals_guard_insert BEFORE INSERT ON plan_referrals
BEGIN
  SELECT RAISE(ABORT, 'plan_referrals.plan_id: no plan has this id')
    WHERE NEW.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follow_up_plans WHERE id = NEW.plan_id);
  SELECT RAISE(ABORT, 'plan_referrals.target: not a code of vocabulary REFERRAL_TARGETS')
    WHERE NEW.target IS NOT NULL AND NEW.target NOT IN ('gp', 'osteopath', 'physiotherapist', 'counsellor', 'dentist', 'paediatrician', 'other');
END;

CREATE TRIGGER plan_referrals_guard_update BEFORE UPDATE ON plan_referrals
BEGIN
  SELECT RAISE(ABORT, 'plan_referrals.plan_id: no plan has this id')
    WHERE NEW.plan_id IS NOT OLD.plan_id AND NEW.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follow_up_plans WHERE id = NEW.plan_id);
  SELECT RAISE(ABORT, 'plan_referrals.target: not a code of vocabulary REFERRAL_TARGETS')
    WHERE NEW.target IS NOT OLD.target AND NEW.target IS NOT NULL AND NEW.target NOT IN ('gp', 'osteopath', 'physiotherapist', 'counsellor', 'dentist', 'paediatrician', 'other');
END;

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

CREATE TRIGGER addenda_guard_insert BEFORE INSERT ON addenda
BEGIN
  SELECT RAISE(ABORT, 'addenda.created_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.created_at IS NOT NULL AND NOT (NEW.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.created_at, 1, 19), '+0 days') IS substr(NEW.created_at, 1, 19) AND NEW.created_at >= '1000'
      AND (length(NEW.created_at) = 20 OR (length(NEW.created_at) BETWEEN 22 AND 27 AND substr(NEW.created_at, 20, 1) = '.'
        AND substr(NEW.created_at, 21, length(NEW.created_at) - 21) NOT GLOB '*[^0-9]*')));
END;

CREATE TRIGGER audit_log_guard_insert BEFORE INSERT ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log.changed_at: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, a real date and time (seconds may have up to 6 decimals)')
    WHERE NEW.changed_at IS NOT NULL AND NOT (NEW.changed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'
      AND strftime('%Y-%m-%dT%H:%M:%S', substr(NEW.changed_at, 1, 19), '+0 days') IS substr(NEW.changed_at, 1, 19) AND NEW.changed_at >= '1000'
      AND (length(NEW.changed_at) = 20 OR (length(NEW.changed_at) BETWEEN 22 AND 27 AND substr(NEW.changed_at, 20, 1) = '.'
        AND substr(NEW.changed_at, 21, length(NEW.changed_at) - 21) NOT GLOB '*[^0-9]*')));
END;

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
    WHERE NEW.code IS NOT NULL AND NEW.code NOT IN ('recent_intracranial_haemorrhage_or_stroke', 'cerebral_aneurysm', 'raised_intracranial_pressure', 'csf_leak', 'recent_skull_fracture', 'recent_head_or_spinal_surgery', 'subdural_haematoma', 'chiari_malformation', 'recent_epidural_or_lumbar_puncture', 'fever_or_acute_infection', 'clotting_disorder', 'high_risk_pregnancy', 'severe_psychiatric_illness', 'known_tumour', 'epilepsy');
END;

CREATE TRIGGER patients_guard_delete BEFORE DELETE ON patients
BEGIN
  SELECT RAISE(ABORT, 'patients: a patient whose notes are signed and locked is never deleted')
    WHERE EXISTS (SELECT 1 FROM sessions WHERE patient_id = OLD.id AND status = 'signed')
       OR EXISTS (SELECT 1 FROM intakes WHERE patient_id = OLD.id AND status = 'signed');
  SELECT RAISE(ABORT, 'patients: a patient with screening changes is never deleted (the changes are kept)')
    WHERE EXISTS (SELECT 1 FROM screening_changes WHERE patient_id = OLD.id);
END;

CREATE TRIGGER patients_cascade_delete AFTER DELETE ON patients
BEGIN
  DELETE FROM drafts WHERE patient_id = OLD.id;
  DELETE FROM follow_up_plans WHERE patient_id = OLD.id;
  DELETE FROM sessions WHERE patient_id = OLD.id;
  DELETE FROM intakes WHERE patient_id = OLD.id;
END;

CREATE TRIGGER intakes_cascade_delete AFTER DELETE ON intakes
BEGIN
  DELETE FROM intake_conditions WHERE intake_id = OLD.id;
  DELETE FROM intake_medications WHERE intake_id = OLD.id;
  DELETE FROM intake_surgeries WHERE intake_id = OLD.id;
  DELETE FROM intake_trauma WHERE intake_id = OLD.id;
  DELETE FROM intake_contraindications WHERE intake_id = OLD.id;
END;

CREATE TRIGGER sessions_cascade_delete AFTER DELETE ON sessions
BEGIN
  DELETE FROM rhythm_findings WHERE session_id = OLD.id;
  DELETE FROM session_events WHERE session_id = OLD.id;
  DELETE FROM restrictions WHERE session_id = OLD.id;
  DELETE FROM techniques_applied WHERE session_id = OLD.id;
  DELETE FROM adverse_reactions WHERE session_id = OLD.id;
END;

CREATE TRIGGER follow_up_plans_cascade_delete AFTER DELETE ON follow_up_plans
BEGIN
  DELETE FROM plan_goals WHERE plan_id = OLD.id;
  DELETE FROM plan_referrals WHERE plan_id = OLD.id;
END;
