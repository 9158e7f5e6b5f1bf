package dev.parley.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
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
    }
    ConversationFacts.resetIfStale(c);
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
