-- One page of the conversations with an event in [:from, :to), newest last event first,
-- ties broken by conversationId so that a keyset cursor (:cursor_at, :cursor_id) never
-- repeats or skips one. Facts come from each conversation's whole history: one grouped
-- pass, then filters on the grouped rows. A NULL filter parameter means "any".
WITH in_window AS (
  SELECT DISTINCT conversation_id
  FROM events
  WHERE ts >= :from AND ts < :to AND conversation_id IS NOT NULL
),
conv AS (
  SELECT e.conversation_id,
         min(e.user_id) AS user_id,
         min(e.anonymous_id) AS anonymous_id,
         min(e.ts) FILTER (WHERE e.event = 'Conversation Started') AS started_at,
         min(e.ts) FILTER (WHERE e.event = 'Conversation Ended') AS ended_at,
         max(e.ts) AS last_event_at,
         count(*) FILTER (WHERE e.event IN ('Message Sent', 'Message Received')) AS message_count,
         avg(e.rating) FILTER (WHERE e.event = 'Feedback Submitted') AS avg_rating,
         list_sort(list_distinct(list(e.action) FILTER (WHERE e.event = 'Action Invoked'))) AS actions,
         list_sort(list_distinct(list(e.event) FILTER (
           WHERE e.type = 'track' AND e.event NOT IN (:spec_events)))) AS outcomes,
         bool_or(e.message_body IS NOT NULL
                 AND contains(lower(e.message_body), lower(CAST(:q AS VARCHAR)))) AS matches
  FROM events e
  JOIN in_window w ON w.conversation_id = e.conversation_id
  GROUP BY e.conversation_id
),
statused AS (
  SELECT *,
         CASE WHEN ended_at IS NOT NULL THEN 'ended'
              WHEN started_at IS NOT NULL AND last_event_at < :idle_before THEN 'abandoned'
              ELSE 'open' END AS status
  FROM conv
)
SELECT *
FROM statused
WHERE (CAST(:user_id AS VARCHAR) IS NULL OR user_id = CAST(:user_id AS VARCHAR))
  AND (CAST(:status AS VARCHAR) IS NULL OR status = CAST(:status AS VARCHAR))
  AND (CAST(:min_rating AS DOUBLE) IS NULL OR avg_rating >= CAST(:min_rating AS DOUBLE))
  AND (CAST(:has_outcome AS BOOLEAN) IS NULL
       OR (coalesce(len(outcomes), 0) > 0) = CAST(:has_outcome AS BOOLEAN))
  AND (CAST(:q AS VARCHAR) IS NULL OR coalesce(matches, false))
  AND (CAST(:cursor_at AS TIMESTAMP) IS NULL
       OR last_event_at < CAST(:cursor_at AS TIMESTAMP)
       OR (last_event_at = CAST(:cursor_at AS TIMESTAMP) AND conversation_id < CAST(:cursor_id AS VARCHAR)))
ORDER BY last_event_at DESC, conversation_id DESC
LIMIT :limit
