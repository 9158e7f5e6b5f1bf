package dev.parley.cluster.postgres;

import dev.parley.server.store.ReadConnections;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Read connections to the PostgreSQL store, for the analytics and the read API: read-only,
 * and at REPEATABLE READ, so that the statements of one question run in one transaction see
 * one snapshot (events and the facts each load keeps with them), as the embedded store's do.
 */
public final class PostgresReads implements ReadConnections {
  private final String jdbcUrl;
  private final Properties properties;

  public PostgresReads(String jdbcUrl, Properties properties) {
    this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
    this.properties = Objects.requireNonNull(properties, "properties == null");
  }

  @Override
  public Connection open() throws SQLException {
    Connection c = DriverManager.getConnection(jdbcUrl, properties);
    try {
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }
}
