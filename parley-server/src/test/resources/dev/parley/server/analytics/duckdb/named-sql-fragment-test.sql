-- A fragment: one CTE with a parameter of its own.
base AS (SELECT CAST(:n AS INTEGER) AS value)
