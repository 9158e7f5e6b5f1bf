package dev.parley.server.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.duckdb.DuckDBConnection;

/**
 * The connections to one DuckDB file: the writer's, and the readers', duplicated from a root
 * connection kept for that purpose.
 *
 * <p>The writer and {@link #reopenAfter} belong to the store's writer thread; {@link #open()}
 * is thread-safe.
 */
final class DuckDbConnections implements ReadConnections {
  private final Path file;
  private final Optional<String> memoryLimit;
  private final Object lock = new Object();
  private DuckDBConnection writer;
  private DuckDBConnection root;

  private DuckDbConnections(Path file, Optional<String> memoryLimit, DuckDBConnection writer) {
    this.file = file;
    this.memoryLimit = memoryLimit;
    this.writer = writer;
  }

  /** Opens the file's writer connection (autocommit on, so the schema can be applied). */
  static DuckDbConnections open(Path file, Optional<String> memoryLimit) throws SQLException {
    return new DuckDbConnections(file, memoryLimit, connect(file));
  }

  private static DuckDBConnection connect(Path file) throws SQLException {
    return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
  }

  Path file() {
    return file;
  }

  /** The writer's connection (writer thread only). */
  DuckDBConnection writer() {
    return writer;
  }

  /** The root of the readers' connections (writer thread only; maintenance runs its copy on it). */
  DuckDBConnection root() {
    return root;
  }

  /**
   * Sets the database's memory limit (when given) and checkpoint threshold, makes the
   * writer's temporary tables, makes the readers' root, and turns off the writer's autocommit.
   * Runs once after {@link #open} and after each reopen.
   */
  void prepare() throws SQLException {
    try (Statement st = writer.createStatement()) {
      if (memoryLimit.isPresent()) {
        st.execute("SET memory_limit = '" + memoryLimit.get().trim().replace("'", "''") + "'");
      }
      // Checkpoints stall the writer and each rewrites the table's last row group, so fewer
      // cost less: at 64 MB the writer spent 0.86x the time per event of DuckDB's 16 MB default.
      st.execute("SET checkpoint_threshold = '64MB'");
      st.execute(KeyLookup.TEMP_TABLE);
      st.execute(ErasureSql.TEMP_TABLE);
    }
    DuckDBConnection readRoot = writer.duplicate(); // before autocommit is turned off
    writer.setAutoCommit(false);
    synchronized (lock) {
      root = readRoot;
    }
  }

  @Override
  public Connection open() throws SQLException {
    synchronized (lock) {
      if (root == null) {
        throw new SQLException("the store is closed");
      }
      return root.duplicate();
    }
  }

  /** A file operation run while no connection to the file is open. */
  @FunctionalInterface
  interface FileWork {
    void run() throws IOException;
  }

  /**
   * Closes the connections, runs {@code work} (such as moving another file over this one),
   * and opens the file again, whether or not {@code work} succeeded.
   *
   * @throws StoreException when {@code work} failed (the file is open again) or the file cannot be reopened
   */
  void reopenAfter(FileWork work) {
    StoreException failure = null;
    synchronized (lock) {
      try {
        root.close();
        writer.close();
        work.run();
      } catch (SQLException | IOException e) {
        failure = new StoreException("compaction failed: " + e.getMessage(), e);
      }
      try {
        // The rewritten file, or the old one when the move did not happen.
        writer = connect(file);
        root = null;
        prepare();
      } catch (SQLException e) {
        StoreException reopen = new StoreException("cannot reopen the store after compaction: " + e.getMessage(), e);
        if (failure != null) {
          reopen.addSuppressed(failure);
        }
        throw reopen;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Closes the readers' root and runs {@code beforeWriterCloses} on the writer, then closes it. */
  void close(WriterWork beforeWriterCloses) throws SQLException {
    synchronized (lock) {
      if (writer.isClosed()) {
        return;
      }
      if (root != null) {
        root.close();
        root = null;
      }
      beforeWriterCloses.run(writer);
      writer.close();
    }
  }

  /** Work on the writer's connection. */
  @FunctionalInterface
  interface WriterWork {
    void run(DuckDBConnection writer) throws SQLException;
  }
}
