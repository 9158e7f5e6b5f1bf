package dev.parley.cluster.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's schema on PostgreSQL as numbered migrations ({@code V1__store.sql},
 * {@code V2__usage.sql}, ...), each applied once, in order, in a transaction of its own with
 * the row that records it in {@code parley_schema}. Any number of processes may start at
 * once: an advisory lock lets one migrate while the others wait.
 */
public final class PostgresSchema {
  /** The migrations, oldest first; a new one is added at the end, never edited once released. */
  static final List<String> MIGRATIONS = List.of("V1__store", "V2__usage", "V3__keys", "V4__suppressions",
      "V5__conversation_facts", "V6__topic_ids", "V7__facts_state",
      "V8__read_indexes", "V9__message_latencies", "V10__feature_indexes", "V11__people_hours",
      "V12__latency_models", "V13__topics");
  private static final long LOCK = 0x7061726c6579L; // "parley"

  private PostgresSchema() {}

  /** The version this code needs: the number of migrations. */
  public static int latest() {
    return MIGRATIONS.size();
  }

  /** Brings the database to the latest version; returns how many migrations ran. */
  public static int migrate(Connection c) throws SQLException {
    return migrate(c, latest());
  }

  /** Brings the database to {@code target}, no further (the query benchmark times each step); returns how many ran. */
  public static int migrateTo(Connection c, int target) throws SQLException {
    return migrate(c, target);
  }

  /** Brings the database to {@code target} (tests of each upgrade step); returns how many migrations ran. */
  static int migrate(Connection c, int target) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(true);
    try (Statement st = c.createStatement()) {
      st.execute("SELECT pg_advisory_lock(" + LOCK + ")");
      try {
        st.execute("CREATE TABLE IF NOT EXISTS parley_schema (version INTEGER PRIMARY KEY,"
            + " name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        int current = version(c);
        if (current > latest()) {
          throw new SQLException("the database is at schema version " + current + ", newer than this Parley ("
              + latest() + "): upgrade Parley");
        }
        int ran = 0;
        for (int v = current + 1; v <= target; v++) {
          c.setAutoCommit(false);
          try (Statement step = c.createStatement()) {
            step.execute(read(MIGRATIONS.get(v - 1)));
            if (MIGRATIONS.get(v - 1).equals("V5__conversation_facts")) {
              PostgresFacts.rebuildFacts(step); // from the events stored before the facts were kept
            }
            if (MIGRATIONS.get(v - 1).equals("V9__message_latencies")) {
              PostgresLatencies.rebuildWithoutModels(step); // likewise for the latencies, as V9 keeps them
            }
            if (MIGRATIONS.get(v - 1).equals("V11__people_hours")) {
              // The people hold ids: an erasure (of a process not stopped yet) waits for them.
              step.execute("SELECT pg_advisory_xact_lock(" + PostgresErasure.LOCK + ")");
              PostgresPeople.rebuild(step); // and the people of each hour
            }
            if (MIGRATIONS.get(v - 1).equals("V12__latency_models")) {
              PostgresLatencies.rebuild(step); // each reply's model beside its latency
            }
            if (MIGRATIONS.get(v - 1).equals("V13__topics")) {
              // Every conversation stored so far, to be read; the loads in flight commit first
              // (they hold the erasure lock shared), the later ones add theirs.
              step.execute("SELECT pg_advisory_xact_lock(" + PostgresErasure.LOCK + ")");
              PostgresTopics.rebuildPending(step);
            }
            step.execute("INSERT INTO parley_schema (version, name) VALUES (" + v + ", '" + MIGRATIONS.get(v - 1) + "')");
            c.commit();
            ran++;
          } catch (SQLException e) {
            c.rollback();
            throw new SQLException("migration " + MIGRATIONS.get(v - 1) + " failed: " + e.getMessage(), e);
          } finally {
            c.setAutoCommit(true);
          }
        }
        return ran;
      } finally {
        st.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
      }
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** The version the database is at: 0 when it has none of Parley's tables. */
  public static int version(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet exists = st.executeQuery("SELECT to_regclass('parley_schema') IS NOT NULL")) {
      exists.next();
      if (!exists.getBoolean(1)) {
        return 0;
      }
    }
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM parley_schema")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String read(String name) {
    String path = "/dev/parley/cluster/postgres/" + name + ".sql";
    try (InputStream in = PostgresSchema.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing migration " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
