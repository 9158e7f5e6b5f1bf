-- Parley's store, PostgreSQL dialect, version 1: the events, their violations, the
-- suppression list and how far each partition of the ingest topic is loaded. The columns
-- mirror duckdb-schema.sql (the embedded store); text is TEXT, times are UTC TIMESTAMP.

CREATE SEQUENCE event_seq;

-- One row per stored message. Dedupe key: (source, message_id), permanent.
CREATE TABLE events (
  seq              BIGINT    PRIMARY KEY,   -- load order; unique
  source           TEXT      NOT NULL,
  message_id       TEXT      NOT NULL,
  type             TEXT      NOT NULL,
  event            TEXT,
  user_id          TEXT,
  anonymous_id     TEXT,
  previous_id      TEXT,
  conversation_id  TEXT,
  chat_message_id  TEXT,
  role             TEXT,
  message_body     TEXT,
  item_type        TEXT,
  action           TEXT,
  sub_type         TEXT,
  rating           DOUBLE PRECISION,
  message_count    BIGINT,
  ts               TIMESTAMP NOT NULL,
  original_ts      TIMESTAMP,
  sent_at          TIMESTAMP,
  received_at      TIMESTAMP NOT NULL,
  violation_count  INTEGER   NOT NULL,
  body             TEXT      NOT NULL,
  UNIQUE (source, message_id)
);
-- The read paths: a window of time, one conversation in order, one user's events (erasure).
CREATE INDEX events_ts ON events (ts);
CREATE INDEX events_conversation ON events (conversation_id, ts);
CREATE INDEX events_user ON events (user_id);
CREATE INDEX events_anonymous ON events (anonymous_id);

-- One row per violation of a stored (or, in block mode, refused) message.
CREATE TABLE violations (
  event_seq    BIGINT,                      -- events.seq; NULL when the message was refused
  source       TEXT      NOT NULL,
  message_id   TEXT      NOT NULL,
  event        TEXT      NOT NULL,
  path         TEXT      NOT NULL,
  code         TEXT      NOT NULL,
  message      TEXT      NOT NULL,
  received_at  TIMESTAMP NOT NULL,
  refused      BOOLEAN   NOT NULL,
  user_id      TEXT,
  anonymous_id TEXT
);
CREATE INDEX violations_received ON violations (received_at);

-- Erased users and the ids linked to them: their later events are dropped.
CREATE TABLE suppressions (
  id             TEXT      NOT NULL,
  kind           TEXT      NOT NULL,
  erased_user    TEXT      NOT NULL,
  suppressed_at  TIMESTAMP NOT NULL
);

-- The next offset to load of each partition of the ingest topic, written in the same
-- transaction as the events loaded from it: each record is loaded exactly once.
CREATE TABLE log_offsets (
  topic        TEXT    NOT NULL,
  partition    INTEGER NOT NULL,
  next_offset  BIGINT  NOT NULL,
  PRIMARY KEY (topic, partition)
);
