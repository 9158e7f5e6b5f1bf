package dev.parley.server.store;

import dev.parley.spec.SpecEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Keeps {@code conversation_facts}: per conversation, over its whole history, its first and
 * last event, first Started and Ended, least user and anonymous ids, message count, ratings
 * and whether it reached an outcome. Without it the summary, the conversation list and some
 * series group every stored event of every conversation in their window; with it, only the
 * events after {@code conversation_facts_state.through_seq}.
 *
 * <p>A fold reads the events after {@code through_seq} (at most a slice of them, so the
 * writer never stalls long), merges them into the rows of their conversations and advances
 * {@code through_seq}. Every column merges by min, max, sum or or, so readers can add the
 * events not folded yet the same way: a fold changes the cost of a question, never its
 * answer. Deleting events recomputes the rows of the conversations they belonged to from the
 * events left ({@link #beforeDelete}, {@link #afterDelete}): an erased first event would
 * otherwise leave a wrong first_ts.
 *
 * <p>The statements run on the caller's connection and transaction; the caller commits.
 */
public final class ConversationFacts {
  /** The table's columns in order; a table with others is from an older version. */
  static final List<String> COLUMNS = List.of("conversation_id", "first_ts", "last_ts", "started_at", "ended_at",
      "user_id", "anonymous_id", "messages", "rating_sum", "ratings", "has_outcome");
  private static final String SPEC_EVENTS = Arrays.stream(SpecEvent.values())
      .map(e -> "'" + e.eventName().replace("'", "''") + "'").collect(Collectors.joining(", "));
  private static final String TEMP_TABLE =
      "CREATE TEMP TABLE IF NOT EXISTS fold_rows AS SELECT * FROM conversation_facts LIMIT 0";
  private static final String NEW_EVENTS = "INSERT INTO fold_rows SELECT conversation_id, min(ts), max(ts),"
      + " min(ts) FILTER (WHERE event = 'Conversation Started'), min(ts) FILTER (WHERE event = 'Conversation Ended'),"
      + " min(user_id), min(anonymous_id),"
      + " count(*) FILTER (WHERE event IN ('Message Sent', 'Message Received')),"
      + " sum(rating) FILTER (WHERE event = 'Feedback Submitted'),"
      + " count(rating) FILTER (WHERE event = 'Feedback Submitted'),"
      + " bool_or(type = 'track' AND event NOT IN (" + SPEC_EVENTS + "))"
      + " FROM events WHERE seq > ? AND seq <= ? AND conversation_id IS NOT NULL GROUP BY conversation_id";
  private static final String OLD_FACTS = "INSERT INTO fold_rows SELECT * FROM conversation_facts"
      + " WHERE conversation_id IN (SELECT conversation_id FROM fold_rows)";
  private static final String DROP_OLD = "DELETE FROM conversation_facts"
      + " WHERE conversation_id IN (SELECT conversation_id FROM fold_rows)";
  private static final String MERGED = "INSERT INTO conversation_facts SELECT conversation_id, min(first_ts),"
      + " max(last_ts), min(started_at), min(ended_at), min(user_id), min(anonymous_id), sum(messages),"
      + " sum(rating_sum), sum(ratings), bool_or(has_outcome) FROM fold_rows GROUP BY conversation_id";

  private ConversationFacts() {}

  /** The last seq folded in: every event up to it is in {@code conversation_facts}. */
  public static long throughSeq(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT max(through_seq) FROM conversation_facts_state")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Whether the store has the facts table, with this version's columns. */
  public static boolean current(Connection c) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT column_name FROM duckdb_columns()"
        + " WHERE table_name = 'conversation_facts' AND database_name = current_database() AND schema_name = 'main'"
        + " ORDER BY column_index")) {
      while (rs.next()) {
        columns.add(rs.getString(1));
      }
    }
    return columns.equals(COLUMNS);
  }

  /**
   * Drops a facts table of an older version (other columns) and marks nothing as folded, so
   * the schema makes it anew and folds fill it. Runs at open, before the schema.
   */
  public static void dropIfOutdated(Connection c) throws SQLException {
    if (current(c)) {
      return;
    }
    try (Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS conversation_facts");
      try (ResultSet rs = st.executeQuery(
          "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'conversation_facts_state'"
              + " AND database_name = current_database() AND schema_name = 'main'")) {
        rs.next();
        if (rs.getLong(1) > 0) {
          st.execute("UPDATE conversation_facts_state SET through_seq = 0");
        }
      }
    }
  }

  /**
   * Empty temporary stand-ins for the facts, for a read-only store written before this
   * version's facts: every event counts as not folded, so answers stay exact.
   */
  public static List<String> standIns() {
    return List.of("CREATE TEMP TABLE conversation_facts (conversation_id VARCHAR, first_ts TIMESTAMP,"
            + " last_ts TIMESTAMP, started_at TIMESTAMP, ended_at TIMESTAMP, user_id VARCHAR, anonymous_id VARCHAR,"
            + " messages BIGINT, rating_sum DOUBLE, ratings BIGINT, has_outcome BOOLEAN)",
        "CREATE TEMP TABLE conversation_facts_state AS SELECT 0::BIGINT AS through_seq");
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
      try (PreparedStatement state = c.prepareStatement("UPDATE conversation_facts_state SET through_seq = ?,"
          + " folded_events = folded_events + (SELECT count(*) FROM events WHERE seq > ? AND seq <= ?)")) {
        state.setLong(1, upTo);
        state.setLong(2, through);
        state.setLong(3, upTo);
        state.executeUpdate();
      }
    }
    return upTo;
  }

  /**
   * Notes, before a delete, the conversations of the events that {@code where} (a condition on
   * {@code events}, its parameters bound by {@code bind}) selects, and how many of those events
   * are folded. Pass the result to {@link #afterDelete} once the events are deleted, in the
   * same transaction.
   */
  static long beforeDelete(Connection c, String where, SqlBinder bind) throws SQLException {
    long through = throughSeq(c);
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TEMP TABLE IF NOT EXISTS affected_conversations (conversation_id VARCHAR)");
      st.execute("DELETE FROM affected_conversations");
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO affected_conversations SELECT DISTINCT conversation_id"
        + " FROM events WHERE conversation_id IS NOT NULL AND seq <= " + through + " AND (" + where + ")")) {
      bind.bind(st);
      st.executeUpdate();
    }
    try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM events WHERE seq <= " + through
        + " AND (" + where + ")")) {
      bind.bind(st);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Recomputes, from the events left up to {@code through_seq}, the rows of the conversations
   * {@link #beforeDelete} noted, and takes the deleted folded events off the state's count.
   * Every other conversation's row and the fold point stay as they were.
   */
  static void afterDelete(Connection c, long deletedFolded) throws SQLException {
    long through = throughSeq(c);
    try (Statement st = c.createStatement()) {
      st.execute("DELETE FROM conversation_facts WHERE conversation_id IN (SELECT conversation_id FROM"
          + " affected_conversations)");
      st.execute(NEW_EVENTS.replace("INSERT INTO fold_rows", "INSERT INTO conversation_facts")
          .replace("WHERE seq > ? AND seq <= ?", "WHERE seq > 0 AND seq <= " + through
              + " AND conversation_id IN (SELECT conversation_id FROM affected_conversations)"));
      st.execute("DELETE FROM affected_conversations");
      st.execute("UPDATE conversation_facts_state SET folded_events = folded_events - " + deletedFolded);
    }
  }

  /** Binds the parameters of a condition given to {@link #beforeDelete}. */
  @FunctionalInterface
  interface SqlBinder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Empties the facts, so that the next folds rebuild them from the events left. */
  public static void reset(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("DELETE FROM conversation_facts");
      st.execute("UPDATE conversation_facts_state SET through_seq = 0, folded_events = 0");
    }
  }

  /**
   * Whether the store no longer holds the events the facts were folded from (as many events
   * with seq up to {@code through_seq}): software that deletes or adds events without
   * resetting the facts (an older version, a hand-made edit) leaves them wrong. Also true
   * when the state does not record that number (a file from before it did).
   */
  public static boolean stale(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_columns() WHERE table_name ="
          + " 'conversation_facts_state' AND column_name = 'folded_events' AND database_name = current_database()")) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return true;
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT s.folded_events,"
          + " (SELECT count(*) FROM events WHERE seq <= s.through_seq) FROM conversation_facts_state s")) {
        return rs.next() && rs.getLong(1) != rs.getLong(2);
      }
    }
  }

  /** Resets the facts when they are {@link #stale}; runs at open, after the schema. */
  public static void resetIfStale(Connection c) throws SQLException {
    if (stale(c)) {
      reset(c);
    }
  }
}
