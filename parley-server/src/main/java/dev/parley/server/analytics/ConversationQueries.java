package dev.parley.server.analytics;

import dev.parley.server.store.ConversationFacts;
import dev.parley.server.store.ReadConnections;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Lists conversations (filtered, newest first, keyset-paginated) and reads one
 * conversation's transcript. Thread-safe: every call opens and closes its own connection.
 */
public final class ConversationQueries {
  /** The largest page a caller may ask for. */
  public static final int MAX_LIMIT = 500;

  private final StoreReader store;
  private final AnalyticsSettings settings;
  private final NamedSql pageSql;
  private final NamedSql eventsSql;

  public ConversationQueries(ReadConnections connections, AnalyticsSettings settings, Dialect dialect) {
    this.store = new StoreReader(connections);
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.pageSql = NamedSql.load(dialect, "conversations-page");
    this.eventsSql = NamedSql.load(dialect, "conversation-events");
  }

  /** Up to {@code limit} conversations after {@code after}, and the cursor of the rest. */
  public ConversationPage page(ConversationFilter filter, int limit, Optional<PageCursor> after) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
    }
    Map<String, Object> params = new HashMap<>();
    params.put("from", filter.window().from());
    params.put("to", filter.window().to());
    params.put("idle_before", idleBefore());
    params.put("spec_events", SpecEventNames.ALL);
    params.put("user_id", filter.userId().orElse(null));
    params.put("status", filter.status().map(ConversationStatus::wireName).orElse(null));
    params.put("min_rating", filter.minRating().orElse(null));
    params.put("has_outcome", filter.hasOutcome().orElse(null));
    params.put("q", filter.text().orElse(null));
    params.put("topic", filter.topic().orElse(null));
    params.put("cursor_at", after.map(PageCursor::lastEventAt).orElse(null));
    params.put("cursor_id", after.map(PageCursor::conversationId).orElse(null));
    params.put("limit", limit + 1);
    return store.readOneSnapshot("conversations", connection -> {
      params.put("through", ConversationFacts.throughSeq(connection));
      List<ConversationSummary> items = new ArrayList<>();
      try (PreparedStatement st = pageSql.prepare(connection, params); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          items.add(new ConversationSummary(rs.getString("conversation_id"), rs.getString("user_id"),
              rs.getString("anonymous_id"), StoreReader.instant(rs, "started_at"),
              StoreReader.instant(rs, "ended_at"), StoreReader.instant(rs, "last_event_at"),
              ConversationStatus.fromWireName(rs.getString("status")).orElseThrow(),
              rs.getLong("message_count"), StoreReader.nullableDouble(rs, "avg_rating"),
              strings(rs.getArray("actions")), strings(rs.getArray("outcomes"))));
        }
      }
      if (items.size() <= limit) {
        return new ConversationPage(items, Optional.empty());
      }
      ConversationSummary last = items.get(limit - 1);
      return new ConversationPage(items.subList(0, limit),
          Optional.of(new PageCursor(last.lastEventAt(), last.conversationId())));
    });
  }

  /** The transcript of {@code conversationId}, or empty when no event carries that id. */
  public Optional<Transcript> transcript(String conversationId) {
    Objects.requireNonNull(conversationId, "conversationId == null");
    List<TranscriptEvent> events = store.read("conversation " + conversationId, connection -> {
      List<TranscriptEvent> rows = new ArrayList<>();
      try (PreparedStatement st = eventsSql.prepare(connection, Map.of("conversation_id", conversationId));
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(new TranscriptEvent(rs.getLong("seq"), rs.getString("message_id"), rs.getString("type"),
              rs.getString("event"), rs.getString("user_id"), rs.getString("anonymous_id"),
              StoreReader.instant(rs, "ts"), rs.getString("role"),
              rs.getString("chat_message_id"), rs.getString("message_body"), rs.getString("item_type"),
              rs.getString("action"), rs.getString("sub_type"), StoreReader.nullableDouble(rs, "rating"),
              StoreReader.nullableLong(rs, "message_count"), rs.getString("body"), List.of()));
        }
      }
      return rows;
    });
    if (events.isEmpty()) {
      return Optional.empty();
    }
    List<SequenceFinding> findings = SequenceFindings.of(events);
    return Optional.of(new Transcript(
        TranscriptFacts.summarise(conversationId, events, idleBefore()),
        TranscriptFacts.attach(events), findings));
  }

  private Instant idleBefore() {
    return settings.clock().instant().minus(settings.idleTimeout());
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return Arrays.stream((Object[]) array.getArray()).filter(Objects::nonNull).map(Object::toString).toList();
  }
}
