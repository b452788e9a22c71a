-- Messages filed as reports that staff marked "not a report" (a question, small talk). They leave every
-- count (the row leaves feedback; the rollup's delete trigger takes it out) and are kept here, with who
-- decided and why, so neither the villager's words nor the decision are lost. The id is the receipt
-- number it had; new reports never reuse it (see ReportStore.create).
CREATE TABLE feedback_not_reports (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  text TEXT NOT NULL,
  category TEXT,
  village TEXT,
  created_at TEXT NOT NULL,
  marked_at TEXT NOT NULL,
  marked_by TEXT NOT NULL,
  note TEXT NOT NULL
);
