-- LLM usage per day (China time): calls, tokens and why answers fell back to offline; the daily budget reads it.
CREATE TABLE llm_usage (
  day TEXT PRIMARY KEY,
  calls INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  transcriptions INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  offline_fallbacks INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);

-- Follow-up questions read a user's last few exchanges on every LLM answer.
CREATE INDEX IF NOT EXISTS messages_conversation ON messages (channel, user_id, id);
