-- m005_search, released with 8a6c6ae (2026-11-24). Frozen: never edited; a change is a new migration.

CREATE TABLE search_index_control (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  deferred INTEGER NOT NULL DEFAULT 0 CHECK (deferred IN (0, 1))  -- 1 while a bulk import runs; it rebuilds after
);

INSERT INTO search_index_control (id, deferred) VALUES (1, 0);

CREATE VIRTUAL TABLE patients_words USING fts5(full_name, preferred_name, content='patients', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER patients_words_add AFTER INSERT ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_words (rowid, full_name, preferred_name) VALUES (NEW.id, NEW.full_name, NEW.preferred_name); END;

CREATE TRIGGER patients_words_remove AFTER DELETE ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_words (patients_words, rowid, full_name, preferred_name) VALUES ('delete', OLD.id, OLD.full_name, OLD.preferred_name); END;

CREATE TRIGGER patients_words_change AFTER UPDATE OF full_name, preferred_name ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_words (patients_words, rowid, full_name, preferred_name) VALUES ('delete', OLD.id, OLD.full_name, OLD.preferred_name); INSERT INTO patients_words (rowid, full_name, preferred_name) VALUES (NEW.id, NEW.full_name, NEW.preferred_name); END;

INSERT INTO patients_words (patients_words) VALUES ('rebuild');

CREATE VIRTUAL TABLE patients_trigrams USING fts5(full_name, preferred_name, content='patients', content_rowid='id', tokenize='trigram');

CREATE TRIGGER patients_trigrams_add AFTER INSERT ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_trigrams (rowid, full_name, preferred_name) VALUES (NEW.id, NEW.full_name, NEW.preferred_name); END;

CREATE TRIGGER patients_trigrams_remove AFTER DELETE ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_trigrams (patients_trigrams, rowid, full_name, preferred_name) VALUES ('delete', OLD.id, OLD.full_name, OLD.preferred_name); END;

CREATE TRIGGER patients_trigrams_change AFTER UPDATE OF full_name, preferred_name ON patients WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO patients_trigrams (patients_trigrams, rowid, full_name, preferred_name) VALUES ('delete', OLD.id, OLD.full_name, OLD.preferred_name); INSERT INTO patients_trigrams (rowid, full_name, preferred_name) VALUES (NEW.id, NEW.full_name, NEW.preferred_name); END;

INSERT INTO patients_trigrams (patients_trigrams) VALUES ('rebuild');

CREATE VIRTUAL TABLE sessions_words USING fts5(subjective, objective, assessment, plan, response, private_notes, content='sessions', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER sessions_words_add AFTER INSERT ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_words (rowid, subjective, objective, assessment, plan, response, private_notes) VALUES (NEW.id, NEW.subjective, NEW.objective, NEW.assessment, NEW.plan, NEW.response, NEW.private_notes); END;

CREATE TRIGGER sessions_words_remove AFTER DELETE ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_words (sessions_words, rowid, subjective, objective, assessment, plan, response, private_notes) VALUES ('delete', OLD.id, OLD.subjective, OLD.objective, OLD.assessment, OLD.plan, OLD.response, OLD.private_notes); END;

CREATE TRIGGER sessions_words_change AFTER UPDATE OF subjective, objective, assessment, plan, response, private_notes ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_words (sessions_words, rowid, subjective, objective, assessment, plan, response, private_notes) VALUES ('delete', OLD.id, OLD.subjective, OLD.objective, OLD.assessment, OLD.plan, OLD.response, OLD.private_notes); INSERT INTO sessions_words (rowid, subjective, objective, assessment, plan, response, private_notes) VALUES (NEW.id, NEW.subjective, NEW.objective, NEW.assessment, NEW.plan, NEW.response, NEW.private_notes); END;

INSERT INTO sessions_words (sessions_words) VALUES ('rebuild');

CREATE VIRTUAL TABLE sessions_trigrams USING fts5(subjective, objective, assessment, plan, response, private_notes, content='sessions', content_rowid='id', tokenize='trigram');

CREATE TRIGGER sessions_trigrams_add AFTER INSERT ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_trigrams (rowid, subjective, objective, assessment, plan, response, private_notes) VALUES (NEW.id, NEW.subjective, NEW.objective, NEW.assessment, NEW.plan, NEW.response, NEW.private_notes); END;

CREATE TRIGGER sessions_trigrams_remove AFTER DELETE ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_trigrams (sessions_trigrams, rowid, subjective, objective, assessment, plan, response, private_notes) VALUES ('delete', OLD.id, OLD.subjective, OLD.objective, OLD.assessment, OLD.plan, OLD.response, OLD.private_notes); END;

CREATE TRIGGER sessions_trigrams_change AFTER UPDATE OF subjective, objective, assessment, plan, response, private_notes ON sessions WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO sessions_trigrams (sessions_trigrams, rowid, subjective, objective, assessment, plan, response, private_notes) VALUES ('delete', OLD.id, OLD.subjective, OLD.objective, OLD.assessment, OLD.plan, OLD.response, OLD.private_notes); INSERT INTO sessions_trigrams (rowid, subjective, objective, assessment, plan, response, private_notes) VALUES (NEW.id, NEW.subjective, NEW.objective, NEW.assessment, NEW.plan, NEW.response, NEW.private_notes); END;

INSERT INTO sessions_trigrams (sessions_trigrams) VALUES ('rebuild');

CREATE VIRTUAL TABLE intakes_words USING fts5(complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note, content='intakes', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER intakes_words_add AFTER INSERT ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_words (rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES (NEW.id, NEW.complaint, NEW.goals, NEW.medical_history, NEW.prior_treatment, NEW.pregnancy_note, NEW.birth_note); END;

CREATE TRIGGER intakes_words_remove AFTER DELETE ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_words (intakes_words, rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES ('delete', OLD.id, OLD.complaint, OLD.goals, OLD.medical_history, OLD.prior_treatment, OLD.pregnancy_note, OLD.birth_note); END;

CREATE TRIGGER intakes_words_change AFTER UPDATE OF complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_words (intakes_words, rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES ('delete', OLD.id, OLD.complaint, OLD.goals, OLD.medical_history, OLD.prior_treatment, OLD.pregnancy_note, OLD.birth_note); INSERT INTO intakes_words (rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES (NEW.id, NEW.complaint, NEW.goals, NEW.medical_history, NEW.prior_treatment, NEW.pregnancy_note, NEW.birth_note); END;

INSERT INTO intakes_words (intakes_words) VALUES ('rebuild');

CREATE VIRTUAL TABLE intakes_trigrams USING fts5(complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note, content='intakes', content_rowid='id', tokenize='trigram');

CREATE TRIGGER intakes_trigrams_add AFTER INSERT ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_trigrams (rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES (NEW.id, NEW.complaint, NEW.goals, NEW.medical_history, NEW.prior_treatment, NEW.pregnancy_note, NEW.birth_note); END;

CREATE TRIGGER intakes_trigrams_remove AFTER DELETE ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_trigrams (intakes_trigrams, rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES ('delete', OLD.id, OLD.complaint, OLD.goals, OLD.medical_history, OLD.prior_treatment, OLD.pregnancy_note, OLD.birth_note); END;

CREATE TRIGGER intakes_trigrams_change AFTER UPDATE OF complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note ON intakes WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO intakes_trigrams (intakes_trigrams, rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES ('delete', OLD.id, OLD.complaint, OLD.goals, OLD.medical_history, OLD.prior_treatment, OLD.pregnancy_note, OLD.birth_note); INSERT INTO intakes_trigrams (rowid, complaint, goals, medical_history, prior_treatment, pregnancy_note, birth_note) VALUES (NEW.id, NEW.complaint, NEW.goals, NEW.medical_history, NEW.prior_treatment, NEW.pregnancy_note, NEW.birth_note); END;

INSERT INTO intakes_trigrams (intakes_trigrams) VALUES ('rebuild');

CREATE VIRTUAL TABLE addenda_words USING fts5(text, content='addenda', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER addenda_words_add AFTER INSERT ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_words (rowid, text) VALUES (NEW.id, NEW.text); END;

CREATE TRIGGER addenda_words_remove AFTER DELETE ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_words (addenda_words, rowid, text) VALUES ('delete', OLD.id, OLD.text); END;

CREATE TRIGGER addenda_words_change AFTER UPDATE OF text ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_words (addenda_words, rowid, text) VALUES ('delete', OLD.id, OLD.text); INSERT INTO addenda_words (rowid, text) VALUES (NEW.id, NEW.text); END;

INSERT INTO addenda_words (addenda_words) VALUES ('rebuild');

CREATE VIRTUAL TABLE addenda_trigrams USING fts5(text, content='addenda', content_rowid='id', tokenize='trigram');

CREATE TRIGGER addenda_trigrams_add AFTER INSERT ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_trigrams (rowid, text) VALUES (NEW.id, NEW.text); END;

CREATE TRIGGER addenda_trigrams_remove AFTER DELETE ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_trigrams (addenda_trigrams, rowid, text) VALUES ('delete', OLD.id, OLD.text); END;

CREATE TRIGGER addenda_trigrams_change AFTER UPDATE OF text ON addenda WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO addenda_trigrams (addenda_trigrams, rowid, text) VALUES ('delete', OLD.id, OLD.text); INSERT INTO addenda_trigrams (rowid, text) VALUES (NEW.id, NEW.text); END;

INSERT INTO addenda_trigrams (addenda_trigrams) VALUES ('rebuild');
