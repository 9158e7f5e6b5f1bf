package dev.parley.bench.query;

import dev.parley.cluster.postgres.PostgresFacts;
import dev.parley.cluster.postgres.PostgresSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;

/**
 * Copies a {@link SyntheticStore} into cluster mode's PostgreSQL schema (every migration, its
 * indexes included), so both stores answer the same questions over the same rows: the
 * events as CSV written by DuckDB and read by {@code COPY}, then the conversation facts
 * computed from them and the tables analysed, as the loaders would leave them.
 */
final class SyntheticPostgres {
  private SyntheticPostgres() {}

  /**
   * Whether the database at {@code jdbcUrl} holds a finished copy of {@code events} events:
   * that many events and their conversation facts. A copy at an earlier schema version is
   * brought to the current one first, as an upgrade would (each migration's time printed).
   */
  static boolean holds(String jdbcUrl, Properties properties, long events) throws SQLException {
    try (Connection pg = DriverManager.getConnection(jdbcUrl, properties)) {
      try (Statement st = pg.createStatement(); ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM events),"
          + " (SELECT count(*) FROM conversation_facts), (SELECT max(version) FROM parley_schema)")) {
        rs.next();
        if (rs.getLong(1) != events || rs.getLong(2) == 0) {
          return false;
        }
      } catch (SQLException e) {
        return false; // no schema yet
      }
      int from = PostgresSchema.version(pg);
      for (int v = from + 1; v <= PostgresSchema.latest(); v++) {
        long started = System.nanoTime();
        PostgresSchema.migrateTo(pg, v);
        System.err.printf(Locale.ROOT, "PostgreSQL, %,d events: migration %d took %.1f s%n", events, v,
            (System.nanoTime() - started) / 1e9);
      }
      return true;
    }
  }

  /** Empties the database at {@code jdbcUrl}, copies the events of {@code duck} in; returns how long each step took. */
  static String copy(DuckDBConnection duck, String jdbcUrl, Properties properties, Path csv, long events)
      throws SQLException, IOException {
    long started = System.nanoTime();
    List<String> columns = new ArrayList<>();
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns"
            + " WHERE table_name = 'events' ORDER BY ordinal_position")) {
      while (rs.next()) {
        columns.add(rs.getString(1));
      }
    }
    try (Statement st = duck.createStatement()) {
      st.execute("COPY events TO '" + csv.toAbsolutePath() + "' (FORMAT csv, HEADER false)");
    }
    long exported = System.nanoTime();
    try (Connection pg = DriverManager.getConnection(jdbcUrl, properties)) {
      try (Statement st = pg.createStatement()) {
        st.execute("DROP SCHEMA public CASCADE");
        st.execute("CREATE SCHEMA public");
      }
      PostgresSchema.migrate(pg);
      pg.setAutoCommit(false);
      try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
        long copied = pg.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("COPY events (" + String.join(", ", columns) + ") FROM STDIN (FORMAT csv)", in);
        if (copied != events) {
          throw new IllegalStateException("copied " + copied + " of " + events + " events");
        }
      }
      long loaded = System.nanoTime();
      try (Statement st = pg.createStatement()) {
        PostgresFacts.rebuild(st);
      }
      pg.commit();
      pg.setAutoCommit(true);
      long facts = System.nanoTime();
      try (Statement st = pg.createStatement()) {
        st.execute("VACUUM ANALYZE");
      }
      long analysed = System.nanoTime();
      return String.format(Locale.ROOT, "PostgreSQL, %,d events: CSV out of DuckDB %.1f s, COPY into the indexed"
          + " table %.1f s, conversation facts %.1f s, VACUUM ANALYZE %.1f s", events, (exported - started) / 1e9,
          (loaded - exported) / 1e9, (facts - loaded) / 1e9, (analysed - facts) / 1e9);
    } finally {
      Files.deleteIfExists(csv);
    }
  }
}
