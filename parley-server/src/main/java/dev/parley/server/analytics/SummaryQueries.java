package dev.parley.server.analytics;

import dev.parley.server.store.ConversationFacts;
import dev.parley.server.store.ReadConnections;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Answers "what happened in this window" ({@link Summary}) with a handful of grouped
 * queries, each a single pass over the window's events. Thread-safe: every call opens
 * and closes its own connection.
 */
public final class SummaryQueries {
  private final StoreReader store;
  private final AnalyticsSettings settings;
  private final Map<String, NamedSql> sql = new LinkedHashMap<>();
  private final UsageQueries usage;

  public SummaryQueries(ReadConnections connections, AnalyticsSettings settings, Dialect dialect) {
    this.store = new StoreReader(connections);
    this.usage = new UsageQueries(connections, settings, dialect);
    this.settings = Objects.requireNonNull(settings, "settings == null");
    for (String name : List.of("summary-conversations", "summary-messages", "summary-feedback",
        "summary-items", "summary-outcomes", "summary-users", "summary-violations")) {
      sql.put(name, NamedSql.load(dialect, name));
    }
  }

  /**
   * The summary of {@code window}, with abandonment judged at the clock's instant. Its queries
   * run in one snapshot, which also makes the conversation facts and the point up to which
   * they are folded agree.
   */
  public Summary summary(TimeWindow window) {
    Instant idleBefore = settings.clock().instant().minus(settings.idleTimeout());
    // The tokens and cost (the costliest part) are read beside the rest where the store can.
    StoreReader.Both<Function<UsageQueries.UsageSums, Summary>, UsageQueries.UsageSums> read =
        store.readOneSnapshot("the summary", connection -> {
      Map<String, Object> params = Map.of(
          "from", window.from(),
          "to", window.to(),
          "idle_before", idleBefore,
          "spec_events", SpecEventNames.ALL,
          "through", ConversationFacts.throughSeq(connection));
      Summary.Quantiles durations;
      long conversations;
      long started;
      long ended;
      long abandoned;
      Double avgMessages;
      Double conversionRate;
      try (PreparedStatement st = prepare(connection, "summary-conversations", params);
          ResultSet rs = st.executeQuery()) {
        rs.next();
        conversations = rs.getLong("conversations");
        started = rs.getLong("started");
        ended = rs.getLong("ended");
        abandoned = rs.getLong("abandoned");
        long withMessages = rs.getLong("with_messages");
        avgMessages = withMessages == 0 ? null : (double) rs.getLong("messages") / withMessages;
        conversionRate = conversations == 0 ? null : (double) rs.getLong("converted") / conversations;
        durations = quantiles(rs, "duration");
      }
      long sent;
      long received;
      Summary.Quantiles latency;
      try (PreparedStatement st = prepare(connection, "summary-messages", params);
          ResultSet rs = st.executeQuery()) {
        rs.next();
        sent = rs.getLong("sent");
        received = rs.getLong("received");
        latency = quantiles(rs, "latency");
      }
      Summary.Feedback feedback = feedback(connection, params);
      List<Summary.ActionCount> actions = new ArrayList<>();
      List<Summary.MediaCount> media = new ArrayList<>();
      List<Summary.ComponentCount> components = new ArrayList<>();
      try (PreparedStatement st = prepare(connection, "summary-items", params);
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long n = rs.getLong("n");
          String type = rs.getString("item_type");
          switch (rs.getString("event")) {
            case "Action Invoked" -> actions.add(new Summary.ActionCount(type, rs.getString("action"), n));
            case "Media Generated" -> media.add(new Summary.MediaCount(type, rs.getString("sub_type"), n));
            default -> components.add(new Summary.ComponentCount(type, n));
          }
        }
      }
      List<Summary.OutcomeCount> outcomes = new ArrayList<>();
      try (PreparedStatement st = prepare(connection, "summary-outcomes", params);
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          outcomes.add(new Summary.OutcomeCount(
              rs.getString("event"), rs.getLong("n"), rs.getLong("conversations")));
        }
      }
      long users = single(connection, "summary-users", params);
      long violations = single(connection, "summary-violations", params);
      return sums -> new Summary(window.from(), window.to(), conversations, started, ended, abandoned,
          sent, received, avgMessages, latency, durations, feedback, actions, media, components,
          outcomes, conversionRate, users, violations, sums.tokens(), sums.cost());
    }, connection -> usage.sums(connection, window));
    return read.first().apply(read.second());
  }

  private Summary.Feedback feedback(Connection connection, Map<String, Object> params)
      throws SQLException {
    Map<String, Long> distribution = new LinkedHashMap<>();
    long count = 0;
    long messageLevel = 0;
    double total = 0;
    try (PreparedStatement st = prepare(connection, "summary-feedback", params);
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        double rating = rs.getDouble("rating");
        long n = rs.getLong("n");
        count += n;
        total += rating * n;
        if (rs.getBoolean("message_level")) {
          messageLevel += n;
        }
        distribution.merge(ratingKey(rating), n, Long::sum);
      }
    }
    return new Summary.Feedback(count, count == 0 ? null : total / count, distribution,
        messageLevel, count - messageLevel);
  }

  /** A rating as a distribution key: "5" for 5.0, "4.5" for 4.5. */
  static String ratingKey(double rating) {
    return BigDecimal.valueOf(rating).stripTrailingZeros().toPlainString();
  }

  /**
   * The p50, p90 and p99 (milliseconds) of a {@code quantile_cont(x, [0.5, 0.9, 0.99])} column
   * (one sort for all three), or all null when there was nothing to measure. Rounded to the
   * microsecond: DuckDB and PostgreSQL interpolate with different rounding (4405989.999999999
   * against 4405990.0), and both stores must give the same answer.
   */
  private static Summary.Quantiles quantiles(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      return new Summary.Quantiles(null, null, null);
    }
    Object[] values = (Object[]) array.getArray();
    return new Summary.Quantiles(millis(values[0]), millis(values[1]), millis(values[2]));
  }

  /** Milliseconds to the microsecond. */
  static Double millis(Object value) {
    return value == null ? null : Math.round(((Number) value).doubleValue() * 1000) / 1000.0;
  }

  private long single(Connection connection, String name, Map<String, Object> params)
      throws SQLException {
    try (PreparedStatement st = prepare(connection, name, params); ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private PreparedStatement prepare(Connection connection, String name, Map<String, Object> params)
      throws SQLException {
    return sql.get(name).prepare(connection, params);
  }
}
