-- Replies waiting to be sent to Telegram or Zalo. A webhook update is answered by committing, in one
-- transaction, its claim in processed_updates, the sessions it changed and its messages here; a worker sends them
-- in order per chat, at least once, retrying with backoff (and Telegram's retry_after) until the API accepts.
-- Dossier pushes go through the same table. Plain SQLite that D1 accepts as well.
CREATE TABLE IF NOT EXISTS reply_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  update_key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  chat_key TEXT NOT NULL,
  method TEXT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  dropped_at TEXT,
  last_error TEXT,
  UNIQUE (update_key, seq)
);

CREATE INDEX IF NOT EXISTS reply_outbox_due ON reply_outbox (next_attempt_at)
  WHERE sent_at IS NULL AND dropped_at IS NULL;
CREATE INDEX IF NOT EXISTS reply_outbox_chat ON reply_outbox (chat_key, id)
  WHERE sent_at IS NULL AND dropped_at IS NULL;
CREATE INDEX IF NOT EXISTS reply_outbox_done ON reply_outbox (created_at)
  WHERE sent_at IS NOT NULL OR dropped_at IS NOT NULL;

-- Sessions expire: the cleanup deletes the ones not touched for the configured time.
CREATE INDEX IF NOT EXISTS sessions_updated_at ON sessions (updated_at);
