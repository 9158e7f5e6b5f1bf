-- The median response latency (ms) of the Message Received in each :unit bucket of
-- [:from, :to); latency as in message-latencies.sql.
WITH
  -- @include message-latencies
SELECT date_trunc(:unit, ts) AS t,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS value
FROM measured
WHERE event = 'Message Received' AND latency_ms IS NOT NULL
GROUP BY 1
