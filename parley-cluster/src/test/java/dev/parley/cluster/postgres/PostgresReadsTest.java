package dev.parley.cluster.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.store.SharedSnapshots;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The read connections: a second connection joined to a first one's read transaction sees
 * what the first sees, not what was committed since; joins are refused, not waited for,
 * once all the second connections are taken; reads cannot write.
 */
class PostgresReadsTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.postgresOnly();
  private PostgresReads reads;

  @BeforeEach
  void open() throws Exception {
    try (Connection c = services.postgres().connect(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS counted");
      st.execute("CREATE TABLE counted (n INTEGER)");
      st.execute("INSERT INTO counted VALUES (1), (2)");
    }
    reads = new PostgresReads(services.postgres().jdbcUrl(), new Properties());
  }

  @AfterEach
  void close() {
    reads.close();
  }

  @Test
  void aJoinedConnectionReadsInTheSnapshotOfTheFirst() throws Exception {
    try (Connection first = reads.open()) {
      first.setAutoCommit(false);
      assertThat(count(first)).isEqualTo(2);
      insert(3); // committed after the first's snapshot
      try (SharedSnapshots.Joined second = reads.join(first).orElseThrow()) {
        assertThat(count(second.connection())).as("as the first sees it").isEqualTo(2);
        assertThat(count(first)).isEqualTo(2);
      }
      first.rollback();
      assertThat(count(first)).as("a new transaction sees the commit").isEqualTo(3);
    }
  }

  @Test
  void onceEverySecondConnectionIsTakenAJoinIsRefusedAtOnce() throws Exception {
    List<SharedSnapshots.Joined> taken = new ArrayList<>();
    try (Connection first = reads.open()) {
      first.setAutoCommit(false);
      count(first);
      for (int i = 0; i < PostgresReads.BESIDE; i++) {
        taken.add(reads.join(first).orElseThrow());
      }
      assertThat(reads.join(first)).as("none free").isEmpty();
      taken.remove(0).close();
      Optional<SharedSnapshots.Joined> again = reads.join(first);
      assertThat(again).as("one given back").isPresent();
      again.get().close();
    } finally {
      for (SharedSnapshots.Joined joined : taken) {
        joined.close();
      }
    }
  }

  @Test
  void neitherConnectionCanWrite() throws Exception {
    try (Connection first = reads.open()) {
      first.setAutoCommit(false);
      count(first);
      try (SharedSnapshots.Joined second = reads.join(first).orElseThrow();
          Statement st = second.connection().createStatement()) {
        assertThatThrownBy(() -> st.execute("INSERT INTO counted VALUES (9)")).isInstanceOf(SQLException.class)
            .hasMessageContaining("read-only");
      }
    }
  }

  private static long count(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM counted")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void insert(int n) throws SQLException {
    try (Connection c = services.postgres().connect(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO counted VALUES (" + n + ")");
    }
  }
}
