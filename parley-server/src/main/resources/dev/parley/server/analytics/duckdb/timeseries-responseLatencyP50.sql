-- The median response latency (ms) of the Message Received in each :unit bucket of
-- [:from, :to); latency as in summary-messages.sql.
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
)
SELECT date_trunc(:unit, ts) AS t,
       quantile_cont(date_diff('millisecond', last_sent_ts, ts), 0.5) AS value
FROM timeline
WHERE event = 'Message Received' AND ts >= :from AND last_sent_ts IS NOT NULL
GROUP BY ALL
