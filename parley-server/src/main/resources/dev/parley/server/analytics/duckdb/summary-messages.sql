-- Messages sent and received in [:from, :to), and the response latency of each Message
-- Received: the time since the latest earlier Message Sent of the same conversation
-- (earlier in event time, arrival order breaking ties), found with one window function.
WITH in_window AS (
  SELECT DISTINCT conversation_id
  FROM events
  WHERE ts >= :from AND ts < :to AND conversation_id IS NOT NULL
),
timeline AS (
  SELECT e.event, e.ts,
         max(CASE WHEN e.event = 'Message Sent' THEN e.ts END) OVER (
           PARTITION BY e.conversation_id ORDER BY e.ts, e.seq
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS last_sent_ts
  FROM events e
  JOIN in_window w ON w.conversation_id = e.conversation_id
  WHERE e.event IN ('Message Sent', 'Message Received') AND e.ts < :to
),
measured AS (
  SELECT event,
         CASE WHEN event = 'Message Received'
              THEN date_diff('millisecond', last_sent_ts, ts) END AS latency_ms
  FROM timeline
  WHERE ts >= :from
)
SELECT count(*) FILTER (WHERE event = 'Message Sent') AS sent,
       count(*) FILTER (WHERE event = 'Message Received') AS received,
       quantile_cont(latency_ms, 0.5) AS latency_p50,
       quantile_cont(latency_ms, 0.9) AS latency_p90,
       quantile_cont(latency_ms, 0.99) AS latency_p99
FROM measured
