-- A fragment of CTEs (included by usage-summary.sql, usage-by-model.sql): `prices`, the price
-- table bound as :price_rows (model, valid_from, valid_until, input_rate, output_rate; rates
-- per million tokens), and `priced`: every Message Received and Action Invoked of
-- [:from, :to) that states usage, with its cost: the cost as sent; else its tokens at the
-- price its model had at its time; else NULL, and `unpriced` when it has tokens to price.
-- An event that states only a model costs nothing known and is not unpriced either.
-- A query that reads `priced` more than once materialises it itself (DuckDB); PostgreSQL does
-- so by itself, and inlines it where it is read once.
prices AS (
  SELECT *
  FROM (VALUES :price_rows) p(model, valid_from, valid_until, input_rate, output_rate)
  WHERE model IS NOT NULL
),
priced AS (
  SELECT e.seq, e.conversation_id, e.event, e.model, e.ts, e.input_tokens, e.output_tokens,
         CASE WHEN e.cost IS NOT NULL THEN e.cost
              WHEN p.model IS NOT NULL AND (e.input_tokens IS NOT NULL OR e.output_tokens IS NOT NULL)
              THEN (coalesce(e.input_tokens, 0) * p.input_rate + coalesce(e.output_tokens, 0) * p.output_rate) / 1e6
         END AS cost,
         e.cost IS NULL AND p.model IS NULL
           AND (e.input_tokens IS NOT NULL OR e.output_tokens IS NOT NULL) AS unpriced
  FROM events e
  LEFT JOIN prices p ON p.model = e.model AND e.ts >= p.valid_from AND e.ts < p.valid_until
  WHERE e.type = 'track' AND e.event IN ('Message Received', 'Action Invoked')
    AND e.ts >= :from AND e.ts < :to
    AND (e.model IS NOT NULL OR e.input_tokens IS NOT NULL OR e.output_tokens IS NOT NULL OR e.cost IS NOT NULL)
)
