package dev.parley.server.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** How many times each messageId is stored, read straight from a stopped collector's DuckDB file. */
final class StoredIds {
  private StoredIds() {}

  static Map<String, Long> count(Path dataDir) throws SQLException {
    return query(dataDir, "SELECT message_id, count(*) FROM events GROUP BY message_id");
  }

  /** Each value of {@code properties.n} of the given event name, with how often it is stored. */
  static Map<String, Long> countProperty(Path dataDir, String event, String property) throws SQLException {
    return query(dataDir, "SELECT json_extract_string(body, '$.properties." + property + "'), count(*) FROM events"
        + " WHERE event = '" + event + "' GROUP BY 1");
  }

  private static Map<String, Long> query(Path dataDir, String sql) throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dataDir.resolve("parley.duckdb"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }
}
