-- The latest :limit violations received in [:from, :to), newest first.
SELECT event, code, path, message, message_id, source, received_at, refused
FROM violations
WHERE received_at >= :from AND received_at < :to
ORDER BY received_at DESC, message_id
LIMIT :limit
