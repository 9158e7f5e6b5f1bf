-- Outcomes in [:from, :to): track events outside the spec that carry a conversationId.
SELECT event, count(*) AS n, count(DISTINCT conversation_id) AS conversations
FROM events
WHERE type = 'track' AND conversation_id IS NOT NULL AND event IS NOT NULL
  AND event NOT IN (:spec_events)
  AND ts >= :from AND ts < :to
GROUP BY event
ORDER BY n DESC, event
