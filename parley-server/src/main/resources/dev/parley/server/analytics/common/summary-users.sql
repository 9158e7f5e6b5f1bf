-- Distinct people with an event in [:from, :to). An identify carrying both ids, or an
-- alias (previousId -> userId), links an id to a userId so that the person counts once.
-- The window's distinct (userId, anonymousId) pairs are resolved, not every event.
WITH
  -- @include identity-links
, ids AS (
  SELECT DISTINCT user_id, anonymous_id
  FROM events
  WHERE ts >= :from AND ts < :to AND (user_id IS NOT NULL OR anonymous_id IS NOT NULL)
)
-- @include people-of-ids
