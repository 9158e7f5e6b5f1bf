-- The keys document the collectors share (the JSON of an embedded server's keys.json: the
-- sources with their write keys' SHA-256, the admin token, the hash key of content hash mode).
-- One row; changed only by a read-modify-write under the row's lock.
CREATE TABLE parley_keys (
  id SMALLINT PRIMARY KEY CHECK (id = 1),
  document BYTEA NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
