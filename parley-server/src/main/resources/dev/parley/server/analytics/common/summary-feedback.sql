-- Ratings in [:from, :to), grouped by value and by level: a Feedback Submitted with a
-- messageId rates one message, one without rates the whole conversation.
SELECT rating,
       chat_message_id IS NOT NULL AS message_level,
       count(*) AS n
FROM events
WHERE event = 'Feedback Submitted' AND rating IS NOT NULL
  AND ts >= :from AND ts < :to
GROUP BY 1, 2
ORDER BY rating, message_level
