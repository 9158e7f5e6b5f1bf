-- Conversation counts, abandonment, durations and conversion for the window [:from, :to).
-- A conversation is in the window when any of its events is.
-- On PostgreSQL the facts of a reader's snapshot are whole (every load merges its events into
-- conversation_facts in its own transaction), so this reads conversations, not events: a
-- conversation whose whole history lies in the window did all it did in the window, and its
-- facts say it (one index-only range of conversation_facts_order). Only the few that straddle
-- :from or :to have their events in the window read, one probe of events_conversation each.
WITH span AS (
  SELECT f.first_ts, f.last_ts,
         f.started_at IS NOT NULL AS started,
         f.ended_at IS NOT NULL AS ended,
         f.started_at IS NOT NULL AS started_in_window,
         f.ended_at IS NOT NULL AS ended_in_window,
         f.messages,
         f.has_outcome AS outcome_in_window
  FROM conversation_facts f
  WHERE f.last_ts >= :from AND f.last_ts < :to AND f.first_ts >= :from
  UNION ALL
  SELECT f.first_ts, f.last_ts,
         f.started_at IS NOT NULL,
         f.ended_at IS NOT NULL,
         w.started_in_window, w.ended_in_window, w.messages, w.outcome_in_window
  FROM conversation_facts f
  CROSS JOIN LATERAL (
    SELECT count(*) AS events,
           coalesce(bool_or(e.event = 'Conversation Started'), false) AS started_in_window,
           coalesce(bool_or(e.event = 'Conversation Ended'), false) AS ended_in_window,
           count(*) FILTER (WHERE e.event IN ('Message Sent', 'Message Received')) AS messages,
           coalesce(bool_or(e.type = 'track' AND e.event NOT IN (:spec_events)), false) AS outcome_in_window
    FROM events e
    WHERE e.conversation_id = f.conversation_id AND e.ts >= :from AND e.ts < :to
  ) w
  WHERE f.last_ts >= :from AND f.first_ts < :to AND (f.first_ts < :from OR f.last_ts >= :to)
    AND w.events > 0
)
SELECT count(*) AS conversations,
       count(*) FILTER (WHERE started_in_window) AS started,
       count(*) FILTER (WHERE ended_in_window) AS ended,
       count(*) FILTER (WHERE started AND NOT ended AND last_ts < :idle_before) AS abandoned,
       sum(messages) FILTER (WHERE messages > 0) AS messages,
       count(*) FILTER (WHERE messages > 0) AS with_messages,
       count(*) FILTER (WHERE outcome_in_window) AS converted,
       percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (
         ORDER BY EXTRACT(EPOCH FROM last_ts - first_ts) * 1000) AS duration
FROM span
