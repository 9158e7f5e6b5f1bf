package dev.parley.cluster.postgres;

import dev.parley.server.store.Erasure;
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
 * Erasure in PostgreSQL, the same as the embedded store's: the user and every id tied to them,
 * transitively (userId and anonymousId on one event; an alias's userId and previousId; the ids
 * an earlier run of the same erasure suppressed), have every event and violation deleted and
 * go on the suppression list, in one transaction, and the facts of the conversations their
 * events were in are recomputed from the events left.
 *
 * <p>Loads and erasures exclude each other through an advisory lock ({@link #LOCK}): a load
 * takes it shared for its transaction, an erasure exclusively. So an erasure waits for the
 * loads in flight to commit (and deletes what they stored), and a later load sees the new
 * suppressions and drops the events of those ids that were still in Kafka.
 */
final class PostgresErasure {
  /** The advisory lock that orders loads and erasures ("parleyE"). */
  static final long LOCK = 0x7061726c657945L;

  private PostgresErasure() {}

  /** Takes the lock shared, for the current transaction of a load. */
  static void beforeLoad(Statement st) throws SQLException {
    st.execute("SELECT pg_advisory_xact_lock_shared(" + LOCK + ")");
  }

  /** Erases {@code userId} in the open transaction of {@code c} (the caller commits). */
  static Erasure erase(Connection c, String userId, Instant at) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
    }
    Set<String> ids = new HashSet<>(Set.of(userId));
    try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT id FROM suppressions WHERE erased_user = ?")) {
      st.setString(1, userId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    List<String[]> found = new ArrayList<>(); // id, kind
    found.add(new String[] {userId, "userId"});
    Set<String> frontier = new HashSet<>(ids);
    try (PreparedStatement linked = c.prepareStatement(
        "SELECT user_id, 'userId' FROM events WHERE user_id IS NOT NULL AND (anonymous_id = ANY(?)"
            + " OR (type = 'alias' AND previous_id = ANY(?)))"
            + " UNION SELECT anonymous_id, 'anonymousId' FROM events WHERE anonymous_id IS NOT NULL AND user_id = ANY(?)"
            + " UNION SELECT previous_id, 'previousId' FROM events WHERE type = 'alias' AND previous_id IS NOT NULL"
            + " AND user_id = ANY(?)")) {
      while (!frontier.isEmpty()) { // each round adds the ids one link further out
        java.sql.Array array = c.createArrayOf("text", frontier.toArray());
        for (int i = 1; i <= 4; i++) {
          linked.setArray(i, array);
        }
        Set<String> next = new HashSet<>();
        try (ResultSet rs = linked.executeQuery()) {
          while (rs.next()) {
            if (ids.add(rs.getString(1))) {
              next.add(rs.getString(1));
              found.add(new String[] {rs.getString(1), rs.getString(2)});
            }
          }
        }
        frontier = next;
      }
    }
    java.sql.Array all = c.createArrayOf("text", ids.toArray());
    long violations;
    long events;
    try (PreparedStatement v = c.prepareStatement("DELETE FROM violations WHERE user_id = ANY(?) OR anonymous_id = ANY(?)"
        + " OR event_seq IN (SELECT seq FROM events WHERE user_id = ANY(?) OR anonymous_id = ANY(?)"
        + " OR previous_id = ANY(?))");
        PreparedStatement e = c.prepareStatement("DELETE FROM events WHERE user_id = ANY(?) OR anonymous_id = ANY(?)"
            + " OR previous_id = ANY(?) RETURNING conversation_id, " + PostgresPeople.RETURNING)) {
      for (int i = 1; i <= 5; i++) {
        v.setArray(i, all);
      }
      violations = v.executeUpdate();
      for (int i = 1; i <= 3; i++) {
        e.setArray(i, all);
      }
      Set<String> conversations = new HashSet<>();
      Set<PostgresPeople.Row> people = new HashSet<>();
      long deleted = 0;
      try (ResultSet rs = e.executeQuery()) {
        while (rs.next()) {
          deleted++;
          if (rs.getString(1) != null) {
            conversations.add(rs.getString(1));
          }
          people.add(PostgresPeople.Row.of(rs, 2));
        }
      }
      events = deleted;
      PostgresFacts.recompute(c, conversations); // from the events of others left in them
      PostgresPeople.afterDelete(c, people);
      PostgresTopics.afterErasure(c, conversations); // their embeddings, and the topics' names made with their words
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO suppressions (id, kind, erased_user, suppressed_at)"
        + " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM suppressions WHERE id = ?)")) {
      for (String[] id : found) {
        s.setString(1, id[0]);
        s.setString(2, id[1]);
        s.setString(3, userId);
        s.setObject(4, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
        s.setString(5, id[0]);
        s.addBatch();
      }
      s.executeBatch();
    }
    List<String> linkedIds = ids.stream().filter(id -> !id.equals(userId)).sorted().toList();
    return new Erasure(userId, linkedIds, events, violations);
  }
}
