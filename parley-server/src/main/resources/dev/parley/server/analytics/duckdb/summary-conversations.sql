-- Conversation counts, abandonment, durations and conversion for the window [:from, :to).
-- A conversation is in the window when any of its events is; its own facts (first and
-- last event, started, ended) come from its whole history: one grouped pass over the
-- events of the conversations that have an event in the window (found first, so the
-- grouping skips every other conversation).
WITH conv AS (
  SELECT conversation_id,
         min(ts) AS first_ts,
         max(ts) AS last_ts,
         bool_or(event = 'Conversation Started') AS started,
         bool_or(event = 'Conversation Ended') AS ended,
         bool_or(event = 'Conversation Started' AND ts >= :from AND ts < :to) AS started_in_window,
         bool_or(event = 'Conversation Ended' AND ts >= :from AND ts < :to) AS ended_in_window,
         count(*) FILTER (WHERE event IN ('Message Sent', 'Message Received')
                            AND ts >= :from AND ts < :to) AS messages,
         bool_or(type = 'track' AND event NOT IN (:spec_events)
                 AND ts >= :from AND ts < :to) AS has_outcome
  FROM events
  WHERE conversation_id IN (
    SELECT conversation_id FROM events
    WHERE ts >= :from AND ts < :to AND conversation_id IS NOT NULL)
  GROUP BY conversation_id
  HAVING bool_or(ts >= :from AND ts < :to)
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
