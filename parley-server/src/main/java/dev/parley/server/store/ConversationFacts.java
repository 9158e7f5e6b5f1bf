package dev.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps {@code conversation_facts}, each conversation's first and last event and whether it
 * started and ended, over its whole history. Without it the summary groups every stored
 * event of every conversation in its window; with it, only the events after
 * {@code conversation_facts_state.through_seq}.
 *
 * <p>A fold reads the events after {@code through_seq} (at most a slice of them, so the
 * writer never stalls long), merges them into the rows of their conversations and advances
 * {@code through_seq}. Readers add the events not folded yet, so a fold changes the cost of
 * a question, never its answer. Deleting events resets the table (an erased first event
 * would leave a wrong first_ts); folds rebuild it.
 *
 * <p>The statements run on the caller's connection and transaction; the caller commits.
 */
public final class ConversationFacts {
  private static final String TEMP_TABLE = "CREATE TEMP TABLE IF NOT EXISTS fold_rows (conversation_id VARCHAR,"
      + " first_ts TIMESTAMP, last_ts TIMESTAMP, started BOOLEAN, ended BOOLEAN)";
  private static final String NEW_EVENTS = "INSERT INTO fold_rows SELECT conversation_id, min(ts), max(ts),"
      + " bool_or(event = 'Conversation Started'), bool_or(event = 'Conversation Ended')"
      + " FROM events WHERE seq > ? AND seq <= ? AND conversation_id IS NOT NULL GROUP BY conversation_id";
  private static final String OLD_FACTS = "INSERT INTO fold_rows SELECT * FROM conversation_facts"
      + " WHERE conversation_id IN (SELECT conversation_id FROM fold_rows)";
  private static final String DROP_OLD = "DELETE FROM conversation_facts"
      + " WHERE conversation_id IN (SELECT conversation_id FROM fold_rows)";
  private static final String MERGED = "INSERT INTO conversation_facts SELECT conversation_id, min(first_ts),"
      + " max(last_ts), bool_or(started), bool_or(ended) FROM fold_rows GROUP BY conversation_id";

  private ConversationFacts() {}

  /** The last seq folded in: every event up to it is in {@code conversation_facts}. */
  public static long throughSeq(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT max(through_seq) FROM conversation_facts_state")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Folds the events after {@code through_seq} and up to {@code lastSeq} (the last seq
   * assigned), at most {@code maxEvents} seqs of them, into the facts.
   *
   * @return the new {@code through_seq}
   */
  public static long fold(Connection c, long lastSeq, long maxEvents) throws SQLException {
    if (maxEvents <= 0) {
      throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
    }
    long through = throughSeq(c);
    long upTo = Math.min(lastSeq, through + maxEvents);
    if (upTo <= through) {
      return through;
    }
    try (Statement st = c.createStatement()) {
      st.execute(TEMP_TABLE);
      st.execute("DELETE FROM fold_rows");
      try (PreparedStatement select = c.prepareStatement(NEW_EVENTS)) {
        select.setLong(1, through);
        select.setLong(2, upTo);
        select.executeUpdate();
      }
      st.execute(OLD_FACTS);
      st.execute(DROP_OLD);
      st.execute(MERGED);
      st.execute("DELETE FROM fold_rows");
      try (PreparedStatement state = c.prepareStatement("UPDATE conversation_facts_state SET through_seq = ?")) {
        state.setLong(1, upTo);
        state.executeUpdate();
      }
    }
    return upTo;
  }

  /** Empties the facts, so that the next folds rebuild them from the events left. */
  public static void reset(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("DELETE FROM conversation_facts");
      st.execute("UPDATE conversation_facts_state SET through_seq = 0");
    }
  }
}
