-- :ignored in a comment
SELECT CAST(:n AS INTEGER) + 1 AS next,
       ':not_a_param' AS literal,
       '2026-01-01'::DATE AS cast_date,
       CAST(:when AS TIMESTAMP) AS at,
       3 IN (:many) AS found,
       CAST(:nothing AS VARCHAR) IS NULL AS absent
