-- Tokens and cost in [:from, :to) (priced-events.sql): the totals, the events left unpriced,
-- the quantiles of what one conversation cost (over the conversations with a known cost in
-- the window), and the average cost of those of them that reached an outcome in the window.
WITH
  -- @include priced-events
, priced_once AS MATERIALIZED (SELECT * FROM priced) -- read more than once: computed once
, per_conversation AS (
  SELECT conversation_id, sum(cost) AS cost
  FROM priced_once
  WHERE conversation_id IS NOT NULL AND cost IS NOT NULL
  GROUP BY conversation_id
),
converted AS (
  SELECT DISTINCT conversation_id
  FROM events
  WHERE type = 'track' AND conversation_id IS NOT NULL AND event NOT IN (:spec_events)
    AND ts >= :from AND ts < :to
),
totals AS (
  SELECT sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, sum(cost) AS cost,
         count(*) FILTER (WHERE unpriced) AS unpriced_events
  FROM priced_once
)
SELECT t.*,
       (SELECT quantile_cont(cost, [0.5, 0.9]) FROM per_conversation) AS per_conversation,
       (SELECT avg(p.cost) FROM per_conversation p SEMI JOIN converted c ON c.conversation_id = p.conversation_id)
         AS per_converted_conversation
FROM totals t
