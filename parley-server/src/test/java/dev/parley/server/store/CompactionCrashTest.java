package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.RawFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process stopped dead at each step of an erasure's or retention's compaction: the next open
 * finishes the compaction (or does it again) before the store is used, so the deleted words are
 * gone from every file after a restart, more writes and a clean stop, and no copy is left over.
 */
class CompactionCrashTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} stopped at {1}{2}")
  @CsvSource({
      "erase, DELETED, ''",
      "erase, COPYING, ''",
      "erase, COPIED, ' with the copy cut in half'",
      "erase, COPIED, ''",
      "erase, SWAPPED, ''",
      "retention, DELETED, ''",
      "retention, COPIED, ''"})
  void theNextOpenCompactsWhatADeadProcessLeftUncompacted(String kind, CompactionStep step, String cut)
      throws Exception {
    assertThat(runUntilHalted(kind, step)).as("the process stopped at " + step).isEqualTo(CrashingCompaction.HALTED);
    Path copy = dir.resolve(DuckDbStore.FILE_NAME + ".compacting");
    if (!cut.isEmpty()) {
      try (RandomAccessFile file = new RandomAccessFile(copy.toFile(), "rw")) {
        file.setLength(file.length() / 2);
      }
    }
    String deleted = kind.equals("erase") ? CrashingCompaction.ERASED_WORDS : CrashingCompaction.EXPIRED_WORDS;

    try (DuckDbStore store = DuckDbStore.open(dir)) {
      store.commit(List.of(CrashingCompaction.event("e4", "later", "words-after-the-restart", CrashingCompaction.NOW)));
      assertThat(count(store)).isEqualTo(3);
    }

    String files = RawFiles.of(dir);
    assertThat(files.contains(deleted)).as("the deleted words in the data directory's files").isFalse();
    assertThat(files.contains(CrashingCompaction.KEPT_WORDS) && files.contains("words-after-the-restart"))
        .as("the kept words in the files").isTrue();
    try (Stream<Path> names = Files.list(dir)) {
      assertThat(names.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".compacting"));
    }
  }

  private int runUntilHalted(String kind, CompactionStep step) throws IOException, InterruptedException {
    Path log = dir.resolveSibling(dir.getFileName() + "-" + kind + "-" + step + ".log");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CrashingCompaction.class.getName(), dir.toString(), kind,
        step.name()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("the process did not stop: " + Files.readString(log));
    }
    return process.exitValue();
  }

  private static long count(DuckDbStore store) throws Exception {
    try (Connection c = store.readConnections().open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
