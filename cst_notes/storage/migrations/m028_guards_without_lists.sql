-- m028_guards_without_lists: the guard triggers (m012, m013, m016) check a code with a chain of
-- <> instead of NOT IN a list (issue 18, import and sync speed). Frozen once released: never
-- edited; a change is a new migration.
--
-- Inside a trigger, SQLite builds the lookup of a NOT IN list again for every row: checking the
-- codes of a large import's or a first sync's rows took about as long as inserting them.
-- x NOT IN ('a', 'b') and (x <> 'a' AND x <> 'b') are true, false and NULL for the same values (NULL
-- for a NULL x), compared the same way (the column's affinity and collation), so each trigger
-- refuses what it refused (tests/storage/test_bad_rows.py).
-- Each trigger is made again whole, its text as the earlier migration made it but for its lists.

DROP TRIGGER adverse_reactions_guard_insert;
CREATE TRIGGER adverse_reactions_guard_insert BEFORE INSERT ON adverse_reactions
BEGIN
  SELECT RAISE(ABORT, 'adverse_reactions.session_id: no session has this id')
    WHERE NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'adverse_reactions.code: not a code of vocabulary NOTED_AFTER_SESSION')
    WHERE NEW.code IS NOT NULL AND (NEW.code <> 'mild_soreness' AND NEW.code <> 'headache' AND NEW.code <> 'fatigue' AND NEW.code <> 'dizziness' AND NEW.code <> 'nausea' AND NEW.code <> 'other' AND NEW.code <> 'emotional_release');
END;

DROP TRIGGER adverse_reactions_guard_update;
CREATE TRIGGER adverse_reactions_guard_update BEFORE UPDATE ON adverse_reactions
BEGIN
  SELECT RAISE(ABORT, 'adverse_reactions.session_id: no session has this id')
    WHERE NEW.session_id IS NOT OLD.session_id AND NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'adverse_reactions.code: not a code of vocabulary NOTED_AFTER_SESSION')
    WHERE NEW.code IS NOT OLD.code AND NEW.code IS NOT NULL AND (NEW.code <> 'mild_soreness' AND NEW.code <> 'headache' AND NEW.code <> 'fatigue' AND NEW.code <> 'dizziness' AND NEW.code <> 'nausea' AND NEW.code <> 'other' AND NEW.code <> 'emotional_release');
END;

DROP TRIGGER follow_up_plans_guard_insert;
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

DROP TRIGGER follow_up_plans_guard_update;
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

DROP TRIGGER intake_conditions_guard_insert;
CREATE TRIGGER intake_conditions_guard_insert BEFORE INSERT ON intake_conditions
BEGIN
  SELECT RAISE(ABORT, 'intake_conditions.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_conditions.code: not a code of vocabulary CONDITIONS')
    WHERE NEW.code IS NOT NULL AND (NEW.code <> 'chronic_pain_back' AND NEW.code <> 'chronic_pain_neck' AND NEW.code <> 'chronic_pain_joints' AND NEW.code <> 'migraine_headache' AND NEW.code <> 'stress_anxiety' AND NEW.code <> 'sleep_disorder' AND NEW.code <> 'ptsd' AND NEW.code <> 'fibromyalgia' AND NEW.code <> 'post_surgical' AND NEW.code <> 'other');
END;

DROP TRIGGER intake_conditions_guard_update;
CREATE TRIGGER intake_conditions_guard_update BEFORE UPDATE ON intake_conditions
BEGIN
  SELECT RAISE(ABORT, 'intake_conditions.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT OLD.intake_id AND NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_conditions.code: not a code of vocabulary CONDITIONS')
    WHERE NEW.code IS NOT OLD.code AND NEW.code IS NOT NULL AND (NEW.code <> 'chronic_pain_back' AND NEW.code <> 'chronic_pain_neck' AND NEW.code <> 'chronic_pain_joints' AND NEW.code <> 'migraine_headache' AND NEW.code <> 'stress_anxiety' AND NEW.code <> 'sleep_disorder' AND NEW.code <> 'ptsd' AND NEW.code <> 'fibromyalgia' AND NEW.code <> 'post_surgical' AND NEW.code <> 'other');
END;

DROP TRIGGER intake_contraindications_guard_insert;
CREATE TRIGGER intake_contraindications_guard_insert BEFORE INSERT ON intake_contraindications
BEGIN
  SELECT RAISE(ABORT, 'intake_contraindications.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_contraindications.code: not a code of vocabulary CONTRAINDICATIONS')
    WHERE NEW.code IS NOT NULL AND (NEW.code <> 'recent_intracranial_haemorrhage_or_stroke' AND NEW.code <> 'cerebral_aneurysm' AND NEW.code <> 'raised_intracranial_pressure' AND NEW.code <> 'csf_leak' AND NEW.code <> 'recent_skull_fracture' AND NEW.code <> 'recent_head_or_spinal_surgery' AND NEW.code <> 'subdural_haematoma' AND NEW.code <> 'chiari_malformation' AND NEW.code <> 'recent_epidural_or_lumbar_puncture' AND NEW.code <> 'fever_or_acute_infection' AND NEW.code <> 'clotting_disorder' AND NEW.code <> 'high_risk_pregnancy' AND NEW.code <> 'severe_psychiatric_illness' AND NEW.code <> 'known_tumour' AND NEW.code <> 'epilepsy');
END;

DROP TRIGGER intake_contraindications_guard_update;
CREATE TRIGGER intake_contraindications_guard_update BEFORE UPDATE ON intake_contraindications
BEGIN
  SELECT RAISE(ABORT, 'intake_contraindications.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT OLD.intake_id AND NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_contraindications.code: not a code of vocabulary CONTRAINDICATIONS')
    WHERE NEW.code IS NOT OLD.code AND NEW.code IS NOT NULL AND (NEW.code <> 'recent_intracranial_haemorrhage_or_stroke' AND NEW.code <> 'cerebral_aneurysm' AND NEW.code <> 'raised_intracranial_pressure' AND NEW.code <> 'csf_leak' AND NEW.code <> 'recent_skull_fracture' AND NEW.code <> 'recent_head_or_spinal_surgery' AND NEW.code <> 'subdural_haematoma' AND NEW.code <> 'chiari_malformation' AND NEW.code <> 'recent_epidural_or_lumbar_puncture' AND NEW.code <> 'fever_or_acute_infection' AND NEW.code <> 'clotting_disorder' AND NEW.code <> 'high_risk_pregnancy' AND NEW.code <> 'severe_psychiatric_illness' AND NEW.code <> 'known_tumour' AND NEW.code <> 'epilepsy');
END;

DROP TRIGGER intake_trauma_guard_insert;
CREATE TRIGGER intake_trauma_guard_insert BEFORE INSERT ON intake_trauma
BEGIN
  SELECT RAISE(ABORT, 'intake_trauma.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_trauma.event_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.event_date IS NOT NULL AND (date(NEW.event_date, '+0 days') IS NOT NEW.event_date OR NEW.event_date < '1000');
  SELECT RAISE(ABORT, 'intake_trauma.kind: not a code of vocabulary TRAUMA_KINDS')
    WHERE NEW.kind IS NOT NULL AND (NEW.kind <> 'fall' AND NEW.kind <> 'concussion' AND NEW.kind <> 'road_accident' AND NEW.kind <> 'whiplash' AND NEW.kind <> 'dental_work' AND NEW.kind <> 'other');
END;

DROP TRIGGER intake_trauma_guard_update;
CREATE TRIGGER intake_trauma_guard_update BEFORE UPDATE ON intake_trauma
BEGIN
  SELECT RAISE(ABORT, 'intake_trauma.intake_id: no intake has this id')
    WHERE NEW.intake_id IS NOT OLD.intake_id AND NEW.intake_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM intakes WHERE id = NEW.intake_id);
  SELECT RAISE(ABORT, 'intake_trauma.event_date: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.event_date IS NOT OLD.event_date AND NEW.event_date IS NOT NULL AND (date(NEW.event_date, '+0 days') IS NOT NEW.event_date OR NEW.event_date < '1000');
  SELECT RAISE(ABORT, 'intake_trauma.kind: not a code of vocabulary TRAUMA_KINDS')
    WHERE NEW.kind IS NOT OLD.kind AND NEW.kind IS NOT NULL AND (NEW.kind <> 'fall' AND NEW.kind <> 'concussion' AND NEW.kind <> 'road_accident' AND NEW.kind <> 'whiplash' AND NEW.kind <> 'dental_work' AND NEW.kind <> 'other');
END;

DROP TRIGGER intakes_guard_insert;
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

DROP TRIGGER intakes_guard_update;
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

DROP TRIGGER patients_guard_insert;
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

DROP TRIGGER patients_guard_update;
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

DROP TRIGGER patients_language_guard_insert;
CREATE TRIGGER patients_language_guard_insert BEFORE INSERT ON patients
BEGIN
  SELECT RAISE(ABORT, 'patients.document_language: not a code of vocabulary DOCUMENT_LANGUAGES')
    WHERE NEW.document_language IS NOT NULL AND (NEW.document_language <> 'en' AND NEW.document_language <> 'bn' AND NEW.document_language <> 'hi');
END;

DROP TRIGGER patients_language_guard_update;
CREATE TRIGGER patients_language_guard_update BEFORE UPDATE OF document_language ON patients
BEGIN
  SELECT RAISE(ABORT, 'patients.document_language: not a code of vocabulary DOCUMENT_LANGUAGES')
    WHERE NEW.document_language IS NOT OLD.document_language AND NEW.document_language IS NOT NULL
      AND (NEW.document_language <> 'en' AND NEW.document_language <> 'bn' AND NEW.document_language <> 'hi');
END;

DROP TRIGGER plan_goals_guard_insert;
CREATE TRIGGER plan_goals_guard_insert BEFORE INSERT ON plan_goals
BEGIN
  SELECT RAISE(ABORT, 'plan_goals.plan_id: no plan has this id')
    WHERE NEW.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follow_up_plans WHERE id = NEW.plan_id);
  SELECT RAISE(ABORT, 'plan_goals.status_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.status_on IS NOT NULL AND (date(NEW.status_on, '+0 days') IS NOT NEW.status_on OR NEW.status_on < '1000');
  SELECT RAISE(ABORT, 'plan_goals.status: not a code of vocabulary GOAL_STATUSES')
    WHERE NEW.status IS NOT NULL AND (NEW.status <> 'open' AND NEW.status <> 'progressing' AND NEW.status <> 'achieved' AND NEW.status <> 'partly_met' AND NEW.status <> 'not_achieved' AND NEW.status <> 'discontinued');
END;

DROP TRIGGER plan_goals_guard_update;
CREATE TRIGGER plan_goals_guard_update BEFORE UPDATE ON plan_goals
BEGIN
  SELECT RAISE(ABORT, 'plan_goals.plan_id: no plan has this id')
    WHERE NEW.plan_id IS NOT OLD.plan_id AND NEW.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follow_up_plans WHERE id = NEW.plan_id);
  SELECT RAISE(ABORT, 'plan_goals.status_on: must be a real calendar date written YYYY-MM-DD')
    WHERE NEW.status_on IS NOT OLD.status_on AND NEW.status_on IS NOT NULL AND (date(NEW.status_on, '+0 days') IS NOT NEW.status_on OR NEW.status_on < '1000');
  SELECT RAISE(ABORT, 'plan_goals.status: not a code of vocabulary GOAL_STATUSES')
    WHERE NEW.status IS NOT OLD.status AND NEW.status IS NOT NULL AND (NEW.status <> 'open' AND NEW.status <> 'progressing' AND NEW.status <> 'achieved' AND NEW.status <> 'partly_met' AND NEW.status <> 'not_achieved' AND NEW.status <> 'discontinued');
END;

DROP TRIGGER plan_referrals_guard_insert;
CREATE TRIGGER plan_referrals_guard_insert BEFORE INSERT ON plan_referrals
BEGIN
  SELECT RAISE(ABORT, 'plan_referrals.plan_id: no plan has this id')
    WHERE NEW.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follow_up_plans WHERE id = NEW.plan_id);
  SELECT RAISE(ABORT, 'plan_referrals.target: not a code of vocabulary REFERRAL_TARGETS')
    WHERE NEW.target IS NOT NULL AND (NEW.target <> 'gp' AND NEW.target <> 'osteopath' AND NEW.target <> 'physiotherapist' AND NEW.target <> 'counsellor' AND NEW.target <> 'dentist' AND NEW.target <> 'paediatrician' AND NEW.target <> 'other');
END;

DROP TRIGGER plan_referrals_guard_update;
CREATE TRIGGER plan_referrals_guard_update BEFORE UPDATE ON plan_referrals
BEGIN
  SELECT RAISE(ABORT, 'plan_referrals.plan_id: no plan has this id')
    WHERE NEW.plan_id IS NOT OLD.plan_id AND NEW.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follow_up_plans WHERE id = NEW.plan_id);
  SELECT RAISE(ABORT, 'plan_referrals.target: not a code of vocabulary REFERRAL_TARGETS')
    WHERE NEW.target IS NOT OLD.target AND NEW.target IS NOT NULL AND (NEW.target <> 'gp' AND NEW.target <> 'osteopath' AND NEW.target <> 'physiotherapist' AND NEW.target <> 'counsellor' AND NEW.target <> 'dentist' AND NEW.target <> 'paediatrician' AND NEW.target <> 'other');
END;

DROP TRIGGER restrictions_guard_insert;
CREATE TRIGGER restrictions_guard_insert BEFORE INSERT ON restrictions
BEGIN
  SELECT RAISE(ABORT, 'restrictions.session_id: no session has this id')
    WHERE NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'restrictions.region: not a code of vocabulary REGIONS')
    WHERE NEW.region IS NOT NULL AND (NEW.region <> 'cranial.frontal' AND NEW.region <> 'cranial.parietal' AND NEW.region <> 'cranial.temporal' AND NEW.region <> 'cranial.occiput' AND NEW.region <> 'cranial.sphenoid' AND NEW.region <> 'cranial.ethmoid' AND NEW.region <> 'cranial.maxilla' AND NEW.region <> 'cranial.zygoma' AND NEW.region <> 'cranial.mandible_tmj' AND NEW.region <> 'suture.sagittal' AND NEW.region <> 'suture.coronal' AND NEW.region <> 'suture.lambdoid' AND NEW.region <> 'suture.squamous' AND NEW.region <> 'membrane.falx_cerebri' AND NEW.region <> 'membrane.falx_cerebelli' AND NEW.region <> 'membrane.tentorium' AND NEW.region <> 'diaphragm.pelvic' AND NEW.region <> 'diaphragm.respiratory' AND NEW.region <> 'diaphragm.thoracic_inlet' AND NEW.region <> 'diaphragm.hyoid' AND NEW.region <> 'diaphragm.cranial_base' AND NEW.region <> 'spine.cervical' AND NEW.region <> 'spine.thoracic' AND NEW.region <> 'spine.lumbar' AND NEW.region <> 'spine.sacrum' AND NEW.region <> 'spine.coccyx' AND NEW.region <> 'dura.tube' AND NEW.region <> 'dura.foramen_magnum' AND NEW.region <> 'dura.c2_c3' AND NEW.region <> 'dura.s2' AND NEW.region <> 'body.shoulder' AND NEW.region <> 'body.hip' AND NEW.region <> 'body.knee' AND NEW.region <> 'body.ankle' AND NEW.region <> 'body.ribs' AND NEW.region <> 'body.abdomen');
  SELECT RAISE(ABORT, 'restrictions.side: not a code of vocabulary RESTRICTION_SIDES')
    WHERE NEW.side IS NOT NULL AND (NEW.side <> 'left' AND NEW.side <> 'right' AND NEW.side <> 'midline' AND NEW.side <> 'bilateral');
END;

DROP TRIGGER restrictions_guard_update;
CREATE TRIGGER restrictions_guard_update BEFORE UPDATE ON restrictions
BEGIN
  SELECT RAISE(ABORT, 'restrictions.session_id: no session has this id')
    WHERE NEW.session_id IS NOT OLD.session_id AND NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'restrictions.region: not a code of vocabulary REGIONS')
    WHERE NEW.region IS NOT OLD.region AND NEW.region IS NOT NULL AND (NEW.region <> 'cranial.frontal' AND NEW.region <> 'cranial.parietal' AND NEW.region <> 'cranial.temporal' AND NEW.region <> 'cranial.occiput' AND NEW.region <> 'cranial.sphenoid' AND NEW.region <> 'cranial.ethmoid' AND NEW.region <> 'cranial.maxilla' AND NEW.region <> 'cranial.zygoma' AND NEW.region <> 'cranial.mandible_tmj' AND NEW.region <> 'suture.sagittal' AND NEW.region <> 'suture.coronal' AND NEW.region <> 'suture.lambdoid' AND NEW.region <> 'suture.squamous' AND NEW.region <> 'membrane.falx_cerebri' AND NEW.region <> 'membrane.falx_cerebelli' AND NEW.region <> 'membrane.tentorium' AND NEW.region <> 'diaphragm.pelvic' AND NEW.region <> 'diaphragm.respiratory' AND NEW.region <> 'diaphragm.thoracic_inlet' AND NEW.region <> 'diaphragm.hyoid' AND NEW.region <> 'diaphragm.cranial_base' AND NEW.region <> 'spine.cervical' AND NEW.region <> 'spine.thoracic' AND NEW.region <> 'spine.lumbar' AND NEW.region <> 'spine.sacrum' AND NEW.region <> 'spine.coccyx' AND NEW.region <> 'dura.tube' AND NEW.region <> 'dura.foramen_magnum' AND NEW.region <> 'dura.c2_c3' AND NEW.region <> 'dura.s2' AND NEW.region <> 'body.shoulder' AND NEW.region <> 'body.hip' AND NEW.region <> 'body.knee' AND NEW.region <> 'body.ankle' AND NEW.region <> 'body.ribs' AND NEW.region <> 'body.abdomen');
  SELECT RAISE(ABORT, 'restrictions.side: not a code of vocabulary RESTRICTION_SIDES')
    WHERE NEW.side IS NOT OLD.side AND NEW.side IS NOT NULL AND (NEW.side <> 'left' AND NEW.side <> 'right' AND NEW.side <> 'midline' AND NEW.side <> 'bilateral');
END;

DROP TRIGGER rhythm_findings_guard_insert;
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

DROP TRIGGER rhythm_findings_guard_update;
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

DROP TRIGGER screening_changes_guard_insert;
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

DROP TRIGGER session_events_guard_insert;
CREATE TRIGGER session_events_guard_insert BEFORE INSERT ON session_events
BEGIN
  SELECT RAISE(ABORT, 'session_events.session_id: no session has this id')
    WHERE NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'session_events.kind: not a code of vocabulary SESSION_EVENT_KINDS')
    WHERE NEW.kind IS NOT NULL AND (NEW.kind <> 'still_point' AND NEW.kind <> 'significance_detector');
END;

DROP TRIGGER session_events_guard_update;
CREATE TRIGGER session_events_guard_update BEFORE UPDATE ON session_events
BEGIN
  SELECT RAISE(ABORT, 'session_events.session_id: no session has this id')
    WHERE NEW.session_id IS NOT OLD.session_id AND NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'session_events.kind: not a code of vocabulary SESSION_EVENT_KINDS')
    WHERE NEW.kind IS NOT OLD.kind AND NEW.kind IS NOT NULL AND (NEW.kind <> 'still_point' AND NEW.kind <> 'significance_detector');
END;

DROP TRIGGER techniques_applied_guard_insert;
CREATE TRIGGER techniques_applied_guard_insert BEFORE INSERT ON techniques_applied
BEGIN
  SELECT RAISE(ABORT, 'techniques_applied.session_id: no session has this id')
    WHERE NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'techniques_applied.technique: neither a code of vocabulary TECHNIQUES nor one of the therapist''s own techniques')
    WHERE NEW.technique IS NOT NULL AND (NEW.technique <> 'cv4_still_point' AND NEW.technique <> 'pelvic_diaphragm_release' AND NEW.technique <> 'respiratory_diaphragm_release' AND NEW.technique <> 'thoracic_inlet_release' AND NEW.technique <> 'hyoid_release' AND NEW.technique <> 'cranial_base_release' AND NEW.technique <> 'lumbosacral_decompression' AND NEW.technique <> 'dural_tube_traction' AND NEW.technique <> 'frontal_lift' AND NEW.technique <> 'parietal_lift' AND NEW.technique <> 'sphenoid_compression_decompression' AND NEW.technique <> 'temporal_techniques' AND NEW.technique <> 'tmj_compression_decompression' AND NEW.technique <> 'somatoemotional_release' AND NEW.technique <> 'energy_cyst_release' AND NEW.technique <> 'v_spread' AND NEW.technique <> 'arcing' AND NEW.technique <> 'fascial_unwinding')
      AND NOT EXISTS (SELECT 1 FROM custom_techniques WHERE code = NEW.technique);
END;

DROP TRIGGER techniques_applied_guard_update;
CREATE TRIGGER techniques_applied_guard_update BEFORE UPDATE ON techniques_applied
BEGIN
  SELECT RAISE(ABORT, 'techniques_applied.session_id: no session has this id')
    WHERE NEW.session_id IS NOT OLD.session_id AND NEW.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = NEW.session_id);
  SELECT RAISE(ABORT, 'techniques_applied.technique: neither a code of vocabulary TECHNIQUES nor one of the therapist''s own techniques')
    WHERE NEW.technique IS NOT OLD.technique AND NEW.technique IS NOT NULL AND (NEW.technique <> 'cv4_still_point' AND NEW.technique <> 'pelvic_diaphragm_release' AND NEW.technique <> 'respiratory_diaphragm_release' AND NEW.technique <> 'thoracic_inlet_release' AND NEW.technique <> 'hyoid_release' AND NEW.technique <> 'cranial_base_release' AND NEW.technique <> 'lumbosacral_decompression' AND NEW.technique <> 'dural_tube_traction' AND NEW.technique <> 'frontal_lift' AND NEW.technique <> 'parietal_lift' AND NEW.technique <> 'sphenoid_compression_decompression' AND NEW.technique <> 'temporal_techniques' AND NEW.technique <> 'tmj_compression_decompression' AND NEW.technique <> 'somatoemotional_release' AND NEW.technique <> 'energy_cyst_release' AND NEW.technique <> 'v_spread' AND NEW.technique <> 'arcing' AND NEW.technique <> 'fascial_unwinding')
      AND NOT EXISTS (SELECT 1 FROM custom_techniques WHERE code = NEW.technique);
END;
