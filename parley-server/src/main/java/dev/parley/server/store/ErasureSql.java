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
 * ({@link ConversationFacts}) of the conversations they belonged to, and only those. The ids
 * being erased go through the temporary table {@code erase_ids}, so every statement joins
 * against one list.
 */
final class ErasureSql {
  static final String TEMP_TABLE = "CREATE TEMP TABLE IF NOT EXISTS erase_ids (id VARCHAR, kind VARCHAR)";
  private static final String IN_IDS = " IN (SELECT id FROM erase_ids)";

  /**
   * Ids linked to one already in {@code erase_ids}, not in it yet: the userId of an event that
   * carries a listed anonymousId (or names a listed id as an alias's previousId), the
   * anonymousId of an event that carries a listed userId, and the previousId of an alias from
   * a listed userId. Each once, with the field it was found in ({@code userId} first).
   */
  private static final String LINKED = "INSERT INTO erase_ids SELECT id, arg_min(kind, rank) FROM ("
      + " SELECT user_id AS id, 'userId' AS kind, 0 AS rank FROM events"
      + "   WHERE user_id IS NOT NULL AND (anonymous_id" + IN_IDS
      + "     OR (type = 'alias' AND previous_id" + IN_IDS + "))"
      + " UNION ALL SELECT anonymous_id, 'anonymousId', 1 FROM events"
      + "   WHERE anonymous_id IS NOT NULL AND user_id" + IN_IDS
      + " UNION ALL SELECT previous_id, 'previousId', 2 FROM events"
      + "   WHERE type = 'alias' AND previous_id IS NOT NULL AND user_id" + IN_IDS
      + ") WHERE id NOT" + IN_IDS + " GROUP BY id";

  private ErasureSql() {}

  /**
   * Erases a user and every id tied to them, transitively: the closure of the identity graph
   * whose edges are userId-anonymousId (any event carrying both) and alias userId-previousId,
   * plus the ids an earlier run of the same erasure suppressed (its events are gone, so a
   * retry finds the ids there). Every event and violation naming one of them in any id field
   * is deleted, and each id goes on the suppression list.
   */
  static Erasure eraseUser(Connection c, String userId, Instant at) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("DELETE FROM erase_ids");
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO erase_ids VALUES (?, 'userId')")) {
      st.setString(1, userId);
      st.executeUpdate();
    }
    try (PreparedStatement st = c.prepareStatement(
        "INSERT INTO erase_ids SELECT DISTINCT id, kind FROM suppressions WHERE erased_user = ? AND id <> ?")) {
      st.setString(1, userId);
      st.setString(2, userId);
      st.executeUpdate();
    }
    try (Statement st = c.createStatement()) {
      while (st.executeUpdate(LINKED) > 0) {
        // each round adds the ids one link further out, until none is left
      }
    }
    List<String> linked = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("SELECT id FROM erase_ids WHERE id <> ? ORDER BY id")) {
      st.setString(1, userId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          linked.add(rs.getString(1));
        }
      }
    }
    long violations;
    long events;
    String theirs = "user_id" + IN_IDS + " OR anonymous_id" + IN_IDS + " OR previous_id" + IN_IDS;
    long folded = ConversationFacts.beforeDelete(c, theirs, st -> { });
    try (Statement st = c.createStatement()) {
      // Their conversations' embeddings go, and every topic's name is remade without their words.
      if (st.executeUpdate("DELETE FROM topic_docs WHERE conversation_id IN (SELECT conversation_id FROM events"
          + " WHERE conversation_id IS NOT NULL AND (" + theirs + "))") > 0) {
        st.executeUpdate("UPDATE topics SET label = NULL, keywords = NULL");
      }
      violations = st.executeUpdate("DELETE FROM violations WHERE user_id" + IN_IDS + " OR anonymous_id" + IN_IDS
          + " OR event_seq IN (SELECT seq FROM events WHERE " + theirs + ")");
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
   * Deletes up to {@code maxEvents} of the events received before {@code cutoff}, oldest seqs
   * first, with their violations, and refused violations received before it. The server's
   * clock ({@code received_at}) counts, never the client's ({@code ts}): an event dated far in
   * the future by its client would otherwise be kept for ever.
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
        "INSERT INTO expired SELECT seq FROM events WHERE received_at < ? ORDER BY seq LIMIT " + maxEvents)) {
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
