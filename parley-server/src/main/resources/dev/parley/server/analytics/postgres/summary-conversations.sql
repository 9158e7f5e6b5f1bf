-- Conversation counts, abandonment, durations and conversion for the window [:from, :to).
-- A conversation is in the window when any of its events is. What happened in the window
-- comes from one grouped pass over the window's events; the conversation's own facts (first
-- and last event, started, ended) from its whole history (conversation-span.sql).
WITH win AS (
  SELECT conversation_id,
         bool_or(event = 'Conversation Started') AS started_in_window,
         bool_or(event = 'Conversation Ended') AS ended_in_window,
         count(*) FILTER (WHERE event IN ('Message Sent', 'Message Received')) AS messages,
         bool_or(type = 'track' AND event NOT IN (:spec_events)) AS outcome_in_window
  FROM events
  WHERE ts >= :from AND ts < :to AND conversation_id IS NOT NULL
  GROUP BY conversation_id
),
  -- @include conversation-span
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
