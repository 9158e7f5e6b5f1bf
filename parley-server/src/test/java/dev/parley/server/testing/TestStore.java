package dev.parley.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.store.ConversationFacts;
import dev.parley.server.store.DuckDbSchema;
import dev.parley.server.store.ReadConnections;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.duckdb.DuckDBConnection;

/**
 * A real DuckDB store in a temporary directory ({@code <dir>/parley.duckdb}) with the
 * ingest schema, filled row by row with plain JDBC, as ingest would leave it.
 */
public final class TestStore implements ScenarioStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final DuckDBConnection base;
  private long seq;

  private TestStore(Path file, DuckDBConnection base) {
    this.file = file;
    this.base = base;
  }

  /** Creates {@code dir/parley.duckdb} with the store schema. */
  public static TestStore create(Path dir) throws SQLException, IOException {
    Path file = dir.resolve("parley.duckdb");
    DuckDBConnection base = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
    DuckDbSchema.apply(base);
    return new TestStore(file, base);
  }

  /**
   * A store in memory only, with the store schema: for tests that make many stores, such as
   * property tests. {@link #file()} is null.
   */
  public static TestStore inMemory() throws SQLException, IOException {
    DuckDBConnection base = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    DuckDbSchema.apply(base);
    return new TestStore(null, base);
  }

  @Override
  public dev.parley.server.analytics.Dialect dialect() {
    return dev.parley.server.analytics.Dialect.DUCKDB;
  }

  public Path file() {
    return file;
  }

  @Override
  public void topics(java.util.Map<String, Integer> topicOf) {
    ScenarioStore.writeTopics(base, dialect(), topicOf);
  }

  /** Read connections on the same database, as the server hands them out. */
  @Override
  public ReadConnections connections() {
    return base::duplicate;
  }

  /** Stores one event with the next {@code seq}; returns that seq. */
  @Override
  public long insert(StoredEvent e) {
    long rowSeq = ++seq;
    String sql = "INSERT INTO events (seq, source, message_id, type, event, user_id, anonymous_id, previous_id,"
        + " conversation_id, chat_message_id, role, message_body, item_type, action, sub_type, rating,"
        + " message_count, ts, original_ts, sent_at, received_at, violation_count, body)"
        + " VALUES (?, 'test-source', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 0, ?)";
    try (PreparedStatement st = base.prepareStatement(sql)) {
      LocalDateTime ts = LocalDateTime.ofInstant(e.ts(), ZoneOffset.UTC);
      st.setLong(1, rowSeq);
      st.setString(2, "event-" + rowSeq);
      st.setString(3, e.type());
      st.setObject(4, e.event());
      st.setObject(5, e.userId());
      st.setObject(6, e.anonymousId());
      st.setObject(7, e.previousId());
      st.setObject(8, e.conversationId());
      st.setObject(9, e.chatMessageId());
      st.setObject(10, e.role());
      st.setObject(11, e.messageBody());
      st.setObject(12, e.itemType());
      st.setObject(13, e.action());
      st.setObject(14, e.subType());
      st.setObject(15, e.rating());
      st.setObject(16, e.messageCount());
      st.setObject(17, ts);
      st.setObject(18, ts);
      st.setObject(19, ts);
      st.setString(20, jsonBody(e, rowSeq));
      st.executeUpdate();
    } catch (SQLException ex) {
      throw new IllegalStateException(ex);
    }
    return rowSeq;
  }

  /** Sets the usage columns (model, tokens, cost as sent) of the event with {@code seq}, as ingest stores them. */
  @Override
  public void usage(long rowSeq, String model, Long inputTokens, Long outputTokens, Double cost) {
    try (PreparedStatement st = base.prepareStatement(
        "UPDATE events SET model = ?, input_tokens = ?, output_tokens = ?, cost = ? WHERE seq = ?")) {
      st.setObject(1, model);
      st.setObject(2, inputTokens);
      st.setObject(3, outputTokens);
      st.setObject(4, cost);
      st.setLong(5, rowSeq);
      st.executeUpdate();
    } catch (SQLException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** The seq of the last event stored. */
  @Override
  public long lastSeq() {
    return seq;
  }

  /**
   * Folds up to {@code maxEvents} more of the stored events into the conversation facts, as
   * the writer does between commits.
   */
  @Override
  public void fold(long maxEvents) {
    try {
      ConversationFacts.fold(base, seq, maxEvents);
    } catch (SQLException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** Empties the conversation facts, as deleting events does. */
  @Override
  public void unfold() {
    try {
      ConversationFacts.reset(base);
    } catch (SQLException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** Records one violation of the event with {@code eventSeq}, received at {@code at}. */
  @Override
  public void insertViolation(long eventSeq, Instant at) {
    try (PreparedStatement st = base.prepareStatement("INSERT INTO violations (event_seq, source, message_id, event, path, code, message, received_at, refused) VALUES"
        + " (?, 'test-source', ?, 'Message Sent', 'properties.role', 'wrong_type', 'role is not a string', ?, false)")) {
      st.setLong(1, eventSeq);
      st.setString(2, "event-" + eventSeq);
      st.setObject(3, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
      st.executeUpdate();
    } catch (SQLException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** The JSON body a row of {@code e} with {@code seq} holds, as ingest stores it. */
  public static String jsonBody(StoredEvent e, long seq) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", e.type()).put("messageId", "event-" + seq).put("timestamp", e.ts().toString());
    if (e.event() != null) {
      body.put("event", e.event());
    }
    if (e.userId() != null) {
      body.put("userId", e.userId());
    }
    if (e.anonymousId() != null) {
      body.put("anonymousId", e.anonymousId());
    }
    if (e.previousId() != null) {
      body.put("previousId", e.previousId());
    }
    if (e.traitsJson() != null) {
      try {
        body.set("traits", JSON.readTree(e.traitsJson()));
      } catch (IOException ex) {
        throw new IllegalArgumentException(ex);
      }
    }
    if ("track".equals(e.type())) {
      ObjectNode p = body.putObject("properties");
      putIfPresent(p, "conversationId", e.conversationId());
      putIfPresent(p, "messageId", e.chatMessageId());
      putIfPresent(p, "message_body", e.messageBody());
      putIfPresent(p, "role", e.role());
      putIfPresent(p, "type", e.itemType());
      putIfPresent(p, "action", e.action());
      putIfPresent(p, "sub_type", e.subType());
      if (e.rating() != null) {
        p.put("rating", e.rating());
      }
      if (e.messageCount() != null) {
        p.put("message_count", e.messageCount());
      }
    }
    return body.toString();
  }

  private static void putIfPresent(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  @Override
  public void close() throws SQLException {
    base.close();
  }
}
