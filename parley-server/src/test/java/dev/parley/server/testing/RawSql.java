package dev.parley.server.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Statements run straight on a data directory's database, as other software might change it. */
public final class RawSql {
  private RawSql() {}

  /** Runs {@code statements} in order on {@code dir/parley.duckdb}, which nothing else may hold open. */
  public static void execute(Path dir, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("parley.duckdb"));
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  /** The first column of the first row of a query on {@code dir/parley.duckdb}, as a long. */
  public static long longValue(Path dir, String query) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("parley.duckdb"));
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
