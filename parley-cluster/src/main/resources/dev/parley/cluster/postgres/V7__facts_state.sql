-- The analytics ask how far the conversation facts are folded (conversation_facts_state, as
-- in the embedded store, which folds behind its loads) and add the events after that point.
-- Here each load keeps the facts in its own transaction, so they always cover every event a
-- reader's snapshot sees: the point is the last event stored.
CREATE VIEW conversation_facts_state AS SELECT coalesce(max(seq), 0) AS through_seq FROM events;
