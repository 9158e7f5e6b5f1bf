-- A fragment of CTEs (included by usage-by-model.sql and timeseries-responseLatencyP50.sql):
-- `measured` holds every Message Received of [:from, :to) that has a conversationId, with its
-- seq (to join more of its columns) and latency_ms: the time since the latest earlier Message
-- Sent of the same conversation (earlier in event time, arrival order breaking ties), NULL when
-- there is none. On PostgreSQL the loads keep each one in message_latencies (PostgresLatencies),
-- so this reads the window's rows of that table, not its events; with each reply's model.
measured AS (
  SELECT 'Message Received' AS event, ts, seq, latency_ms, model
  FROM message_latencies
  WHERE ts >= :from AND ts < :to
)
