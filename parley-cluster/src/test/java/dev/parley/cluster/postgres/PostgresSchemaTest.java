package dev.parley.cluster.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.cluster.testing.ClusterServices;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The migrations bring an empty database, and one at each earlier version, to the latest; twice is once. */
class PostgresSchemaTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.postgresOnly();

  private static void reset(Connection c) throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA public CASCADE");
      st.execute("CREATE SCHEMA public");
    }
  }

  @Test
  void anEmptyDatabaseIsBroughtToTheLatestVersionAndASecondRunDoesNothing() throws Exception {
    try (Connection c = services.postgres().connect()) {
      reset(c);
      assertThat(PostgresSchema.version(c)).isZero();
      assertThat(PostgresSchema.migrate(c)).isEqualTo(PostgresSchema.latest());
      assertThat(PostgresSchema.migrate(c)).isZero();
      assertThat(PostgresSchema.version(c)).isEqualTo(PostgresSchema.latest());
    }
  }

  @Test
  void eachEarlierVersionWithDataInItIsUpgradedKeepingTheData() throws Exception {
    for (int from = 1; from < PostgresSchema.latest(); from++) {
      try (Connection c = services.postgres().connect()) {
        reset(c);
        PostgresSchema.migrate(c, from);
        try (Statement st = c.createStatement()) {
          st.execute("INSERT INTO events (seq, source, message_id, type, event, user_id, conversation_id, ts,"
              + " received_at, violation_count, body) VALUES (1, 's', 'm-1', 'track', 'Message Sent', 'u-1', 'c-1',"
              + " '2026-11-20 10:00:00', now(), 0, '{}'), (2, 's', 'm-2', 'track', 'Message Received', 'u-1', 'c-1',"
              + " '2026-11-20 10:00:01.5', now(), 0, '{}')");
          if (from >= PostgresSchema.MIGRATIONS.indexOf("V2__usage") + 1) {
            st.execute("UPDATE events SET model = 'model-x' WHERE seq = 2");
          }
        }
        assertThat(PostgresSchema.migrate(c)).as("from version %d", from).isEqualTo(PostgresSchema.latest() - from);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT message_id, model FROM events ORDER BY seq")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("m-1");
          assertThat(rs.getString(2)).isNull();
        }
        if (from < PostgresSchema.MIGRATIONS.indexOf("V5__conversation_facts") + 1) {
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT conversation_id, messages FROM conversation_facts")) {
            assertThat(rs.next()).as("facts made from the events stored before them").isTrue();
            assertThat(rs.getString(1)).isEqualTo("c-1");
            assertThat(rs.getLong(2)).isEqualTo(2);
          }
        }
        if (from < PostgresSchema.MIGRATIONS.indexOf("V9__message_latencies") + 1) {
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT seq, latency_ms FROM message_latencies")) {
            assertThat(rs.next()).as("latencies made from the events stored before them").isTrue();
            assertThat(rs.getLong(1)).isEqualTo(2);
            assertThat(rs.getDouble(2)).isEqualTo(1500.0);
          }
        }
        if (from < PostgresSchema.MIGRATIONS.indexOf("V11__people_hours") + 1) {
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT CAST(hour AS TEXT), user_id, anonymous_id FROM people_hours")) {
            assertThat(rs.next()).as("the people of the events stored before them").isTrue();
            assertThat(rs.getString(1)).isEqualTo("2026-11-20 10:00:00");
            assertThat(rs.getString(2)).isEqualTo("u-1");
            assertThat(rs.next()).isFalse();
          }
        }
        if (from >= PostgresSchema.MIGRATIONS.indexOf("V2__usage") + 1
            && from < PostgresSchema.MIGRATIONS.indexOf("V12__latency_models") + 1) {
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT seq, model, latency_ms FROM message_latencies")) {
            assertThat(rs.next()).as("each reply's model kept beside its latency").isTrue();
            assertThat(rs.getString(2)).isEqualTo("model-x");
            assertThat(rs.getDouble(3)).isEqualTo(1500.0);
          }
        }
        if (from < PostgresSchema.MIGRATIONS.indexOf("V13__topics") + 1) {
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT conversation_id FROM topic_pending")) {
            assertThat(rs.next()).as("the conversations stored before, for the topic worker to read").isTrue();
            assertThat(rs.getString(1)).isEqualTo("c-1");
            assertThat(rs.next()).isFalse();
          }
        }
      }
    }
  }

  @Test
  void aDatabaseNewerThanTheCodeIsRefusedSayingSo() throws Exception {
    try (Connection c = services.postgres().connect()) {
      reset(c);
      PostgresSchema.migrate(c);
      try (Statement st = c.createStatement()) {
        st.execute("INSERT INTO parley_schema (version, name) VALUES (99, 'V99__future')");
      }
      assertThatThrownBy(() -> PostgresSchema.migrate(c)).hasMessageContaining("newer than this Parley");
    }
  }
}
