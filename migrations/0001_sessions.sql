-- Per-chat conversation state and the log of updates already answered (retries are answered once).
-- Plain SQLite that D1 accepts as well.
CREATE TABLE IF NOT EXISTS sessions (
  chat_key TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS processed_updates (
  update_key TEXT PRIMARY KEY,
  processed_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS processed_updates_at ON processed_updates (processed_at);
