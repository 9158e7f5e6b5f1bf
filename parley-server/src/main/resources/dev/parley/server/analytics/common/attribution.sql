-- For each :kind feature of [:from, :to) (an action type/action, a component type, a media
-- type/sub_type, a model), the conversations of the window that had it, with how many of them
-- converted (an outcome in the window), their ratings in the window and how many are
-- abandoned (started, not ended, quiet since :idle_before, judged over their whole history
-- as in conversation-span.sql); and one row with key NULL for all the window's conversations,
-- from which the caller takes "without" = all - with.
WITH win AS (
  SELECT conversation_id,
         bool_or(type = 'track' AND event NOT IN (:spec_events)) AS outcome_in_window,
         sum(rating) FILTER (WHERE event = 'Feedback Submitted') AS rating_sum,
         count(rating) FILTER (WHERE event = 'Feedback Submitted') AS ratings
  FROM events
  WHERE ts >= :from AND ts < :to AND conversation_id IS NOT NULL
  GROUP BY conversation_id
),
  -- @include conversation-span
, results AS (
  SELECT conversation_id, outcome_in_window AS converted, rating_sum, ratings,
         started AND NOT ended AND last_ts < :idle_before AS abandoned
  FROM span
),
features AS (
  SELECT DISTINCT conversation_id,
         CASE CAST(:kind AS VARCHAR)
           WHEN 'action' THEN CASE WHEN event = 'Action Invoked' THEN item_type || '/' || action END
           WHEN 'component' THEN CASE WHEN event = 'Component Loaded' THEN item_type END
           WHEN 'media' THEN CASE WHEN event = 'Media Generated' THEN item_type || '/' || sub_type END
           WHEN 'model' THEN CASE WHEN event IN ('Message Received', 'Action Invoked') THEN model END
         END AS key
  FROM events
  WHERE ts >= :from AND ts < :to AND conversation_id IS NOT NULL AND type = 'track'
    AND event IN ('Action Invoked', 'Component Loaded', 'Media Generated', 'Message Received')
)
-- @include attribution-counts
