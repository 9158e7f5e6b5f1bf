-- Violations recorded (stored or refused) in [:from, :to), by arrival time.
SELECT count(*) AS violations
FROM violations
WHERE received_at >= :from AND received_at < :to
