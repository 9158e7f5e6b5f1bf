package dev.parley.cluster.postgres;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.RefusedMessage;
import dev.parley.server.ingest.Submission;
import dev.parley.server.ingest.Usage;
import dev.parley.server.store.EventStore.CommitResult;
import dev.parley.server.store.Erasure;
import dev.parley.server.store.StoreException;
import dev.parley.spec.Violation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The store's bulk load on PostgreSQL: a batch of submissions goes in with COPY, in one
 * transaction with the next offset of every partition it came from, so each record of the
 * ingest topic is loaded exactly once across crashes and rebalances. Dedupe is exact and
 * permanent by (source, messageId), within the batch and against every event stored. One
 * loader thread per instance: it owns its connection.
 */
public final class PostgresStore implements AutoCloseable {
  static final String EVENT_COLUMNS = "source, message_id, type, event, user_id, anonymous_id, previous_id,"
      + " conversation_id, chat_message_id, role, message_body, item_type, action, sub_type, rating, message_count,"
      + " ts, original_ts, sent_at, received_at, violation_count, body, model, input_tokens, output_tokens, cost";
  /** {@link #EVENT_COLUMNS} of the subquery {@code s}. */
  private static final String SELECTED_COLUMNS = java.util.Arrays.stream(EVENT_COLUMNS.split(","))
      .map(c -> "s." + c.trim()).collect(java.util.stream.Collectors.joining(", "));
  /**
   * What the statements after the insert need of each event the load stored, kept in the
   * temporary table {@code inserted}: they read it instead of finding the rows again in
   * {@code events}, so their cost does not grow with the store.
   */
  static final String INSERTED_COLUMNS = "source, message_id, type, event, user_id, anonymous_id, conversation_id,"
      + " ts, rating";
  private static final String INSERTED_COLUMNS_DEFINED = "source TEXT, message_id TEXT, type TEXT, event TEXT,"
      + " user_id TEXT, anonymous_id TEXT, conversation_id TEXT, ts TIMESTAMP, rating DOUBLE PRECISION";
  private static final String VIOLATION_COLUMNS =
      "source, message_id, event, path, code, message, received_at, refused, user_id, anonymous_id";

  private final Connection connection;
  private final CopyManager copy;

  private PostgresStore(Connection connection) throws SQLException {
    this.connection = connection;
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
  }

  /**
   * Connects, brings the schema up to date, and prepares the load's staging tables.
   *
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static PostgresStore open(String jdbcUrl, Properties properties) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
    try {
      Connection c = DriverManager.getConnection(jdbcUrl, properties);
      try {
        PostgresSchema.migrate(c);
        try (Statement st = c.createStatement()) {
          // A load's statements take milliseconds: compiling one (100-200 ms) never pays off, and
          // the planner's estimates pass the JIT's cost thresholds when they are off, as on a
          // store not analysed yet (the migrations above keep it for their large statements).
          // Erasure and retention, on this connection too, delete by index and do not need it.
          st.execute("SET jit = off");
          st.execute("CREATE TEMP TABLE incoming (arrival INTEGER NOT NULL, " + stagedColumns() + ")"
              + " ON COMMIT DELETE ROWS");
          st.execute("CREATE TEMP TABLE incoming_violations (arrival INTEGER NOT NULL, source TEXT, message_id TEXT,"
              + " event TEXT, path TEXT, code TEXT, message TEXT, received_at TIMESTAMP, refused BOOLEAN,"
              + " user_id TEXT, anonymous_id TEXT) ON COMMIT DELETE ROWS");
          st.execute("CREATE TEMP TABLE inserted (seq BIGINT NOT NULL, " + INSERTED_COLUMNS_DEFINED + ")"
              + " ON COMMIT DELETE ROWS");
          PostgresLatencies.prepare(st);
        }
        c.setAutoCommit(false);
        return new PostgresStore(c);
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot open the PostgreSQL store: " + e.getMessage(), e);
    }
  }

  /** The definitions of the events table's loaded columns, for the staging tables. */
  private static String stagedColumns() {
    return "source TEXT, message_id TEXT, type TEXT, event TEXT, user_id TEXT, anonymous_id TEXT, previous_id TEXT,"
        + " conversation_id TEXT, chat_message_id TEXT, role TEXT, message_body TEXT, item_type TEXT, action TEXT,"
        + " sub_type TEXT, rating DOUBLE PRECISION, message_count BIGINT, ts TIMESTAMP, original_ts TIMESTAMP,"
        + " sent_at TIMESTAMP, received_at TIMESTAMP, violation_count INTEGER, body TEXT, model TEXT,"
        + " input_tokens BIGINT, output_tokens BIGINT, cost DOUBLE PRECISION";
  }

  /**
   * Stores the submissions and records {@code nextOffsets} (partition to the offset after the
   * last record loaded from it) for {@code topic}, in one transaction.
   *
   * @throws StoreException when nothing was committed (the offsets are unchanged)
   */
  public CommitResult load(List<Submission> submissions, String topic, Map<Integer, Long> nextOffsets) {
    return load(submissions, topic, null, nextOffsets);
  }

  /**
   * Stores the submissions and records {@code nextOffsets} for {@code topic} as the topic whose
   * Kafka id is {@code topicId} (null when unknown), in one transaction. Offsets never go back,
   * but for a new topic id: the topic was made again, and its offsets start anew.
   *
   * @throws StoreException when nothing was committed (the offsets are unchanged)
   */
  public CommitResult load(List<Submission> submissions, String topic, String topicId,
      Map<Integer, Long> nextOffsets) {
    try {
      CopyText events = new CopyText();
      CopyText violations = new CopyText();
      int arrival = 0;
      int total = 0;
      boolean eventViolations = false;
      for (Submission submission : submissions) {
        for (NormalisedEvent e : submission.events()) {
          arrival++;
          total++;
          row(events.number(arrival), e);
          for (Violation v : e.violations()) {
            violation(violations.number(arrival), e.source(), e.messageId(), v, e.receivedAt(), false, e.userId(),
                e.anonymousId());
            eventViolations = true;
          }
        }
        for (RefusedMessage r : submission.refused()) {
          for (Violation v : r.violations()) {
            violation(violations.number(-1), r.source(), r.messageId(), v, r.receivedAt(), true, r.userId(),
                r.anonymousId());
          }
        }
      }
      try (Statement st = connection.createStatement()) {
        PostgresErasure.beforeLoad(st); // an erasure in progress finishes first; this load then sees its suppressions
        // The commit need not wait for the disk: a crash can lose only whole transactions, rows and
        // offsets together, and the loader then loads those records again from Kafka. (An erasure's
        // commit waits, and makes every load committed before it durable too.)
        st.execute("SET LOCAL synchronous_commit TO off");
      }
      // Bytes, not a Reader: the driver encodes a Reader in chunks of 64K characters, which splits
      // a surrogate pair (an emoji) that straddles a chunk into two '?'.
      copy.copyIn("COPY incoming (arrival, " + EVENT_COLUMNS + ") FROM STDIN", utf8(events.build()));
      copy.copyIn("COPY incoming_violations (arrival, " + VIOLATION_COLUMNS + ") FROM STDIN",
          utf8(violations.build()));
      int stored;
      try (Statement st = connection.createStatement()) {
        // One pass: the first arrival of each key, not of a suppressed id, numbered in arrival order;
        // ON CONFLICT drops keys already stored (a loader whose partition moved mid-load may race
        // the new owner on a key), and what went in is kept for the violations. The first arrivals
        // are found by hashing the keys alone: a DISTINCT ON sorted the whole rows by their text
        // keys, 40% of the statement at 10,000 rows (docs/BENCHMARKS.md, "On a store that
        // already holds events").
        stored = st.executeUpdate("WITH ins AS (INSERT INTO events (seq, " + EVENT_COLUMNS + ")"
            + " SELECT nextval('event_seq'), " + SELECTED_COLUMNS + " FROM incoming s"
            + " WHERE s.arrival IN (SELECT min(i.arrival) FROM incoming i WHERE NOT EXISTS (SELECT 1 FROM suppressions x"
            + " WHERE x.id IN (i.user_id, i.anonymous_id, i.previous_id)) GROUP BY i.source, i.message_id)"
            + " ORDER BY s.arrival"
            + " ON CONFLICT (source, message_id) DO NOTHING RETURNING seq, " + INSERTED_COLUMNS + ")"
            + " INSERT INTO inserted SELECT seq, " + INSERTED_COLUMNS + " FROM ins");
        PostgresFacts.afterLoad(st);
        if (eventViolations) {
          st.execute("INSERT INTO violations (event_seq, " + VIOLATION_COLUMNS + ") SELECT n.seq, v.source,"
              + " v.message_id, v.event, v.path, v.code, v.message, v.received_at, false, v.user_id, v.anonymous_id"
              + " FROM incoming_violations v JOIN (SELECT source, message_id, min(arrival) AS arrival FROM incoming"
              + " GROUP BY source, message_id) f ON f.arrival = v.arrival"
              + " JOIN inserted n ON n.source = f.source AND n.message_id = f.message_id WHERE NOT v.refused");
        }
        st.execute("INSERT INTO violations (event_seq, " + VIOLATION_COLUMNS + ") SELECT DISTINCT ON (v.source,"
            + " v.message_id, v.path, v.code) NULL::BIGINT, v.source, v.message_id, v.event, v.path, v.code, v.message,"
            + " v.received_at, true, v.user_id, v.anonymous_id FROM incoming_violations v WHERE v.refused"
            + " AND NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.id IN (v.user_id, v.anonymous_id)) AND NOT EXISTS"
            + " (SELECT 1 FROM violations w WHERE w.refused AND w.source = v.source AND w.message_id = v.message_id"
            + " AND w.path = v.path AND w.code = v.code) ORDER BY v.source, v.message_id, v.path, v.code, v.received_at");
      }
      try (PreparedStatement offsets = connection.prepareStatement("INSERT INTO log_offsets (topic, partition,"
          + " next_offset, topic_id) VALUES (?, ?, ?, ?) ON CONFLICT (topic, partition) DO UPDATE SET next_offset ="
          + " CASE WHEN log_offsets.topic_id <> EXCLUDED.topic_id THEN EXCLUDED.next_offset" // the topic made anew
          + " ELSE GREATEST(log_offsets.next_offset, EXCLUDED.next_offset) END," // else offsets never go back
          + " topic_id = coalesce(EXCLUDED.topic_id, log_offsets.topic_id)")) {
        for (Map.Entry<Integer, Long> e : nextOffsets.entrySet()) {
          offsets.setString(1, topic);
          offsets.setInt(2, e.getKey());
          offsets.setLong(3, e.getValue());
          offsets.setString(4, topicId);
          offsets.addBatch();
        }
        offsets.executeBatch();
      }
      connection.commit();
      return new CommitResult(stored, total - stored);
    } catch (SQLException | java.io.IOException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw new StoreException("the load into PostgreSQL failed: " + e.getMessage(), e);
    }
  }

  /**
   * Erases a user and every id tied to them (see {@link PostgresErasure}), in one transaction;
   * loads wait for it, and drop those ids' events afterwards.
   */
  public Erasure erase(String userId, java.time.Instant at) {
    try {
      Erasure erasure = PostgresErasure.erase(connection, userId, at);
      connection.commit();
      return erasure;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw new StoreException("erasure failed: " + e.getMessage(), e);
    }
  }

  /**
   * Deletes up to {@code maxEvents} of the events received before {@code cutoff}, with their
   * violations, in one transaction (see {@link PostgresRetention}); returns how many.
   */
  public long deleteBefore(java.time.Instant cutoff, int maxEvents) {
    try {
      long deleted = PostgresRetention.deleteBefore(connection, cutoff, maxEvents);
      connection.commit();
      return deleted;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw new StoreException("retention delete failed: " + e.getMessage(), e);
    }
  }

  /** How many rows the suppression list has; it only grows. */
  public long suppressionCount() {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM suppressions")) {
      rs.next();
      long count = rs.getLong(1);
      connection.commit();
      return count;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw new StoreException("cannot read the suppression list: " + e.getMessage(), e);
    }
  }

  /** Every suppressed id: erased users and the ids linked to them. */
  public java.util.Set<String> suppressedIds() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM suppressions")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
      connection.commit();
      return ids;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw new StoreException("cannot read the suppression list: " + e.getMessage(), e);
    }
  }

  private static java.io.InputStream utf8(String text) {
    return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The next offset to load of a partition, and the Kafka id of the topic it is of (null when unknown). */
  public record LoadedOffset(long next, String topicId) {}

  /** The loaded offset of each partition of {@code topic} that has been loaded from, with its topic's id. */
  public Map<Integer, LoadedOffset> loadedOffsets(String topic) {
    Map<Integer, LoadedOffset> offsets = new HashMap<>();
    try (PreparedStatement st = connection.prepareStatement(
        "SELECT partition, next_offset, topic_id FROM log_offsets WHERE topic = ?")) {
      st.setString(1, topic);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          offsets.put(rs.getInt(1), new LoadedOffset(rs.getLong(2), rs.getString(3)));
        }
      }
      connection.commit();
      return offsets;
    } catch (SQLException e) {
      throw new StoreException("cannot read the loaded offsets: " + e.getMessage(), e);
    }
  }

  /** The next offset to load of each partition of {@code topic} that has been loaded from. */
  public Map<Integer, Long> offsets(String topic) {
    Map<Integer, Long> offsets = new HashMap<>();
    loadedOffsets(topic).forEach((partition, loaded) -> offsets.put(partition, loaded.next()));
    return offsets;
  }


  private static void row(CopyText out, NormalisedEvent e) {
    Usage u = e.usage();
    out.text(e.source()).text(e.messageId()).text(e.type()).text(e.event()).text(e.userId()).text(e.anonymousId())
        .text(e.previousId()).text(e.conversationId()).text(e.chatMessageId()).text(e.role()).text(e.messageBody())
        .text(e.itemType()).text(e.action()).text(e.subType()).number(e.rating()).number(e.messageCount())
        .time(e.timestamp()).time(e.originalTimestamp()).time(e.sentAt()).time(e.receivedAt())
        .number(e.violations().size()).text(e.body())
        .text(u == null ? null : u.model()).number(u == null ? null : u.inputTokens())
        .number(u == null ? null : u.outputTokens()).number(u == null ? null : u.cost());
    out.endRow();
  }

  private static void violation(CopyText out, String source, String messageId, Violation v, java.time.Instant at,
      boolean refused, String userId, String anonymousId) {
    out.text(source).text(messageId).text(v.event()).text(v.path()).text(v.code().wireName()).text(v.message())
        .time(at).bool(refused).text(userId).text(anonymousId);
    out.endRow();
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the PostgreSQL store: " + e.getMessage(), e);
    }
  }
}
