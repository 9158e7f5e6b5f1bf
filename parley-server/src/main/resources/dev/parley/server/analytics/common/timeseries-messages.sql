-- Messages sent and received in each :unit bucket of [:from, :to).
SELECT date_trunc(:unit, ts) AS t, count(*) AS value
FROM events
WHERE ts >= :from AND ts < :to AND event IN ('Message Sent', 'Message Received')
GROUP BY 1
