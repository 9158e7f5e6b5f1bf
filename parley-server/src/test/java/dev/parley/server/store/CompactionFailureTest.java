package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.Submission;
import dev.parley.server.testing.RawFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compaction that fails leaves a store that takes writes, answers reads, and compacts later. */
class CompactionFailureTest {
  private static final Instant T = Instant.parse("2026-11-10T10:00:00Z");
  @TempDir Path dir;

  private static Submission of(String id, String user, String text) {
    return new Submission(List.of(new NormalisedEvent("src", id, "track", "Message Sent", user, null, null, "c-" + user,
        null, null, text, null, null, null, null, null, T, null, null, T, "{\"text\":\"" + text + "\"}", List.of())),
        List.of());
  }

  private static long count(DuckDbStore store) throws Exception {
    try (Connection c = store.readConnections().open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void anErasureWhoseCompactionCannotStartLeavesAWorkingStoreAndARetryCompletesIt() throws Exception {
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      store.commit(List.of(of("e1", "gone", "erase-me-please"), of("e2", "kept", "keep-me")));
      // Where the copy would go, something that cannot be replaced: the rewrite fails before it starts.
      Path blocker = dir.resolve(DuckDbStore.FILE_NAME + ".compacting");
      Files.createDirectories(blocker.resolve("occupied"));

      assertThatThrownBy(() -> store.erase("gone", T.plusSeconds(60)))
          .isInstanceOf(StoreException.class).hasMessageContaining("compaction failed");

      assertThat(count(store)).as("the delete itself was committed").isEqualTo(1);
      store.commit(List.of(of("e3", "new", "after-the-failure")));
      assertThat(count(store)).isEqualTo(2);

      Files.delete(blocker.resolve("occupied"));
      Files.delete(blocker);
      store.erase("gone", T.plusSeconds(120)); // the client's retry
      assertThat(count(store)).isEqualTo(2);
    }
    assertThat(RawFiles.of(dir)).doesNotContain("erase-me-please").contains("keep-me", "after-the-failure");
    try (DuckDbStore reopened = DuckDbStore.open(dir)) {
      assertThat(count(reopened)).isEqualTo(2);
    }
  }
}
