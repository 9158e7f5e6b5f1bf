-- Conversation counts, abandonment, durations and conversion for the window [:from, :to).
-- A conversation is in the window when any of its events is; its own facts (first and
-- last event, started, ended) come from its whole history. One grouped pass.
WITH in_window AS (
  SELECT DISTINCT conversation_id
  FROM events
  WHERE ts >= :from AND ts < :to AND conversation_id IS NOT NULL
),
conv AS (
  SELECT e.conversation_id,
         min(e.ts) AS first_ts,
         max(e.ts) AS last_ts,
         bool_or(e.event = 'Conversation Started') AS started,
         bool_or(e.event = 'Conversation Ended') AS ended,
         bool_or(e.event = 'Conversation Started' AND e.ts >= :from AND e.ts < :to) AS started_in_window,
         bool_or(e.event = 'Conversation Ended' AND e.ts >= :from AND e.ts < :to) AS ended_in_window,
         count(*) FILTER (WHERE e.event IN ('Message Sent', 'Message Received')
                            AND e.ts >= :from AND e.ts < :to) AS messages,
         bool_or(e.type = 'track' AND e.event NOT IN (:spec_events)
                 AND e.ts >= :from AND e.ts < :to) AS has_outcome
  FROM events e
  JOIN in_window w ON w.conversation_id = e.conversation_id
  GROUP BY e.conversation_id
),
facts AS (
  SELECT *, date_diff('millisecond', first_ts, last_ts) AS duration_ms FROM conv
)
SELECT count(*) AS conversations,
       count(*) FILTER (WHERE started_in_window) AS started,
       count(*) FILTER (WHERE ended_in_window) AS ended,
       count(*) FILTER (WHERE started AND NOT ended AND last_ts < :idle_before) AS abandoned,
       sum(messages) FILTER (WHERE messages > 0) AS messages,
       count(*) FILTER (WHERE messages > 0) AS with_messages,
       count(*) FILTER (WHERE has_outcome) AS converted,
       quantile_cont(duration_ms, 0.5) AS duration_p50,
       quantile_cont(duration_ms, 0.9) AS duration_p90,
       quantile_cont(duration_ms, 0.99) AS duration_p99
FROM facts
