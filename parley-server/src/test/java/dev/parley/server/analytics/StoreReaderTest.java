package dev.parley.server.analytics;

import static dev.parley.server.testing.StoredEvent.track;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.TestStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoreReader#readOneSnapshot}: every statement of one question sees the store as of
 * its start, so the fold point read first agrees with the facts and events read after it.
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
}
