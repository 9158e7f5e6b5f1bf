package dev.parley.cluster.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/**
 * Keeps {@code conversation_facts} (V5) in PostgreSQL: one row per conversation, over its
 * whole history; and with them the response latencies ({@link PostgresLatencies}, V9), which
 * change with the same loads and deletes, and the people of each hour ({@link PostgresPeople},
 * V11). Unlike the embedded store, which folds behind its loads, every load merges
 * the events it stored in its own transaction, so the facts are always whole: a reader never
 * adds events not folded yet. Each column merges by least, greatest, sum or or, so a
 * conversation loaded in many batches, by several loaders, ends as if loaded at once.
 *
 * <p>The statements run on the caller's connection and transaction; the caller commits.
 */
public final class PostgresFacts {
  /** The columns of a facts row, from a set of events grouped by conversation. */
  static final String OF_EVENTS = "conversation_id, min(ts), max(ts),"
      + " min(ts) FILTER (WHERE event = 'Conversation Started'), min(ts) FILTER (WHERE event = 'Conversation Ended'),"
      + " min(user_id), min(anonymous_id),"
      + " count(*) FILTER (WHERE event IN ('Message Sent', 'Message Received')),"
      + " sum(rating) FILTER (WHERE event = 'Feedback Submitted'),"
      + " count(rating) FILTER (WHERE event = 'Feedback Submitted'),"
      + " coalesce(bool_or(parley_is_outcome(type, event)), false)";
  /**
   * Merges the events of the load ({@code inserted}) into the facts. Rows are written in
   * conversation order, so two loads that share conversations (a partition moving between
   * loaders mid-load) lock them in the same order and never deadlock.
   */
  private static final String MERGE_LOADED = "INSERT INTO conversation_facts AS f SELECT " + OF_EVENTS
      + " FROM inserted WHERE conversation_id IS NOT NULL"
      + " GROUP BY conversation_id ORDER BY conversation_id"
      + " ON CONFLICT (conversation_id) DO UPDATE SET first_ts = LEAST(f.first_ts, EXCLUDED.first_ts),"
      + " last_ts = GREATEST(f.last_ts, EXCLUDED.last_ts), started_at = LEAST(f.started_at, EXCLUDED.started_at),"
      + " ended_at = LEAST(f.ended_at, EXCLUDED.ended_at), user_id = LEAST(f.user_id, EXCLUDED.user_id),"
      + " anonymous_id = LEAST(f.anonymous_id, EXCLUDED.anonymous_id), messages = f.messages + EXCLUDED.messages,"
      + " rating_sum = CASE WHEN f.rating_sum IS NULL THEN EXCLUDED.rating_sum WHEN EXCLUDED.rating_sum IS NULL"
      + " THEN f.rating_sum ELSE f.rating_sum + EXCLUDED.rating_sum END, ratings = f.ratings + EXCLUDED.ratings,"
      + " has_outcome = f.has_outcome OR EXCLUDED.has_outcome";

  private PostgresFacts() {}

  /**
   * A query of one number: how many facts rows differ from what the events stored make (rows
   * missing, extra or different); 0 when the facts are whole. For checks after faults.
   */
  public static String driftQuery() {
    return "SELECT (" + factsDrift() + ") + (" + PostgresLatencies.driftQuery() + ") + (" + PostgresPeople.driftQuery()
        + ")";
  }

  private static String factsDrift() {
    String computed = "SELECT " + OF_EVENTS + " FROM events WHERE conversation_id IS NOT NULL GROUP BY conversation_id";
    return "SELECT count(*) FROM ((SELECT * FROM conversation_facts EXCEPT " + computed + ") UNION ALL ("
        + computed + " EXCEPT SELECT * FROM conversation_facts)) drift";
  }

  /** Merges the events the current load stored (the temporary table {@code inserted}) into the facts. */
  static void afterLoad(Statement st) throws SQLException {
    st.execute(MERGE_LOADED);
    PostgresLatencies.afterLoad(st); // after the merge, whose row locks order loads of one conversation
    PostgresPeople.afterLoad(st);
    PostgresTopics.afterLoad(st); // the conversations the topic worker has to read
  }

  /**
   * Computes every conversation's facts anew from the events (the migration that adds them;
   * the query benchmark's stores, copied in without a loader).
   */
  public static void rebuild(Statement st) throws SQLException {
    rebuildFacts(st);
    PostgresLatencies.rebuild(st);
    PostgresPeople.rebuild(st);
  }

  /** The facts alone anew (V5, older than the latencies' table). */
  static void rebuildFacts(Statement st) throws SQLException {
    st.execute("DELETE FROM conversation_facts");
    st.execute("INSERT INTO conversation_facts SELECT " + OF_EVENTS + " FROM events WHERE conversation_id IS NOT NULL"
        + " GROUP BY conversation_id");
  }

  /**
   * Recomputes the facts of {@code conversations} from the events left (after a delete): a
   * conversation with no event left loses its row.
   */
  static void recompute(Connection c, Collection<String> conversations) throws SQLException {
    if (conversations.isEmpty()) {
      return;
    }
    Array ids = c.createArrayOf("text", conversations.toArray());
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM conversation_facts WHERE conversation_id = ANY(?)");
        PreparedStatement insert = c.prepareStatement("INSERT INTO conversation_facts SELECT " + OF_EVENTS
            + " FROM events WHERE conversation_id = ANY(?) GROUP BY conversation_id")) {
      delete.setArray(1, ids);
      delete.executeUpdate();
      insert.setArray(1, ids);
      insert.executeUpdate();
    }
    PostgresLatencies.recompute(c, conversations);
  }
}
