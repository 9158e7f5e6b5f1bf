-- Abandoned conversations (as in summary-conversations.sql) of [:from, :to), each in the
-- :unit bucket of its last event inside the window (so no point falls outside it).
-- As in postgres/summary-conversations.sql, the facts (whole on PostgreSQL) answer for a
-- conversation wholly inside the window, whose last event in it is its last; only those that
-- straddle an edge have their window's events read.
WITH span AS (
  SELECT f.last_ts AS last_in_window
  FROM conversation_facts f
  WHERE f.last_ts >= :from AND f.last_ts < :to AND f.first_ts >= :from
    AND f.started_at IS NOT NULL AND f.ended_at IS NULL AND f.last_ts < :idle_before
  UNION ALL
  SELECT w.last_in_window
  FROM conversation_facts f
  CROSS JOIN LATERAL (
    SELECT max(e.ts) AS last_in_window
    FROM events e
    WHERE e.conversation_id = f.conversation_id AND e.ts >= :from AND e.ts < :to
  ) w
  WHERE f.last_ts >= :from AND f.first_ts < :to AND (f.first_ts < :from OR f.last_ts >= :to)
    AND f.started_at IS NOT NULL AND f.ended_at IS NULL AND f.last_ts < :idle_before
    AND w.last_in_window IS NOT NULL
)
SELECT date_trunc(:unit, last_in_window) AS t, count(*) AS value
FROM span
GROUP BY 1
