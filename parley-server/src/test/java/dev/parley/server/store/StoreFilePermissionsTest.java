package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store keeps its data directory and its file readable by their owner only, compaction or not. */
class StoreFilePermissionsTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");
  @TempDir Path dir;

  @Test
  void theDataDirectoryAndTheDatabaseFileAreOwnerOnlyAlsoAfterACompaction() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
    Path data = dir.resolve("data");
    try (DuckDbStore store = DuckDbStore.open(data)) {
      store.commit(List.of(CrashingCompaction.event("e1", "gone", CrashingCompaction.ERASED_WORDS, T),
          CrashingCompaction.event("e2", "kept", CrashingCompaction.KEPT_WORDS, T)));
      assertThat(permissions(data)).isEqualTo("rwx------");
      assertThat(permissions(data.resolve(DuckDbStore.FILE_NAME))).isEqualTo("rw-------");

      store.erase("gone", T);

      assertThat(permissions(data.resolve(DuckDbStore.FILE_NAME))).as("the rewritten file").isEqualTo("rw-------");
    }
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
