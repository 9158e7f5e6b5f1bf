-- A fragment of CTEs (included by topics-figures.sql and topics-latency.sql): `chosen` holds
-- the conversations with a topic and an event in [:from, :to) that pass the conversation
-- list's filters (conversations-page.sql: :user_id, :status, :min_rating, :has_outcome, :q;
-- NULL for any), with their status, avg_rating, has_outcomes, topic_id and window_first
-- (their first event in the window). Needs :idle_before too.
-- On PostgreSQL the loads keep conversation_facts whole in every snapshot: the conversations
-- with a topic whose span meets the window are rows of the facts joined to their docs. Their
-- first event in the window is their first event when that is in the window; only the few
-- that began before the window probe events_conversation for it (and have none there when
-- they span the window without an event in it).
  -- @include text-matches
,
statused AS (
  SELECT f.conversation_id, d.topic_id, f.user_id,
         f.rating_sum / nullif(f.ratings, 0) AS avg_rating,
         f.has_outcome AS has_outcomes,
         CASE WHEN f.ended_at IS NOT NULL THEN 'ended'
              WHEN f.started_at IS NOT NULL AND f.last_ts < :idle_before THEN 'abandoned'
              ELSE 'open' END AS status,
         CASE WHEN f.first_ts >= :from THEN f.first_ts
              ELSE (SELECT min(e.ts) FROM events e
                    WHERE e.conversation_id = f.conversation_id AND e.ts >= :from AND e.ts < :to) END AS window_first
  FROM topic_docs d
  JOIN conversation_facts f ON f.conversation_id = d.conversation_id
  WHERE d.topic_id IS NOT NULL AND f.last_ts >= :from AND f.first_ts < :to
),
chosen AS MATERIALIZED (
  SELECT s.*
  FROM statused s
  WHERE s.window_first IS NOT NULL
    AND (CAST(:user_id AS VARCHAR) IS NULL OR s.user_id = CAST(:user_id AS VARCHAR))
    AND (CAST(:status AS VARCHAR) IS NULL OR s.status = CAST(:status AS VARCHAR))
    AND (CAST(:min_rating AS DOUBLE PRECISION) IS NULL OR s.avg_rating >= CAST(:min_rating AS DOUBLE PRECISION))
    AND (CAST(:has_outcome AS BOOLEAN) IS NULL OR s.has_outcomes = CAST(:has_outcome AS BOOLEAN))
    AND (CAST(:q AS VARCHAR) IS NULL OR s.conversation_id IN (SELECT conversation_id FROM matched))
)
