-- Opinion consultations ("先征求群众意见再拍板"): the question, who it went to, the answers and the decision.
CREATE TABLE consultations (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  background TEXT NOT NULL DEFAULT '',
  -- JSON array of {label, stance}; stance is support | conditional | oppose | choice.
  options TEXT NOT NULL,
  -- JSON array of village names; empty means the whole township.
  audience TEXT NOT NULL DEFAULT '[]',
  deadline TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  closed_at TEXT,
  decision TEXT CHECK (decision IN ('approved', 'rejected', 'postponed')),
  decision_reason TEXT,
  risk_note TEXT,
  decided_by TEXT,
  decided_at TEXT
);
CREATE INDEX consultations_deadline ON consultations (closed_at, deadline);

-- One row per villager who answered in chat (changing the answer updates the row), or per vote a cadre
-- recorded from a meeting or by proxy (voter columns NULL). Who voted for what is never queried out:
-- the voter columns exist only to enforce one answer per villager and to tell participants the outcome.
CREATE TABLE consultation_votes (
  id INTEGER PRIMARY KEY,
  consultation_id INTEGER NOT NULL REFERENCES consultations (id),
  channel TEXT,
  user_id TEXT,
  chat_id TEXT,
  option_index INTEGER NOT NULL,
  comment TEXT,
  village TEXT,
  method TEXT NOT NULL DEFAULT 'chat' CHECK (method IN ('chat', 'meeting', 'proxy')),
  recorded_by TEXT,
  changes INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX consultation_votes_voter ON consultation_votes (consultation_id, channel, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX consultation_votes_tally ON consultation_votes (consultation_id, village, option_index);

-- Chats the consultation was pushed to: villagers' private chats and village groups (for reminders and results).
CREATE TABLE consultation_recipients (
  consultation_id INTEGER NOT NULL REFERENCES consultations (id),
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('private', 'group')),
  village TEXT,
  notified_at TEXT NOT NULL,
  PRIMARY KEY (consultation_id, channel, chat_id)
);

-- Village groups: a cadre says "本群是三家庄" in the group, and consultations for that village go there too.
CREATE TABLE village_groups (
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  village TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  PRIMARY KEY (channel, chat_id)
);
CREATE INDEX village_groups_village ON village_groups (village);
