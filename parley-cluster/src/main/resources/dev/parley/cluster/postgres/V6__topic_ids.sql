-- Which incarnation of the topic the offsets are of: Kafka's id of the topic. A topic deleted
-- and made again under the same name starts its offsets at 0 again; offsets kept for the old
-- one must not be sought to in the new one (its first records would never be loaded). NULL
-- for offsets loaded before this version, taken as the topic's current one.
ALTER TABLE log_offsets ADD COLUMN topic_id TEXT;
