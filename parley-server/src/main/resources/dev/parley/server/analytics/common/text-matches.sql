-- A fragment of one CTE (included by conversations-page.sql and topics-chosen.sql): `matched`,
-- the conversations whose message bodies contain :q (case-insensitive); empty without :q.
matched AS (
  SELECT DISTINCT conversation_id
  FROM events
  WHERE CAST(:q AS VARCHAR) IS NOT NULL
    AND message_body IS NOT NULL
    AND strpos(lower(message_body), lower(CAST(:q AS VARCHAR))) > 0
    AND conversation_id IS NOT NULL
)
