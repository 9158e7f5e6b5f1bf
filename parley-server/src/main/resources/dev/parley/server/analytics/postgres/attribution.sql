-- For each :kind feature of [:from, :to) (an action type/action, a component type, a media
-- type/sub_type, a model), the conversations of the window that had it, with how many of them
-- converted (an outcome in the window), their ratings in the window and how many are
-- abandoned; and one row with key NULL for all the window's conversations, from which the
-- caller takes "without" = all - with. The definition of common/attribution.sql, read from the
-- conversations' facts (conversation-results.sql) and from the partial covering indexes of
-- the features' events (events_items, events_priced: V8, V10) instead of every event of the
-- window. The branch of :kind is chosen when the statement is planned.
WITH
  -- @include conversation-results
, features AS (
  SELECT DISTINCT conversation_id, item_type || '/' || action AS key
  FROM events
  WHERE CAST(:kind AS TEXT) = 'action' AND event = 'Action Invoked' AND type = 'track'
    AND conversation_id IS NOT NULL AND ts >= :from AND ts < :to
  UNION ALL
  SELECT DISTINCT conversation_id, item_type
  FROM events
  WHERE CAST(:kind AS TEXT) = 'component' AND event = 'Component Loaded' AND type = 'track'
    AND conversation_id IS NOT NULL AND ts >= :from AND ts < :to
  UNION ALL
  SELECT DISTINCT conversation_id, item_type || '/' || sub_type
  FROM events
  WHERE CAST(:kind AS TEXT) = 'media' AND event = 'Media Generated' AND type = 'track'
    AND conversation_id IS NOT NULL AND ts >= :from AND ts < :to
  UNION ALL
  SELECT DISTINCT conversation_id, model
  FROM events
  WHERE CAST(:kind AS TEXT) = 'model' AND type = 'track' AND event IN ('Message Received', 'Action Invoked')
    AND model IS NOT NULL AND conversation_id IS NOT NULL AND ts >= :from AND ts < :to
)
-- @include attribution-counts
