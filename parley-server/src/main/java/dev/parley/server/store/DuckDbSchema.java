package dev.parley.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * The store's schema ({@code duckdb-schema.sql}) applied to a database: new tables made,
 * older files brought up to date (columns added, conversation facts of another shape or no
 * longer matching their events rebuilt). Idempotent; every opener of a writable store runs it.
 */
public final class DuckDbSchema {
  private static final String RESOURCE = "/dev/parley/server/store/duckdb-schema.sql";

  private DuckDbSchema() {}

  /** Brings the database behind {@code c} to this version's schema. */
  public static void apply(Connection c) throws SQLException {
    ConversationFacts.dropIfOutdated(c);
    try (Statement st = c.createStatement()) {
      for (String sql : statements()) {
        st.execute(sql);
      }
      upgradeOnce(st, "usage-columns", USAGE_FROM_BODIES);
    }
    ConversationFacts.resetIfStale(c);
  }

  /**
   * Fills the usage columns of events stored before they existed, from their bodies, by the
   * rules of {@code dev.parley.server.ingest.Usage}: a non-blank string model, integer token
   * counts and a finite cost, each 0 or more.
   */
  private static final List<String> USAGE_FROM_BODIES = List.of("""
      UPDATE events SET
        model = CASE WHEN json_type(body, '$.properties.model') = 'VARCHAR'
                      AND trim(json_extract_string(body, '$.properties.model')) <> ''
                     THEN json_extract_string(body, '$.properties.model') END,
        input_tokens = CASE WHEN json_type(body, '$.properties.input_tokens') IN ('UBIGINT', 'BIGINT')
                            THEN TRY_CAST(json_extract_string(body, '$.properties.input_tokens') AS BIGINT) END,
        output_tokens = CASE WHEN json_type(body, '$.properties.output_tokens') IN ('UBIGINT', 'BIGINT')
                             THEN TRY_CAST(json_extract_string(body, '$.properties.output_tokens') AS BIGINT) END,
        cost = CASE WHEN json_type(body, '$.properties.cost') IN ('UBIGINT', 'BIGINT', 'DOUBLE')
                    THEN TRY_CAST(json_extract_string(body, '$.properties.cost') AS DOUBLE) END
      WHERE type = 'track' AND event IN ('Message Received', 'Action Invoked')
        AND json_type(body, '$.properties') = 'OBJECT'""",
      "UPDATE events SET input_tokens = NULL WHERE input_tokens < 0",
      "UPDATE events SET output_tokens = NULL WHERE output_tokens < 0",
      "UPDATE events SET cost = NULL WHERE cost < 0 OR NOT isfinite(cost)");

  /** Runs {@code statements} unless the upgrade called {@code name} has run; a rerun after a crash changes nothing. */
  private static void upgradeOnce(Statement st, String name, List<String> statements) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM store_upgrades WHERE name = '" + name + "'")) {
      rs.next();
      if (rs.getLong(1) > 0) {
        return;
      }
    }
    for (String sql : statements) {
      st.execute(sql);
    }
    st.execute("INSERT INTO store_upgrades VALUES ('" + name + "')");
  }

  /** The schema's statements, comments removed. */
  static List<String> statements() {
    try (InputStream in = DuckDbSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      StringBuilder sql = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int comment = line.indexOf("--");
        sql.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
      }
      return Arrays.stream(sql.toString().split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
