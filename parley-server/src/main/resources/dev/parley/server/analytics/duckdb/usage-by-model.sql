-- Each model of [:from, :to): the conversations that used it (any of their Message Received
-- or Action Invoked states it), its replies and their latency (message-latencies.sql), the
-- ratings and outcomes of those conversations in the window, its tokens and cost
-- (priced-events.sql).
WITH
  -- @include priced-events
, priced_once AS MATERIALIZED (SELECT * FROM priced) -- read more than once: computed once
,
  -- @include message-latencies
, used AS (
  SELECT DISTINCT model, conversation_id FROM priced_once WHERE model IS NOT NULL AND conversation_id IS NOT NULL
),
results AS (
  SELECT conversation_id,
         bool_or(type = 'track' AND event NOT IN (:spec_events)) AS converted,
         sum(rating) FILTER (WHERE event = 'Feedback Submitted') AS rating_sum,
         count(rating) FILTER (WHERE event = 'Feedback Submitted') AS ratings
  FROM events
  WHERE ts >= :from AND ts < :to AND conversation_id IN (SELECT conversation_id FROM used)
  GROUP BY conversation_id
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
  FROM priced_once WHERE model IS NOT NULL
  GROUP BY model
),
replies AS (
  SELECT e.model, count(*) AS replies, quantile_cont(m.latency_ms, [0.5, 0.9]) AS latency
  FROM measured m JOIN events e ON e.seq = m.seq
  WHERE m.event = 'Message Received' AND e.model IS NOT NULL AND e.ts >= :from AND e.ts < :to
  GROUP BY e.model
)
SELECT e.model, coalesce(c.conversations, 0) AS conversations, coalesce(c.converted, 0) AS converted,
       c.rating_sum, coalesce(c.ratings, 0) AS ratings, coalesce(r.replies, 0) AS replies, r.latency,
       e.input_tokens, e.output_tokens, e.cost, e.unpriced_events
FROM by_event e
LEFT JOIN by_conversation c ON c.model = e.model
LEFT JOIN replies r ON r.model = e.model
ORDER BY conversations DESC, e.model
