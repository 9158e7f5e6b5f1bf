-- A fragment of CTEs (included by conversations-page.sql; conversation-span.sql reads the
-- few of these facts that the summary needs, more cheaply). Given `win`, a CTE with one row per conversation_id, `history`
-- is `win` with each conversation's facts over its whole history: first_ts and last_ts (its
-- first and last event), started_at and ended_at (its first Conversation Started and
-- Ended) with started and ended (whether there is one), user_id and anonymous_id (the least
-- of its events'), message_count, avg_rating (of its Feedback Submitted) and has_outcomes (a
-- track event outside the spec carries it). They come from conversation_facts, which the
-- writer folds in up to :through (conversation_facts_state.through_seq, read in the same
-- transaction), merged with the events after :through the same way the writer merges them,
-- so they are exact whatever has been folded.
parts AS (
  SELECT * FROM conversation_facts
  WHERE conversation_id IN (SELECT conversation_id FROM win)
  UNION ALL
  SELECT conversation_id, min(ts), max(ts),
         min(ts) FILTER (WHERE event = 'Conversation Started'),
         min(ts) FILTER (WHERE event = 'Conversation Ended'),
         min(user_id), min(anonymous_id),
         count(*) FILTER (WHERE event IN ('Message Sent', 'Message Received')),
         sum(rating) FILTER (WHERE event = 'Feedback Submitted'),
         count(rating) FILTER (WHERE event = 'Feedback Submitted'),
         bool_or(type = 'track' AND event NOT IN (:spec_events))
  FROM events
  WHERE seq > :through AND conversation_id IN (SELECT conversation_id FROM win)
  GROUP BY conversation_id
),
merged AS (
  SELECT conversation_id,
         min(first_ts) AS first_ts,
         max(last_ts) AS last_ts,
         min(started_at) AS started_at,
         min(ended_at) AS ended_at,
         min(user_id) AS user_id,
         min(anonymous_id) AS anonymous_id,
         sum(messages) AS message_count,
         sum(rating_sum) / nullif(sum(ratings), 0) AS avg_rating,
         coalesce(bool_or(has_outcome), false) AS has_outcomes
  FROM parts
  GROUP BY conversation_id
),
history AS (
  SELECT w.*, m.first_ts, m.last_ts, m.started_at, m.ended_at, m.user_id, m.anonymous_id, m.message_count,
         m.avg_rating, m.has_outcomes,
         m.started_at IS NOT NULL AS started,
         m.ended_at IS NOT NULL AS ended
  FROM win w
  JOIN merged m ON m.conversation_id = w.conversation_id
)
