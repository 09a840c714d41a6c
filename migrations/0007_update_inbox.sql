-- Webhook updates acknowledged but not yet answered. The webhook answers 200 only once an update is here (updates
-- that arrive in the same event-loop turn share one transaction); the row is deleted in the transaction that commits
-- the update's claim, sessions and reply (migration 0004), so after a hard crash (kill -9, power loss) start-up
-- answers every row left. `attempts` counts resumptions, so an update that always fails is given up after a few.
-- Plain SQLite that D1 accepts as well (the Worker does not use it: waitUntil keeps its background work).
CREATE TABLE IF NOT EXISTS update_inbox (
  id INTEGER PRIMARY KEY,
  update_key TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  body TEXT NOT NULL,
  received_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0
);
