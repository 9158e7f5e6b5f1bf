-- The median reply latency of each topic's conversations (topics-chosen.sql): for each Message
-- Received in [:from, :to), the time since the latest earlier Message Sent of its
-- conversation, earlier ones of its history included: the loads keep it in message_latencies
-- (message-latencies.sql's definition).
WITH
  -- @include topics-chosen
SELECT c.topic_id,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY m.latency_ms) AS latency_p50
FROM message_latencies m
JOIN chosen c ON c.conversation_id = m.conversation_id
WHERE m.ts >= :from AND m.ts < :to AND m.latency_ms IS NOT NULL
GROUP BY c.topic_id
