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
 * The steps of rewriting a DuckDB file: checkpoint (so the WAL, which holds every row as it
 * was written, is emptied into the file and removed), copy the database into a new file, then
 * move that file over the old one. The copy holds only live rows.
 */
final class DuckDbCompaction {
  private static final String SUFFIX = ".compacting";
  private static final String COPY = "parley_compacted";

  private DuckDbCompaction() {}

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
      st.execute("CHECKPOINT");
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
