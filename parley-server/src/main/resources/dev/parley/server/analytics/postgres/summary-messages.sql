-- Messages sent and received in [:from, :to) (those with a conversationId), and the quantiles of
-- their response latency (message-latencies.sql): the sent from events_sent, index only; the
-- received and their latencies from message_latencies, which the loads keep.
WITH
  -- @include message-latencies
SELECT (SELECT count(*) FROM events
        WHERE event = 'Message Sent' AND conversation_id IS NOT NULL AND ts >= :from AND ts < :to) AS sent,
       count(*) AS received,
       percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY latency_ms) AS latency
FROM measured
