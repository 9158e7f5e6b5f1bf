package dev.parley.bench.query;

import dev.parley.bench.chart.BarChart;
import dev.parley.bench.load.LoadGenerator;
import dev.parley.cluster.postgres.PostgresAddress;
import dev.parley.cluster.postgres.PostgresReads;
import dev.parley.server.analytics.AnalyticsSettings;
import dev.parley.server.analytics.AttributionKind;
import dev.parley.server.analytics.ConversationFilter;
import dev.parley.server.analytics.ConversationQueries;
import dev.parley.server.analytics.Dialect;
import dev.parley.server.analytics.Interval;
import dev.parley.server.analytics.SummaryQueries;
import dev.parley.server.analytics.TimeWindow;
import dev.parley.server.analytics.TimeseriesMetric;
import dev.parley.server.analytics.TimeseriesQueries;
import dev.parley.server.analytics.TopicQueries;
import dev.parley.server.analytics.UsageQueries;
import dev.parley.server.config.PriceBook;
import dev.parley.server.config.PriceTable;
import dev.parley.server.store.ConversationFacts;
import dev.parley.server.store.ReadConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.concurrent.Callable;
import org.duckdb.DuckDBConnection;

/**
 * The query benchmark: the dashboard's summary ({@link SummaryQueries}, with tokens and cost
 * priced from a price table), two of its daily series ({@link TimeseriesQueries}), the models
 * and attribution ({@link UsageQueries}), the topics with their figures ({@link TopicQueries},
 * over topics {@link SyntheticTopics} makes) and the first page of the conversation list
 * ({@link ConversationQueries}) for the last 7 days, over stores of 1 M and
 * 10 M synthetic events ({@link SyntheticStore}). Baselines in the same run: one scan counting
 * the window's events (the least any question about the window costs) and one grouped pass
 * over every event by conversation (what the summary's definition of a conversation needs). Median of the repeats
 * after warmups, in milliseconds; draws docs/img/query.png. The summary runs twice: with the
 * conversation facts folded in (as the collector keeps them) and with none (right after an
 * erasure or retention delete resets them, until the writer has folded them again).
 *
 * <p>With {@code --postgres postgresql://USER@HOST:PORT/DB} (a database it may empty), each
 * store is also copied into cluster mode's schema ({@link SyntheticPostgres}) and the same
 * questions are asked of PostgreSQL, printed against DuckDB's. {@code --reuse-postgres true}
 * skips the copy when the database already holds a copy of that many events, brought to the
 * current schema by its migrations (for repeated runs while working on one query); {@code --only TEXT} measures only the questions whose name
 * contains it.
 *
 * <pre>parley-bench/run --main dev.parley.bench.query.QueryBenchmark [--events 1000000,10000000]
 *     [--warmups 2] [--repeats 7] [--dir target/query-bench] [--img docs/img] [--postgres ADDRESS]
 *     [--reuse-postgres true] [--only TEXT]</pre>
 */
public final class QueryBenchmark {
  /** The two models of {@link SyntheticStore}, one repriced halfway through the window. */
  private static final PriceTable PRICES = prices();

  private QueryBenchmark() {}

  private static PriceTable prices() {
    try {
      return PriceTable.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
          {"currency": "USD", "prices": {
            "model-large": {"input": 2.5, "output": 10},
            "model-small": [{"input": 0.15, "output": 0.6}, {"from": "2026-11-20", "input": 0.1, "output": 0.4}]}}
          """));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = LoadGenerator.options(args);
    List<Long> sizes = Arrays.stream(options.getOrDefault("events", "1000000,10000000").split(","))
        .map(Long::parseLong).toList();
    int warmups = Integer.parseInt(options.getOrDefault("warmups", "2"));
    int repeats = Integer.parseInt(options.getOrDefault("repeats", "7"));
    Path dir = Path.of(options.getOrDefault("dir", "parley-bench/target/query-bench"));
    Path img = Path.of(options.getOrDefault("img", "docs/img"));

    Optional<PostgresAddress> postgres = Optional.ofNullable(options.get("postgres")).map(PostgresAddress::parse);
    boolean reusePostgres = Boolean.parseBoolean(options.getOrDefault("reuse-postgres", "false"));
    Predicate<String> only = name -> name.contains(options.getOrDefault("only", ""));

    Map<String, List<Double>> medians = new LinkedHashMap<>();
    Map<String, List<Double>> onPostgres = new LinkedHashMap<>();
    List<String> loads = new ArrayList<>();
    for (long size : sizes) {
      long made = System.nanoTime();
      Path file = SyntheticStore.ensure(dir.resolve(Long.toString(size)), size);
      System.err.printf(Locale.ROOT, "store of %,d events ready in %.1f s%n", size, (System.nanoTime() - made) / 1e9);
      TimeWindow window = new TimeWindow(SyntheticStore.NOW.minus(Duration.ofDays(7)), SyntheticStore.NOW);
      try (DuckDBConnection root = SyntheticStore.open(file)) {
        try (java.sql.Connection c = root.duplicate()) {
          System.err.println(SyntheticTopics.ensure(c, Dialect.DUCKDB));
        }
        ReadConnections reads = root::duplicate;
        Map<String, Callable<?>> cases = cases(reads, Dialect.DUCKDB, window, size);
        SummaryQueries unfolded = new SummaryQueries(withoutFacts(root), settings(), Dialect.DUCKDB);
        cases.put("summary, nothing folded (as after an erasure)", () -> unfolded.summary(window));
        measure(cases, only, size, "DuckDB", warmups, repeats, medians);
        if (postgres.isPresent()) {
          Properties properties = postgres.get().properties(Optional.empty(), System.getenv());
          if (reusePostgres && SyntheticPostgres.holds(postgres.get().jdbcUrl(), properties, size)) {
            System.err.printf(Locale.ROOT, "PostgreSQL already holds the %,d events: not copied again%n", size);
          } else {
            loads.add(SyntheticPostgres.copy(root, postgres.get().jdbcUrl(), properties, dir.resolve(size + ".csv"),
                size));
            System.err.println(loads.get(loads.size() - 1));
          }
          try (java.sql.Connection c = java.sql.DriverManager.getConnection(postgres.get().jdbcUrl(), properties)) {
            System.err.println(SyntheticTopics.ensure(c, Dialect.POSTGRES));
          }
          try (PostgresReads pg = new PostgresReads(postgres.get().jdbcUrl(), properties)) {
            measure(cases(pg, Dialect.POSTGRES, window, size), only, size, "PostgreSQL", warmups, repeats, onPostgres);
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "%nDuckDB, median of %d runs after %d warmups, ms%n%n| query |", repeats, warmups);
    sizes.forEach(s -> System.out.printf(Locale.ROOT, " %,d events | vs grouped pass |", s));
    System.out.println();
    System.out.println("|---|" + "---:|---:|".repeat(sizes.size()));
    List<Double> base = medians.getOrDefault("baseline: group all events by conversation",
        Collections.nCopies(sizes.size(), Double.NaN));
    for (var row : medians.entrySet()) {
      System.out.print("| " + row.getKey() + " |");
      for (int i = 0; i < sizes.size(); i++) {
        System.out.printf(Locale.ROOT, " %.0f ms | %.1fx |", row.getValue().get(i), row.getValue().get(i) / base.get(i));
      }
      System.out.println();
    }
    if (postgres.isPresent()) {
      System.out.printf(Locale.ROOT, "%nPostgreSQL against DuckDB on the same data, median ms%n%n| query |");
      sizes.forEach(s -> System.out.printf(Locale.ROOT, " %,d events: PostgreSQL | vs DuckDB |", s));
      System.out.println();
      System.out.println("|---|" + "---:|---:|".repeat(sizes.size()));
      for (var row : onPostgres.entrySet()) {
        System.out.print("| " + row.getKey() + " |");
        for (int i = 0; i < sizes.size(); i++) {
          System.out.printf(Locale.ROOT, " %.0f ms | %.1fx |", row.getValue().get(i),
              row.getValue().get(i) / medians.get(row.getKey()).get(i));
        }
        System.out.println();
      }
      System.out.println();
      loads.forEach(System.out::println);
      return; // the chart stays DuckDB's
    }
    List<BarChart.Series> series = new ArrayList<>();
    medians.forEach((name, values) -> series.add(new BarChart.Series(name, values)));
    BarChart.write(img.resolve("query.png"), "Query: median time over the last 7 days", "ms",
        sizes.stream().map(s -> String.format(Locale.ROOT, "%,d events", s)).toList(), series);
  }

  private static AnalyticsSettings settings() {
    return new AnalyticsSettings(Clock.fixed(SyntheticStore.NOW, ZoneOffset.UTC), Duration.ofMinutes(30),
        PriceBook.of(PRICES));
  }

  /** Every measured question, asked of {@code reads} in {@code dialect} (a store of {@code size} events). */
  private static Map<String, Callable<?>> cases(ReadConnections reads, Dialect dialect, TimeWindow window,
      long size) {
    AnalyticsSettings settings = settings();
    SummaryQueries summary = new SummaryQueries(reads, settings, dialect);
    ConversationQueries conversations = new ConversationQueries(reads, settings, dialect);
    TimeseriesQueries series = new TimeseriesQueries(reads, settings, dialect);
    UsageQueries usage = new UsageQueries(reads, settings, dialect);
    Map<String, Callable<?>> cases = new LinkedHashMap<>();
    cases.put("baseline: count the window's events", () -> countWindow(reads, window));
    cases.put("baseline: group all events by conversation", () -> groupByConversation(reads));
    cases.put("summary", () -> summary.summary(window));
    cases.put("time series: response latency p50 by day", () ->
        series.points(TimeseriesMetric.RESPONSE_LATENCY_P50, Interval.DAY, window));
    cases.put("time series: abandoned by day", () -> series.points(TimeseriesMetric.ABANDONED, Interval.DAY, window));
    cases.put("models: breakdown by model", () -> usage.byModel(window));
    cases.put("attribution by model", () -> usage.attribution(AttributionKind.MODEL, window));
    cases.put("attribution by action", () -> usage.attribution(AttributionKind.ACTION, window));
    TopicQueries topics = new TopicQueries(reads, settings, dialect);
    cases.put("topics: every topic with its figures", () -> topics.overview(ConversationFilter.all(window)));
    cases.put("conversation list, first page of 50", () ->
        conversations.page(ConversationFilter.all(window), 50, Optional.empty()));
    String recent = "c" + (size / 8 - 3); // one of the last conversations, in the window
    cases.put("one transcript", () -> conversations.transcript(recent).orElseThrow());
    return cases;
  }

  private static void measure(Map<String, Callable<?>> cases, Predicate<String> only, long size, String store,
      int warmups, int repeats, Map<String, List<Double>> medians) throws Exception {
    for (var c : cases.entrySet()) {
      if (!only.test(c.getKey())) {
        continue;
      }
      double median = median(c.getValue(), warmups, repeats);
      medians.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(median);
      System.err.printf(Locale.ROOT, "%s, %,d events, %s: %.0f ms%n", store, size, c.getKey(), median);
    }
  }

  /**
   * Read connections on which the conversation facts are empty (temporary tables shadow the
   * stored ones), so the summary groups every event, as right after an erasure resets them.
   */
  private static ReadConnections withoutFacts(DuckDBConnection root) {
    return () -> {
      Connection c = root.duplicate();
      try (Statement st = c.createStatement()) {
        for (String sql : ConversationFacts.standIns()) {
          st.execute(sql);
        }
      }
      return c;
    };
  }

  private static long countWindow(ReadConnections reads, TimeWindow window) throws Exception {
    try (Connection c = reads.open();
        PreparedStatement st = c.prepareStatement("SELECT count(*) FROM events WHERE ts >= ? AND ts < ?")) {
      st.setTimestamp(1, Timestamp.from(window.from()));
      st.setTimestamp(2, Timestamp.from(window.to()));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long groupByConversation(ReadConnections reads) throws Exception {
    try (Connection c = reads.open();
        PreparedStatement st = c.prepareStatement("SELECT count(*) FROM (SELECT conversation_id, min(ts), max(ts)"
            + " FROM events GROUP BY conversation_id) AS g");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static double median(Callable<?> query, int warmups, int repeats) throws Exception {
    for (int i = 0; i < warmups; i++) {
      query.call();
    }
    double[] ms = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      query.call();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return ms[repeats / 2];
  }
}
