package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.testing.RawFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction with readers open: it ends a read still open after its patience rather than move
 * a file under it, so the store reopened afterwards is the new file and keeps what is written
 * next (DuckDB's JDBC driver would otherwise hand back the replaced file's database, which
 * the open reader keeps alive).
 */
class CompactionWithReadersTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");
  private static final CompactionHooks IMPATIENT = new CompactionHooks() {
    @Override
    public Duration readerPatience() {
      return Duration.ofMillis(200);
    }
  };
  @TempDir Path dir;

  @Test
  void aReadLeftOpenIsEndedAndWritesAfterTheCompactionReachTheNewFile() throws Exception {
    try (DuckDbStore store = DuckDbStore.open(dir, Optional.empty(), IMPATIENT)) {
      store.commit(List.of(CrashingCompaction.event("e1", "gone", CrashingCompaction.ERASED_WORDS, T),
          CrashingCompaction.event("e2", "kept", CrashingCompaction.KEPT_WORDS, T)));
      Connection forgotten = store.readConnections().open();
      forgotten.setAutoCommit(false);
      assertThat(count(forgotten)).isEqualTo(2);

      store.erase("gone", T);

      assertThatThrownBy(() -> count(forgotten)).as("the read left open was ended").isInstanceOf(SQLException.class);
      store.commit(List.of(CrashingCompaction.event("e3", "later", "words-after-the-compaction", T)));
      try (Connection c = store.readConnections().open()) {
        assertThat(count(c)).isEqualTo(2);
      }
    }
    try (DuckDbStore reopened = DuckDbStore.open(dir); Connection c = reopened.readConnections().open()) {
      assertThat(count(c)).as("kept and written after the compaction").isEqualTo(2);
    }
    assertThat(RawFiles.of(dir).contains(CrashingCompaction.ERASED_WORDS)).as("the erased words in the files").isFalse();
  }

  private static long count(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
