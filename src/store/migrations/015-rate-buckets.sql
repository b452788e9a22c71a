-- Token buckets of the web chat's rate limits, shared by the app instances of one PostgreSQL database. One SQLite
-- process keeps its buckets in memory and leaves this table empty; the schemas stay alike. A missing row is a full
-- bucket, so rows idle longer than a full refill are deleted. Times are integer milliseconds since the epoch.
CREATE TABLE rate_buckets (
  key TEXT PRIMARY KEY,
  tokens REAL NOT NULL,
  at_ms INTEGER NOT NULL
);
