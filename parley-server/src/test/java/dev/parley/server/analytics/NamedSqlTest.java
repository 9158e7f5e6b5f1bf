package dev.parley.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamedSqlTest {
  private final NamedSql sql = NamedSql.load(Dialect.DUCKDB, "named-sql-test");

  private Map<String, Object> params() {
    Map<String, Object> params = new HashMap<>();
    params.put("n", 41);
    params.put("when", Instant.parse("2026-11-20T12:34:56Z"));
    params.put("many", List.of(1, 2, 3));
    params.put("nothing", null);
    return params;
  }

  @Test
  void bindsNamedParametersButNotLiteralsCommentsOrCasts() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement st = sql.prepare(connection, params());
        ResultSet rs = st.executeQuery()) {
      rs.next();
      assertThat(rs.getInt("next")).isEqualTo(42);
      assertThat(rs.getString("literal")).isEqualTo(":not_a_param");
      // Instants are stored and bound as UTC wall-clock time, whatever the JVM's zone.
      assertThat(rs.getObject("at", LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2026-11-20T12:34:56"));
      assertThat(rs.getBoolean("found")).isTrue();
      assertThat(rs.getBoolean("absent")).isTrue();
    }
  }

  @Test
  void refusesAMissingParameterOrAnEmptyList() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      Map<String, Object> missing = params();
      missing.remove("n");
      assertThatThrownBy(() -> sql.prepare(connection, missing)).hasMessageContaining(":n");
      Map<String, Object> empty = params();
      empty.put("many", List.of());
      assertThatThrownBy(() -> sql.prepare(connection, empty)).hasMessageContaining(":many");
    }
  }

  @Test
  void includesAFragmentWithItsParameters() throws Exception {
    NamedSql included = NamedSql.load(Dialect.DUCKDB, "named-sql-include-test");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement st = included.prepare(connection, Map.of("n", 41));
        ResultSet rs = st.executeQuery()) {
      rs.next();
      assertThat(rs.getInt("next")).isEqualTo(42);
    }
    assertThatThrownBy(() -> NamedSql.load(Dialect.DUCKDB, "named-sql-loop-test"))
        .hasMessageContaining("nested too deep");
  }

  @Test
  void ratingKeysDropTrailingZeros() {
    assertThat(SummaryQueries.ratingKey(5.0)).isEqualTo("5");
    assertThat(SummaryQueries.ratingKey(4.5)).isEqualTo("4.5");
  }
}
