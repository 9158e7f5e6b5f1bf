-- Messages sent and received in [:from, :to), and the quantiles of their response latency
-- (message-latencies.sql).
WITH
  -- @include message-latencies
SELECT count(*) FILTER (WHERE event = 'Message Sent') AS sent,
       count(*) FILTER (WHERE event = 'Message Received') AS received,
       percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY latency_ms) AS latency
FROM measured
