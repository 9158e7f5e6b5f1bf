package dev.parley.cluster.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.server.store.ReadConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Read connections to the PostgreSQL store, for the analytics and the read API: read-only,
 * and at REPEATABLE READ, so that the statements of one question run in one transaction see
 * one snapshot (events and the facts each load keeps with them), as the embedded store's do.
 * They come from a pool ({@value #POOL} at most): opening a connection costs more than most
 * reads. The pool gives each connection back with those settings, whatever a reader changed.
 * JIT compilation is off on them: it pays off on queries of many seconds, while each of the
 * read API's queries takes well under one, and compiling them cost up to a tenth of a second
 * each (the summary at 10 M events: 1.9 s with JIT, 1.6 s without, same run).
 * Close it when the store is closed.
 */
public final class PostgresReads implements ReadConnections, AutoCloseable {
  /** Connections at most: reads beyond wait up to {@link #WAIT_MILLIS}, then fail (503). */
  static final int POOL = 8;
  static final long WAIT_MILLIS = 10_000;
  private final HikariDataSource pool;

  public PostgresReads(String jdbcUrl, Properties properties) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
    Objects.requireNonNull(properties, "properties == null");
    HikariConfig config = new HikariConfig();
    config.setPoolName("parley-reads");
    config.setJdbcUrl(jdbcUrl);
    config.setDataSourceProperties(properties);
    config.setReadOnly(true);
    config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
    config.setAutoCommit(true);
    config.setConnectionInitSql("SET jit = off");
    config.setMaximumPoolSize(POOL);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(WAIT_MILLIS);
    config.setInitializationFailTimeout(-1); // connect on first use: opening the pool needs no database
    this.pool = new HikariDataSource(config);
  }

  @Override
  public Connection open() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public void close() {
    pool.close();
  }
}
