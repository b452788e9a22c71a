-- Conversation log, questions the knowledge base could not answer, first-stage feedback, chat sessions.
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  platform_message_id TEXT,
  user_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  text TEXT NOT NULL,
  intent TEXT NOT NULL,
  confidence REAL NOT NULL,
  answer_kind TEXT,
  answer_ids TEXT NOT NULL DEFAULT '[]',
  reply_text TEXT NOT NULL DEFAULT '',
  latency_ms REAL NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
-- Telegram re-sends unanswered webhook updates and WeChat puppets deliver twice: drop repeats here.
CREATE UNIQUE INDEX messages_platform_id ON messages (channel, platform_message_id) WHERE platform_message_id IS NOT NULL;
CREATE INDEX messages_created ON messages (created_at);
CREATE INDEX messages_intent ON messages (intent, created_at);

CREATE TABLE unanswered (
  id INTEGER PRIMARY KEY,
  message_id INTEGER REFERENCES messages (id),
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  text TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('no_answer', 'needs_review', 'clarify', 'handoff')),
  best_entry_id TEXT,
  confidence REAL NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  resolved_at TEXT
);
CREATE INDEX unanswered_open ON unanswered (resolved_at, created_at);

CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  text TEXT NOT NULL,
  category TEXT,
  village TEXT,
  status TEXT NOT NULL DEFAULT 'confirmed',
  anonymous INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX feedback_created ON feedback (created_at);
CREATE INDEX feedback_user ON feedback (channel, user_id);

CREATE TABLE sessions (
  key TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
