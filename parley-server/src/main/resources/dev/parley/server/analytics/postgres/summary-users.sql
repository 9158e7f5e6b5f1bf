-- Distinct people with an event in [:from, :to) (as common/summary-users.sql defines them): an
-- identify carrying both ids, or an alias (previousId -> userId), links an id to a userId so
-- that the person counts once. The window's distinct (userId, anonymousId) pairs are read from
-- people_hours (V11, kept by the loads) for its whole hours, and from the events (events_ts,
-- index only) for the parts of an hour at either end; a window within one hour reads events only.
WITH
  -- @include identity-links
, bounds AS (
  SELECT date_trunc('hour', CAST(:from AS TIMESTAMP) + INTERVAL '1 hour' - INTERVAL '1 microsecond') AS whole_from,
         date_trunc('hour', CAST(:to AS TIMESTAMP)) AS whole_to
),
ids AS (
  SELECT p.user_id, p.anonymous_id
  FROM people_hours p
  WHERE p.hour >= (SELECT whole_from FROM bounds) AND p.hour < (SELECT whole_to FROM bounds)
  UNION
  SELECT e.user_id, e.anonymous_id
  FROM events e
  WHERE e.ts >= :from AND e.ts < least(CAST(:to AS TIMESTAMP), (SELECT whole_from FROM bounds))
    AND (e.user_id IS NOT NULL OR e.anonymous_id IS NOT NULL)
  UNION
  SELECT e.user_id, e.anonymous_id
  FROM events e
  WHERE e.ts >= greatest(CAST(:from AS TIMESTAMP), (SELECT whole_to FROM bounds)) AND e.ts < :to
    AND (e.user_id IS NOT NULL OR e.anonymous_id IS NOT NULL)
)
-- @include people-of-ids
