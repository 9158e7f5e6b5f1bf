-- Indexes that let the read API answer from a few rows instead of every event of the window
-- (docs/BENCHMARKS.md, "Query": PostgreSQL against DuckDB).

-- The conversation list walks the facts newest first, ties broken by conversation_id, and
-- resumes from a keyset cursor (last_ts, conversation_id): one index in that order serves
-- both, so a page reads as many rows as it shows (postgres/conversations-page.sql). Its
-- included columns let the summary count the window's conversations from the index alone
-- (postgres/summary-conversations.sql).
CREATE INDEX conversation_facts_order ON conversation_facts (last_ts, conversation_id)
  INCLUDE (first_ts, started_at, ended_at, messages, has_outcome);
DROP INDEX conversation_facts_last;

-- Partial, covering indexes for the summary's counts of a kind of event in a window: each holds
-- only that kind's events, with the columns its query reads (index-only scans). Their
-- predicates are the queries' own WHERE clauses, which is what lets the planner choose them;
-- the outcome predicate lists the spec's eight events in SpecEvent's order, as the queries
-- bind them (PostgresReadIndexesTest checks every one is used).
CREATE INDEX events_feedback ON events (ts) INCLUDE (rating, chat_message_id)
  WHERE event = 'Feedback Submitted' AND rating IS NOT NULL;
CREATE INDEX events_items ON events (ts) INCLUDE (event, item_type, action, sub_type)
  WHERE event IN ('Action Invoked', 'Media Generated', 'Component Loaded');
CREATE INDEX events_outcomes ON events (ts) INCLUDE (event, conversation_id)
  WHERE type = 'track' AND conversation_id IS NOT NULL AND event IS NOT NULL
    AND event NOT IN ('Conversation Started', 'Message Sent', 'Message Received', 'Conversation Ended',
                      'Action Invoked', 'Media Generated', 'Component Loaded', 'Feedback Submitted');
CREATE INDEX events_priced ON events (ts) INCLUDE (conversation_id, event, model, input_tokens, output_tokens, cost)
  WHERE type = 'track' AND event IN ('Message Received', 'Action Invoked')
    AND (model IS NOT NULL OR input_tokens IS NOT NULL OR output_tokens IS NOT NULL OR cost IS NOT NULL);
