package dev.parley.server.analytics;

import dev.parley.server.store.ReadConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The violations received in a window ({@code GET /api/v1/violations}): counts by event and
 * code, stored and refused apart, and the latest ones. Both read in one snapshot. Thread-safe.
 */
public final class ViolationQueries {
  private final StoreReader store;
  private final NamedSql counts;
  private final NamedSql latest;

  public ViolationQueries(ReadConnections connections, Dialect dialect) {
    this.store = new StoreReader(connections);
    this.counts = NamedSql.load(dialect, "violations-counts");
    this.latest = NamedSql.load(dialect, "violations-latest");
  }

  /** Violations of one event and code in the window. */
  public record Count(String event, String code, long count, long stored, long refused) {}

  /** One violation as received. */
  public record Latest(String event, String code, String path, String message, String messageId, String source,
      Instant receivedAt, boolean refused) {}

  /** The window's counts (most first) and its latest {@code limit} violations (newest first). */
  public record Violations(List<Count> counts, List<Latest> latest) {}

  /** The violations of {@code window}, with at most {@code limit} of the latest. */
  public Violations violations(TimeWindow window, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit < 1: " + limit);
    }
    return store.readOneSnapshot("the violations", connection -> new Violations(counts(connection, window),
        latest(connection, window, limit)));
  }

  private List<Count> counts(Connection connection, TimeWindow window) throws SQLException {
    List<Count> out = new ArrayList<>();
    try (PreparedStatement st = counts.prepare(connection, Map.of("from", window.from(), "to", window.to()));
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        long stored = rs.getLong("stored");
        long refused = rs.getLong("refused");
        out.add(new Count(rs.getString("event"), rs.getString("code"), stored + refused, stored, refused));
      }
    }
    return out;
  }

  private List<Latest> latest(Connection connection, TimeWindow window, int limit) throws SQLException {
    List<Latest> out = new ArrayList<>();
    try (PreparedStatement st = latest.prepare(connection,
            Map.of("from", window.from(), "to", window.to(), "limit", limit));
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        out.add(new Latest(rs.getString("event"), rs.getString("code"), rs.getString("path"), rs.getString("message"),
            rs.getString("message_id"), rs.getString("source"), StoreReader.instant(rs, "received_at"),
            rs.getBoolean("refused")));
      }
    }
    return out;
  }
}
