-- Violations received in [:from, :to) by event and code, stored and refused apart, most first.
SELECT event, code,
       count(*) FILTER (WHERE NOT refused) AS stored,
       count(*) FILTER (WHERE refused) AS refused
FROM violations
WHERE received_at >= :from AND received_at < :to
GROUP BY event, code
ORDER BY count(*) DESC, event, code
