-- Read paths that the loads keep. The people of a window (summary-users.sql) are the distinct
-- (userId, anonymousId) pairs of its events; a window of days holds millions of events but a
-- few hundred thousand such pairs per hour at most. Each load adds the (hour, userId,
-- anonymousId) of the events it stored, in its own transaction; erasure and retention remove
-- the rows that no stored event makes any more (PostgresPeople). The summary reads the
-- window's whole hours here and only its partial first and last hours from events.
-- NULLS NOT DISTINCT (PostgreSQL 15): an event with only one of the two ids is one row too.
CREATE TABLE people_hours (
  hour         TIMESTAMP NOT NULL,
  user_id      TEXT,
  anonymous_id TEXT,
  CONSTRAINT people_hours_key UNIQUE NULLS NOT DISTINCT (hour, user_id, anonymous_id)
);
