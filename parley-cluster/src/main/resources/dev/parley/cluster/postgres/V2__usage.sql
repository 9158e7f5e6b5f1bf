-- Version 2: what a reply or a tool call used and cost (Parley's extensions of Message
-- Received and Action Invoked), as in the embedded store.
ALTER TABLE events
  ADD COLUMN model TEXT,
  ADD COLUMN input_tokens BIGINT,
  ADD COLUMN output_tokens BIGINT,
  ADD COLUMN cost DOUBLE PRECISION;
