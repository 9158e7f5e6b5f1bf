package dev.parley.cluster.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Keeps {@code people_hours} (V11): each distinct (hour, userId, anonymousId) of the stored
 * events that carry either id, so that the people of a window are read from its whole hours
 * here and from the events of its partial first and last hour only. A row exists exactly
 * while a stored event makes it: loads add the rows of what they stored, and a delete
 * (erasure, retention) removes those of its events' rows that no event left makes; a row
 * holds ids, so an erased person's go with their events.
 *
 * <p>The statements run on the caller's connection and transaction; the caller commits.
 */
final class PostgresPeople {
  /** The rows that the stored events make (append a condition on {@code e}). */
  private static final String OF_EVENTS = of("events");
  /**
   * Adds the rows of the load's events ({@code inserted}), in key order, so that two loads
   * adding the same rows wait on each other in the same order and never deadlock.
   */
  private static final String ADD_LOADED = "INSERT INTO people_hours (hour, user_id, anonymous_id) " + of("inserted")
      + " ORDER BY 1, 2, 3 ON CONFLICT DO NOTHING";

  private PostgresPeople() {}

  /** The rows that the events of {@code table} make (append a condition on {@code e}). */
  private static String of(String table) {
    return "SELECT DISTINCT date_trunc('hour', e.ts) AS hour, e.user_id, e.anonymous_id FROM " + table
        + " e WHERE (e.user_id IS NOT NULL OR e.anonymous_id IS NOT NULL)";
  }

  /** A row of {@code people_hours} that a deleted event made: to check after the delete. */
  record Row(String hour, String userId, String anonymousId) {
    /** The row of a deleted event, from the columns of {@link #RETURNING} from {@code column} on. */
    static Row of(ResultSet rs, int column) throws SQLException {
      return new Row(rs.getString(column), rs.getString(column + 1), rs.getString(column + 2));
    }
  }

  /** What a {@code DELETE FROM events ... RETURNING} adds to give each deleted event's {@link Row}. */
  static final String RETURNING = "CAST(date_trunc('hour', ts) AS TEXT), user_id, anonymous_id";

  /** Adds the rows of the events the current load stored (the temporary table {@code inserted}). */
  static void afterLoad(Statement st) throws SQLException {
    st.execute(ADD_LOADED);
  }

  /** Every row anew from the events (the migration that adds the table; the query benchmark's stores). */
  static void rebuild(Statement st) throws SQLException {
    st.execute("DELETE FROM people_hours");
    st.execute("INSERT INTO people_hours (hour, user_id, anonymous_id) " + OF_EVENTS);
  }

  /** Removes, of {@code rows} (those of deleted events), each that no stored event makes any more. */
  static void afterDelete(Connection c, Collection<Row> rows) throws SQLException {
    Set<Row> distinct = new HashSet<>(rows);
    distinct.removeIf(row -> row.userId() == null && row.anonymousId() == null);
    if (distinct.isEmpty()) {
      return;
    }
    Array hours = c.createArrayOf("text", distinct.stream().map(Row::hour).toArray());
    Array users = c.createArrayOf("text", distinct.stream().map(Row::userId).toArray());
    Array anonymous = c.createArrayOf("text", distinct.stream().map(Row::anonymousId).toArray());
    // The rows still made by an event are found among the events of the hours concerned (a few
    // hours for a retention slice, a person's hours for an erasure; events_ts, index only); the
    // others are deleted by their whole key, one statement per pattern of NULLs, so that every
    // row is found by equality on the unique key rather than among all the rows of its hour.
    try (Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS people_gone");
      st.execute("CREATE TEMP TABLE people_gone (hour TIMESTAMP, user_id TEXT, anonymous_id TEXT) ON COMMIT DROP");
    }
    try (PreparedStatement gone = c.prepareStatement("INSERT INTO people_gone"
        + " WITH r AS (SELECT DISTINCT CAST(h AS TIMESTAMP) AS hour, u AS user_id, a AS anonymous_id"
        + "   FROM unnest(?::text[], ?::text[], ?::text[]) AS x(h, u, a)),"
        + " kept AS (SELECT DISTINCT date_trunc('hour', e.ts) AS hour, e.user_id, e.anonymous_id"
        + "   FROM (SELECT DISTINCT hour FROM r) h JOIN events e ON e.ts >= h.hour AND e.ts < h.hour + INTERVAL '1 hour'"
        + "   WHERE e.user_id IS NOT NULL OR e.anonymous_id IS NOT NULL)"
        + " SELECT hour, user_id, anonymous_id FROM r EXCEPT SELECT hour, user_id, anonymous_id FROM kept")) {
      gone.setArray(1, hours);
      gone.setArray(2, users);
      gone.setArray(3, anonymous);
      gone.executeUpdate();
    }
    try (Statement st = c.createStatement()) {
      st.execute("DELETE FROM people_hours p USING people_gone g WHERE p.hour = g.hour AND p.user_id = g.user_id"
          + " AND p.anonymous_id = g.anonymous_id");
      st.execute("DELETE FROM people_hours p USING people_gone g WHERE g.anonymous_id IS NULL AND p.hour = g.hour"
          + " AND p.user_id = g.user_id AND p.anonymous_id IS NULL");
      st.execute("DELETE FROM people_hours p USING people_gone g WHERE g.user_id IS NULL AND p.hour = g.hour"
          + " AND p.user_id IS NULL AND p.anonymous_id = g.anonymous_id");
      st.execute("DROP TABLE people_gone");
    }
  }

  /** How many rows differ from what the events stored make; 0 when they agree. */
  static String driftQuery() {
    String kept = "SELECT hour, user_id, anonymous_id FROM people_hours";
    return "SELECT count(*) FROM ((" + kept + " EXCEPT " + OF_EVENTS + ") UNION ALL (" + OF_EVENTS + " EXCEPT " + kept
        + ")) drift";
  }
}
