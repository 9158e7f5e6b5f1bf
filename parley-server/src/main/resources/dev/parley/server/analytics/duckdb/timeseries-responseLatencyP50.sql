-- The median response latency (ms) of the Message Received in each :unit bucket of
-- [:from, :to); latency as in summary-messages.sql.
WITH timeline AS (
  SELECT e.event, e.ts,
         max(CASE WHEN e.event = 'Message Sent' THEN e.ts END) OVER (
           PARTITION BY e.conversation_id ORDER BY e.ts, e.seq
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS last_sent_ts
  FROM events e
  WHERE e.event IN ('Message Sent', 'Message Received') AND e.ts < :to
    AND e.conversation_id IN (
      SELECT conversation_id FROM events
      WHERE event IN ('Message Sent', 'Message Received') AND ts >= :from AND ts < :to)
)
SELECT date_trunc(:unit, ts) AS t,
       quantile_cont(date_diff('millisecond', last_sent_ts, ts), 0.5) AS value
FROM timeline
WHERE event = 'Message Received' AND ts >= :from AND last_sent_ts IS NOT NULL
GROUP BY ALL
