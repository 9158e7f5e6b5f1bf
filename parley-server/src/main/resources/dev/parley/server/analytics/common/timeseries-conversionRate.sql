-- In each :unit bucket of [:from, :to): the share of conversations active in the bucket
-- that reached an outcome (a non-spec track event) in it.
SELECT date_trunc(:unit, ts) AS t,
       CAST(count(DISTINCT conversation_id) FILTER (
         WHERE type = 'track' AND event NOT IN (:spec_events)) AS DOUBLE PRECISION)
         / count(DISTINCT conversation_id) AS value
FROM events
WHERE ts >= :from AND ts < :to AND conversation_id IS NOT NULL
GROUP BY 1
