-- Actions, media and components in [:from, :to), counted by their kind, most used first.
SELECT event, item_type, action, sub_type, count(*) AS n
FROM events
WHERE event IN ('Action Invoked', 'Media Generated', 'Component Loaded')
  AND ts >= :from AND ts < :to
GROUP BY event, item_type, action, sub_type
ORDER BY n DESC, event, item_type, action, sub_type
