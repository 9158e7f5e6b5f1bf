package dev.parley.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.cluster.postgres.PostgresAddress;
import dev.parley.cluster.postgres.PostgresStore;
import dev.parley.server.config.KeyStore;
import dev.parley.server.config.Source;
import dev.parley.server.config.ValidationMode;
import dev.parley.server.ingest.EventSink;
import dev.parley.server.ingest.Ingestor;
import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.RateLimiter;
import dev.parley.server.ingest.Submission;
import dev.parley.server.metrics.Metrics;
import dev.parley.server.store.DuckDbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The store's cost per event, without HTTP: realistic copilot events, normalised by the real
 * ingest path beforehand, committed by {@link DuckDbStore#commit} on one thread in groups, as
 * the collector's writer does. Baseline in the same run: the same groups' JSON bodies alone
 * appended to a one-column DuckDB table and committed (the least a store of the raw messages
 * costs), with the same checkpoint threshold. Each runs once to warm up, then once measured
 * on a fresh file. Also counts commits that took over 50 ms (DuckDB's checkpoints).
 *
 * <p>With {@code --postgres postgresql://USER@HOST:PORT/DB} (an empty database of a running
 * server; password from {@code PARLEY_STORE_PASSWORD}) it also measures cluster mode's loader
 * transaction, {@code PostgresStore.load} (COPY, dedupe, offsets), on the same groups; with
 * {@code --loaders N} also N loaders at once, each on its own connection and partition, taking
 * the groups in turn (events/s over the wall time of all of them). With {@code --preload N} the
 * PostgreSQL loads are measured on top of about N other events (other conversations, loaded
 * 10,000 at a time, N rounded down to that), analysed as autovacuum analyses a live store:
 * tables and indexes of that size, with statistics (without it, into an empty schema, whose
 * planner statistics say the tables are empty).
 *
 * <pre>parley-bench/run --main dev.parley.bench.load.StoreCommitBenchmark [--events 400000] [--group 400]
 *     [--postgres postgresql://postgres@127.0.0.1:5432/bench [--loaders 2] [--preload 200000]]</pre>
 */
public final class StoreCommitBenchmark {
  private StoreCommitBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = LoadGenerator.options(args);
    int events = Integer.parseInt(options.getOrDefault("events", "400000"));
    int group = Integer.parseInt(options.getOrDefault("group", "400"));
    Path work = Files.createTempDirectory("parley-store-bench");

    List<Submission> submissions = normalised(work, events);
    int perGroup = Math.max(1, group / 100);
    List<List<Submission>> groups = grouped(submissions, perGroup);
    long stored = groups.stream().flatMap(List::stream).mapToLong(s -> s.events().size()).sum();

    // A first round of each warms the JIT and DuckDB; the second, on fresh files, is measured.
    bodiesOnly(work.resolve("warmup.duckdb"), groups);
    try (DuckDbStore store = DuckDbStore.open(work.resolve("warmup-data"))) {
      Timing.of(groups, store::commit);
    }
    Timing baseline = bodiesOnly(work.resolve("baseline.duckdb"), groups);
    Timing parley;
    try (DuckDbStore store = DuckDbStore.open(work.resolve("data"))) {
      parley = Timing.of(groups, store::commit);
    }
    List<Map.Entry<String, Timing>> rows = new ArrayList<>(List.of(Map.entry("baseline: JSON bodies, one column",
        baseline), Map.entry("DuckDbStore.commit (events + dedupe)", parley)));
    String postgres = options.get("postgres");
    if (postgres != null) {
      int preloaded = Integer.parseInt(options.getOrDefault("preload", "0"));
      List<List<Submission>> preload = preloaded == 0 ? List.of()
          : grouped(normalised(work.resolve("preload"), preloaded), 100); // other messageIds: a new run id
      long loaded = preload.stream().flatMap(List::stream).mapToLong(s -> s.events().size()).sum();
      String on = preload.isEmpty() ? "" : String.format(Locale.ROOT, ", on %,d events", loaded);
      rows.add(Map.entry("PostgresStore.load (COPY + dedupe + offsets)" + on, postgresLoad(postgres, groups, preload)));
      int loaders = Integer.parseInt(options.getOrDefault("loaders", "1"));
      if (loaders > 1) {
        rows.add(Map.entry("PostgresStore.load, " + loaders + " loaders at once (wall time)" + on,
            parallelPostgresLoad(postgres, groups, loaders, preload)));
      }
    }
    System.out.printf(Locale.ROOT, "%n%,d events in groups of %d, one thread unless said%n%n", stored,
        perGroup * 100);
    System.out.println("| store | us per event | events/s | vs baseline | commits over 50 ms | longest commit |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (var row : rows) {
      Timing t = row.getValue();
      System.out.printf(Locale.ROOT, "| %s | %.1f | %,.0f | %.1fx | %d | %d ms |%n", row.getKey(),
          t.nanos / 1e3 / stored, stored * 1e9 / t.nanos, (double) t.nanos / baseline.nanos, t.slow, t.longestMillis);
    }
  }

  /** The submissions in groups of {@code perGroup}, as a loader's polls take them (a last short group left out). */
  private static List<List<Submission>> grouped(List<Submission> submissions, int perGroup) {
    List<List<Submission>> groups = new ArrayList<>();
    for (int i = 0; i + perGroup <= submissions.size(); i += perGroup) {
      groups.add(submissions.subList(i, i + perGroup));
    }
    return groups;
  }

  /**
   * Cluster mode's load: a warm-up round into the database, then everything dropped and the
   * measured round into a fresh schema, after the {@code preload} groups when there are any
   * (analysed before the measured round). Each group is one transaction with its offset, as a
   * loader's poll is.
   */
  private static Timing postgresLoad(String address, List<List<Submission>> groups, List<List<Submission>> preload)
      throws SQLException {
    PostgresAddress pg = PostgresAddress.parse(address);
    java.util.Properties properties = pg.properties(java.util.Optional.empty(), System.getenv());
    Timing timing = null;
    for (int round = 0; round < 2; round++) {
      emptySchema(pg, properties);
      try (PostgresStore store = PostgresStore.open(pg.jdbcUrl(), properties)) {
        long[] offset = {0};
        java.util.function.Consumer<List<Submission>> load = group -> {
          offset[0] += group.size();
          store.load(group, "bench", Map.of(0, offset[0]));
        };
        if (round == 1 && !preload.isEmpty()) {
          preload.forEach(load);
          analyse(pg, properties);
        }
        timing = Timing.of(groups, load);
      }
    }
    return timing;
  }

  /**
   * {@code loaders} loaders at once into a fresh schema, loader i taking groups i, i + n, ... as
   * partition i: the time is the wall time of all of them (a warm-up round first, as above).
   */
  private static Timing parallelPostgresLoad(String address, List<List<Submission>> groups, int loaders,
      List<List<Submission>> preload) throws Exception {
    PostgresAddress pg = PostgresAddress.parse(address);
    java.util.Properties properties = pg.properties(java.util.Optional.empty(), System.getenv());
    Timing timing = null;
    for (int round = 0; round < 2; round++) {
      emptySchema(pg, properties);
      try (PostgresStore first = PostgresStore.open(pg.jdbcUrl(), properties)) { // migrates once
        long offset = 0;
        for (List<Submission> group : round == 1 ? preload : List.<List<Submission>>of()) {
          offset += group.size();
          first.load(group, "preload", Map.of(0, offset));
        }
      }
      if (round == 1 && !preload.isEmpty()) {
        analyse(pg, properties);
      }
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(loaders);
      List<java.util.concurrent.Future<?>> running = new ArrayList<>();
      long start = System.nanoTime();
      for (int loader = 0; loader < loaders; loader++) {
        int partition = loader;
        running.add(pool.submit(() -> {
          try (PostgresStore store = PostgresStore.open(pg.jdbcUrl(), properties)) {
            long offset = 0;
            for (int i = partition; i < groups.size(); i += loaders) {
              offset += groups.get(i).size();
              store.load(groups.get(i), "bench", Map.of(partition, offset));
            }
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> loader : running) {
        loader.get();
      }
      timing = new Timing(System.nanoTime() - start, 0, 0);
      pool.shutdown();
    }
    return timing;
  }

  /** Brings the planner's statistics up to date, as autovacuum does on a live store. */
  private static void analyse(PostgresAddress pg, java.util.Properties properties) throws SQLException {
    try (java.sql.Connection c = DriverManager.getConnection(pg.jdbcUrl(), properties);
        Statement st = c.createStatement()) {
      st.execute("ANALYZE");
    }
  }

  /** Drops everything a round left in the bench database. */
  private static void emptySchema(PostgresAddress pg, java.util.Properties properties) throws SQLException {
    try (java.sql.Connection c = DriverManager.getConnection(pg.jdbcUrl(), properties);
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA public CASCADE");
      st.execute("CREATE SCHEMA public");
    }
  }

  /** Runs the bench's traffic through the real ingest path and keeps what it hands the store. */
  static List<Submission> normalised(Path work, int events) throws Exception {
    ObjectMapper json = new ObjectMapper();
    KeyStore keys = KeyStore.open(work.resolve("keys"));
    Source source = keys.ensure("store-bench-key", "bench");
    List<Submission> captured = new ArrayList<>();
    EventSink sink = submission -> {
      captured.add(submission);
      return CompletableFuture.completedFuture(null);
    };
    Ingestor ingestor = new Ingestor(json, keys, ValidationMode.FLAG, sink, new Metrics(), Clock.systemUTC(),
        RateLimiter.unlimited());
    CopilotTraffic traffic = new CopilotTraffic(Long.toString(System.currentTimeMillis(), 36));
    for (int i = 0; i < events / 100; i++) {
      List<JsonNode> messages = new ArrayList<>();
      json.readTree(traffic.batch(100)).get("batch").forEach(messages::add);
      ingestor.ingest(source, messages).get();
    }
    return captured;
  }

  private static Timing bodiesOnly(Path file, List<List<Submission>> groups) throws SQLException {
    try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file)) {
      try (Statement st = c.createStatement()) {
        st.execute("SET checkpoint_threshold = '64MB'"); // as DuckDbStore sets it
        st.execute("CREATE TABLE bodies (body VARCHAR NOT NULL)");
      }
      c.setAutoCommit(false);
      return Timing.of(groups, submissions -> {
        try (DuckDBAppender appender = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "bodies")) {
          for (Submission submission : submissions) {
            for (NormalisedEvent event : submission.events()) {
              appender.beginRow().append(event.body()).endRow();
            }
          }
          appender.flush();
          c.commit();
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }

  private record Timing(long nanos, int slow, long longestMillis) {
    static Timing of(List<List<Submission>> groups, java.util.function.Consumer<List<Submission>> commit) {
      long total = 0;
      long longest = 0;
      int slow = 0;
      for (List<Submission> group : groups) {
        long start = System.nanoTime();
        commit.accept(group);
        long took = System.nanoTime() - start;
        total += took;
        longest = Math.max(longest, took);
        slow += took > 50_000_000L ? 1 : 0;
      }
      return new Timing(total, slow, longest / 1_000_000);
    }
  }
}
