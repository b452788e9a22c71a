-- Token buckets of the web chat's rate limits, shared by every app instance on this database. A missing row is a
-- full bucket, so rows idle longer than a full refill are deleted (a sequential scan of a small table once a
-- minute: an index on at_ms would turn every take into a non-HOT update).
-- UNLOGGED: a take writes no WAL; after a crash or on a promoted standby the table is empty, which only means
-- every bucket starts full again. Room left in each page (fillfactor) keeps the frequent updates HOT.
CREATE UNLOGGED TABLE rate_buckets (
  key TEXT PRIMARY KEY,
  tokens DOUBLE PRECISION NOT NULL,
  at_ms BIGINT NOT NULL
) WITH (fillfactor = 70);
