-- Parley's store, DuckDB dialect. This schema is the contract between ingest (which
-- writes it) and analytics (which reads it). Timestamps are UTC, as TIMESTAMP.
-- A PostgreSQL version sits beside it (postgres-schema.sql) when that store exists.

CREATE SEQUENCE IF NOT EXISTS event_seq START 1;

-- One row per stored message (any type). Dedupe key: (source, message_id).
CREATE TABLE IF NOT EXISTS events (
  seq              BIGINT    NOT NULL,  -- arrival order, assigned by the writer; unique
  source           VARCHAR   NOT NULL,  -- the write key's id (a source); never the key itself
  message_id       VARCHAR   NOT NULL,  -- the envelope messageId (event id), made when absent
  type             VARCHAR   NOT NULL,  -- track | identify | page | screen | group | alias
  event            VARCHAR,             -- track: the event name as sent
  user_id          VARCHAR,
  anonymous_id     VARCHAR,
  previous_id      VARCHAR,             -- alias: the previous id
  conversation_id  VARCHAR,             -- properties.conversationId (when a string)
  chat_message_id  VARCHAR,             -- properties.messageId: the chat message, not the event
  role             VARCHAR,             -- properties.role, or the spec default for the event
  message_body     VARCHAR,             -- properties.message_body
  item_type        VARCHAR,             -- properties.type (Action Invoked, Media Generated, Component Loaded)
  action           VARCHAR,             -- properties.action (Action Invoked)
  sub_type         VARCHAR,             -- properties.sub_type (Media Generated)
  rating           DOUBLE,              -- properties.rating (Feedback Submitted), when a number
  message_count    BIGINT,              -- properties.message_count (Conversation Ended), when an integer
  ts               TIMESTAMP NOT NULL,  -- event time, corrected for client clock skew
  original_ts      TIMESTAMP,           -- the timestamp as the client sent it
  sent_at          TIMESTAMP,
  received_at      TIMESTAMP NOT NULL,
  violation_count  INTEGER   NOT NULL,
  body             VARCHAR   NOT NULL   -- the whole normalised message as JSON
);

-- One row per violation of a stored (or, in block mode, refused) message.
CREATE TABLE IF NOT EXISTS violations (
  event_seq    BIGINT,                  -- events.seq; NULL when the message was refused (block mode)
  source       VARCHAR   NOT NULL,
  message_id   VARCHAR   NOT NULL,
  event        VARCHAR   NOT NULL,      -- event name, or the message type
  path         VARCHAR   NOT NULL,
  code         VARCHAR   NOT NULL,
  message      VARCHAR   NOT NULL,
  received_at  TIMESTAMP NOT NULL,
  refused      BOOLEAN   NOT NULL
);

-- Who sent the message a violation is about, so that erasing a user removes these rows too
-- (refused messages have no events row to join). Added after the first release: ALTER keeps
-- older files working.
ALTER TABLE violations ADD COLUMN IF NOT EXISTS user_id VARCHAR;
ALTER TABLE violations ADD COLUMN IF NOT EXISTS anonymous_id VARCHAR;

-- Erased users and the ids linked to them (transitively, see ErasureSql): later messages naming
-- one as userId, anonymousId or previousId are acknowledged and discarded (Segment's "delete
-- and suppress").
CREATE TABLE IF NOT EXISTS suppressions (
  id             VARCHAR   NOT NULL,    -- a userId, anonymousId or alias previousId
  kind           VARCHAR   NOT NULL,    -- userId | anonymousId | previousId: the field it was found in
  erased_user    VARCHAR   NOT NULL,    -- the userId whose erasure suppressed it
  suppressed_at  TIMESTAMP NOT NULL
);

-- Each conversation's facts over its whole history, folded in by the writer from the events
-- up to conversation_facts_state.through_seq. Derived from events, never the only copy of
-- anything: readers combine it with the events after through_seq, so a fold changes no
-- answer, only its cost; deleting events resets it. A store whose table has other columns
-- (an older version) drops it at open and folds again (ConversationFacts.dropIfOutdated).
CREATE TABLE IF NOT EXISTS conversation_facts (
  conversation_id  VARCHAR   NOT NULL,  -- one row per conversation
  first_ts         TIMESTAMP NOT NULL,  -- its first event
  last_ts          TIMESTAMP NOT NULL,  -- its last event
  started_at       TIMESTAMP,           -- its first Conversation Started
  ended_at         TIMESTAMP,           -- its first Conversation Ended
  user_id          VARCHAR,             -- the least userId of its events
  anonymous_id     VARCHAR,             -- the least anonymousId of its events
  messages         BIGINT    NOT NULL,  -- its Message Sent and Message Received
  rating_sum       DOUBLE,              -- the sum of its Feedback Submitted ratings
  ratings          BIGINT    NOT NULL,  -- how many ratings
  has_outcome      BOOLEAN              -- whether a track event outside the spec carries it
);
CREATE TABLE IF NOT EXISTS conversation_facts_state (
  through_seq  BIGINT NOT NULL          -- every event with seq <= this is in conversation_facts
);
-- How many events (with seq <= through_seq) the facts were folded from: at open, a store
-- holding another number (events deleted or added below through_seq by other software, such
-- as an older version) has its facts reset.
ALTER TABLE conversation_facts_state ADD COLUMN IF NOT EXISTS folded_events BIGINT DEFAULT 0;
INSERT INTO conversation_facts_state SELECT 0, 0 WHERE NOT EXISTS (SELECT 1 FROM conversation_facts_state);

-- How far the store has loaded the ingest log: the position after the last record whose
-- events are stored. Written in the same transaction as those events (exactly once).
CREATE TABLE IF NOT EXISTS log_position (
  position  BIGINT NOT NULL             -- one row
);
INSERT INTO log_position SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM log_position);

-- What the file owes a compaction (DuckDbCompaction): the deletes of erasure and retention
-- update it in their own transactions, so a crash before the rewrite leaves it recorded and
-- the next open rewrites the file before the store is used. Reset by the rewritten file.
CREATE TABLE IF NOT EXISTS compaction_owed (
  erased       BOOLEAN NOT NULL,        -- an erasure deleted rows: rewrite whatever their share
  dead_events  BIGINT  NOT NULL         -- events deleted by retention since the last rewrite
);
INSERT INTO compaction_owed SELECT false, 0 WHERE NOT EXISTS (SELECT 1 FROM compaction_owed);

-- What a reply or a tool call used and cost: Parley's extensions of Message Received and
-- Action Invoked (model, input_tokens, output_tokens, cost), NULL where not sent or not
-- countable (a wrong type, a negative number). Added after the first release; events stored
-- before are filled in from their bodies once (DuckDbSchema).
ALTER TABLE events ADD COLUMN IF NOT EXISTS model VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS input_tokens BIGINT;
ALTER TABLE events ADD COLUMN IF NOT EXISTS output_tokens BIGINT;
ALTER TABLE events ADD COLUMN IF NOT EXISTS cost DOUBLE;

-- The one-time upgrades of stored data that this file's statements cannot say idempotently.
CREATE TABLE IF NOT EXISTS store_upgrades (
  name  VARCHAR NOT NULL                -- such as 'usage-columns'
);

-- Topics (dev.parley.server.topics): what users ask about. Derived from events by the topic
-- worker, behind the loader; erasure deletes a user's rows here with their events.
-- One row per conversation the worker has read: its first user message embedded.
CREATE TABLE IF NOT EXISTS topic_docs (
  conversation_id  VARCHAR   NOT NULL,
  embedding        BLOB,                -- little-endian floats; NULL when the message has no text (hash, drop)
  topic_id         INTEGER,             -- its topic; NULL until topics exist
  embedded_at      TIMESTAMP NOT NULL
);
-- The topics of the last computation. Labels and keywords are NULL while they are being
-- remade after an erasure; examples are conversationIds (their text is read from events).
CREATE TABLE IF NOT EXISTS topics (
  id           INTEGER   NOT NULL,
  label        VARCHAR,
  keywords     VARCHAR[],
  centroid     BLOB      NOT NULL,
  examples     VARCHAR[] NOT NULL,
  computed_at  TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS topics_state (
  scanned_seq      BIGINT    NOT NULL,  -- events with seq <= this have been read for first messages
  next_id          INTEGER   NOT NULL,  -- the least topic id never used
  computed_at      TIMESTAMP,           -- when topics were last computed
  docs_at_compute  BIGINT    NOT NULL   -- how many conversations with text they were computed from
);
INSERT INTO topics_state SELECT 0, 1, NULL, 0 WHERE NOT EXISTS (SELECT 1 FROM topics_state);
