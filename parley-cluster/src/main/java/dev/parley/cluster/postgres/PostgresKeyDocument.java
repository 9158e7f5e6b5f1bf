package dev.parley.cluster.postgres;

import dev.parley.server.config.KeyDocument;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The keys document in PostgreSQL: one row of {@code parley_keys}, shared by every collector
 * and by {@code parley keys --store}. A change reads the row {@code FOR UPDATE} and writes it
 * in the same transaction, so concurrent changes from any number of processes apply one after
 * the other and none is lost; a read needs no lock. Each collector reads the row every 250 ms
 * ({@code KeyStore}'s watcher), so a change made anywhere is in force everywhere within that.
 *
 * <p>One connection, made again after a failure; thread-safe.
 */
public final class PostgresKeyDocument implements KeyDocument, AutoCloseable {
  private final String jdbcUrl;
  private final Properties properties;
  private final String where;
  private Connection connection;

  public PostgresKeyDocument(String jdbcUrl, Properties properties, String where) {
    this.jdbcUrl = jdbcUrl;
    this.properties = properties;
    this.where = where;
  }

  @Override
  public String where() {
    return where;
  }

  @Override
  public synchronized byte[] read() throws IOException {
    try {
      Connection c = connection();
      c.setAutoCommit(true);
      try (PreparedStatement select = c.prepareStatement("SELECT document FROM parley_keys WHERE id = 1");
          ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : new byte[0];
      }
    } catch (SQLException e) {
      throw failed("read", e);
    }
  }

  @Override
  public synchronized byte[] update(UnaryOperator<byte[]> change) throws IOException {
    try {
      Connection c = connection();
      c.setAutoCommit(false);
      try {
        try (PreparedStatement insert = c.prepareStatement(
            "INSERT INTO parley_keys (id, document) VALUES (1, ''::bytea) ON CONFLICT (id) DO NOTHING")) {
          insert.executeUpdate();
        }
        byte[] now;
        try (PreparedStatement select = c.prepareStatement("SELECT document FROM parley_keys WHERE id = 1 FOR UPDATE");
            ResultSet rs = select.executeQuery()) {
          rs.next();
          now = rs.getBytes(1);
        }
        byte[] next = change.apply(now);
        if (!Arrays.equals(next, now)) {
          try (PreparedStatement write = c.prepareStatement(
              "UPDATE parley_keys SET document = ?, updated_at = now() WHERE id = 1")) {
            write.setBytes(1, next);
            write.executeUpdate();
          }
        }
        c.commit();
        return next;
      } catch (SQLException | RuntimeException e) {
        rollback(c);
        throw e;
      }
    } catch (SQLException e) {
      throw failed("change", e);
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(jdbcUrl, properties);
    }
    return connection;
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // The connection is broken; the next call makes a new one.
    }
  }

  /** Drops a connection that failed, so the next call makes a new one. */
  private IOException failed(String what, SQLException e) {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // already broken
    }
    connection = null;
    return new IOException("cannot " + what + " the keys in " + where + ": " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // closing anyway
    }
    connection = null;
  }
}
