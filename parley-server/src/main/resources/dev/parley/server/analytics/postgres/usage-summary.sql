-- Tokens and cost in [:from, :to) (priced-events.sql): the totals, the events left unpriced,
-- the quantiles of what one conversation cost (over the conversations with a known cost in
-- the window), and the average cost of those of them that reached an outcome in the window.
-- One pass over the priced events: each conversation's sums (the events outside any
-- conversation make one group of their own), and the totals summed from those. `priced` is
-- read once here, so it is not materialised; tokens are summed as doubles (exact below 2^53),
-- which PostgreSQL adds several times faster than the NUMERIC that sum(BIGINT) makes.
WITH
  -- @include priced-events
, per_conversation AS (
  SELECT conversation_id,
         sum(CAST(input_tokens AS DOUBLE PRECISION)) AS input_tokens,
         sum(CAST(output_tokens AS DOUBLE PRECISION)) AS output_tokens,
         sum(cost) AS cost,
         count(*) FILTER (WHERE unpriced) AS unpriced_events
  FROM priced
  GROUP BY conversation_id
),
converted AS (
  SELECT DISTINCT conversation_id
  FROM events
  WHERE type = 'track' AND conversation_id IS NOT NULL AND event NOT IN (:spec_events)
    AND ts >= :from AND ts < :to
)
SELECT CAST(sum(p.input_tokens) AS BIGINT) AS input_tokens,
       CAST(sum(p.output_tokens) AS BIGINT) AS output_tokens,
       sum(p.cost) AS cost,
       coalesce(sum(p.unpriced_events), 0) AS unpriced_events,
       percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY p.cost) FILTER (WHERE p.conversation_id IS NOT NULL)
         AS per_conversation,
       avg(p.cost) FILTER (WHERE c.conversation_id IS NOT NULL) AS per_converted_conversation
FROM per_conversation p
LEFT JOIN converted c ON c.conversation_id = p.conversation_id
