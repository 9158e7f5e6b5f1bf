-- One page of the conversations with an event in [:from, :to), newest last event first,
-- ties broken by conversationId so that a keyset cursor (:cursor_at, :cursor_id) never
-- repeats or skips one. A NULL filter parameter means "any"; :topic is a topic id (topic_docs).
-- On PostgreSQL every load merges its events into conversation_facts in its own transaction,
-- so the facts of a reader's snapshot are whole (conversation_facts_state is the last event
-- stored): the page walks the facts newest first on conversation_facts_order, keeps those
-- whose span meets the window and that have an event in it (one probe of
-- events_conversation each), and stops at :limit. It reads as many conversations as the page
-- needs, not every event of the window.
WITH
  -- @include text-matches
,
statused AS (
  SELECT f.conversation_id, f.first_ts, f.last_ts, f.started_at, f.ended_at, f.user_id, f.anonymous_id,
         f.messages AS message_count,
         f.rating_sum / nullif(f.ratings, 0) AS avg_rating,
         f.has_outcome AS has_outcomes,
         f.started_at IS NOT NULL AS started,
         f.ended_at IS NOT NULL AS ended,
         f.last_ts AS last_event_at,
         CASE WHEN f.ended_at IS NOT NULL THEN 'ended'
              WHEN f.started_at IS NOT NULL AND f.last_ts < :idle_before THEN 'abandoned'
              ELSE 'open' END AS status
  FROM conversation_facts f
  WHERE f.last_ts >= :from AND f.first_ts < :to
    AND EXISTS (SELECT 1 FROM events e
                WHERE e.conversation_id = f.conversation_id AND e.ts >= :from AND e.ts < :to)
),
page AS MATERIALIZED (
  SELECT *
  FROM statused
  WHERE (CAST(:user_id AS VARCHAR) IS NULL OR user_id = CAST(:user_id AS VARCHAR))
    AND (CAST(:status AS VARCHAR) IS NULL OR status = CAST(:status AS VARCHAR))
    AND (CAST(:min_rating AS DOUBLE PRECISION) IS NULL OR avg_rating >= CAST(:min_rating AS DOUBLE PRECISION))
    AND (CAST(:has_outcome AS BOOLEAN) IS NULL
         OR has_outcomes = CAST(:has_outcome AS BOOLEAN))
    AND (CAST(:q AS VARCHAR) IS NULL OR conversation_id IN (SELECT conversation_id FROM matched))
    AND (CAST(:topic AS INTEGER) IS NULL
         OR conversation_id IN (SELECT conversation_id FROM topic_docs WHERE topic_id = CAST(:topic AS INTEGER)))
    AND (CAST(:cursor_at AS TIMESTAMP) IS NULL
         OR (last_event_at, conversation_id)
            < (CAST(:cursor_at AS TIMESTAMP), CAST(:cursor_id AS VARCHAR)))
  ORDER BY last_event_at DESC, conversation_id DESC
  LIMIT :limit
),
-- Names of actions and outcomes, for the page's conversations only.
lists AS (
  SELECT e.conversation_id,
         array_agg(DISTINCT e.action ORDER BY e.action) FILTER (
           WHERE e.event = 'Action Invoked' AND e.action IS NOT NULL) AS actions,
         array_agg(DISTINCT e.event ORDER BY e.event) FILTER (
           WHERE e.type = 'track' AND e.event NOT IN (:spec_events)) AS outcomes
  FROM events e
  JOIN page p ON p.conversation_id = e.conversation_id
  GROUP BY e.conversation_id
)
SELECT page.*, lists.actions, lists.outcomes
FROM page
LEFT JOIN lists ON lists.conversation_id = page.conversation_id
ORDER BY page.last_event_at DESC, page.conversation_id DESC
