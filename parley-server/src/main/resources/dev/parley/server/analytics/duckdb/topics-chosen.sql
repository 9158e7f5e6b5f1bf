-- A fragment of CTEs (included by topics-figures.sql and topics-latency.sql): `chosen` holds
-- the conversations with a topic and an event in [:from, :to) that pass the conversation
-- list's filters (conversations-page.sql: :user_id, :status, :min_rating, :has_outcome, :q;
-- NULL for any), with their facts, status, topic_id and window_first (their first event in
-- the window). Needs :through, :idle_before and :spec_events too.
win AS (
  SELECT conversation_id, min(ts) AS window_first
  FROM events
  WHERE ts >= :from AND ts < :to AND conversation_id IS NOT NULL
    AND conversation_id IN (SELECT conversation_id FROM topic_docs WHERE topic_id IS NOT NULL)
  GROUP BY conversation_id
),
  -- @include text-matches
,
  -- @include conversation-history
, statused AS (
  SELECT *,
         CASE WHEN ended_at IS NOT NULL THEN 'ended'
              WHEN started_at IS NOT NULL AND last_ts < :idle_before THEN 'abandoned'
              ELSE 'open' END AS status
  FROM history
),
chosen AS (
  SELECT s.*, d.topic_id
  FROM statused s
  JOIN topic_docs d ON d.conversation_id = s.conversation_id
  WHERE d.topic_id IS NOT NULL
    AND (CAST(:user_id AS VARCHAR) IS NULL OR s.user_id = CAST(:user_id AS VARCHAR))
    AND (CAST(:status AS VARCHAR) IS NULL OR s.status = CAST(:status AS VARCHAR))
    AND (CAST(:min_rating AS DOUBLE) IS NULL OR s.avg_rating >= CAST(:min_rating AS DOUBLE))
    AND (CAST(:has_outcome AS BOOLEAN) IS NULL OR s.has_outcomes = CAST(:has_outcome AS BOOLEAN))
    AND (CAST(:q AS VARCHAR) IS NULL OR s.conversation_id IN (SELECT conversation_id FROM matched))
)
