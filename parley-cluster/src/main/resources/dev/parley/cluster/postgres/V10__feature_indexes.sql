-- The models and attribution views read the window's features from indexes alone
-- (analytics/postgres/attribution.sql, usage-by-model.sql): the actions, media and components
-- now carry their conversation and type, the priced events their seq (to join the replies'
-- latencies). Same predicates as V8's, so the summary's queries keep using them.
DROP INDEX events_items;
CREATE INDEX events_items ON events (ts) INCLUDE (event, item_type, action, sub_type, conversation_id, type)
  WHERE event IN ('Action Invoked', 'Media Generated', 'Component Loaded');
DROP INDEX events_priced;
CREATE INDEX events_priced ON events (ts)
  INCLUDE (conversation_id, event, model, input_tokens, output_tokens, cost, seq)
  WHERE type = 'track' AND event IN ('Message Received', 'Action Invoked')
    AND (model IS NOT NULL OR input_tokens IS NOT NULL OR output_tokens IS NOT NULL OR cost IS NOT NULL);
