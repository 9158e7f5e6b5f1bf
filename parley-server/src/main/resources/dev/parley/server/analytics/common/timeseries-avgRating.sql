-- The average rating (message and conversation level) in each :unit bucket of [:from, :to).
SELECT date_trunc(:unit, ts) AS t, avg(rating) AS value
FROM events
WHERE ts >= :from AND ts < :to AND event = 'Feedback Submitted' AND rating IS NOT NULL
GROUP BY 1
