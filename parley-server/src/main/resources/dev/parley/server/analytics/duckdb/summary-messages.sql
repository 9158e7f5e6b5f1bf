-- Messages sent and received in [:from, :to), and the response latency of each Message
-- Received: the time since the latest earlier Message Sent of the same conversation
-- (earlier in event time, arrival order breaking ties), found with one window function.
-- Only conversations with a message in the window are sorted.
WITH timeline AS (
  SELECT event, ts,
         max(CASE WHEN event = 'Message Sent' THEN ts END) OVER (
           PARTITION BY conversation_id ORDER BY ts, seq
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS last_sent_ts
  FROM events
  WHERE event IN ('Message Sent', 'Message Received') AND ts < :to AND conversation_id IS NOT NULL
    AND conversation_id IN (
      SELECT conversation_id FROM events
      WHERE event IN ('Message Sent', 'Message Received') AND ts >= :from AND ts < :to)
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
