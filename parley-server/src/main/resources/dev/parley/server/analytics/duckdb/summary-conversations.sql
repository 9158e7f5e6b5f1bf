-- Conversation counts, abandonment, durations and conversion for the window [:from, :to).
-- A conversation is in the window when any of its events is. What happened in the window
-- comes from one grouped pass over the window's events; the conversation's own facts (first
-- and last event, started, ended) come from its whole history: conversation_facts, which the
-- writer folds in up to :through (conversation_facts_state.through_seq, read in the same
-- transaction), plus the events after it.
WITH win AS (
  SELECT conversation_id,
         bool_or(event = 'Conversation Started') AS started_in_window,
         bool_or(event = 'Conversation Ended') AS ended_in_window,
         count(*) FILTER (WHERE event IN ('Message Sent', 'Message Received')) AS messages,
         bool_or(type = 'track' AND event NOT IN (:spec_events)) AS has_outcome
  FROM events
  WHERE ts >= :from AND ts < :to AND conversation_id IS NOT NULL
  GROUP BY conversation_id
),
unfolded AS (
  SELECT conversation_id,
         min(ts) AS first_ts,
         max(ts) AS last_ts,
         bool_or(event = 'Conversation Started') AS started,
         bool_or(event = 'Conversation Ended') AS ended
  FROM events
  WHERE seq > :through AND conversation_id IN (SELECT conversation_id FROM win)
  GROUP BY conversation_id
),
facts AS (
  SELECT w.*,
         coalesce(least(f.first_ts, u.first_ts), f.first_ts, u.first_ts) AS first_ts,
         coalesce(greatest(f.last_ts, u.last_ts), f.last_ts, u.last_ts) AS last_ts,
         coalesce(f.started, false) OR coalesce(u.started, false) AS started,
         coalesce(f.ended, false) OR coalesce(u.ended, false) AS ended
  FROM win w
  LEFT JOIN conversation_facts f ON f.conversation_id = w.conversation_id
  LEFT JOIN unfolded u ON u.conversation_id = w.conversation_id
)
SELECT count(*) AS conversations,
       count(*) FILTER (WHERE started_in_window) AS started,
       count(*) FILTER (WHERE ended_in_window) AS ended,
       count(*) FILTER (WHERE started AND NOT ended AND last_ts < :idle_before) AS abandoned,
       sum(messages) FILTER (WHERE messages > 0) AS messages,
       count(*) FILTER (WHERE messages > 0) AS with_messages,
       count(*) FILTER (WHERE has_outcome) AS converted,
       quantile_cont(date_diff('millisecond', first_ts, last_ts), [0.5, 0.9, 0.99]) AS duration
FROM facts
