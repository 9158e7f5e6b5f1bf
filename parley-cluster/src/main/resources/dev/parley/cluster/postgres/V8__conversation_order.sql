-- The conversation list walks the facts newest first, ties broken by conversation_id, and
-- resumes from a keyset cursor (last_ts, conversation_id): one index in that order serves
-- both, so a page reads as many rows as it shows (postgres/conversations-page.sql).
CREATE INDEX conversation_facts_order ON conversation_facts (last_ts, conversation_id);
DROP INDEX conversation_facts_last;
