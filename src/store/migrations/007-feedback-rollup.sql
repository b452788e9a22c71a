-- Per-day counts of reports by state, category and village, so the dashboard's
-- whole-township summaries read a few thousand rows instead of scanning every report
-- (bench/feedback.bench.ts: 1,000,000 reports). Days are China calendar days (UTC+8).
CREATE TABLE feedback_rollup (
  dim TEXT NOT NULL CHECK (dim IN ('state', 'category', 'village')),
  day TEXT NOT NULL,
  key TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (dim, day, key)
) WITHOUT ROWID;

INSERT INTO feedback_rollup (dim, day, key, n)
  SELECT 'state', date(created_at, '+8 hours'), status, count(*) FROM feedback GROUP BY 2, 3;
INSERT INTO feedback_rollup (dim, day, key, n)
  SELECT 'category', date(created_at, '+8 hours'), coalesce(category, '未填'), count(*) FROM feedback GROUP BY 2, 3;
INSERT INTO feedback_rollup (dim, day, key, n)
  SELECT 'village', date(created_at, '+8 hours'), coalesce(village, '未填'), count(*) FROM feedback GROUP BY 2, 3;

-- New reports are counted by the code that inserts them (src/store/feedback-rollup.ts), not by a trigger:
-- an AFTER INSERT trigger with three upserts made every insert ~3x slower, and bulk imports add up their
-- counts per batch instead. Changes to existing reports are rare, so triggers keep those exact.
CREATE TRIGGER feedback_rollup_state AFTER UPDATE OF status ON feedback WHEN OLD.status IS NOT NEW.status BEGIN
  UPDATE feedback_rollup SET n = n - 1 WHERE dim = 'state' AND day = date(OLD.created_at, '+8 hours') AND key = OLD.status;
  INSERT INTO feedback_rollup (dim, day, key, n) VALUES ('state', date(NEW.created_at, '+8 hours'), NEW.status, 1)
    ON CONFLICT (dim, day, key) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER feedback_rollup_category AFTER UPDATE OF category ON feedback WHEN OLD.category IS NOT NEW.category BEGIN
  UPDATE feedback_rollup SET n = n - 1 WHERE dim = 'category' AND day = date(OLD.created_at, '+8 hours') AND key = coalesce(OLD.category, '未填');
  INSERT INTO feedback_rollup (dim, day, key, n) VALUES ('category', date(NEW.created_at, '+8 hours'), coalesce(NEW.category, '未填'), 1)
    ON CONFLICT (dim, day, key) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER feedback_rollup_village AFTER UPDATE OF village ON feedback WHEN OLD.village IS NOT NEW.village BEGIN
  UPDATE feedback_rollup SET n = n - 1 WHERE dim = 'village' AND day = date(OLD.created_at, '+8 hours') AND key = coalesce(OLD.village, '未填');
  INSERT INTO feedback_rollup (dim, day, key, n) VALUES ('village', date(NEW.created_at, '+8 hours'), coalesce(NEW.village, '未填'), 1)
    ON CONFLICT (dim, day, key) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER feedback_rollup_delete AFTER DELETE ON feedback BEGIN
  UPDATE feedback_rollup SET n = n - 1 WHERE dim = 'state' AND day = date(OLD.created_at, '+8 hours') AND key = OLD.status;
  UPDATE feedback_rollup SET n = n - 1 WHERE dim = 'category' AND day = date(OLD.created_at, '+8 hours') AND key = coalesce(OLD.category, '未填');
  UPDATE feedback_rollup SET n = n - 1 WHERE dim = 'village' AND day = date(OLD.created_at, '+8 hours') AND key = coalesce(OLD.village, '未填');
END;

-- Narrow questions (one village, one category, open ones) are answered from covering indexes alone,
-- never by fetching the reports: "沼气 by village", "东风村 by category", "open in 沼气", duplicate
-- detection (village + category + open). These replace the single-column-plus-date indexes of 004.
DROP INDEX feedback_dup;
DROP INDEX feedback_category_created;
DROP INDEX feedback_village_created;
CREATE INDEX feedback_village_cov ON feedback (village, category, status, created_at);
CREATE INDEX feedback_category_cov ON feedback (category, village, status, created_at);
