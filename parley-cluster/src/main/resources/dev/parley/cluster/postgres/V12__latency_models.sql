-- Each reply's model kept beside its latency, so that the models view takes a model's replies
-- and their latencies from the window's message_latencies rows (index only) instead of
-- finding each reply's model among the priced events by its seq (583 k probes at 10 M events).
-- The model of the Message Received itself (events.model), NULL when it states none. The
-- migration fills it by recomputing every latency (PostgresLatencies.rebuild).
ALTER TABLE message_latencies ADD COLUMN model TEXT;
DROP INDEX message_latencies_ts;
CREATE INDEX message_latencies_ts ON message_latencies (ts) INCLUDE (latency_ms, model);
