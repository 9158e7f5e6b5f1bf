-- Erasure in cluster mode: every load checks each event's ids against the suppression list,
-- and collectors follow the list; both look ids up. Alias previous ids are looked up by
-- erasure's walk of linked ids.
CREATE INDEX suppressions_id ON suppressions (id);
CREATE INDEX events_previous ON events (previous_id) WHERE previous_id IS NOT NULL;
