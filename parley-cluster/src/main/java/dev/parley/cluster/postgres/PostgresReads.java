package dev.parley.cluster.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.server.store.ReadConnections;
import dev.parley.server.store.SharedSnapshots;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Read connections to the PostgreSQL store, for the analytics and the read API: read-only,
 * and at REPEATABLE READ, so that the statements of one question run in one transaction see
 * one snapshot (events and the facts each load keeps with them), as the embedded store's do.
 * They come from a pool ({@value #POOL} at most): opening a connection costs more than most
 * reads. The pool gives each connection back with those settings, whatever a reader changed.
 * JIT compilation is off on them: it pays off on queries of many seconds, while each of the
 * read API's queries takes well under one, and compiling them cost up to a tenth of a second
 * each (the summary at 10 M events: 1.9 s with JIT, 1.6 s without, same run).
 *
 * <p>A question whose statements can run at once (the summary) joins a second connection to
 * the snapshot of its first ({@link SharedSnapshots}): the first exports its snapshot, the
 * second imports it. Those come from a pool of their own ({@value #BESIDE} at most), taken
 * only when one is free, so a reader never waits on another for its second connection.
 * Close it when the store is closed.
 */
public final class PostgresReads implements ReadConnections, SharedSnapshots, AutoCloseable {
  /** Connections at most: reads beyond wait up to {@link #WAIT_MILLIS}, then fail (503). */
  static final int POOL = 8;
  /** Second connections in a first one's snapshot, at most. */
  static final int BESIDE = 4;
  static final long WAIT_MILLIS = 10_000;
  /** How long a second connection may take to open before the question runs on its first alone. */
  static final long BESIDE_WAIT_MILLIS = 250;
  private final HikariDataSource pool;
  private final HikariDataSource beside;
  private final Semaphore besideFree = new Semaphore(BESIDE);

  public PostgresReads(String jdbcUrl, Properties properties) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
    Objects.requireNonNull(properties, "properties == null");
    this.pool = new HikariDataSource(config("parley-reads", jdbcUrl, properties, POOL, WAIT_MILLIS));
    this.beside = new HikariDataSource(config("parley-reads-beside", jdbcUrl, properties, BESIDE, BESIDE_WAIT_MILLIS));
  }

  private static HikariConfig config(String name, String jdbcUrl, Properties properties, int size, long waitMillis) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(jdbcUrl);
    config.setDataSourceProperties(properties);
    config.setReadOnly(true);
    config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
    config.setAutoCommit(true);
    config.setConnectionInitSql("SET jit = off");
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(waitMillis);
    config.setInitializationFailTimeout(-1); // connect on first use: opening the pool needs no database
    return config;
  }

  @Override
  public Connection open() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public Optional<Joined> join(Connection first) throws SQLException {
    if (!besideFree.tryAcquire()) {
      return Optional.empty();
    }
    Connection second = null;
    try {
      String snapshot;
      try (Statement st = first.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
        rs.next();
        snapshot = rs.getString(1);
      }
      try {
        second = beside.getConnection();
      } catch (SQLTransientConnectionException e) {
        besideFree.release(); // the server is slow to give one (at max_connections?): read on the first alone
        return Optional.empty();
      }
      second.setAutoCommit(false);
      try (Statement st = second.createStatement()) {
        // The first statement of its transaction; the id is the server's own (hex digits and dashes).
        st.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "''") + "'");
      }
      return Optional.of(new Beside(second));
    } catch (Throwable e) {
      besideFree.release();
      if (second != null) {
        try {
          second.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
      }
      throw e;
    }
  }

  /** A second connection, its permit given back once, on the first close. */
  private final class Beside implements Joined {
    private final Connection connection;
    private final AtomicBoolean closed = new AtomicBoolean();

    Beside(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Connection connection() {
      return connection;
    }

    @Override
    public void close() throws SQLException {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      try (connection) {
        connection.rollback(); // nothing was written
      } finally {
        besideFree.release();
      }
    }
  }

  @Override
  public void close() {
    try (beside) {
      pool.close();
    }
  }
}
