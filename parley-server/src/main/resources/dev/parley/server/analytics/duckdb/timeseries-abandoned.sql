-- Abandoned conversations (as in summary-conversations.sql) of [:from, :to), each in the
-- :unit bucket of its last event.
WITH in_window AS (
  SELECT DISTINCT conversation_id
  FROM events
  WHERE ts >= :from AND ts < :to AND conversation_id IS NOT NULL
),
conv AS (
  SELECT e.conversation_id,
         max(e.ts) AS last_ts,
         bool_or(e.event = 'Conversation Started') AS started,
         bool_or(e.event = 'Conversation Ended') AS ended
  FROM events e
  JOIN in_window w ON w.conversation_id = e.conversation_id
  GROUP BY e.conversation_id
)
SELECT date_trunc(:unit, last_ts) AS t, count(*) AS value
FROM conv
WHERE started AND NOT ended AND last_ts < :idle_before
GROUP BY ALL
