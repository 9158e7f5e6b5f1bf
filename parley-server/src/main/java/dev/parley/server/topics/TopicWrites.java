package dev.parley.server.topics;

import dev.parley.server.analytics.Dialect;
import dev.parley.server.topics.TopicStore.NewDoc;
import dev.parley.server.topics.TopicStore.Unread;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The writes of topics ({@link TopicStore}'s tables), in the embedded store's dialect or
 * PostgreSQL's: on the connection the caller passes, inside a transaction it commits
 * ({@link TopicWorker.Writer}). Stateless.
 */
public final class TopicWrites {
  private final Dialect dialect;

  TopicWrites(Dialect dialect) {
    this.dialect = Objects.requireNonNull(dialect, "dialect == null");
  }

  private boolean postgres() {
    return dialect == Dialect.POSTGRES;
  }

  /** The element type name of {@code keywords} and {@code examples}, for {@code createArrayOf}. */
  private String varchar() {
    return postgres() ? "varchar" : "VARCHAR";
  }

  private static java.time.LocalDateTime utc(Instant at) {
    return TopicStore.utc(at);
  }

  /**
   * Adds the docs of a piece read ({@link #unread}) and marks it read: moves the bookmark past
   * it (embedded store) or takes its conversations off {@code topic_pending} (PostgreSQL). A doc
   * whose message read is no longer stored (erased meanwhile) is left out.
   */
  public int markRead(Connection c, Unread unread, List<NewDoc> docs, Instant at) throws SQLException {
    stageDocs(c, docs);
    // the message read is still stored: on DuckDB among the seqs read (its zone maps find them)
    String stored = postgres() ? "EXISTS (SELECT 1 FROM events e WHERE e.seq = s.seq)"
        : "s.seq IN (SELECT seq FROM events WHERE seq > " + unread.after() + " AND seq <= " + unread.through() + ")";
    int inserted;
    try (PreparedStatement st = c.prepareStatement("INSERT INTO topic_docs"
        + " SELECT s.conversation_id, s.embedding, s.topic_id, ? FROM staged_docs s WHERE " + stored
        + " AND NOT EXISTS (SELECT 1 FROM topic_docs d WHERE d.conversation_id = s.conversation_id)"
        + (postgres() ? " ON CONFLICT (conversation_id) DO NOTHING" : ""))) {
      st.setObject(1, utc(at));
      inserted = st.executeUpdate();
    }
    if (postgres()) {
      try (PreparedStatement st = c.prepareStatement("DELETE FROM topic_pending WHERE conversation_id = ANY(?)")) {
        st.setArray(1, c.createArrayOf("text", unread.pending().toArray()));
        st.executeUpdate();
      }
    } else {
      try (PreparedStatement st = c.prepareStatement(
          "UPDATE topics_state SET scanned_seq = greatest(scanned_seq, ?)")) {
        st.setLong(1, unread.through());
        st.executeUpdate();
      }
    }
    try (Statement st = c.createStatement()) {
      st.execute("DELETE FROM staged_docs");
    }
    return inserted;
  }

  /** Puts {@code docs} in the temporary table {@code staged_docs} of the connection, emptied first. */
  private void stageDocs(Connection c, List<NewDoc> docs) throws SQLException {
    try (Statement st = c.createStatement()) {
      // On PostgreSQL emptied at each commit: a temporary table is never vacuumed, and the
      // worker's connection lives long.
      st.execute("CREATE TEMP TABLE IF NOT EXISTS staged_docs (conversation_id VARCHAR, seq BIGINT, embedding "
          + (postgres() ? "BYTEA, topic_id INTEGER) ON COMMIT DELETE ROWS" : "BLOB, topic_id INTEGER)"));
      st.execute("DELETE FROM staged_docs");
    }
    if (!docs.isEmpty()) {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO staged_docs VALUES (?, ?, ?, ?)")) {
        for (NewDoc d : docs) {
          st.setString(1, d.conversationId());
          st.setLong(2, d.seq());
          st.setBytes(3, d.vector() == null ? null : Vectors.toBytes(d.vector()));
          st.setObject(4, d.topicId(), java.sql.Types.INTEGER);
          st.addBatch();
        }
        st.executeBatch();
      }
    }
  }

  /** Sets the topic of docs that have none yet. */
  public void assign(Connection c, Map<String, Integer> topics) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "UPDATE topic_docs SET topic_id = ? WHERE conversation_id = ? AND topic_id IS NULL")) {
      for (Map.Entry<String, Integer> e : topics.entrySet()) {
        st.setInt(1, e.getValue());
        st.setString(2, e.getKey());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  /**
   * Replaces the topics with {@code computed}. Docs it assigned take its topic; docs it did not
   * see (embedded since its read) lose theirs, to be assigned to the nearest new topic; docs
   * whose conversations have no stored first message any more (retention) are removed. When a
   * user was erased since the read ({@code suppressionsAtRead} differs), names and examples are
   * left to be remade.
   */
  public void replaceTopics(Connection c, TopicModel.Computed computed, long suppressionsAtRead, long docs,
      Instant at) throws SQLException {
    boolean erasedSince = TopicStore.suppressions(c) != suppressionsAtRead;
    try (Statement st = c.createStatement()) {
      st.execute("DELETE FROM topics");
      st.execute("CREATE TEMP TABLE IF NOT EXISTS staged_topics (conversation_id VARCHAR, topic_id INTEGER)"
          + (postgres() ? " ON COMMIT DELETE ROWS" : ""));
      st.execute("DELETE FROM staged_topics");
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO topics VALUES (?, ?, ?, ?, ?, ?)")) {
      for (TopicModel.Topic t : computed.topics()) {
        st.setInt(1, t.id());
        st.setString(2, erasedSince ? null : t.label());
        st.setObject(3, erasedSince ? null : c.createArrayOf(varchar(), t.keywords().toArray()));
        st.setBytes(4, Vectors.toBytes(t.centroid()));
        st.setObject(5, c.createArrayOf(varchar(), erasedSince ? new Object[0] : t.examples().toArray()));
        st.setObject(6, utc(at));
        st.addBatch();
      }
      st.executeBatch();
    }
    if (postgres()) { // one statement, not a round trip per conversation
      try (PreparedStatement st = c.prepareStatement(
          "INSERT INTO staged_topics SELECT * FROM unnest(CAST(? AS TEXT[]), CAST(? AS INTEGER[]))")) {
        Object[] conversations = new Object[computed.assignment().size()];
        Object[] topics = new Object[conversations.length];
        int i = 0;
        for (Map.Entry<String, Integer> e : computed.assignment().entrySet()) {
          conversations[i] = e.getKey();
          topics[i++] = e.getValue();
        }
        st.setArray(1, c.createArrayOf("text", conversations));
        st.setArray(2, c.createArrayOf("integer", topics));
        st.executeUpdate();
      }
    } else {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO staged_topics VALUES (?, ?)")) {
        for (Map.Entry<String, Integer> e : computed.assignment().entrySet()) {
          st.setString(1, e.getKey());
          st.setInt(2, e.getValue());
          st.addBatch();
        }
        st.executeBatch();
      }
    }
    try (Statement st = c.createStatement()) {
      // only the docs whose topic changes are written
      st.executeUpdate("UPDATE topic_docs SET topic_id = s.topic_id FROM staged_topics s"
          + " WHERE topic_docs.conversation_id = s.conversation_id AND topic_docs.topic_id IS DISTINCT FROM s.topic_id");
      st.executeUpdate("UPDATE topic_docs SET topic_id = NULL WHERE topic_id IS NOT NULL AND NOT EXISTS"
          + " (SELECT 1 FROM staged_topics s WHERE s.conversation_id = topic_docs.conversation_id)");
      st.executeUpdate("DELETE FROM topic_docs WHERE NOT EXISTS (SELECT 1 FROM events e"
          + " WHERE e.conversation_id = topic_docs.conversation_id AND e.event = 'Message Sent')");
      st.execute("DELETE FROM staged_topics");
    }
    try (PreparedStatement st = c.prepareStatement(
        "UPDATE topics_state SET next_id = greatest(next_id, ?), computed_at = ?, docs_at_compute = ?")) {
      st.setInt(1, computed.nextId());
      st.setObject(2, utc(at));
      st.setLong(3, docs);
      st.executeUpdate();
    }
  }

  /** Sets the names and examples of topics (after an erasure), unless another erasure came since the read. */
  public boolean rename(Connection c, Map<Integer, List<String>> keywords, Map<Integer, List<String>> examples,
      long suppressionsAtRead) throws SQLException {
    if (TopicStore.suppressions(c) != suppressionsAtRead) {
      return false;
    }
    try (PreparedStatement st = c.prepareStatement("UPDATE topics SET label = ?, keywords = ?, examples = ? WHERE id = ?")) {
      for (Map.Entry<Integer, List<String>> e : keywords.entrySet()) {
        st.setString(1, Keywords.label(e.getValue()));
        st.setObject(2, c.createArrayOf(varchar(), e.getValue().toArray()));
        st.setObject(3, c.createArrayOf(varchar(), examples.getOrDefault(e.getKey(), List.of()).toArray()));
        st.setInt(4, e.getKey());
        st.addBatch();
      }
      st.executeBatch();
    }
    try (Statement st = c.createStatement()) {
      // a topic left with no member that has text keeps no name
      st.executeUpdate("UPDATE topics SET label = '(no words)', keywords = " + (postgres() ? "'{}'" : "[]")
          + " WHERE label IS NULL");
    }
    return true;
  }
}
