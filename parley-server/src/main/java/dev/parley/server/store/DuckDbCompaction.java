package dev.parley.server.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The steps of rewriting a DuckDB file: copy the database into a new file
 * ({@code <file>.compacting}) while reads go on, then, with every reader gone, checkpoint (so
 * the WAL, which holds every row as it was written, is emptied into the file and removed) and
 * close the old file and move the new one over it ({@link DuckDbConnections#reopenAfter}). The copy holds only live
 * rows: DuckDB's CHECKPOINT alone leaves the bytes of deleted rows in freed blocks.
 *
 * <p>A process stopped at any step leaves either the old file, which still records the
 * compaction it owes ({@link CompactionDebt}), or the rewritten one; the next open removes
 * what is left of the copy ({@link #removeLeftovers}) and compacts again when owed.
 */
final class DuckDbCompaction {
  private static final String SUFFIX = ".compacting";
  private static final String COPY = "parley_compacted";

  private DuckDbCompaction() {}

  /**
   * Rewrites the store's file and reopens its connections on the new one, then records the
   * debt paid (writer thread).
   *
   * @throws StoreException when it failed; the store is open on the old file and still owes it
   */
  static void compact(DuckDbConnections connections, CompactionHooks hooks) {
    Path file = connections.file();
    try {
      rewrite(connections.root(), file, hooks); // a failure here leaves the open store as it was
    } catch (SQLException | IOException e) {
      throw new StoreException("compaction failed: " + e.getMessage(), e);
    }
    connections.reopenAfter(() -> {
      OwnerOnly.file(fresh(file));
      swapIn(file);
      hooks.reached(CompactionStep.SWAPPED);
    });
    try {
      CompactionDebt.paid(connections.writer());
      connections.writer().commit();
    } catch (SQLException e) {
      throw new StoreException("the store was compacted but cannot record it: " + e.getMessage(), e);
    }
  }

  /** Deletes what a compaction stopped halfway left beside {@code file}: a partial or unused copy. */
  static void removeLeftovers(Path file) throws IOException {
    Path fresh = fresh(file);
    Files.deleteIfExists(fresh);
    Files.deleteIfExists(wal(fresh));
  }

  /**
   * Copies the open database behind {@code connection} (autocommit) to {@code <file>.compacting}.
   * On failure nothing is left behind: the copy is detached (on a statement of its own, as
   * DuckDB's JDBC closes a statement whose command failed) and its files deleted, so the store
   * keeps working and a later compaction starts clean.
   */
  static void rewrite(Connection connection, Path file, CompactionHooks hooks) throws SQLException, IOException {
    Path fresh = fresh(file);
    Files.deleteIfExists(fresh);
    Files.deleteIfExists(wal(fresh));
    try (Statement st = connection.createStatement()) {
      String database;
      try (ResultSet rs = st.executeQuery("SELECT current_database()")) {
        rs.next();
        database = rs.getString(1);
      }
      st.execute("ATTACH '" + fresh.toAbsolutePath().toString().replace("'", "''") + "' AS " + COPY);
      hooks.reached(CompactionStep.COPYING);
      st.execute("COPY FROM DATABASE \"" + database.replace("\"", "\"\"") + "\" TO " + COPY);
      st.execute("DETACH " + COPY);
      hooks.reached(CompactionStep.COPIED);
    } catch (SQLException | RuntimeException e) {
      discard(connection, fresh, e);
      throw e;
    }
  }

  /** Detaches and deletes a copy that failed halfway; what fails here is added to {@code failure}. */
  private static void discard(Connection connection, Path fresh, Exception failure) {
    try (Statement st = connection.createStatement()) {
      st.execute("DETACH DATABASE IF EXISTS " + COPY);
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
    try {
      Files.deleteIfExists(fresh);
      Files.deleteIfExists(wal(fresh));
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** Moves the rewritten file over {@code file} once every connection to it is closed. */
  static void swapIn(Path file) throws IOException {
    Path fresh = fresh(file);
    try {
      Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.deleteIfExists(wal(fresh));
  }

  private static Path fresh(Path file) {
    return file.resolveSibling(file.getFileName() + SUFFIX);
  }

  private static Path wal(Path file) {
    return file.resolveSibling(file.getFileName() + ".wal");
  }
}
