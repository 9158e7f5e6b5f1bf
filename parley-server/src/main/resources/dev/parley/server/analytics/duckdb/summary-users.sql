-- Distinct people with an event in [:from, :to). An identify carrying both ids, or an
-- alias (previousId -> userId), links an id to a userId so that the person counts once.
WITH links AS (
  SELECT anonymous_id AS linked_id, user_id
  FROM events
  WHERE type = 'identify' AND anonymous_id IS NOT NULL AND user_id IS NOT NULL
  UNION ALL
  SELECT previous_id, user_id
  FROM events
  WHERE type = 'alias' AND previous_id IS NOT NULL AND user_id IS NOT NULL
),
link AS (
  SELECT linked_id, min(user_id) AS user_id FROM links GROUP BY linked_id
)
SELECT count(DISTINCT CASE
         WHEN e.user_id IS NOT NULL THEN coalesce(lu.user_id, e.user_id)
         ELSE coalesce(la.user_id, 'anonymous:' || e.anonymous_id) END) AS users
FROM events e
LEFT JOIN link lu ON lu.linked_id = e.user_id
LEFT JOIN link la ON la.linked_id = e.anonymous_id
WHERE e.ts >= :from AND e.ts < :to
  AND (e.user_id IS NOT NULL OR e.anonymous_id IS NOT NULL)
