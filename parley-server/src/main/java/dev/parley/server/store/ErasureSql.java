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
 * transaction (the caller commits). Deleting events recomputes the conversation facts
 * ({@link ConversationFacts}) of the conversations they belonged to, and only those. The ids being erased go through the temporary table
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
    String theirs = "user_id" + IN_IDS + " OR anonymous_id" + IN_IDS + " OR previous_id" + IN_IDS;
    long folded = ConversationFacts.beforeDelete(c, theirs, st -> { });
    try (Statement st = c.createStatement()) {
      violations = st.executeUpdate("DELETE FROM violations WHERE user_id" + IN_IDS + " OR anonymous_id" + IN_IDS
          + " OR event_seq IN (SELECT seq FROM events WHERE user_id" + IN_IDS + " OR anonymous_id" + IN_IDS + ")");
      events = st.executeUpdate("DELETE FROM events WHERE " + theirs);
    }
    if (events > 0) {
      ConversationFacts.afterDelete(c, folded);
    }
    if (events > 0 || violations > 0) {
      CompactionDebt.erased(c);
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO suppressions SELECT id, kind, ?, ? FROM erase_ids"
        + " WHERE id NOT IN (SELECT id FROM suppressions)")) {
      st.setString(1, userId);
      st.setObject(2, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
      st.executeUpdate();
    }
    return new Erasure(userId, linked, events, violations);
  }

  /**
   * Deletes up to {@code maxEvents} of the events whose time is before {@code cutoff}, oldest
   * seqs first, with their violations, and refused violations older than the cutoff.
   *
   * @return how many events were deleted; fewer than {@code maxEvents} when none older are left
   */
  static long deleteBefore(Connection c, Instant cutoff, int maxEvents) throws SQLException {
    LocalDateTime at = LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC);
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TEMP TABLE IF NOT EXISTS expired (seq BIGINT)");
      st.execute("DELETE FROM expired");
    }
    try (PreparedStatement slice = c.prepareStatement(
        "INSERT INTO expired SELECT seq FROM events WHERE ts < ? ORDER BY seq LIMIT " + maxEvents)) {
      slice.setObject(1, at);
      slice.executeUpdate();
    }
    String expired = "seq IN (SELECT seq FROM expired)";
    long folded = ConversationFacts.beforeDelete(c, expired, st -> { });
    try (Statement st = c.createStatement();
        PreparedStatement refused = c.prepareStatement(
            "DELETE FROM violations WHERE event_seq IS NULL AND received_at < ?")) {
      st.executeUpdate("DELETE FROM violations WHERE event_seq IN (SELECT seq FROM expired)");
      refused.setObject(1, at);
      refused.executeUpdate();
      long deleted = st.executeUpdate("DELETE FROM events WHERE " + expired);
      if (deleted > 0) {
        ConversationFacts.afterDelete(c, folded);
        CompactionDebt.expired(c, deleted);
      }
      st.execute("DELETE FROM expired");
      return deleted;
    }
  }
}
