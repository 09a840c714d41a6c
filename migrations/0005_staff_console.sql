-- The help-desk console (/staff): per-staff accounts (besides the shared STAFF_PASSWORD_HASH), saved replies staff
-- reuse and share, the answer state of handoffs, and the query log behind the content-gaps report. The log holds no
-- personal data: no chat id, no user id, queries with dossier codes and long digit runs masked.
CREATE TABLE IF NOT EXISTS staff_accounts (
  username TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'staff',
  created_at TEXT NOT NULL,
  disabled_at TEXT
);

CREATE TABLE IF NOT EXISTS saved_replies (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  owner TEXT NOT NULL,
  title TEXT NOT NULL,
  lang TEXT NOT NULL,
  body TEXT NOT NULL,
  shared INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS saved_replies_by_owner ON saved_replies (owner, id);

ALTER TABLE handoffs ADD COLUMN answered_at TEXT;
ALTER TABLE handoffs ADD COLUMN answers INTEGER NOT NULL DEFAULT 0;

CREATE TABLE IF NOT EXISTS query_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL,
  channel TEXT NOT NULL,
  lang TEXT NOT NULL,
  intent TEXT NOT NULL,
  query TEXT,
  results INTEGER NOT NULL DEFAULT 0,
  procedure_code TEXT,
  outcome TEXT NOT NULL,
  saving_vnd INTEGER
);

CREATE INDEX IF NOT EXISTS query_log_by_time ON query_log (created_at);
