package dev.parley.server.analytics;

import dev.parley.server.store.ReadConnections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Opens a read connection for one question, runs the work and closes it, so no query
 * class keeps a connection; turns {@link SQLException} into {@link StoreReadException}.
 */
final class StoreReader {
  /** Work done on an open connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

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
