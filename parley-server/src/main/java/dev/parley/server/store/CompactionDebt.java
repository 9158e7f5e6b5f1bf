package dev.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The store's record of the compaction it owes (table {@code compaction_owed}), written in the
 * transaction of the delete that owes it, so that neither a crash nor a failed rewrite forgets
 * it. Runs on the writer's connection inside its open transaction (the caller commits).
 *
 * @param erased whether an erasure deleted rows since the last rewrite
 * @param deadEvents events deleted by retention since the last rewrite
 */
record CompactionDebt(boolean erased, long deadEvents) {
  /** Retention rewrites the file once this share of the events it held are deleted ones. */
  static final double SPARSE_SHARE = 0.2;

  /** Whether the file should be rewritten now, given the events it still holds. */
  boolean due(long liveEvents) {
    return erased || (deadEvents > 0 && deadEvents >= SPARSE_SHARE * (liveEvents + deadEvents));
  }

  static CompactionDebt read(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT bool_or(erased), coalesce(sum(dead_events), 0) FROM compaction_owed")) {
      rs.next();
      return new CompactionDebt(rs.getBoolean(1), rs.getLong(2));
    }
  }

  /** Records that an erasure deleted rows. */
  static void erased(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE compaction_owed SET erased = true");
    }
  }

  /** Records {@code events} more deleted by retention. */
  static void expired(Connection c, long events) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("UPDATE compaction_owed SET dead_events = dead_events + ?")) {
      st.setLong(1, events);
      st.executeUpdate();
    }
  }

  /** Records that the file was just rewritten. */
  static void paid(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE compaction_owed SET erased = false, dead_events = 0");
    }
  }
}
