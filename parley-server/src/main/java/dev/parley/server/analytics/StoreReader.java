package dev.parley.server.analytics;

import dev.parley.server.store.ReadConnections;
import dev.parley.server.store.SharedSnapshots;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a read connection for one question, runs the work and closes it, so no query
 * class keeps a connection; turns {@link SQLException} into {@link StoreReadException}.
 */
final class StoreReader {
  private static final Logger log = LoggerFactory.getLogger(StoreReader.class);

  /** Work done on an open connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** What two pieces of work read in one snapshot. */
  record Both<A, B>(A first, B second) {}

  /**
   * Runs the second piece of work of {@link #readOneSnapshot(String, Work, Work)} beside the
   * first; its threads are as many as the store hands out joined connections, and idle ones end.
   */
  private static final ExecutorService BESIDE = Executors.newCachedThreadPool(work -> {
    Thread thread = new Thread(work, "parley-read-beside");
    thread.setDaemon(true);
    return thread;
  });

  private final ReadConnections connections;

  StoreReader(ReadConnections connections) {
    this.connections = Objects.requireNonNull(connections, "connections == null");
  }

  <T> T read(String question, Work<T> work) {
    try (Connection connection = connections.open()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreReadException("cannot read " + question, e);
    }
  }

  /**
   * Like {@link #read}, with every statement of {@code work} in one read transaction, so all
   * of them see the store as of one moment (a commit or fold in between shows in none).
   */
  <T> T readOneSnapshot(String question, Work<T> work) {
    return read(question, connection -> {
      connection.setAutoCommit(false);
      try {
        return work.run(connection);
      } finally {
        connection.rollback(); // nothing was written
      }
    });
  }

  /**
   * Like {@link #readOneSnapshot(String, Work)} for two pieces of work that share no state:
   * where the store can open a second connection in the same snapshot ({@link SharedSnapshots})
   * and has one free, {@code second} runs on it at the same time as {@code first}; otherwise
   * one after the other on one connection. Either way both see the store as of one moment.
   */
  <A, B> Both<A, B> readOneSnapshot(String question, Work<A> first, Work<B> second) {
    return readOneSnapshot(question, connection -> {
      Optional<SharedSnapshots.Joined> joined = connections instanceof SharedSnapshots shared
          ? shared.join(connection) : Optional.empty();
      if (joined.isEmpty()) {
        return new Both<>(first.run(connection), second.run(connection));
      }
      SharedSnapshots.Joined beside = joined.get();
      CompletableFuture<B> other;
      try {
        other = CompletableFuture.supplyAsync(() -> {
          try {
            return second.run(beside.connection());
          } catch (SQLException e) {
            throw new CompletionException(e);
          }
        }, BESIDE);
      } catch (RuntimeException e) { // not started (the executor refused): give the connection back
        closeQuietly(beside, e);
        throw e;
      }
      A a;
      try {
        a = first.run(connection);
      } catch (SQLException | RuntimeException e) {
        other.handle((value, failure) -> null).join(); // its statement ends before its connection closes
        if (other.isCompletedExceptionally()) {
          try {
            result(other);
          } catch (SQLException | RuntimeException secondFailure) {
            e.addSuppressed(secondFailure);
          }
        }
        closeQuietly(beside, e);
        throw e;
      }
      other.handle((value, failure) -> null).join();
      try {
        return new Both<>(a, result(other));
      } finally {
        try {
          beside.close();
        } catch (SQLException e) {
          log.warn("could not give back the second connection of {}: {}", question, e.toString());
        }
      }
    });
  }

  private static void closeQuietly(SharedSnapshots.Joined joined, Exception failure) {
    try {
      joined.close();
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static <T> T result(CompletableFuture<T> done) throws SQLException {
    try {
      return done.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CompletionException c && c.getCause() instanceof SQLException sql) {
        throw sql;
      }
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while reading", e);
    }
  }

  static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  /** A TIMESTAMP (UTC by the store's convention) or DATE column as an instant, or null. */
  static Instant instant(ResultSet rs, String column) throws SQLException {
    Object value = rs.getObject(column);
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDateTime local) {
      return local.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof LocalDate date) {
      return date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    throw new SQLException("not a timestamp in " + column + ": " + value.getClass());
  }
}
