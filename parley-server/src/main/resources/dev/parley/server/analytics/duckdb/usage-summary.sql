-- Tokens and cost in [:from, :to) (priced-events.sql): the totals, the events left unpriced,
-- the quantiles of what one conversation cost (over the conversations with a known cost in
-- the window), and the average cost of those of them that reached an outcome in the window.
WITH
  -- @include priced-events
, per_conversation AS (
  SELECT conversation_id, sum(cost) AS cost
  FROM priced
  WHERE conversation_id IS NOT NULL AND cost IS NOT NULL
  GROUP BY conversation_id
),
converted AS (
  SELECT DISTINCT conversation_id
  FROM events
  WHERE type = 'track' AND conversation_id IS NOT NULL AND event NOT IN (:spec_events)
    AND ts >= :from AND ts < :to
)
SELECT (SELECT sum(input_tokens) FROM priced) AS input_tokens,
       (SELECT sum(output_tokens) FROM priced) AS output_tokens,
       (SELECT sum(cost) FROM priced) AS cost,
       (SELECT count(*) FILTER (WHERE unpriced) FROM priced) AS unpriced_events,
       (SELECT quantile_cont(cost, [0.5, 0.9]) FROM per_conversation) AS per_conversation,
       (SELECT avg(cost) FROM per_conversation
        WHERE conversation_id IN (SELECT conversation_id FROM converted)) AS per_converted_conversation
