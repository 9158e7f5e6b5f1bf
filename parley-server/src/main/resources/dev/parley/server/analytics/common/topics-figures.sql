-- Each topic's conversations (topics-chosen.sql, each store's own) per :bucket ('day' or
-- 'week', weeks from Monday in both stores) of their first event in the window: how many, how
-- many converted (an outcome), were abandoned, and the sum and count of their average ratings.
-- Summed per topic by TopicQueries.
WITH
  -- @include topics-chosen
SELECT topic_id,
       date_trunc(CAST(:bucket AS VARCHAR), window_first) AS bucket,
       count(*) AS conversations,
       count(*) FILTER (WHERE has_outcomes) AS converted,
       count(*) FILTER (WHERE status = 'abandoned') AS abandoned,
       sum(avg_rating) AS rating_sum,
       count(avg_rating) AS rated
FROM chosen
GROUP BY topic_id, bucket
ORDER BY topic_id, bucket
