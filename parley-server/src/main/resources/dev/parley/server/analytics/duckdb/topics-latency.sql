-- The median reply latency of each topic's conversations (topics-chosen.sql): for each Message
-- Received in [:from, :to), the time since the latest earlier Message Sent of its
-- conversation (as in message-latencies.sql), earlier ones of its history included.
WITH
  -- @include topics-chosen
, timeline AS (
  SELECT e.conversation_id, e.event, e.ts,
         max(CASE WHEN e.event = 'Message Sent' THEN e.ts END) OVER (
           PARTITION BY e.conversation_id ORDER BY e.ts, e.seq
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS last_sent
  FROM events e
  WHERE e.event IN ('Message Sent', 'Message Received') AND e.ts < :to
    AND e.conversation_id IN (SELECT conversation_id FROM chosen)
)
SELECT c.topic_id,
       quantile_cont(date_diff('millisecond', t.last_sent, t.ts), 0.5) AS latency_p50
FROM timeline t
JOIN chosen c ON c.conversation_id = t.conversation_id
WHERE t.event = 'Message Received' AND t.ts >= :from AND t.last_sent IS NOT NULL
GROUP BY c.topic_id
