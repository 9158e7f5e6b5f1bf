-- A fragment of CTEs (included by attribution.sql and usage-by-model.sql): `results`, one row
-- per conversation with an event in [:from, :to): whether it converted (an outcome in the
-- window), its ratings in the window, and whether it is abandoned (started, not ended, quiet
-- since :idle_before, judged over its whole history as in conversation-span.sql).
-- As in summary-conversations.sql, the facts of a reader's snapshot are whole on PostgreSQL: a
-- conversation whose whole history lies in the window did all it did there, and its facts row
-- says it; only the few that straddle :from or :to have their window's events read, one probe
-- of events_conversation each.
results AS (
  SELECT f.conversation_id, f.has_outcome AS converted, f.rating_sum, f.ratings,
         f.started_at IS NOT NULL AND f.ended_at IS NULL AND f.last_ts < :idle_before AS abandoned
  FROM conversation_facts f
  WHERE f.last_ts >= :from AND f.last_ts < :to AND f.first_ts >= :from
  UNION ALL
  SELECT f.conversation_id, w.converted, w.rating_sum, w.ratings,
         f.started_at IS NOT NULL AND f.ended_at IS NULL AND f.last_ts < :idle_before
  FROM conversation_facts f
  CROSS JOIN LATERAL (
    SELECT count(*) AS events,
           coalesce(bool_or(e.type = 'track' AND e.event NOT IN (:spec_events)), false) AS converted,
           sum(e.rating) FILTER (WHERE e.event = 'Feedback Submitted') AS rating_sum,
           count(e.rating) FILTER (WHERE e.event = 'Feedback Submitted') AS ratings
    FROM events e
    WHERE e.conversation_id = f.conversation_id AND e.ts >= :from AND e.ts < :to
  ) w
  WHERE f.last_ts >= :from AND f.first_ts < :to AND (f.first_ts < :from OR f.last_ts >= :to)
    AND w.events > 0
)
