-- Topics (dev.parley.server.topics), as in the embedded store: what users ask about, derived
-- from the events by the one topic worker of the cluster (the server holding the topics
-- lease, PostgresTopics), behind the loaders. Erasure deletes a user's docs with their events.
-- One row per conversation the worker has read: its first user message embedded.
CREATE TABLE topic_docs (
  conversation_id  TEXT      PRIMARY KEY,
  embedding        BYTEA,               -- little-endian floats; NULL when the message has no text (hash, drop)
  topic_id         INTEGER,             -- its topic; NULL until topics exist
  embedded_at      TIMESTAMP NOT NULL
);
-- A topic's conversations (the topic filter of the conversation list, the topics' figures).
CREATE INDEX topic_docs_topic ON topic_docs (topic_id) WHERE topic_id IS NOT NULL;

-- The topics of the last computation. Labels and keywords are NULL while they are being
-- remade after an erasure; examples are conversationIds (their text is read from events).
CREATE TABLE topics (
  id           INTEGER   PRIMARY KEY,
  label        TEXT,
  keywords     VARCHAR[],
  centroid     BYTEA     NOT NULL,
  examples     VARCHAR[] NOT NULL,
  computed_at  TIMESTAMP NOT NULL
);

-- One row. scanned_seq is the embedded store's bookmark and stays 0 here (topic_pending says
-- what is left to read).
CREATE TABLE topics_state (
  scanned_seq      BIGINT    NOT NULL,
  next_id          INTEGER   NOT NULL,  -- the least topic id never used
  computed_at      TIMESTAMP,           -- when topics were last computed
  docs_at_compute  BIGINT    NOT NULL   -- how many conversations with text they were computed from
);
INSERT INTO topics_state VALUES (0, 1, NULL, 0);

-- The conversations whose first Message Sent the worker has still to read: each load adds
-- those of the Message Sent it stored that have no doc yet, in its own transaction; the
-- worker removes them once read, in its, oldest first. (Loaders commit seqs out of order, so
-- a bookmark of the last seq read, as the embedded store keeps, would skip some.) The
-- migration adds every conversation stored before it, in the order they began.
CREATE TABLE topic_pending (
  conversation_id  TEXT   PRIMARY KEY,
  added            BIGINT GENERATED ALWAYS AS IDENTITY  -- the worker reads the oldest first
);
CREATE INDEX topic_pending_added ON topic_pending (added);
