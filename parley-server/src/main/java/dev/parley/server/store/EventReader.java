package dev.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads stored events and their violations: the events read route and {@code parley export}. */
public final class EventReader {
  /** Rows fetched at a time when streaming (PostgreSQL; DuckDB streams by itself). */
  private static final int FETCH = 1_000;
  private final ReadConnections reads;

  public EventReader(ReadConnections reads) {
    this.reads = reads;
  }

  /** The events that match, in time order, with their violations. */
  public List<StoredEvent> find(EventQuery query) throws SQLException {
    List<StoredEvent> events = new ArrayList<>();
    stream(query, events::add);
    return events;
  }

  /** Hands each matching event, in time order, to {@code sink} without holding them all. */
  public void stream(EventQuery query, Consumer<StoredEvent> sink) throws SQLException {
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE true");
    query.conversationId().ifPresent(v -> { where.append(" AND conversation_id = ?"); params.add(v); });
    query.userId().ifPresent(v -> { where.append(" AND user_id = ?"); params.add(v); });
    query.event().ifPresent(v -> { where.append(" AND event = ?"); params.add(v); });
    query.from().ifPresent(v -> { where.append(" AND ts >= ?"); params.add(utc(v)); });
    query.to().ifPresent(v -> { where.append(" AND ts < ?"); params.add(utc(v)); });
    String sql = "SELECT seq, source, body FROM events" + where + " ORDER BY ts, seq"
        + (query.limit() == Integer.MAX_VALUE ? "" : " LIMIT " + query.limit());
    try (Connection c = reads.open()) {
      // One transaction: one snapshot for the events and their violations, and on PostgreSQL
      // a cursor that fetches FETCH rows at a time instead of the whole result at once.
      c.setAutoCommit(false);
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setFetchSize(FETCH);
        for (int i = 0; i < params.size(); i++) {
          st.setObject(i + 1, params.get(i));
        }
        Map<Long, StoredEvent> page = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            page.put(rs.getLong(1), new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), List.of()));
            if (page.size() == 500) {
              flush(c, page, sink);
            }
          }
        }
        flush(c, page, sink);
      } finally {
        c.rollback(); // nothing was written
      }
    }
  }

  private static void flush(Connection c, Map<Long, StoredEvent> page, Consumer<StoredEvent> sink)
      throws SQLException {
    if (page.isEmpty()) {
      return;
    }
    Map<Long, List<StoredEvent.StoredViolation>> violations = violationsOf(c, page.keySet());
    for (StoredEvent e : page.values()) {
      sink.accept(new StoredEvent(e.seq(), e.source(), e.body(), violations.getOrDefault(e.seq(), List.of())));
    }
    page.clear();
  }

  private static Map<Long, List<StoredEvent.StoredViolation>> violationsOf(Connection c, Iterable<Long> seqs)
      throws SQLException {
    StringBuilder marks = new StringBuilder();
    List<Long> list = new ArrayList<>();
    for (Long seq : seqs) {
      marks.append(marks.length() == 0 ? "?" : ",?");
      list.add(seq);
    }
    Map<Long, List<StoredEvent.StoredViolation>> found = new HashMap<>();
    try (PreparedStatement st = c.prepareStatement("SELECT event_seq, event, path, code, message FROM violations"
        + " WHERE event_seq IN (" + marks + ") ORDER BY event_seq")) {
      for (int i = 0; i < list.size(); i++) {
        st.setLong(i + 1, list.get(i));
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          found.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new StoredEvent.StoredViolation(
              rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        }
      }
    }
    return found;
  }

  private static LocalDateTime utc(java.time.Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
