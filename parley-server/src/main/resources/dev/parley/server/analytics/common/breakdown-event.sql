-- Events of [:from, :to) by event name (the message type for non-track messages),
-- every metric in one pass.
WITH keyed AS (
  SELECT event, conversation_id, rating, coalesce(event, type) AS key
  FROM events
  WHERE ts >= :from AND ts < :to
)
SELECT key,
       count(*) AS events,
       count(DISTINCT conversation_id) AS conversations,
       count(*) FILTER (WHERE event IN ('Message Sent', 'Message Received')) AS messages,
       avg(rating) FILTER (WHERE event = 'Feedback Submitted') AS avg_rating
FROM keyed
GROUP BY key
