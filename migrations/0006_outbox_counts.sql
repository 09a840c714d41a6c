-- Counting the outbox stays cheap as it grows (/readyz counts it on every probe): pending rows are counted through
-- the partial indexes of migration 0004, dropped ones through this one, sent ones as the rest.
CREATE INDEX IF NOT EXISTS reply_outbox_dropped ON reply_outbox (id) WHERE dropped_at IS NOT NULL;
