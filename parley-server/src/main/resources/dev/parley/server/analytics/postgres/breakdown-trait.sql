-- Events of [:from, :to) by one trait (:trait_path, a JSON path such as $.traits.plan)
-- of the person, read from that person's latest identify. The person is the userId, or
-- the userId that an identify or alias links the id to.
WITH
  -- @include identity-links
, traits AS (
  SELECT user_id, jsonb_path_query_first(CAST((array_agg(body ORDER BY ts DESC, seq DESC))[1] AS jsonb),
           CAST(:trait_path AS jsonpath)) #>> '{}' AS trait
  FROM events
  WHERE type = 'identify' AND user_id IS NOT NULL
  GROUP BY user_id
),
keyed AS (
  SELECT e.event, e.conversation_id, e.rating, t.trait AS key
  FROM events e
  LEFT JOIN link lu ON lu.linked_id = e.user_id
  LEFT JOIN link la ON la.linked_id = e.anonymous_id
  LEFT JOIN traits t ON t.user_id = coalesce(lu.user_id, e.user_id, la.user_id)
  WHERE e.ts >= :from AND e.ts < :to
)
SELECT key,
       count(*) AS events,
       count(DISTINCT conversation_id) AS conversations,
       count(*) FILTER (WHERE event IN ('Message Sent', 'Message Received')) AS messages,
       avg(rating) FILTER (WHERE event = 'Feedback Submitted') AS avg_rating
FROM keyed
GROUP BY key
