package dev.parley.bench.load;

import dev.parley.server.store.DuckDbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Whether DuckDB stores rows faster from several connections at once, or in larger
 * transactions: rows of the store's own {@code events} table (made by {@link DuckDbStore}),
 * every column filled with a value of its type, appended through {@link DuckDBAppender} in
 * flushes of 2,000 rows by {@code --lanes} connections of one database at once, each
 * committing every {@code --commit-every} rows. Prints rows/s over the wall time; run it
 * with one lane and with several, same sizes, to compare.
 *
 * <pre>parley-bench/run --main dev.parley.bench.load.AppenderLanesBenchmark [--rows 400000] [--lanes 1]
 *     [--commit-every 2000]</pre>
 */
public final class AppenderLanesBenchmark {
  private static final int FLUSH = 2_000;
  /** A message body of the usual size (~450 bytes), so the row is as wide as a stored event. */
  private static final String BODY = "{\"type\":\"track\",\"event\":\"Message Sent\",\"userId\":\"user-0042\","
      + "\"properties\":{\"conversationId\":\"conv-7\",\"messageId\":\"m1\",\"role\":\"user\",\"message_body\":"
      + "\"How do I reset my password when the email link has expired already?\"},\"timestamp\":"
      + "\"2026-12-01T00:00:00.000Z\",\"context\":{\"library\":{\"name\":\"analytics-java\",\"version\":"
      + "\"3.5.1\"},\"ip\":\"0.0.0.0\",\"locale\":\"en-GB\"},\"receivedAt\":\"2026-12-01T00:00:00.120Z\"}";

  private AppenderLanesBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = LoadGenerator.options(args);
    int rows = Integer.parseInt(options.getOrDefault("rows", "400000"));
    int lanes = Integer.parseInt(options.getOrDefault("lanes", "1"));
    int commitEvery = Integer.parseInt(options.getOrDefault("commit-every", "2000"));
    Path data = Files.createTempDirectory("parley-appender-lanes");
    try (DuckDbStore store = DuckDbStore.open(data)) {
      // the schema as the store makes it
    }
    try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection(
        "jdbc:duckdb:" + data.resolve(DuckDbStore.FILE_NAME))) {
      try (Statement st = c.createStatement()) {
        st.execute("SET checkpoint_threshold = '64MB'"); // as DuckDbStore sets it
      }
      List<Column> columns = columns(c);
      ExecutorService pool = Executors.newFixedThreadPool(lanes);
      List<Future<?>> running = new ArrayList<>();
      long start = System.nanoTime();
      for (int lane = 0; lane < lanes; lane++) {
        DuckDBConnection own = (DuckDBConnection) c.duplicate();
        long first = (long) lane * rows;
        running.add(pool.submit(() -> {
          try (own) {
            append(own, columns, first, rows / lanes, commitEvery);
          }
          return null;
        }));
      }
      for (Future<?> lane : running) {
        lane.get();
      }
      long took = System.nanoTime() - start;
      pool.shutdown();
      System.out.printf(Locale.ROOT, "%,d rows of events (%d columns), %d lane(s), a commit every %,d rows:"
          + " %.1f us/row, %,.0f rows/s%n", rows, columns.size(), lanes, commitEvery, took / 1e3 / rows,
          rows * 1e9 / took);
    }
  }

  private record Column(String name, String type) {}

  private static List<Column> columns(DuckDBConnection c) throws SQLException {
    List<Column> columns = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT column_name, data_type FROM"
        + " information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position")) {
      while (rs.next()) {
        columns.add(new Column(rs.getString(1), rs.getString(2)));
      }
    }
    return columns;
  }

  private static void append(DuckDBConnection c, List<Column> columns, long first, int n, int commitEvery)
      throws SQLException {
    c.setAutoCommit(false);
    long micros = 1_796_083_200_000_000L; // 2026-12-01
    for (int done = 0; done < n; done += FLUSH) {
      try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
        for (int i = 0; i < FLUSH; i++) {
          long row = first + done + i;
          a.beginRow();
          for (Column column : columns) {
            switch (column.type()) {
              case "BIGINT" -> a.append(row);
              case "INTEGER" -> a.append((int) (row % 3));
              case "DOUBLE" -> a.append((row % 5) + 0.5);
              case "TIMESTAMP" -> a.appendEpochMicros(micros + row * 1_000);
              case "VARCHAR" -> a.append(switch (column.name()) {
                case "body" -> BODY;
                case "message_id" -> "m-" + row;
                default -> column.name() + "-" + (row % 50_000);
              });
              default -> a.appendNull();
            }
          }
          a.endRow();
        }
        a.flush();
      }
      if ((done + FLUSH) % commitEvery == 0 || done + FLUSH >= n) {
        c.commit();
      }
    }
  }
}
