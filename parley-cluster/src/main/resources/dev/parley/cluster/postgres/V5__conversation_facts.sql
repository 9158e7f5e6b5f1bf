-- Per conversation, over its whole history: what the summary, the conversation list and the
-- series read instead of grouping every event. Each load merges the events it stored into it,
-- in its own transaction (PostgresFacts); an erasure recomputes the conversations it touched.
-- This migration fills it from the events already stored. The same columns as the embedded
-- store's conversation_facts.

-- Whether an event is an outcome: a track event that is none of the spec's eight.
CREATE FUNCTION parley_is_outcome(type TEXT, event TEXT) RETURNS BOOLEAN
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN type = 'track' AND event IS NOT NULL AND event NOT IN ('Conversation Started', 'Message Sent',
    'Message Received', 'Conversation Ended', 'Action Invoked', 'Media Generated', 'Component Loaded',
    'Feedback Submitted');

CREATE TABLE conversation_facts (
  conversation_id TEXT PRIMARY KEY,
  first_ts        TIMESTAMP NOT NULL,
  last_ts         TIMESTAMP NOT NULL,
  started_at      TIMESTAMP,          -- first Conversation Started
  ended_at        TIMESTAMP,          -- first Conversation Ended
  user_id         TEXT,   -- least
  anonymous_id    TEXT,   -- least
  messages        BIGINT    NOT NULL, -- Message Sent and Message Received
  rating_sum      DOUBLE PRECISION,   -- of Feedback Submitted; NULL when none rated
  ratings         BIGINT    NOT NULL,
  has_outcome     BOOLEAN   NOT NULL
);
-- The conversation list's window and order.
CREATE INDEX conversation_facts_last ON conversation_facts (last_ts);
