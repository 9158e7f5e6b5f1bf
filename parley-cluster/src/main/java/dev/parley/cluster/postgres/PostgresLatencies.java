package dev.parley.cluster.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/**
 * Keeps {@code message_latencies} (V9): for each Message Received with a conversationId, the
 * milliseconds since the latest Message Sent before it in its conversation, in (ts, seq) order,
 * and its model (V12).
 * A latency depends on the events before it, which may arrive later: a load recomputes, in each
 * conversation whose messages it stored, every Received from its earliest new message on,
 * reading back to the latest Sent before that point. Run after {@link PostgresFacts}' merge in
 * the same transaction: the merge's row locks make a second load of the same conversation wait
 * for this one's commit, and then see its events.
 *
 * <p>The statements run on the caller's connection and transaction; the caller commits.
 */
final class PostgresLatencies {
  /** The latency of each Received of {@code e}, over its conversation's messages in order. */
  private static final String LATENCY = "EXTRACT(EPOCH FROM e.ts - max(CASE WHEN e.event = 'Message Sent' THEN e.ts END)"
      + " OVER (PARTITION BY e.conversation_id ORDER BY e.ts, e.seq"
      + " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) * 1000";
  private static final String MESSAGES = "e.event IN ('Message Sent', 'Message Received')";
  /** Every conversation's latencies, from all its events. */
  private static final String ALL = "SELECT seq, conversation_id, ts, latency, model FROM (SELECT e.seq,"
      + " e.conversation_id, e.ts, e.event, e.model, " + LATENCY + " AS latency FROM events e WHERE " + MESSAGES
      + " AND e.conversation_id IS NOT NULL) x WHERE event = 'Message Received'";
  private static final String COLUMNS = "(seq, conversation_id, ts, latency_ms, model)";

  private PostgresLatencies() {}

  /** Makes the load's staging table, once per connection (PostgresStore's). */
  static void prepare(Statement st) throws SQLException {
    st.execute("CREATE TEMP TABLE latency_touched (conversation_id TEXT PRIMARY KEY,"
        + " from_ts TIMESTAMP NOT NULL, back_to TIMESTAMP NOT NULL) ON COMMIT DELETE ROWS");
  }

  /** Recomputes the latencies the current load ({@code inserted}) changed. */
  static void afterLoad(Statement st) throws SQLException {
    // Per conversation: its earliest new message, and how far back the recompute reads (the
    // latest Sent before that, which the first recomputed Received may measure from).
    st.execute("INSERT INTO latency_touched SELECT t.conversation_id, t.from_ts, coalesce((SELECT max(p.ts) FROM events p"
        + " WHERE p.conversation_id = t.conversation_id AND p.event = 'Message Sent' AND p.ts < t.from_ts), t.from_ts)"
        + " FROM (SELECT e.conversation_id, min(e.ts) AS from_ts FROM inserted e"
        + " WHERE " + MESSAGES + " AND e.conversation_id IS NOT NULL"
        + " GROUP BY e.conversation_id) t");
    // The conversations as an array too, which the planner reads through the index whatever it
    // guesses of the temporary table's size (by the join alone it read every latency).
    st.execute("DELETE FROM message_latencies m USING latency_touched t"
        + " WHERE m.conversation_id = t.conversation_id AND m.ts >= t.from_ts"
        + " AND m.conversation_id = ANY(ARRAY(SELECT conversation_id FROM latency_touched))");
    // Each conversation's messages read through its index (a lateral join), whatever the planner
    // thinks of the events table's size: a hash join read every event of a young store.
    st.execute("INSERT INTO message_latencies " + COLUMNS
        + " SELECT x.seq, t.conversation_id, x.ts, x.latency, x.model FROM latency_touched t CROSS JOIN LATERAL"
        + " (SELECT e.seq, e.ts, e.event, e.model, " + LATENCY + " AS latency FROM events e"
        + " WHERE e.conversation_id = t.conversation_id AND e.ts >= t.back_to AND " + MESSAGES + ") x"
        + " WHERE x.event = 'Message Received' AND x.ts >= t.from_ts");
  }

  /** Every latency anew, with its model (V12, which adds the model; the query benchmark's stores). */
  static void rebuild(Statement st) throws SQLException {
    st.execute("DELETE FROM message_latencies");
    st.execute("INSERT INTO message_latencies " + COLUMNS + " " + ALL);
  }

  /** Every latency anew as V9 keeps them, before V12 added each reply's model (that migration). */
  static void rebuildWithoutModels(Statement st) throws SQLException {
    st.execute("DELETE FROM message_latencies");
    st.execute("INSERT INTO message_latencies (seq, conversation_id, ts, latency_ms)"
        + " SELECT seq, conversation_id, ts, latency FROM (" + ALL + ") a");
  }

  /** Recomputes the latencies of {@code conversations} from the events left (after a delete). */
  static void recompute(Connection c, Collection<String> conversations) throws SQLException {
    if (conversations.isEmpty()) {
      return;
    }
    Array ids = c.createArrayOf("text", conversations.toArray());
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM message_latencies WHERE conversation_id = ANY(?)");
        PreparedStatement insert = c.prepareStatement("INSERT INTO message_latencies " + COLUMNS
            + " SELECT seq, conversation_id, ts, latency, model FROM (SELECT e.seq, e.conversation_id, e.ts,"
            + " e.event, e.model, " + LATENCY + " AS latency FROM events e WHERE " + MESSAGES
            + " AND e.conversation_id = ANY(?)) x WHERE event = 'Message Received'")) {
      delete.setArray(1, ids);
      delete.executeUpdate();
      insert.setArray(1, ids);
      insert.executeUpdate();
    }
  }

  /** How many latency rows differ from what the events stored make; 0 when they agree. */
  static String driftQuery() {
    String computed = "SELECT seq, conversation_id, ts, CAST(latency AS DOUBLE PRECISION), model FROM (" + ALL + ") a";
    String kept = "SELECT seq, conversation_id, ts, latency_ms, model FROM message_latencies";
    return "SELECT count(*) FROM ((" + kept + " EXCEPT " + computed + ") UNION ALL (" + computed + " EXCEPT " + kept
        + ")) drift";
  }
}
