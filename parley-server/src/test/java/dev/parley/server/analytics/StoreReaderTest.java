package dev.parley.server.analytics;

import static dev.parley.server.testing.StoredEvent.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.store.ReadConnections;
import dev.parley.server.store.SharedSnapshots;
import dev.parley.server.testing.TestStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoreReader#readOneSnapshot}: every statement of one question sees the store as of
 * its start, so the fold point read first agrees with the facts and events read after it;
 * with two pieces of work, the second runs on a joined connection where the store gives one,
 * else after the first on the same connection, and its failure is the question's.
 */
class StoreReaderTest {
  private static final Instant T = Instant.parse("2026-11-10T10:00:00Z");

  @TempDir Path dir;

  private static long count(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void oneSnapshotSeesNoCommitMadeDuringIt() throws Exception {
    try (TestStore store = TestStore.create(dir)) {
      store.insert(track("Message Sent", "c1", T).user("u1").message("m1").body("hi"));
      StoreReader reader = new StoreReader(store.connections());

      long[] seen = reader.readOneSnapshot("a test", c -> {
        long before = count(c);
        store.insert(track("Message Sent", "c1", T.plusSeconds(1)).user("u1").message("m2").body("again"));
        return new long[] {before, count(c)};
      });
      assertThat(seen).containsExactly(1, 1);

      long[] plain = reader.read("a test", c -> {
        long before = count(c);
        store.insert(track("Message Sent", "c1", T.plusSeconds(2)).user("u1").message("m3").body("more"));
        return new long[] {before, count(c)};
      });
      assertThat(plain).as("without one snapshot, each statement sees the latest commit").containsExactly(2, 3);
    }
  }

  @Test
  void twoPiecesOfWorkRunOnAJoinedConnectionWhereTheStoreGivesOne() throws Exception {
    try (TestStore store = TestStore.create(dir)) {
      store.insert(track("Message Sent", "c1", T).user("u1").message("m1").body("hi"));
      Joining joining = new Joining(store.connections(), true);
      StoreReader.Both<Connection, Connection> both = new StoreReader(joining).readOneSnapshot("a test",
          c -> c, c -> c);
      assertThat(joining.joins).hasValue(1);
      assertThat(both.second()).as("the joined connection").isNotSameAs(both.first());
      assertThat(joining.closed).as("given back").hasValue(1);

      Joining refusing = new Joining(store.connections(), false);
      StoreReader.Both<Connection, Connection> alone = new StoreReader(refusing).readOneSnapshot("a test",
          c -> c, c -> c);
      assertThat(alone.second()).as("none free: the same connection").isSameAs(alone.first());
    }
  }

  @Test
  void aFailureOfTheSecondPieceIsAFailureToReadTheQuestion() throws Exception {
    try (TestStore store = TestStore.create(dir)) {
      Joining joining = new Joining(store.connections(), true);
      StoreReader reader = new StoreReader(joining);
      assertThatThrownBy(() -> reader.readOneSnapshot("the summary", StoreReaderTest::count, c -> {
        try (Statement st = c.createStatement()) {
          return st.executeQuery("SELECT * FROM no_such_table").next();
        }
      }))
          .isInstanceOf(StoreReadException.class).hasMessageStartingWith("cannot read the summary")
          .hasMessageContaining("no_such_table");
      assertThat(joining.closed).as("given back after the failure").hasValue(1);
    }
  }

  @Test
  void aFailureOfTheFirstPieceWaitsForTheSecondAndGivesItsConnectionBack() throws Exception {
    try (TestStore store = TestStore.create(dir)) {
      Joining joining = new Joining(store.connections(), true);
      StoreReader reader = new StoreReader(joining);
      java.util.concurrent.atomic.AtomicBoolean secondDone = new java.util.concurrent.atomic.AtomicBoolean();
      assertThatThrownBy(() -> reader.readOneSnapshot("the summary", c -> {
        try (Statement st = c.createStatement()) {
          return st.executeQuery("SELECT * FROM no_such_table").next();
        }
      }, c -> {
        long n = count(c);
        secondDone.set(true);
        return n;
      })).isInstanceOf(StoreReadException.class).hasMessageContaining("no_such_table");
      assertThat(secondDone).as("the second piece ran to its end first").isTrue();
      assertThat(joining.closed).as("given back").hasValue(1);
    }
  }

  /** Read connections that join a second one (another connection to the same store) when asked to. */
  private static final class Joining implements ReadConnections, SharedSnapshots {
    private final ReadConnections connections;
    private final boolean give;
    final AtomicInteger joins = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    Joining(ReadConnections connections, boolean give) {
      this.connections = connections;
      this.give = give;
    }

    @Override
    public Connection open() throws SQLException {
      return connections.open();
    }

    @Override
    public Optional<Joined> join(Connection first) throws SQLException {
      if (!give) {
        return Optional.empty();
      }
      joins.incrementAndGet();
      Connection second = connections.open();
      return Optional.of(new Joined() {
        @Override
        public Connection connection() {
          return second;
        }

        @Override
        public void close() throws SQLException {
          closed.incrementAndGet();
          second.close();
        }
      });
    }
  }
}
