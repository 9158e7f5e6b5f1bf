-- One page of the conversations with an event in [:from, :to), newest last event first,
-- ties broken by conversationId so that a keyset cursor (:cursor_at, :cursor_id) never
-- repeats or skips one. Facts come from each conversation's whole history
-- (conversation-history.sql), then filters on them. A NULL filter parameter means "any".
WITH win AS (
  SELECT DISTINCT conversation_id
  FROM events
  WHERE ts >= :from AND ts < :to AND conversation_id IS NOT NULL
),
  -- @include text-matches
,
  -- @include conversation-history
, statused AS (
  SELECT *, last_ts AS last_event_at,
         CASE WHEN ended_at IS NOT NULL THEN 'ended'
              WHEN started_at IS NOT NULL AND last_ts < :idle_before THEN 'abandoned'
              ELSE 'open' END AS status
  FROM history
),
page AS MATERIALIZED (
  SELECT *
  FROM statused
  WHERE (CAST(:user_id AS VARCHAR) IS NULL OR user_id = CAST(:user_id AS VARCHAR))
    AND (CAST(:status AS VARCHAR) IS NULL OR status = CAST(:status AS VARCHAR))
    AND (CAST(:min_rating AS DOUBLE) IS NULL OR avg_rating >= CAST(:min_rating AS DOUBLE))
    AND (CAST(:has_outcome AS BOOLEAN) IS NULL
         OR has_outcomes = CAST(:has_outcome AS BOOLEAN))
    AND (CAST(:q AS VARCHAR) IS NULL OR conversation_id IN (SELECT conversation_id FROM matched))
    AND (CAST(:topic AS INTEGER) IS NULL
         OR conversation_id IN (SELECT conversation_id FROM topic_docs WHERE topic_id = CAST(:topic AS INTEGER)))
    AND (CAST(:cursor_at AS TIMESTAMP) IS NULL
         OR last_event_at < CAST(:cursor_at AS TIMESTAMP)
         OR (last_event_at = CAST(:cursor_at AS TIMESTAMP) AND conversation_id < CAST(:cursor_id AS VARCHAR)))
  ORDER BY last_event_at DESC, conversation_id DESC
  LIMIT :limit
),
-- Names of actions and outcomes, for the page's conversations only.
lists AS (
  SELECT e.conversation_id,
         list_sort(list_distinct(list(e.action) FILTER (WHERE e.event = 'Action Invoked'))) AS actions,
         list_sort(list_distinct(list(e.event) FILTER (
           WHERE e.type = 'track' AND e.event NOT IN (:spec_events)))) AS outcomes
  FROM events e
  JOIN page p ON p.conversation_id = e.conversation_id
  GROUP BY e.conversation_id
)
SELECT page.*, lists.actions, lists.outcomes
FROM page
LEFT JOIN lists ON lists.conversation_id = page.conversation_id
ORDER BY page.last_event_at DESC, page.conversation_id DESC
