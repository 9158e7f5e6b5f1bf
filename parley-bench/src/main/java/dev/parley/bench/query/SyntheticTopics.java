package dev.parley.bench.query;

import dev.parley.server.analytics.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Topics for a synthetic store without running the model over millions of first messages:
 * every conversation with a Message Sent goes in one of {@link #TOPICS} topics by its number
 * ({@code c123} in topic 123 % 20 + 1), each topic named and with three examples, as the
 * topic worker would leave them. The same rows in DuckDB and in PostgreSQL, so the topics'
 * reads are measured on both over the same data.
 */
final class SyntheticTopics {
  static final int TOPICS = 20;

  private SyntheticTopics() {}

  /** Fills the topic tables of {@code c} when they are empty; returns what it did, and how long it took. */
  static String ensure(Connection c, Dialect dialect) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM topics")) {
      rs.next();
      if (rs.getLong(1) > 0) {
        return dialect + ": topics already there";
      }
    }
    long started = System.nanoTime();
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      long docs;
      try (Statement st = c.createStatement()) {
        st.execute("DELETE FROM topic_docs");
        docs = st.executeUpdate("INSERT INTO topic_docs (conversation_id, embedding, topic_id, embedded_at)"
            + " SELECT conversation_id, NULL, CAST(CAST(substr(conversation_id, 2) AS BIGINT) % " + TOPICS + " + 1"
            + " AS INTEGER), TIMESTAMP '2026-11-24 00:00:00'"
            + " FROM (SELECT DISTINCT conversation_id FROM events WHERE event = 'Message Sent'"
            + " AND conversation_id IS NOT NULL) s");
      }
      String varchar = dialect == Dialect.POSTGRES ? "varchar" : "VARCHAR";
      try (PreparedStatement st = c.prepareStatement("INSERT INTO topics (id, label, keywords, centroid, examples,"
          + " computed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int id = 1; id <= TOPICS; id++) {
          st.setInt(1, id);
          st.setString(2, "topic " + id);
          st.setObject(3, c.createArrayOf(varchar, new Object[] {"word" + id, "other" + id}));
          st.setBytes(4, new byte[384 * Float.BYTES]);
          st.setObject(5, c.createArrayOf(varchar, new Object[] {"c" + (id - 1), "c" + (id - 1 + TOPICS),
              "c" + (id - 1 + 2 * TOPICS)}));
          st.setObject(6, LocalDateTime.ofInstant(SyntheticStore.NOW, ZoneOffset.UTC));
          st.addBatch();
        }
        st.executeBatch();
      }
      try (Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE topics_state SET next_id = " + (TOPICS + 1) + ", computed_at = TIMESTAMP"
            + " '2026-11-24 00:00:00', docs_at_compute = " + docs);
      }
      c.commit();
      if (dialect == Dialect.POSTGRES) {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
          st.execute("VACUUM ANALYZE topic_docs");
        }
      }
      return String.format(Locale.ROOT, "%s: %,d conversations put in %d topics in %.1f s", dialect, docs, TOPICS,
          (System.nanoTime() - started) / 1e9);
    } catch (SQLException | RuntimeException e) {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }
}
