-- Messages sent and received in [:from, :to), and the response latency of each Message
-- Received: the time since the latest earlier Message Sent of the same conversation
-- (earlier in event time, arrival order breaking ties).
-- Only the window's messages are sorted (one window function); for a Received with no
-- earlier Sent in the window, the latest Sent before the window counts, found by one grouped
-- pass over the older Message Sent events of the conversations that need it. Every event
-- before :from is earlier than every event in the window, so the two never disagree.
WITH win AS (
  SELECT conversation_id, event, ts, seq
  FROM events
  WHERE event IN ('Message Sent', 'Message Received') AND ts >= :from AND ts < :to
    AND conversation_id IS NOT NULL
),
prior AS (
  SELECT conversation_id, max(ts) AS prior_sent_ts
  FROM events
  WHERE event = 'Message Sent' AND ts < :from AND conversation_id IS NOT NULL
    AND conversation_id IN (SELECT conversation_id FROM win WHERE event = 'Message Received')
  GROUP BY conversation_id
),
timeline AS (
  SELECT conversation_id, event, ts,
         max(CASE WHEN event = 'Message Sent' THEN ts END) OVER (
           PARTITION BY conversation_id ORDER BY ts, seq
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS last_sent_in_window
  FROM win
),
measured AS (
  SELECT t.event,
         CASE WHEN t.event = 'Message Received'
              THEN date_diff('millisecond', coalesce(t.last_sent_in_window, p.prior_sent_ts), t.ts)
         END AS latency_ms
  FROM timeline t
  LEFT JOIN prior p ON p.conversation_id = t.conversation_id
)
SELECT count(*) FILTER (WHERE event = 'Message Sent') AS sent,
       count(*) FILTER (WHERE event = 'Message Received') AS received,
       quantile_cont(latency_ms, 0.5) AS latency_p50,
       quantile_cont(latency_ms, 0.9) AS latency_p90,
       quantile_cont(latency_ms, 0.99) AS latency_p99
FROM measured
