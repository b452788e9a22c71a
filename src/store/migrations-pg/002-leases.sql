-- Leases: which app instance runs a job that must run once (Telegram long polling, the WeChat puppet).
-- The holder renews its lease; when it stops renewing (it died), another instance takes the name over.
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
