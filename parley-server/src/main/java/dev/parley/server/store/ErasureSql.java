package dev.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The deletes of erasure and retention, run on the write connection inside its open
 * transaction (the caller commits). Deleting events resets the conversation facts
 * ({@link ConversationFacts}), which later folds rebuild. The ids being erased go through the temporary table
 * {@code erase_ids}, so every statement joins against one list.
 */
final class ErasureSql {
  static final String TEMP_TABLE = "CREATE TEMP TABLE IF NOT EXISTS erase_ids (id VARCHAR, kind VARCHAR)";
  private static final String IN_IDS = " IN (SELECT id FROM erase_ids)";

  private ErasureSql() {}

  static Erasure eraseUser(Connection c, String userId, Instant at) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("DELETE FROM erase_ids");
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO erase_ids VALUES (?, 'userId')")) {
      st.setString(1, userId);
      st.executeUpdate();
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO erase_ids SELECT DISTINCT id, 'anonymousId' FROM ("
        + " SELECT anonymous_id AS id FROM events WHERE user_id = ? AND type IN ('identify', 'alias')"
        + " UNION SELECT previous_id FROM events WHERE user_id = ? AND type = 'alias'"
        + " UNION SELECT id FROM suppressions WHERE erased_user = ? AND kind = 'anonymousId'"
        + ") WHERE id IS NOT NULL AND id <> ?")) {
      st.setString(1, userId);
      st.setString(2, userId);
      st.setString(3, userId);
      st.setString(4, userId);
      st.executeUpdate();
    }
    List<String> linked = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM erase_ids WHERE kind = 'anonymousId' ORDER BY id")) {
      while (rs.next()) {
        linked.add(rs.getString(1));
      }
    }
    long violations;
    long events;
    try (Statement st = c.createStatement()) {
      violations = st.executeUpdate("DELETE FROM violations WHERE user_id" + IN_IDS + " OR anonymous_id" + IN_IDS
          + " OR event_seq IN (SELECT seq FROM events WHERE user_id" + IN_IDS + " OR anonymous_id" + IN_IDS + ")");
      events = st.executeUpdate("DELETE FROM events WHERE user_id" + IN_IDS + " OR anonymous_id" + IN_IDS
          + " OR previous_id" + IN_IDS);
    }
    if (events > 0) {
      ConversationFacts.reset(c);
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO suppressions SELECT id, kind, ?, ? FROM erase_ids"
        + " WHERE id NOT IN (SELECT id FROM suppressions)")) {
      st.setString(1, userId);
      st.setObject(2, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
      st.executeUpdate();
    }
    return new Erasure(userId, linked, events, violations);
  }

  /** Deletes events whose time is before {@code cutoff}, their violations, and older refused violations. */
  static long deleteBefore(Connection c, Instant cutoff) throws SQLException {
    LocalDateTime at = LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC);
    try (PreparedStatement violations = c.prepareStatement("DELETE FROM violations WHERE"
        + " event_seq IN (SELECT seq FROM events WHERE ts < ?) OR (event_seq IS NULL AND received_at < ?)");
        PreparedStatement events = c.prepareStatement("DELETE FROM events WHERE ts < ?")) {
      violations.setObject(1, at);
      violations.setObject(2, at);
      violations.executeUpdate();
      events.setObject(1, at);
      long deleted = events.executeUpdate();
      if (deleted > 0) {
        ConversationFacts.reset(c);
      }
      return deleted;
    }
  }
}
