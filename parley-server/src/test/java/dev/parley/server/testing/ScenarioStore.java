package dev.parley.server.testing;

import dev.parley.server.analytics.Dialect;
import dev.parley.server.store.ReadConnections;
import java.time.Instant;

/**
 * A store that the analytics tests fill row by row and then question, whatever the engine:
 * the embedded DuckDB store ({@link TestStore}) or, in cluster mode's tests, PostgreSQL. So
 * the same hand-computed scenarios hold every store to the same answers.
 */
public interface ScenarioStore extends AutoCloseable {
  /** Stores one event with the next {@code seq}; returns that seq. */
  long insert(StoredEvent e);

  /** Sets the usage columns (model, tokens, cost as sent) of the event with {@code seq}. */
  void usage(long seq, String model, Long inputTokens, Long outputTokens, Double cost);

  /** The seq of the last event stored. */
  long lastSeq();

  /**
   * Folds up to {@code maxEvents} more events into the conversation facts, where the store
   * folds behind its loads; a store whose facts are always whole ignores it.
   */
  void fold(long maxEvents);

  /** Empties the conversation facts, where the store folds behind its loads; else nothing. */
  void unfold();

  /** Records one violation of the event with {@code eventSeq}, received at {@code at}. */
  void insertViolation(long eventSeq, Instant at);

  /** Puts each conversation of {@code topicOf} in its topic, as the topic worker would; each topic named "topic N". */
  void topics(java.util.Map<String, Integer> topicOf);

  /** {@link #topics} on a writable connection of a store in {@code dialect}. */
  static void writeTopics(java.sql.Connection c, Dialect dialect, java.util.Map<String, Integer> topicOf) {
    String varchar = dialect == Dialect.POSTGRES ? "varchar" : "VARCHAR";
    java.time.LocalDateTime at = java.time.LocalDateTime.of(2026, 11, 20, 0, 0);
    try (java.sql.PreparedStatement topic = c.prepareStatement("INSERT INTO topics (id, label, keywords, centroid,"
            + " examples, computed_at) VALUES (?, ?, ?, ?, ?, ?)");
        java.sql.PreparedStatement doc = c.prepareStatement("INSERT INTO topic_docs (conversation_id, embedding,"
            + " topic_id, embedded_at) VALUES (?, NULL, ?, ?)")) {
      for (int id : new java.util.TreeSet<>(topicOf.values())) {
        topic.setInt(1, id);
        topic.setString(2, "topic " + id);
        topic.setObject(3, c.createArrayOf(varchar, new Object[] {"topic", Integer.toString(id)}));
        topic.setBytes(4, new byte[4]);
        topic.setObject(5, c.createArrayOf(varchar, topicOf.entrySet().stream().filter(e -> e.getValue() == id)
            .map(java.util.Map.Entry::getKey).sorted().toArray()));
        topic.setObject(6, at);
        topic.executeUpdate();
      }
      for (java.util.Map.Entry<String, Integer> e : topicOf.entrySet()) {
        doc.setString(1, e.getKey());
        doc.setInt(2, e.getValue());
        doc.setObject(3, at);
        doc.executeUpdate();
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Read connections, as the server hands them out. */
  ReadConnections connections();

  /** The dialect of the store's queries. */
  Dialect dialect();

  /** How a test class makes its stores: the embedded store's unless a subclass says otherwise. */
  @FunctionalInterface
  interface Factory {
    ScenarioStore create(java.nio.file.Path dir) throws Exception;
  }
}
