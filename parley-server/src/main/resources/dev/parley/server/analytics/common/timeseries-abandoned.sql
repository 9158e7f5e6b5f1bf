-- Abandoned conversations (as in summary-conversations.sql) of [:from, :to), each in the
-- :unit bucket of its last event inside the window (so no point falls outside it).
WITH win AS (
  SELECT conversation_id, max(ts) AS last_in_window
  FROM events
  WHERE ts >= :from AND ts < :to AND conversation_id IS NOT NULL
  GROUP BY conversation_id
),
  -- @include conversation-span
SELECT date_trunc(:unit, last_in_window) AS t, count(*) AS value
FROM span
WHERE started AND NOT ended AND last_ts < :idle_before
GROUP BY 1
