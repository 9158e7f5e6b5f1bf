package dev.parley.server.analytics;

import dev.parley.server.store.ReadConnections;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers what the summary cannot alone, such as the average rating by agent role or
 * conversations by plan: one metric per group of one key, largest first. Groups without
 * a value for the metric (no ratings, say) are left out. Thread-safe.
 */
public final class BreakdownQueries {
  private final StoreReader store;
  private final Map<String, NamedSql> sql = new HashMap<>();

  public BreakdownQueries(ReadConnections connections, Dialect dialect) {
    this.store = new StoreReader(connections);
    for (String by : BreakdownKey.KINDS) {
      sql.put(by, NamedSql.load(dialect, "breakdown-" + by));
    }
  }

  public List<BreakdownRow> breakdown(BreakdownKey key, BreakdownMetric metric, TimeWindow window) {
    Map<String, Object> params = new HashMap<>();
    params.put("from", window.from());
    params.put("to", window.to());
    key.trait().ifPresent(name -> params.put("trait_path", "$.traits." + name));
    List<BreakdownRow> rows = store.read("the breakdown by " + key.by(), connection -> {
      List<BreakdownRow> out = new ArrayList<>();
      try (PreparedStatement st = sql.get(key.by()).prepare(connection, params); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Double value = StoreReader.nullableDouble(rs, metric.column());
          if (value != null && value != 0) {
            out.add(new BreakdownRow(rs.getString("key"), value));
          }
        }
      }
      return out;
    });
    rows.sort(Comparator.comparingDouble(BreakdownRow::value).reversed()
        .thenComparing(BreakdownRow::key, Comparator.nullsLast(Comparator.naturalOrder())));
    return rows;
  }
}
