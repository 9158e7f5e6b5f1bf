-- The end of attribution.sql (both dialects): given `features` (conversation_id, key) and
-- `results` (one row per conversation of the window: converted, rating_sum, ratings,
-- abandoned), each key's conversations with their figures, and one row with key NULL for all.
SELECT f.key, count(*) AS conversations, count(*) FILTER (WHERE r.converted) AS converted,
       sum(r.rating_sum) AS rating_sum, sum(r.ratings) AS ratings,
       count(*) FILTER (WHERE r.abandoned) AS abandoned
FROM features f JOIN results r ON r.conversation_id = f.conversation_id
WHERE f.key IS NOT NULL
GROUP BY f.key
UNION ALL
SELECT NULL, count(*), count(*) FILTER (WHERE converted), sum(rating_sum), sum(ratings),
       count(*) FILTER (WHERE abandoned)
FROM results
