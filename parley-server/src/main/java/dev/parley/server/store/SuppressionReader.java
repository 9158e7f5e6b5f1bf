package dev.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Reads the suppression list. Thread-safe: each call opens its own read connection. */
public final class SuppressionReader {
  private final ReadConnections reads;

  public SuppressionReader(ReadConnections reads) {
    this.reads = reads;
  }

  /** Every suppressed id, oldest first. */
  public List<SuppressedId> all() throws SQLException {
    List<SuppressedId> all = new ArrayList<>();
    try (Connection c = reads.open();
        PreparedStatement st = c.prepareStatement(
            "SELECT id, kind, erased_user, suppressed_at FROM suppressions ORDER BY suppressed_at, id");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        all.add(new SuppressedId(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getObject(4, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
      }
    }
    return all;
  }
}
