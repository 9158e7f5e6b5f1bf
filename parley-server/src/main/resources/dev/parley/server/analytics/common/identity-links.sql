-- A fragment of CTEs (included by summary-users.sql and breakdown-trait.sql): `link` maps an
-- id to the userId it belongs to, when an identify carrying both ids, or an alias
-- (previousId -> userId), links them; the least userId when there are several.
links AS (
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
