-- Each model of [:from, :to): the conversations that used it (any of their Message Received
-- or Action Invoked states it), its replies and their latency (message-latencies.sql), the
-- ratings and outcomes of those conversations in the window, its tokens and cost
-- (priced-events.sql). The conversations' figures come from their facts
-- (conversation-results.sql), the replies' models and latencies from message_latencies (V12),
-- not from the window's events.
WITH
  -- @include priced-events
,
  -- @include message-latencies
,
  -- @include conversation-results
, used AS (
  SELECT DISTINCT model, conversation_id FROM priced WHERE model IS NOT NULL AND conversation_id IS NOT NULL
),
by_conversation AS (
  SELECT u.model, count(*) AS conversations,
         count(*) FILTER (WHERE r.converted) AS converted,
         sum(r.rating_sum) AS rating_sum, sum(r.ratings) AS ratings
  FROM used u JOIN results r ON r.conversation_id = u.conversation_id
  GROUP BY u.model
),
by_event AS (
  SELECT model, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, sum(cost) AS cost,
         count(*) FILTER (WHERE unpriced) AS unpriced_events
  FROM priced WHERE model IS NOT NULL
  GROUP BY model
),
replies AS (
  SELECT model, count(*) AS replies, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY latency_ms) AS latency
  FROM measured
  WHERE model IS NOT NULL
  GROUP BY model
)
SELECT e.model, coalesce(c.conversations, 0) AS conversations, coalesce(c.converted, 0) AS converted,
       c.rating_sum, coalesce(c.ratings, 0) AS ratings, coalesce(r.replies, 0) AS replies, r.latency,
       e.input_tokens, e.output_tokens, e.cost, e.unpriced_events
FROM by_event e
LEFT JOIN by_conversation c ON c.model = e.model
LEFT JOIN replies r ON r.model = e.model
ORDER BY conversations DESC, e.model
