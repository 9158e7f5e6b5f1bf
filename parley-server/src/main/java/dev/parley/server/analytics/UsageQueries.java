package dev.parley.server.analytics;

import dev.parley.server.config.PriceTable;
import dev.parley.server.store.ConversationFacts;
import dev.parley.server.store.ReadConnections;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Models, tokens and cost over a window, and what goes with conversations that convert:
 * {@code breakdown?by=model} and {@code attribution}. Cost is the cost sent with an event,
 * else its tokens at the price its model had at its time ({@link PriceTable}), read at
 * query time so that a price added later reprices nothing before it. Thread-safe.
 */
public final class UsageQueries {
  private static final List<String> PRICE_TYPES = List.of("VARCHAR", "TIMESTAMP", "TIMESTAMP", "DOUBLE PRECISION",
      "DOUBLE PRECISION"); // names both dialects know

  private final StoreReader store;
  private final AnalyticsSettings settings;
  private final NamedSql summary;
  private final NamedSql byModel;
  private final NamedSql attribution;

  public UsageQueries(ReadConnections connections, AnalyticsSettings settings, Dialect dialect) {
    this.store = new StoreReader(connections);
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.summary = NamedSql.load(dialect, "usage-summary");
    this.byModel = NamedSql.load(dialect, "usage-by-model");
    this.attribution = NamedSql.load(dialect, "attribution");
  }

  /** The price table as statement rows: model, valid from, valid until, input and output per million. */
  static SqlRows priceRows(PriceTable table) {
    List<List<Object>> rows = new ArrayList<>();
    for (PriceTable.Price p : table.prices()) {
      rows.add(List.of(p.model(), p.from(), p.until(), p.inputPerMillion(), p.outputPerMillion()));
    }
    return new SqlRows(PRICE_TYPES, rows);
  }

  /** The parameters every usage statement takes. */
  Map<String, Object> params(TimeWindow window, Connection connection) throws SQLException {
    Map<String, Object> params = new HashMap<>();
    params.put("from", window.from());
    params.put("to", window.to());
    params.put("spec_events", SpecEventNames.ALL);
    params.put("price_rows", priceRows(settings.prices().current()));
    params.put("idle_before", settings.clock().instant().minus(settings.idleTimeout()));
    params.put("through", ConversationFacts.throughSeq(connection));
    return params;
  }

  /** Tokens and cost of the window, on a connection of the caller's snapshot. */
  UsageSums sums(Connection connection, TimeWindow window) throws SQLException {
    try (PreparedStatement st = summary.prepare(connection, params(window, connection));
        ResultSet rs = st.executeQuery()) {
      rs.next();
      UsageFigures.Tokens tokens = new UsageFigures.Tokens(rs.getLong("input_tokens"), rs.getLong("output_tokens"));
      UsageFigures.Cost cost = new UsageFigures.Cost(settings.prices().current().currency(), number(rs, "cost"),
          rs.getLong("unpriced_events"), spread(rs, "per_conversation"), number(rs, "per_converted_conversation"));
      return new UsageSums(tokens, cost);
    }
  }

  /** The summary's two usage figures. */
  record UsageSums(UsageFigures.Tokens tokens, UsageFigures.Cost cost) {}

  /** One row per model used in the window, the most used first. */
  public List<UsageFigures.ModelRow> byModel(TimeWindow window) {
    return store.readOneSnapshot("the models", connection -> {
      List<UsageFigures.ModelRow> rows = new ArrayList<>();
      try (PreparedStatement st = byModel.prepare(connection, params(window, connection));
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long conversations = rs.getLong("conversations");
          long ratings = rs.getLong("ratings");
          rows.add(new UsageFigures.ModelRow(rs.getString("model"), conversations, rs.getLong("replies"),
              spread(rs, "latency"), ratings == 0 ? null : rs.getDouble("rating_sum") / ratings,
              conversations == 0 ? null : (double) rs.getLong("converted") / conversations,
              new UsageFigures.Tokens(rs.getLong("input_tokens"), rs.getLong("output_tokens")),
              number(rs, "cost"), rs.getLong("unpriced_events")));
        }
      }
      return rows;
    });
  }

  /** The conversations with and without each feature of {@code kind}, the largest conversion lift first. */
  public UsageFigures.Attribution attribution(AttributionKind kind, TimeWindow window) {
    return store.readOneSnapshot("the attribution", connection -> {
      Map<String, Object> params = params(window, connection);
      params.put("kind", kind.wireName());
      List<Counts> features = new ArrayList<>();
      Counts all = null;
      try (PreparedStatement st = attribution.prepare(connection, params); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Counts counts = new Counts(rs.getString("key"), rs.getLong("conversations"), rs.getLong("converted"),
              // no rating is a sum of 0 (DuckDB's JDBC reads a NULL double as NaN, which would spread)
              Objects.requireNonNullElse(StoreReader.nullableDouble(rs, "rating_sum"), 0.0), rs.getLong("ratings"),
              rs.getLong("abandoned"));
          if (counts.key() == null) {
            all = counts;
          } else {
            features.add(counts);
          }
        }
      }
      Counts total = Objects.requireNonNull(all, "no total row");
      List<UsageFigures.AttributionItem> items = new ArrayList<>();
      for (Counts with : features) {
        Counts without = total.minus(with);
        UsageFigures.Side w = with.side();
        UsageFigures.Side wo = without.side();
        items.add(new UsageFigures.AttributionItem(with.key(), w, wo, new UsageFigures.Lift(
            difference(w.conversionRate(), wo.conversionRate()), difference(w.avgRating(), wo.avgRating()),
            difference(w.abandonmentRate(), wo.abandonmentRate()))));
      }
      items.sort(Comparator.comparing((UsageFigures.AttributionItem i) -> i.lift().conversionRate(),
          Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(UsageFigures.AttributionItem::key));
      return new UsageFigures.Attribution(kind.wireName(), items);
    });
  }

  /** The sums of one side; rates are computed from them so that "without" is all minus "with". */
  private record Counts(String key, long conversations, long converted, double ratingSum, long ratings,
      long abandoned) {
    Counts minus(Counts other) {
      return new Counts(null, conversations - other.conversations, converted - other.converted,
          ratingSum - other.ratingSum, ratings - other.ratings, abandoned - other.abandoned);
    }

    UsageFigures.Side side() {
      return new UsageFigures.Side(conversations, rate(converted, conversations),
          ratings == 0 ? null : ratingSum / ratings, rate(abandoned, conversations));
    }
  }

  private static Double rate(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  private static Double difference(Double a, Double b) {
    return a == null || b == null ? null : a - b;
  }

  private static Double number(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static UsageFigures.Spread spread(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      return new UsageFigures.Spread(null, null);
    }
    Object[] values = (Object[]) array.getArray();
    return new UsageFigures.Spread(values[0] == null ? null : ((Number) values[0]).doubleValue(),
        values[1] == null ? null : ((Number) values[1]).doubleValue());
  }
}
