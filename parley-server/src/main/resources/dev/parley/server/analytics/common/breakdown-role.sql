-- Events of [:from, :to) by role, every metric in one pass. The role of a Feedback
-- Submitted is the role of the message it rates (found through an equi-join on the
-- rated messageId within the conversation); conversation-level feedback has none.
WITH feedback_roles AS (
  SELECT f.seq, min(m.role) AS role
  FROM events f
  JOIN events m
    ON m.conversation_id = f.conversation_id AND m.chat_message_id = f.chat_message_id
  WHERE f.event = 'Feedback Submitted' AND f.ts >= :from AND f.ts < :to
    AND m.event IN ('Message Sent', 'Message Received')
  GROUP BY f.seq
),
keyed AS (
  SELECT e.event, e.conversation_id, e.rating,
         CASE WHEN e.event = 'Feedback Submitted' THEN fr.role ELSE e.role END AS key
  FROM events e
  LEFT JOIN feedback_roles fr ON fr.seq = e.seq
  WHERE e.ts >= :from AND e.ts < :to
)
SELECT key,
       count(*) AS events,
       count(DISTINCT conversation_id) AS conversations,
       count(*) FILTER (WHERE event IN ('Message Sent', 'Message Received')) AS messages,
       avg(rating) FILTER (WHERE event = 'Feedback Submitted') AS avg_rating
FROM keyed
GROUP BY key
