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
