-- m008_plans, released with 9bc72fe (2026-12-03). Frozen: never edited; a change is a new migration.

ALTER TABLE plan_goals ADD COLUMN status_on TEXT CHECK (status_on IS NULL OR date(status_on) IS status_on);

ALTER TABLE follow_up_plans ADD COLUMN closed_on TEXT CHECK (closed_on IS NULL OR date(closed_on) IS closed_on);

ALTER TABLE follow_up_plans ADD COLUMN closed_reason TEXT NOT NULL DEFAULT '' CHECK ((closed_on IS NULL) = (closed_reason = ''));

ALTER TABLE follow_up_plans ADD COLUMN closing_note TEXT NOT NULL DEFAULT '';

CREATE INDEX sessions_unsigned ON sessions (started_at) WHERE status = 'draft';

CREATE VIRTUAL TABLE follow_up_plans_words USING fts5(frequency_note, home_care, closing_note, content='follow_up_plans', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER follow_up_plans_words_add AFTER INSERT ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_words (rowid, frequency_note, home_care, closing_note) VALUES (NEW.id, NEW.frequency_note, NEW.home_care, NEW.closing_note); END;

CREATE TRIGGER follow_up_plans_words_remove AFTER DELETE ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_words (follow_up_plans_words, rowid, frequency_note, home_care, closing_note) VALUES ('delete', OLD.id, OLD.frequency_note, OLD.home_care, OLD.closing_note); END;

CREATE TRIGGER follow_up_plans_words_change AFTER UPDATE OF frequency_note, home_care, closing_note ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_words (follow_up_plans_words, rowid, frequency_note, home_care, closing_note) VALUES ('delete', OLD.id, OLD.frequency_note, OLD.home_care, OLD.closing_note); INSERT INTO follow_up_plans_words (rowid, frequency_note, home_care, closing_note) VALUES (NEW.id, NEW.frequency_note, NEW.home_care, NEW.closing_note); END;

INSERT INTO follow_up_plans_words (follow_up_plans_words) VALUES ('rebuild');

CREATE VIRTUAL TABLE follow_up_plans_trigrams USING fts5(frequency_note, home_care, closing_note, content='follow_up_plans', content_rowid='id', tokenize='trigram');

CREATE TRIGGER follow_up_plans_trigrams_add AFTER INSERT ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_trigrams (rowid, frequency_note, home_care, closing_note) VALUES (NEW.id, NEW.frequency_note, NEW.home_care, NEW.closing_note); END;

CREATE TRIGGER follow_up_plans_trigrams_remove AFTER DELETE ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_trigrams (follow_up_plans_trigrams, rowid, frequency_note, home_care, closing_note) VALUES ('delete', OLD.id, OLD.frequency_note, OLD.home_care, OLD.closing_note); END;

CREATE TRIGGER follow_up_plans_trigrams_change AFTER UPDATE OF frequency_note, home_care, closing_note ON follow_up_plans WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO follow_up_plans_trigrams (follow_up_plans_trigrams, rowid, frequency_note, home_care, closing_note) VALUES ('delete', OLD.id, OLD.frequency_note, OLD.home_care, OLD.closing_note); INSERT INTO follow_up_plans_trigrams (rowid, frequency_note, home_care, closing_note) VALUES (NEW.id, NEW.frequency_note, NEW.home_care, NEW.closing_note); END;

INSERT INTO follow_up_plans_trigrams (follow_up_plans_trigrams) VALUES ('rebuild');

CREATE VIRTUAL TABLE plan_goals_words USING fts5(description, measure, content='plan_goals', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER plan_goals_words_add AFTER INSERT ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_words (rowid, description, measure) VALUES (NEW.id, NEW.description, NEW.measure); END;

CREATE TRIGGER plan_goals_words_remove AFTER DELETE ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_words (plan_goals_words, rowid, description, measure) VALUES ('delete', OLD.id, OLD.description, OLD.measure); END;

CREATE TRIGGER plan_goals_words_change AFTER UPDATE OF description, measure ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_words (plan_goals_words, rowid, description, measure) VALUES ('delete', OLD.id, OLD.description, OLD.measure); INSERT INTO plan_goals_words (rowid, description, measure) VALUES (NEW.id, NEW.description, NEW.measure); END;

INSERT INTO plan_goals_words (plan_goals_words) VALUES ('rebuild');

CREATE VIRTUAL TABLE plan_goals_trigrams USING fts5(description, measure, content='plan_goals', content_rowid='id', tokenize='trigram');

CREATE TRIGGER plan_goals_trigrams_add AFTER INSERT ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_trigrams (rowid, description, measure) VALUES (NEW.id, NEW.description, NEW.measure); END;

CREATE TRIGGER plan_goals_trigrams_remove AFTER DELETE ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_trigrams (plan_goals_trigrams, rowid, description, measure) VALUES ('delete', OLD.id, OLD.description, OLD.measure); END;

CREATE TRIGGER plan_goals_trigrams_change AFTER UPDATE OF description, measure ON plan_goals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_goals_trigrams (plan_goals_trigrams, rowid, description, measure) VALUES ('delete', OLD.id, OLD.description, OLD.measure); INSERT INTO plan_goals_trigrams (rowid, description, measure) VALUES (NEW.id, NEW.description, NEW.measure); END;

INSERT INTO plan_goals_trigrams (plan_goals_trigrams) VALUES ('rebuild');

CREATE VIRTUAL TABLE plan_referrals_words USING fts5(note, content='plan_referrals', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER plan_referrals_words_add AFTER INSERT ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_words (rowid, note) VALUES (NEW.id, NEW.note); END;

CREATE TRIGGER plan_referrals_words_remove AFTER DELETE ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_words (plan_referrals_words, rowid, note) VALUES ('delete', OLD.id, OLD.note); END;

CREATE TRIGGER plan_referrals_words_change AFTER UPDATE OF note ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_words (plan_referrals_words, rowid, note) VALUES ('delete', OLD.id, OLD.note); INSERT INTO plan_referrals_words (rowid, note) VALUES (NEW.id, NEW.note); END;

INSERT INTO plan_referrals_words (plan_referrals_words) VALUES ('rebuild');

CREATE VIRTUAL TABLE plan_referrals_trigrams USING fts5(note, content='plan_referrals', content_rowid='id', tokenize='trigram');

CREATE TRIGGER plan_referrals_trigrams_add AFTER INSERT ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_trigrams (rowid, note) VALUES (NEW.id, NEW.note); END;

CREATE TRIGGER plan_referrals_trigrams_remove AFTER DELETE ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_trigrams (plan_referrals_trigrams, rowid, note) VALUES ('delete', OLD.id, OLD.note); END;

CREATE TRIGGER plan_referrals_trigrams_change AFTER UPDATE OF note ON plan_referrals WHEN (SELECT deferred FROM search_index_control) = 0 BEGIN INSERT INTO plan_referrals_trigrams (plan_referrals_trigrams, rowid, note) VALUES ('delete', OLD.id, OLD.note); INSERT INTO plan_referrals_trigrams (rowid, note) VALUES (NEW.id, NEW.note); END;

INSERT INTO plan_referrals_trigrams (plan_referrals_trigrams) VALUES ('rebuild');
