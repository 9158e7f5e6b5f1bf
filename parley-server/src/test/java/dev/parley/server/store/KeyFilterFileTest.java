package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.Submission;
import dev.parley.server.testing.LogCapture;
import dev.parley.server.testing.RawSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dedupe filter saved at close ({@link KeyFilterFile}): the next open uses it and reads
 * only newer keys from the store; a file that does not match the store, or is damaged, means
 * a full read. Either way dedupe stays exact.
 */
class KeyFilterFileTest {
  private static final Instant T = Instant.parse("2026-11-10T10:00:00Z");

  @TempDir Path dir;

  private static Submission events(String... ids) {
    List<NormalisedEvent> events = new ArrayList<>();
    for (String id : ids) {
      events.add(new NormalisedEvent("src", id, "track", "Message Sent", "u1", null, null, "c1", null, null, null,
          null, null, null, null, null, T, null, null, T, "{}", List.of()));
    }
    return new Submission(events, List.of());
  }

  private Path keys() {
    return dir.resolve("parley.duckdb.keys");
  }

  /** Opens the store, checks that every one of {@code ids} is a duplicate, and returns the log of the open. */
  private String reopenAndCheckDuplicates(String... ids) {
    String log;
    try (LogCapture logs = new LogCapture(); DuckDbStore store = DuckDbStore.open(dir)) {
      log = logs.text();
      assertThat(keys()).as("read once, then deleted").doesNotExist();
      assertThat(store.commit(List.of(events(ids)))).isEqualTo(new EventStore.CommitResult(0, ids.length));
      assertThat(store.commit(List.of(events("fresh")))).isEqualTo(new EventStore.CommitResult(1, 0));
    }
    return log;
  }

  @Test
  void aCleanCloseSavesTheFilterAndTheNextOpenUsesItOnce() {
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      store.commit(List.of(events("e1", "e2", "e3")));
    }
    assertThat(keys()).isRegularFile();

    String log = reopenAndCheckDuplicates("e1", "e2", "e3");
    assertThat(log).contains("read the saved dedupe filter (3 keys, 0 newer from the store)");
    assertThat(keys()).as("saved again at this close").isRegularFile();
  }

  @Test
  void keysStoredAfterTheFileWasSavedAreReadFromTheStore() throws Exception {
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      store.commit(List.of(events("e1", "e2")));
    }
    RawSql.execute(dir, "INSERT INTO events (seq, source, message_id, type, ts, received_at, violation_count, body)"
        + " VALUES (3, 'src', 'late', 'track', TIMESTAMP '2026-11-10 10:00:00', TIMESTAMP '2026-11-10 10:00:00', 0, '{}')");

    assertThat(reopenAndCheckDuplicates("e1", "e2", "late")).contains("(2 keys, 1 newer from the store)");
  }

  @Test
  void aFileThatDoesNotMatchTheStoreIsNotUsed() throws Exception {
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      store.commit(List.of(events("e1", "e2")));
    }
    RawSql.execute(dir, "UPDATE events SET message_id = 'other' WHERE seq = 2"); // not the store the file was saved for

    String log = reopenAndCheckDuplicates("e1", "other");
    assertThat(log).contains("does not match the store").doesNotContain("read the saved dedupe filter");
  }

  @Test
  void aTruncatedFileMeansAFullRead() throws Exception {
    String log = reopenAfterDamage(saved -> Arrays.copyOf(saved, saved.length / 2));
    assertThat(log).contains("cannot use the saved dedupe filter").contains("read 2 stored message ids");
  }

  @Test
  void aChangedByteMeansAFullRead() throws Exception {
    String log = reopenAfterDamage(saved -> {
      saved[saved.length / 2] ^= 0x10; // a bit of the filter's tables, as a torn write might leave it
      return saved;
    });
    assertThat(log).contains("checksum mismatch").contains("read 2 stored message ids");
  }

  /** Stores e1 and e2, closes, damages the saved file, and reopens (checking dedupe); returns the open's log. */
  private String reopenAfterDamage(UnaryOperator<byte[]> damage) throws Exception {
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      store.commit(List.of(events("e1", "e2")));
    }
    Files.write(keys(), damage.apply(Files.readAllBytes(keys())));
    return reopenAndCheckDuplicates("e1", "e2");
  }
}
