package dev.parley.server.cli;

import dev.parley.server.store.ReadConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * A data directory's DuckDB file ({@code <dir>/parley.duckdb}) opened read-only, for
 * commands that run while no server holds it. DuckDB lets one process at a time open a
 * file for writing, so a running server makes opening fail; that failure says so.
 */
final class ReadOnlyStore implements AutoCloseable {
  static final String FILE_NAME = "parley.duckdb";

  private final DuckDBConnection base;

  private ReadOnlyStore(DuckDBConnection base) {
    this.base = base;
  }

  static ReadOnlyStore open(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new ReportUnavailable("no store at " + file + ": pass --data DIR with the server's data"
          + " directory, or --server URL to ask a running server");
    }
    Properties properties = new Properties();
    properties.setProperty(DuckDBDriver.DUCKDB_READONLY_PROPERTY, "true");
    try {
      return new ReadOnlyStore((DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, properties));
    } catch (SQLException e) {
      if (isLockConflict(e)) {
        throw new ReportUnavailable("the store " + file + " is in use by a running Parley server, which holds"
            + " it exclusively. Ask the server instead: parley report --server http://localhost:8080"
            + " --admin-token TOKEN");
      }
      throw new ReportUnavailable("cannot open the store " + file + ": " + e.getMessage());
    }
  }

  /** Whether DuckDB refused the file because another process holds its lock. */
  static boolean isLockConflict(SQLException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return message.contains("lock");
  }

  ReadConnections connections() {
    return base::duplicate;
  }

  @Override
  public void close() {
    try {
      base.close();
    } catch (SQLException e) {
      // read-only: nothing to lose
    }
  }
}
