-- Read paths that the loads keep. The response latency of every Message Received that has a
-- conversationId: the time (ms) since the latest earlier Message Sent of its conversation
-- (earlier in event time, load order breaking ties), NULL when there is none; the definition
-- of analytics/duckdb/message-latencies.sql, which the embedded store computes at read time.
-- Here each load keeps it for the conversations whose messages it stored, in its own
-- transaction, after the conversation facts (whose row locks order two loads of one
-- conversation); erasure and retention recompute the conversations they touched
-- (PostgresLatencies). The summary, the latency series and the models' replies then read the
-- window's rows, not its events.
CREATE TABLE message_latencies (
  seq             BIGINT PRIMARY KEY,        -- events.seq of the Message Received
  conversation_id TEXT      NOT NULL,
  ts              TIMESTAMP NOT NULL,
  latency_ms      DOUBLE PRECISION
);
CREATE INDEX message_latencies_ts ON message_latencies (ts) INCLUDE (latency_ms);
CREATE INDEX message_latencies_conversation ON message_latencies (conversation_id, ts);

-- The summary's count of messages sent in a window (index only).
CREATE INDEX events_sent ON events (ts) WHERE event = 'Message Sent' AND conversation_id IS NOT NULL;

-- The window's people (summary-users.sql): their ids from the index, without the rows.
DROP INDEX events_ts;
CREATE INDEX events_ts ON events (ts) INCLUDE (user_id, anonymous_id);
