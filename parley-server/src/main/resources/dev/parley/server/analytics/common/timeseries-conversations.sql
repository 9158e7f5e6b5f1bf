-- Conversations with any event in each :unit bucket of [:from, :to).
SELECT date_trunc(:unit, ts) AS t, count(DISTINCT conversation_id) AS value
FROM events
WHERE ts >= :from AND ts < :to AND conversation_id IS NOT NULL
GROUP BY 1
