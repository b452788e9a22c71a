-- Per-person staff logins (issue 13): each cadre and admin has a username and an scrypt password hash,
-- sessions belong to an account (so revoking it ends them at once), and failed logins are counted here
-- so that concurrent guesses and several server processes all see the same count.
CREATE TABLE staff_accounts (
  id INTEGER PRIMARY KEY,
  -- Normalised (NFKC, lower case) so "Zhang" and "zhang" are one account.
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('cadre', 'admin')),
  password_hash TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  revoked_by TEXT,
  revoked_at TEXT
);

-- Sessions from before accounts existed belonged to the shared password: they end, everyone logs in again.
DELETE FROM dashboard_sessions;
ALTER TABLE dashboard_sessions ADD COLUMN account_id INTEGER REFERENCES staff_accounts (id);
CREATE INDEX dashboard_sessions_account ON dashboard_sessions (account_id);

-- One row per throttled key: "account:<username>" or "address:<client address>".
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until TEXT,
  last_failure_at TEXT NOT NULL
);
