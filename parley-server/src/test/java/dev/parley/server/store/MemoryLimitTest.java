package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --memory-limit reaches DuckDB, and stays set after a compaction reopens the file. */
class MemoryLimitTest {
  @TempDir Path dir;

  @Test
  void theLimitIsSetAtOpenAndAfterCompaction() throws Exception {
    try (DuckDbStore store = DuckDbStore.open(dir, Optional.of("1GiB"))) {
      assertThat(memoryLimit(store)).isEqualTo("1.0 GiB");
      store.deleteBefore(java.time.Instant.parse("2000-01-01T00:00:00Z"), 100); // nothing to delete
      assertThat(store.compactIfSparse()).as("nothing dead, no compaction").isFalse();
      assertThat(store.erase("nobody", java.time.Instant.now())).isNotNull(); // compacts
      assertThat(memoryLimit(store)).isEqualTo("1.0 GiB");
    }
  }

  @Test
  void withoutALimitDuckDbKeepsItsOwn() throws Exception {
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      assertThat(memoryLimit(store)).isNotEqualTo("1.0 GiB").isNotBlank();
    }
  }

  private static String memoryLimit(DuckDbStore store) throws Exception {
    try (Connection c = store.readConnections().open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_setting('memory_limit')")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
