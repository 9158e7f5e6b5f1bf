-- Every event of one conversation, in event-time order (arrival order breaking ties).
SELECT seq, message_id, type, event, user_id, anonymous_id, chat_message_id, role,
       message_body, item_type, action, sub_type, rating, message_count, ts, body
FROM events
WHERE conversation_id = :conversation_id
ORDER BY ts, seq
