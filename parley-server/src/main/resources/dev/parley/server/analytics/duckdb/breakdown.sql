-- Events of [:from, :to) grouped by one key chosen with :by (role, type, event or
-- trait), with every metric computed in the same pass. The role of a Feedback Submitted
-- is the role of the message it rates; a trait is read from the latest identify of the
-- person (a userId, or the userId an identify or alias links the anonymousId to).
WITH links AS (
  SELECT anonymous_id AS linked_id, user_id
  FROM events
  WHERE type = 'identify' AND anonymous_id IS NOT NULL AND user_id IS NOT NULL
  UNION ALL
  SELECT previous_id, user_id
  FROM events
  WHERE type = 'alias' AND previous_id IS NOT NULL AND user_id IS NOT NULL
),
link AS (
  SELECT linked_id, min(user_id) AS user_id FROM links GROUP BY linked_id
),
traits AS (
  SELECT user_id, arg_max(body, ts) AS body
  FROM events
  WHERE type = 'identify' AND user_id IS NOT NULL
  GROUP BY user_id
),
message_roles AS (
  SELECT conversation_id, chat_message_id, min(role) AS role
  FROM events
  WHERE event IN ('Message Sent', 'Message Received') AND chat_message_id IS NOT NULL
  GROUP BY conversation_id, chat_message_id
),
scoped AS (
  SELECT e.event, e.type, e.conversation_id, e.rating, e.item_type,
         CASE WHEN e.event = 'Feedback Submitted' THEN r.role ELSE e.role END AS key_role,
         coalesce(lu.user_id, e.user_id, la.user_id) AS person
  FROM events e
  LEFT JOIN message_roles r
    ON e.event = 'Feedback Submitted' AND r.conversation_id = e.conversation_id
   AND r.chat_message_id = e.chat_message_id
  LEFT JOIN link lu ON lu.linked_id = e.user_id
  LEFT JOIN link la ON la.linked_id = e.anonymous_id AND e.user_id IS NULL
  WHERE e.ts >= :from AND e.ts < :to
),
keyed AS (
  SELECT s.*,
         CASE CAST(:by AS VARCHAR)
           WHEN 'role' THEN s.key_role
           WHEN 'type' THEN s.item_type
           WHEN 'event' THEN coalesce(s.event, s.type)
           WHEN 'trait' THEN json_extract_string(t.body, CAST(:trait_path AS VARCHAR))
         END AS key
  FROM scoped s
  LEFT JOIN traits t ON t.user_id = s.person
)
SELECT key,
       count(*) AS events,
       count(DISTINCT conversation_id) AS conversations,
       count(*) FILTER (WHERE event IN ('Message Sent', 'Message Received')) AS messages,
       avg(rating) FILTER (WHERE event = 'Feedback Submitted') AS avg_rating
FROM keyed
GROUP BY key
