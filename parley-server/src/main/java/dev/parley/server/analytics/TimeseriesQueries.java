package dev.parley.server.analytics;

import dev.parley.server.store.ConversationFacts;
import dev.parley.server.store.ReadConnections;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One metric per time bucket over a window, every bucket present (gaps filled). One
 * grouped query per call. Thread-safe: every call opens and closes its own connection.
 */
public final class TimeseriesQueries {
  /** The most buckets one series may have (an hourly series of about 14 months). */
  public static final int MAX_POINTS = 10_000;

  private final StoreReader store;
  private final AnalyticsSettings settings;
  private final Map<TimeseriesMetric, NamedSql> sql = new EnumMap<>(TimeseriesMetric.class);

  public TimeseriesQueries(ReadConnections connections, AnalyticsSettings settings, Dialect dialect) {
    this.store = new StoreReader(connections);
    this.settings = Objects.requireNonNull(settings, "settings == null");
    for (TimeseriesMetric metric : TimeseriesMetric.values()) {
      sql.put(metric, NamedSql.load(dialect, "timeseries-" + metric.wireName()));
    }
  }

  /** How many buckets {@link #points} would return for this window and interval. */
  public static long bucketCount(TimeWindow window, Interval interval) {
    long n = 0;
    for (Instant t = interval.truncate(window.from()); t.isBefore(window.to()) && n <= MAX_POINTS;
        t = interval.next(t)) {
      n++;
    }
    return n;
  }

  /** The metric in each bucket from the one holding {@code window.from()} up to {@code window.to()}. */
  public List<TimePoint> points(TimeseriesMetric metric, Interval interval, TimeWindow window) {
    if (bucketCount(window, interval) > MAX_POINTS) {
      throw new IllegalArgumentException("more than " + MAX_POINTS + " buckets; use a wider interval");
    }
    Instant idleBefore = settings.clock().instant().minus(settings.idleTimeout());
    Map<Instant, Double> values = store.readOneSnapshot("the " + metric.wireName() + " series", connection -> {
      Map<String, Object> params = Map.of(
          "from", window.from(),
          "to", window.to(),
          "unit", interval.wireName(),
          "idle_before", idleBefore,
          "spec_events", SpecEventNames.ALL,
          "through", ConversationFacts.throughSeq(connection));
      Map<Instant, Double> rows = new HashMap<>();
      try (PreparedStatement st = sql.get(metric).prepare(connection, params); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.put(StoreReader.instant(rs, "t"), StoreReader.nullableDouble(rs, "value"));
        }
      }
      return rows;
    });
    List<TimePoint> points = new ArrayList<>();
    for (Instant t = interval.truncate(window.from()); t.isBefore(window.to()); t = interval.next(t)) {
      Double value = values.get(t);
      points.add(new TimePoint(t, value == null && metric.isCount() ? Double.valueOf(0) : value));
    }
    return points;
  }
}
