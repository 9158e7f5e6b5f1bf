package dev.parley.cluster.postgres;

import dev.parley.server.analytics.Dialect;
import dev.parley.server.store.ReadConnections;
import dev.parley.server.store.SharedSnapshots;
import dev.parley.server.testing.ScenarioStore;
import dev.parley.server.testing.StoredEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Properties;

/**
 * The analytics scenarios on PostgreSQL: a fresh schema (every migration), events inserted row
 * by row as a load stores them, and the conversation facts made whole before each read, as
 * every load leaves them. Folding is the embedded store's and means nothing here.
 */
public final class PostgresScenarioStore implements ScenarioStore {
  private final Connection base;
  private final PostgresReads reads;
  private long seq;
  private boolean factsBehind;

  private PostgresScenarioStore(String jdbcUrl, Connection base) {
    this.base = base;
    this.reads = new PostgresReads(jdbcUrl, new Properties());
  }

  /** Empties the database at {@code jdbcUrl} and brings it to the latest schema. */
  public static PostgresScenarioStore create(String jdbcUrl) throws SQLException {
    Connection c = DriverManager.getConnection(jdbcUrl);
    try (Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA public CASCADE");
      st.execute("CREATE SCHEMA public");
    }
    PostgresSchema.migrate(c);
    return new PostgresScenarioStore(jdbcUrl, c);
  }

  @Override
  public long insert(StoredEvent e) {
    long rowSeq = ++seq;
    try (PreparedStatement st = base.prepareStatement("INSERT INTO events (seq, source, message_id, type, event,"
        + " user_id, anonymous_id, previous_id, conversation_id, chat_message_id, role, message_body, item_type,"
        + " action, sub_type, rating, message_count, ts, original_ts, sent_at, received_at, violation_count, body)"
        + " VALUES (?, 'test-source', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 0, ?)")) {
      LocalDateTime ts = LocalDateTime.ofInstant(e.ts(), ZoneOffset.UTC);
      st.setLong(1, rowSeq);
      st.setString(2, "event-" + rowSeq);
      st.setString(3, e.type());
      st.setString(4, e.event());
      st.setString(5, e.userId());
      st.setString(6, e.anonymousId());
      st.setString(7, e.previousId());
      st.setString(8, e.conversationId());
      st.setString(9, e.chatMessageId());
      st.setString(10, e.role());
      st.setString(11, e.messageBody());
      st.setString(12, e.itemType());
      st.setString(13, e.action());
      st.setString(14, e.subType());
      st.setObject(15, e.rating(), java.sql.Types.DOUBLE);
      st.setObject(16, e.messageCount(), java.sql.Types.BIGINT);
      st.setObject(17, ts);
      st.setObject(18, ts);
      st.setObject(19, ts);
      st.setString(20, dev.parley.server.testing.TestStore.jsonBody(e, rowSeq));
      st.executeUpdate();
    } catch (SQLException ex) {
      throw new IllegalStateException(ex);
    }
    factsBehind = true;
    return rowSeq;
  }

  @Override
  public void usage(long rowSeq, String model, Long inputTokens, Long outputTokens, Double cost) {
    try (PreparedStatement st = base.prepareStatement(
        "UPDATE events SET model = ?, input_tokens = ?, output_tokens = ?, cost = ? WHERE seq = ?")) {
      st.setString(1, model);
      st.setObject(2, inputTokens, java.sql.Types.BIGINT);
      st.setObject(3, outputTokens, java.sql.Types.BIGINT);
      st.setObject(4, cost, java.sql.Types.DOUBLE);
      st.setLong(5, rowSeq);
      st.executeUpdate();
    } catch (SQLException ex) {
      throw new IllegalStateException(ex);
    }
  }

  @Override
  public long lastSeq() {
    return seq;
  }

  @Override
  public void fold(long maxEvents) {
    // The facts are whole after every load here.
  }

  @Override
  public void unfold() {
    // The facts are whole after every load here.
  }

  @Override
  public void insertViolation(long eventSeq, Instant at) {
    try (PreparedStatement st = base.prepareStatement("INSERT INTO violations (event_seq, source, message_id, event,"
        + " path, code, message, received_at, refused) VALUES (?, 'test-source', ?, 'Message Sent', 'properties.role',"
        + " 'wrong_type', 'role is not a string', ?, false)")) {
      st.setLong(1, eventSeq);
      st.setString(2, "event-" + eventSeq);
      st.setObject(3, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
      st.executeUpdate();
    } catch (SQLException ex) {
      throw new IllegalStateException(ex);
    }
  }

  @Override
  public void topics(java.util.Map<String, Integer> topicOf) {
    ScenarioStore.writeTopics(base, Dialect.POSTGRES, topicOf);
  }

  @Override
  public ReadConnections connections() {
    return new Reads();
  }

  /** The store's read connections, a second one in a first one's snapshot among them, as a server's. */
  private final class Reads implements ReadConnections, SharedSnapshots {
    @Override
    public Connection open() throws SQLException {
      if (factsBehind) { // as the loads would have left them
        try (Statement st = base.createStatement()) {
          PostgresFacts.rebuild(st);
        }
        factsBehind = false;
      }
      return reads.open();
    }

    @Override
    public Optional<Joined> join(Connection first) throws SQLException {
      return reads.join(first);
    }
  }

  @Override
  public Dialect dialect() {
    return Dialect.POSTGRES;
  }

  @Override
  public void close() throws SQLException {
    try {
      base.close();
    } finally {
      reads.close();
    }
  }
}
