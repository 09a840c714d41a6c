-- Requests to talk to a person (the help-desk queue) and ratings of answers. Only what staff need to answer:
-- channel, chat, language, the procedure on screen and the question (dossier codes and long digit runs masked).
CREATE TABLE IF NOT EXISTS handoffs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL,
  chat_key TEXT NOT NULL,
  lang TEXT NOT NULL,
  procedure_code TEXT,
  question TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  created_at TEXT NOT NULL,
  claimed_by TEXT,
  claimed_at TEXT,
  closed_at TEXT,
  close_note TEXT
);

CREATE INDEX IF NOT EXISTS handoffs_by_status ON handoffs (status, created_at);

CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL,
  lang TEXT NOT NULL,
  query TEXT,
  procedure_code TEXT,
  rating INTEGER NOT NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS feedback_by_time ON feedback (created_at);
