-- A fragment of CTEs (included by summary-messages.sql, usage-by-model.sql and
-- timeseries-responseLatencyP50.sql): `measured` holds every Message Sent and Message
-- Received of [:from, :to) (with its seq, to join more of its columns) and, for each
-- Received, latency_ms: the time since the latest
-- earlier Message Sent of the same conversation (earlier in event time, arrival order
-- breaking ties), NULL when there is none. Needs :from, :to and :through.
-- Only the window's messages are sorted (one window function). A Received with no earlier
-- Sent in the window takes the latest Sent before the window: every event before :from is
-- earlier than every event in the window, so the two never disagree. Such an older Sent is
-- either folded into conversation_facts (seq <= :through), and then no older than the first
-- event of the conversations that need one, or it is among the few events after :through;
-- each search is bounded so, and the scan skips the rest of the store's history.
win AS (
  SELECT conversation_id, event, ts, seq
  FROM events
  WHERE event IN ('Message Sent', 'Message Received') AND ts >= :from AND ts < :to
    AND conversation_id IS NOT NULL
),
timeline AS MATERIALIZED (
  SELECT conversation_id, event, ts, seq,
         max(CASE WHEN event = 'Message Sent' THEN ts END) OVER (
           PARTITION BY conversation_id ORDER BY ts, seq
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS last_sent_in_window
  FROM win
),
needing AS (
  SELECT DISTINCT conversation_id FROM timeline
  WHERE event = 'Message Received' AND last_sent_in_window IS NULL
),
older_sent AS (
  SELECT conversation_id, ts
  FROM events
  WHERE event = 'Message Sent' AND ts < :from
    AND ts >= (SELECT min(first_ts) FROM conversation_facts
               WHERE conversation_id IN (SELECT conversation_id FROM needing))
    AND conversation_id IN (SELECT conversation_id FROM needing)
  UNION ALL
  SELECT conversation_id, ts
  FROM events
  WHERE event = 'Message Sent' AND ts < :from AND seq > :through
    AND conversation_id IN (SELECT conversation_id FROM needing)
),
prior AS (
  SELECT conversation_id, max(ts) AS prior_sent_ts FROM older_sent GROUP BY conversation_id
),
measured AS (
  SELECT t.event, t.ts, t.seq,
         CASE WHEN t.event = 'Message Received'
              THEN EXTRACT(EPOCH FROM t.ts - coalesce(t.last_sent_in_window, p.prior_sent_ts)) * 1000
         END AS latency_ms
  FROM timeline t
  LEFT JOIN prior p ON p.conversation_id = t.conversation_id
)
