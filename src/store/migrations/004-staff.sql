-- Staff roles, invite codes, audit log, dashboard sessions, villagers' profiles, and the feedback lifecycle.
CREATE TABLE staff_roles (
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('cadre', 'admin')),
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  PRIMARY KEY (channel, user_id)
);

-- Only a hash of each code is kept, so a leaked database cannot be used to redeem codes.
CREATE TABLE invite_codes (
  code_hash TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('cadre', 'admin')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  redeemed_by TEXT,
  redeemed_at TEXT
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused', 'failed')),
  detail TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX audit_log_created ON audit_log (created_at);

CREATE TABLE dashboard_sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('cadre', 'admin')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- A villager's village, asked once and remembered (the opinion consultations use it too).
CREATE TABLE user_profiles (
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  village TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (channel, user_id)
);

ALTER TABLE feedback ADD COLUMN place TEXT;
-- The villager's own words with phone/ID numbers intact, kept only when they agreed to it.
ALTER TABLE feedback ADD COLUMN unmasked_text TEXT;
ALTER TABLE feedback ADD COLUMN display_name TEXT;
ALTER TABLE feedback ADD COLUMN me_too INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feedback ADD COLUMN duplicate_of INTEGER REFERENCES feedback (id);
ALTER TABLE feedback ADD COLUMN closed_at TEXT;

CREATE TABLE feedback_history (
  id INTEGER PRIMARY KEY,
  feedback_id INTEGER NOT NULL REFERENCES feedback (id),
  from_status TEXT,
  to_status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX feedback_history_report ON feedback_history (feedback_id, id);

CREATE TABLE feedback_me_too (
  feedback_id INTEGER NOT NULL REFERENCES feedback (id),
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (feedback_id, channel, user_id)
);

-- Dashboard summaries: by status, by category, by village, each over a period (see bench/feedback.bench.ts).
CREATE INDEX feedback_status_created ON feedback (status, created_at);
CREATE INDEX feedback_category_created ON feedback (category, created_at);
CREATE INDEX feedback_village_created ON feedback (village, created_at);
-- Duplicate detection: open reports in the same category and village.
CREATE INDEX feedback_dup ON feedback (category, village, status);
