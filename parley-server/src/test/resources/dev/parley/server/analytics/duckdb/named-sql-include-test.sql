-- A statement built from a fragment: the fragment's CTE, then a query over it.
WITH
  -- @include named-sql-fragment-test
SELECT value + 1 AS next FROM base
