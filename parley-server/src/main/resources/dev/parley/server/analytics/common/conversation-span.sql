-- A fragment of CTEs (included by summary-conversations.sql and timeseries-abandoned.sql):
-- the few facts of conversation-history.sql that the summary needs, read more cheaply.
-- Given `win`, a CTE with one row per conversation_id, `span` is `win` with each
-- conversation's facts over its whole history: first_ts and last_ts (its first and last
-- event), started and ended (whether it has a Conversation Started, a Conversation Ended).
-- They come from conversation_facts, which the writer folds in up to :through
-- (conversation_facts_state.through_seq, read in the same transaction), plus the events
-- after :through, so they are exact whatever has been folded.
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
span AS (
  SELECT w.*,
         coalesce(least(f.first_ts, u.first_ts), f.first_ts, u.first_ts) AS first_ts,
         coalesce(greatest(f.last_ts, u.last_ts), f.last_ts, u.last_ts) AS last_ts,
         f.started_at IS NOT NULL OR coalesce(u.started, false) AS started,
         f.ended_at IS NOT NULL OR coalesce(u.ended, false) AS ended
  FROM win w
  LEFT JOIN conversation_facts f ON f.conversation_id = w.conversation_id
  LEFT JOIN unfolded u ON u.conversation_id = w.conversation_id
)
