-- Abandoned conversations (as in summary-conversations.sql) of [:from, :to), each in the
-- :unit bucket of its last event inside the window (so no point falls outside it).
WITH conv AS (
  SELECT e.conversation_id,
         max(e.ts) AS last_ts,
         max(e.ts) FILTER (WHERE e.ts >= :from AND e.ts < :to) AS last_in_window,
         bool_or(e.event = 'Conversation Started') AS started,
         bool_or(e.event = 'Conversation Ended') AS ended
  FROM events e
  WHERE e.conversation_id IS NOT NULL
  GROUP BY e.conversation_id
  HAVING bool_or(e.ts >= :from AND e.ts < :to)
)
SELECT date_trunc(:unit, last_in_window) AS t, count(*) AS value
FROM conv
WHERE started AND NOT ended AND last_ts < :idle_before
GROUP BY ALL
