-- Dossier status: the current state per dossier, the history of status events, subscriptions of chats to a
-- dossier, and an outbox of push messages (retried until sent, unique per event and chat so none is sent twice).
CREATE TABLE IF NOT EXISTS dossiers (
  code_key TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  procedure_code TEXT NOT NULL,
  applicant_name TEXT,
  phone_last4 TEXT,
  received_at TEXT,
  due_at TEXT,
  status TEXT NOT NULL,
  status_at TEXT NOT NULL,
  note TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS dossier_events (
  event_id TEXT PRIMARY KEY,
  code_key TEXT NOT NULL,
  status TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  note TEXT,
  ingested_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS dossier_events_by_code ON dossier_events (code_key, occurred_at);

CREATE TABLE IF NOT EXISTS dossier_subscriptions (
  code_key TEXT NOT NULL,
  chat_key TEXT NOT NULL,
  lang TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (code_key, chat_key)
);

CREATE TABLE IF NOT EXISTS push_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL,
  chat_key TEXT NOT NULL,
  code_key TEXT NOT NULL,
  lang TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  sent_at TEXT,
  last_error TEXT,
  UNIQUE (event_id, chat_key)
);

CREATE INDEX IF NOT EXISTS push_outbox_due ON push_outbox (sent_at, next_attempt_at);
