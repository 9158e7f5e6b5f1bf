package dev.parley.server.topics;

import dev.parley.server.analytics.Dialect;
import dev.parley.server.store.ReadConnections;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SQL of topics, over the embedded store (DuckDB) or cluster mode's (PostgreSQL): reads on
 * a read connection here, writes in {@link TopicWrites}. Stateless.
 *
 * <p>Which conversations are still to be read differs. The embedded store numbers its events
 * in commit order, so a bookmark (the last seq read, in {@code topics_state}) says it. On
 * PostgreSQL, concurrent loaders commit seqs out of order, so a bookmark would skip a load
 * that commits a lower seq after a higher one was read: each load instead adds the
 * conversations of the Message Sent it stored, when they have no doc yet, to
 * {@code topic_pending} in its own transaction, and the worker removes them once read.
 */
public final class TopicStore {
  /**
   * A first message of a conversation not read before, and its event's {@code seq};
   * {@code text} is null when it has none (hash, drop).
   */
  public record FirstMessage(String conversationId, long seq, String text) {}

  /**
   * A conversation embedded: the seq of the message read, its vector (null without text) and
   * topic (null when none). It is stored only while that message is: an erasure between the
   * read and the write deletes the event, and with it the right to keep what was made of it.
   */
  public record NewDoc(String conversationId, long seq, float[] vector, Integer topicId) {}

  /** A stored topic. {@code label} and {@code keywords} are null while they are remade. */
  public record StoredTopic(int id, String label, List<String> keywords, float[] centroid, List<String> examples,
      Instant computedAt) {}

  /** The worker's bookmark and the last computation. */
  public record State(long scannedSeq, int nextId, Instant computedAt, long docsAtCompute) {}

  /** A conversation with text, its vector and its topic. */
  public record EmbeddedDoc(String conversationId, float[] vector, String text, Integer topicId) {}

  /**
   * A piece of the conversations not read yet: the first Message Sent of each that has none,
   * and what marks the piece read ({@code after} and {@code through}, the seqs read, on the
   * embedded store; the {@code pending} conversations taken, on PostgreSQL). {@code backlog}
   * is how much was unread, this piece included: events on the embedded store, conversations
   * on PostgreSQL.
   */
  public record Unread(List<FirstMessage> firsts, long after, long through, List<String> pending, long backlog) {
    /** How much stays unread once this piece is. */
    long backlogAfter() {
      long size = pending.isEmpty() ? through - after : pending.size();
      return Math.max(0, backlog - size);
    }
  }

  private final ReadConnections reads;
  private final Dialect dialect;
  private final TopicWrites writes;

  /** Topics in the embedded store. */
  public TopicStore(ReadConnections reads) {
    this(reads, Dialect.DUCKDB);
  }

  public TopicStore(ReadConnections reads, Dialect dialect) {
    this.reads = Objects.requireNonNull(reads, "reads == null");
    this.dialect = Objects.requireNonNull(dialect, "dialect == null");
    this.writes = new TopicWrites(dialect);
  }

  /** The writes of topics in this store's dialect. */
  public TopicWrites writes() {
    return writes;
  }

  private boolean postgres() {
    return dialect == Dialect.POSTGRES;
  }


  /** Whether {@code text} is message text, not what a content mode left of it. */
  public static boolean isText(String text) {
    return text != null && !text.isBlank() && !text.equals("[DROPPED]") && !text.startsWith("hmac-sha256:");
  }

  public long lastSeq() throws SQLException {
    try (Connection c = reads.open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT coalesce(max(seq), 0) FROM events")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  public State state() throws SQLException {
    try (Connection c = reads.open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT scanned_seq, next_id, computed_at, docs_at_compute FROM topics_state")) {
      rs.next();
      return new State(rs.getLong(1), rs.getInt(2), instant(rs.getTimestamp(3)), rs.getLong(4));
    }
  }

  /**
   * The next piece of unread conversations: up to {@code chunk} events' worth on the embedded
   * store (every conversation whose first Message Sent is among them), up to a tenth as many
   * conversations on PostgreSQL (a conversation holds about ten events). Empty when all are read.
   */
  public java.util.Optional<Unread> unread(int chunk) throws SQLException {
    if (postgres()) {
      List<String> pending = new ArrayList<>();
      long backlog;
      try (Connection c = reads.open(); Statement st = c.createStatement()) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM topic_pending")) {
          rs.next();
          backlog = rs.getLong(1);
        }
        if (backlog == 0) {
          return java.util.Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT conversation_id FROM topic_pending ORDER BY added LIMIT ?")) {
          ps.setInt(1, Math.max(1, chunk / 10));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              pending.add(rs.getString(1));
            }
          }
        }
      }
      if (pending.isEmpty()) {
        return java.util.Optional.empty();
      }
      List<FirstMessage> firsts = new ArrayList<>();
      for (FirstMessage m : firstBodies(pending)) {
        firsts.add(new FirstMessage(m.conversationId(), m.seq(), isText(m.text()) ? m.text() : null));
      }
      return java.util.Optional.of(new Unread(firsts, 0, 0, List.copyOf(pending), Math.max(backlog, pending.size())));
    }
    long last = lastSeq();
    long after = state().scannedSeq();
    if (after >= last) {
      return java.util.Optional.empty();
    }
    long through = Math.min(last, after + chunk);
    return java.util.Optional.of(new Unread(firstMessages(after, through), after, through, List.of(), last - after));
  }

  /** How many erasures' ids are suppressed: it changes only when a user is erased. */
  public static long suppressions(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM suppressions")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  public long suppressions() throws SQLException {
    try (Connection c = reads.open()) {
      return suppressions(c);
    }
  }

  /**
   * The first Message Sent in seqs ({@code after}, {@code through}] of each conversation that
   * has no doc yet: as the range moves forward from the start, its first message.
   */
  public List<FirstMessage> firstMessages(long after, long through) throws SQLException {
    String sql = "SELECT conversation_id, min_by(seq, (ts, seq)), min_by(message_body, (ts, seq)) FROM events"
        + " WHERE seq > ? AND seq <= ? AND event = 'Message Sent' AND conversation_id IS NOT NULL"
        + " AND conversation_id NOT IN (SELECT conversation_id FROM topic_docs)"
        + " GROUP BY conversation_id ORDER BY min(seq)";
    try (Connection c = reads.open(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, after);
      st.setLong(2, through);
      List<FirstMessage> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String text = rs.getString(3);
          out.add(new FirstMessage(rs.getString(1), rs.getLong(2), isText(text) ? text : null));
        }
      }
      return out;
    }
  }

  public List<StoredTopic> topics() throws SQLException {
    try (Connection c = reads.open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, label, keywords, centroid, examples, computed_at FROM topics ORDER BY id")) {
      List<StoredTopic> out = new ArrayList<>();
      while (rs.next()) {
        Array keywords = rs.getArray(3);
        out.add(new StoredTopic(rs.getInt(1), rs.getString(2), keywords == null ? null : strings(keywords),
            Vectors.fromBytes(rs.getBytes(4)), strings(rs.getArray(5)), instant(rs.getTimestamp(6))));
      }
      return out;
    }
  }

  /** Docs with a vector but no topic (joined after topics were last computed from a read before them). */
  public List<EmbeddedDoc> unassigned(int limit) throws SQLException {
    try (Connection c = reads.open(); PreparedStatement st = c.prepareStatement(
        "SELECT conversation_id, embedding FROM topic_docs WHERE topic_id IS NULL AND embedding IS NOT NULL LIMIT ?")) {
      st.setInt(1, limit);
      List<EmbeddedDoc> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new EmbeddedDoc(rs.getString(1), Vectors.fromBytes(rs.getBytes(2)), null, null));
        }
      }
      return out;
    }
  }

  /** Every conversation with a vector whose events are still stored, with its first message and topic. */
  public List<EmbeddedDoc> embedded() throws SQLException {
    String sql = postgres()
        ? "SELECT d.conversation_id, d.embedding, f.body, d.topic_id FROM topic_docs d"
            + " JOIN LATERAL (SELECT e.message_body AS body FROM events e WHERE e.conversation_id = d.conversation_id"
            + "   AND e.event = 'Message Sent' ORDER BY e.ts, e.seq LIMIT 1) f ON true"
            + " WHERE d.embedding IS NOT NULL ORDER BY d.conversation_id"
        : "WITH firsts AS (SELECT conversation_id, min_by(message_body, (ts, seq)) AS body FROM events"
            + "   WHERE event = 'Message Sent' AND conversation_id IN (SELECT conversation_id FROM topic_docs)"
            + "   GROUP BY conversation_id)"
            + " SELECT d.conversation_id, d.embedding, f.body, d.topic_id FROM topic_docs d"
            + " JOIN firsts f ON f.conversation_id = d.conversation_id"
            + " WHERE d.embedding IS NOT NULL ORDER BY d.conversation_id";
    try (Connection c = reads.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      List<EmbeddedDoc> out = new ArrayList<>();
      while (rs.next()) {
        String text = rs.getString(3);
        if (isText(text)) {
          int topic = rs.getInt(4);
          out.add(new EmbeddedDoc(rs.getString(1), Vectors.fromBytes(rs.getBytes(2)), text,
              rs.wasNull() ? null : topic));
        }
      }
      return out;
    }
  }

  /** How many conversations have been read, and how many of them had text. */
  public record DocCounts(long read, long withText, long withTopic) {}

  public DocCounts counts() throws SQLException {
    try (Connection c = reads.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT count(*), count(embedding), count(topic_id) FROM topic_docs")) {
      rs.next();
      return new DocCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
    }
  }

  /** The first message of each of {@code conversationIds} that is still stored and has text. */
  public Map<String, String> firstTexts(List<String> conversationIds) throws SQLException {
    Map<String, String> out = new HashMap<>();
    for (FirstMessage m : firstBodies(conversationIds)) {
      if (isText(m.text())) {
        out.put(m.conversationId(), m.text());
      }
    }
    return out;
  }

  /** The first Message Sent (its body, null when none) of each of {@code conversationIds} that has one stored. */
  private List<FirstMessage> firstBodies(List<String> conversationIds) throws SQLException {
    List<FirstMessage> out = new ArrayList<>();
    if (conversationIds.isEmpty()) {
      return out;
    }
    String marks = String.join(", ", java.util.Collections.nCopies(conversationIds.size(), "?"));
    String sql = postgres()
        ? "SELECT DISTINCT ON (conversation_id) conversation_id, seq, message_body FROM events"
            + " WHERE event = 'Message Sent' AND conversation_id = ANY(?) ORDER BY conversation_id, ts, seq"
        : "SELECT conversation_id, min_by(seq, (ts, seq)), min_by(message_body, (ts, seq)) FROM events"
            + " WHERE event = 'Message Sent' AND conversation_id IN (" + marks + ")"
            + " GROUP BY conversation_id ORDER BY conversation_id";
    try (Connection c = reads.open(); PreparedStatement st = c.prepareStatement(sql)) {
      if (postgres()) {
        st.setArray(1, c.createArrayOf("text", conversationIds.toArray()));
      } else {
        for (int i = 0; i < conversationIds.size(); i++) {
          st.setString(i + 1, conversationIds.get(i));
        }
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new FirstMessage(rs.getString(1), rs.getLong(2), rs.getString(3)));
        }
      }
    }
    return out;
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
  }

  static LocalDateTime utc(Instant at) {
    return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
