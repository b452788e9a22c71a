-- Secrets the server makes for itself once (the web chat's cookie-signing key), and how many times a villager
-- sent the same report: identical reports within a short time are counted on the first one, not filed again.
CREATE TABLE app_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at TEXT NOT NULL
);

ALTER TABLE feedback ADD COLUMN times_reported INTEGER NOT NULL DEFAULT 1;
