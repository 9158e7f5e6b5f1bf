package dev.parley.cluster.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Retention in PostgreSQL, one bounded slice per transaction, as in the embedded store: the
 * oldest events received before the cutoff, their violations and the refused messages' ones,
 * then the facts of the conversations they were in, recomputed from the events left.
 *
 * <p>The slice is chosen before the lock (one scan of the events: about 1.7 s at 10 M when
 * nothing is due, on no index, so that loads pay no index on {@code received_at}); the delete
 * then takes the erasure lock ({@link PostgresErasure#LOCK}) exclusively, so it waits for the
 * loads in flight and holds the next ones only for the slice's delete and recompute. Stored
 * events never change, so a slice chosen before the lock is still right after it; a row an
 * erasure deleted in between is simply not there to delete. Several collectors may sweep at
 * once: their slices serialise on the lock, and the second finds the first's rows gone.
 */
final class PostgresRetention {
  private PostgresRetention() {}

  /**
   * Deletes up to {@code maxEvents} events received before {@code cutoff} (oldest seq first)
   * in the open transaction of {@code c}; the caller commits. Returns how many were deleted.
   */
  static long deleteBefore(Connection c, Instant cutoff, int maxEvents) throws SQLException {
    LocalDateTime at = LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC);
    List<Long> seqs = new ArrayList<>();
    try (PreparedStatement slice = c.prepareStatement(
        "SELECT seq FROM events WHERE received_at < ? ORDER BY seq LIMIT ?")) {
      slice.setObject(1, at);
      slice.setInt(2, maxEvents);
      try (ResultSet rs = slice.executeQuery()) {
        while (rs.next()) {
          seqs.add(rs.getLong(1));
        }
      }
    }
    try (Statement st = c.createStatement()) {
      st.execute("SELECT pg_advisory_xact_lock(" + PostgresErasure.LOCK + ")");
    }
    try (PreparedStatement refused = c.prepareStatement(
        "DELETE FROM violations WHERE event_seq IS NULL AND received_at < ?")) {
      refused.setObject(1, at);
      refused.executeUpdate();
    }
    if (seqs.isEmpty()) {
      return 0;
    }
    Array expired = c.createArrayOf("bigint", seqs.toArray());
    Set<String> conversations = new HashSet<>();
    Set<PostgresPeople.Row> people = new HashSet<>();
    long deleted = 0;
    try (PreparedStatement violations = c.prepareStatement("DELETE FROM violations WHERE event_seq = ANY(?)");
        PreparedStatement events = c.prepareStatement(
            "DELETE FROM events WHERE seq = ANY(?) RETURNING conversation_id, " + PostgresPeople.RETURNING)) {
      violations.setArray(1, expired);
      violations.executeUpdate();
      events.setArray(1, expired);
      try (ResultSet rs = events.executeQuery()) {
        while (rs.next()) {
          deleted++;
          if (rs.getString(1) != null) {
            conversations.add(rs.getString(1));
          }
          people.add(PostgresPeople.Row.of(rs, 2));
        }
      }
    }
    PostgresFacts.recompute(c, conversations);
    PostgresPeople.afterDelete(c, people);
    return deleted;
  }
}
