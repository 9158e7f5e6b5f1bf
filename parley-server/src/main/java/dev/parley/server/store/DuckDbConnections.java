package dev.parley.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to one DuckDB file: the writer's, and the readers', duplicated from a root
 * connection kept for that purpose. Every reader's connection comes from {@link #open()} and
 * is tracked until closed, because closing the file (to move a rewritten one over it) needs
 * every reader gone: DuckDB refuses a CHECKPOINT while a read transaction is open, and its
 * JDBC driver keeps one database instance per path alive while any connection to it is open,
 * so a file reopened under an open reader would still be the replaced one, and later writes
 * would go there. {@link #reopenAfter} therefore holds new readers off, waits for the open
 * ones (ending those still open after the patience given), and only then closes the file.
 *
 * <p>The writer and {@link #reopenAfter} belong to the store's writer thread; {@link #open()}
 * is thread-safe.
 */
final class DuckDbConnections implements ReadConnections {
  private static final Logger log = LoggerFactory.getLogger(DuckDbConnections.class);
  /** How long a new reader waits while the file is being swapped before it is refused. */
  private static final Duration READER_WAIT = Duration.ofSeconds(60);
  private static final int CHECKPOINT_ATTEMPTS = 5;

  private final Path file;
  private final Optional<String> memoryLimit;
  private final Duration patience;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readersChanged = lock.newCondition();
  /** The readers' open connections (guarded by {@link #lock}). */
  private final Set<Connection> readers = new HashSet<>();
  /** Whether new readers are held off (guarded by {@link #lock}). */
  private boolean held;
  private DuckDBConnection writer;
  /** The readers' root; null while closed (guarded by {@link #lock}). */
  private DuckDBConnection root;

  private DuckDbConnections(Path file, Optional<String> memoryLimit, Duration patience, DuckDBConnection writer) {
    this.file = file;
    this.memoryLimit = memoryLimit;
    this.patience = patience;
    this.writer = writer;
  }

  /**
   * Opens the file's writer connection (autocommit on, so the schema can be applied).
   *
   * @param patience how long {@link #reopenAfter} waits for open readers before it ends them
   */
  static DuckDbConnections open(Path file, Optional<String> memoryLimit, Duration patience) throws SQLException {
    return new DuckDbConnections(file, memoryLimit, patience, connect(file));
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
    lock.lock();
    try {
      root = readRoot;
    } finally {
      lock.unlock();
    }
  }

  /** A reader's connection; waits while the file is being swapped. The caller closes it. */
  @Override
  public Connection open() throws SQLException {
    lock.lock();
    try {
      long left = READER_WAIT.toNanos();
      while (held && left > 0) {
        left = readersChanged.awaitNanos(left);
      }
      if (held) {
        throw new SQLException("the store is being compacted; retry");
      }
      if (root == null) {
        throw new SQLException("the store is closed");
      }
      DuckDBConnection connection = root.duplicate();
      Connection reader = TrackedReader.of(connection, () -> closed(connection));
      readers.add(connection);
      return reader;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while the store is being compacted", e);
    } finally {
      lock.unlock();
    }
  }

  private void closed(Connection connection) {
    lock.lock();
    try {
      if (readers.remove(connection)) {
        readersChanged.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Holds new readers off and waits for the open ones; those still open after the patience are ended. */
  private void holdReaders() {
    lock.lock();
    try {
      held = true;
      long left = patience.toNanos();
      while (!readers.isEmpty() && left > 0) {
        left = readersChanged.awaitNanos(left);
      }
      if (!readers.isEmpty()) {
        log.warn("ending {} reads still open after {} ms so that the store can be compacted", readers.size(),
            patience.toMillis());
        for (Connection reader : List.copyOf(readers)) {
          try {
            reader.close(); // interrupts a query running on it
          } catch (SQLException e) {
            log.warn("cannot end a read: {}", e.toString());
          }
        }
        readers.clear();
      }
    } catch (InterruptedException e) {
      held = false;
      readersChanged.signalAll();
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for reads to finish", e);
    } finally {
      lock.unlock();
    }
  }

  private void releaseReaders() {
    lock.lock();
    try {
      held = false;
      readersChanged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** A file operation run while no connection to the file is open. */
  @FunctionalInterface
  interface FileWork {
    void run() throws IOException;
  }

  /**
   * With every reader gone (new ones held off meanwhile), checkpoints and closes the file, runs
   * {@code work} (such as moving another file over this one), and opens the file again, whether
   * or not {@code work} succeeded.
   *
   * @throws StoreException when the file could not be closed cleanly or {@code work} failed
   *     (the file is open again either way), or when it cannot be reopened
   */
  void reopenAfter(FileWork work) {
    holdReaders();
    try {
      StoreException failure = null;
      try {
        closeCleanly();
        work.run();
      } catch (SQLException | IOException e) {
        failure = new StoreException("compaction failed: " + e.getMessage(), e);
      }
      try {
        closeIfOpen();
        // The rewritten file, or the old one when the move did not happen.
        writer = connect(file);
        prepare();
      } catch (SQLException e) {
        StoreException reopen = new StoreException("cannot reopen the store after compaction: " + e.getMessage(), e);
        if (failure != null) {
          reopen.addSuppressed(failure);
        }
        throw reopen;
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      releaseReaders();
    }
  }

  /**
   * Checkpoints (so the WAL is emptied into the file and removed) and closes the file. A file
   * moved over this one must not find a WAL of this one beside it: DuckDB would replay it.
   */
  private void closeCleanly() throws SQLException, IOException {
    for (int attempt = 1; ; attempt++) {
      try (Statement st = root.createStatement()) {
        st.execute("CHECKPOINT");
        break;
      } catch (SQLException e) {
        if (attempt == CHECKPOINT_ATTEMPTS) {
          throw e;
        }
        log.warn("checkpoint before compaction failed (attempt {} of {}), retrying: {}", attempt, CHECKPOINT_ATTEMPTS,
            e.getMessage());
        try {
          TimeUnit.MILLISECONDS.sleep(50L << attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
    lock.lock();
    try {
      root.close();
      root = null;
    } finally {
      lock.unlock();
    }
    writer.close();
    Path wal = file.resolveSibling(file.getFileName() + ".wal");
    if (Files.exists(wal) && Files.size(wal) > 0) {
      throw new IOException("the store's WAL (" + wal + ") is still there after a checkpoint and close");
    }
  }

  /** Closes the root and the writer when a failure left them open. */
  private void closeIfOpen() throws SQLException {
    lock.lock();
    try {
      if (root != null) {
        root.close();
        root = null;
      }
    } finally {
      lock.unlock();
    }
    if (!writer.isClosed()) {
      writer.close();
    }
  }

  /** Closes the readers' root and runs {@code beforeWriterCloses} on the writer, then closes it. */
  void close(WriterWork beforeWriterCloses) throws SQLException {
    if (writer.isClosed()) {
      return;
    }
    lock.lock();
    try {
      if (root != null) {
        root.close();
        root = null;
      }
    } finally {
      lock.unlock();
    }
    beforeWriterCloses.run(writer);
    writer.close();
  }

  /** Work on the writer's connection. */
  @FunctionalInterface
  interface WriterWork {
    void run(DuckDBConnection writer) throws SQLException;
  }
}
