package dev.parley.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.log.FileLog;
import dev.parley.server.testing.Submissions;
import dev.parley.server.metrics.Metrics;
import dev.parley.server.privacy.Suppressions;
import dev.parley.server.store.DuckDbStore;
import dev.parley.server.testing.RawSql;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log, the loader and the DuckDB store together: each acknowledged message is stored exactly once. */
class LoadExactlyOnceTest {
  @TempDir Path dir;

  private void run(int messages, String prefix) throws Exception {
    try (DuckDbStore store = DuckDbStore.open(dir);
        FileLog log = FileLog.open(dir, store.logPosition(), FileLog.Settings.defaults(), Clock.systemUTC(),
            new Metrics());
        Loader loader = new Loader(log, store, new Metrics(), new Suppressions(), Clock.systemUTC(),
            Duration.ofSeconds(10)).start()) {
      for (int i = 0; i < messages; i++) {
        log.submit(Submissions.of(prefix + i)).get(10, TimeUnit.SECONDS);
      }
      assertThat(loader.awaitLoaded(Duration.ofSeconds(20))).isTrue();
      assertThat(store.logPosition()).isEqualTo(log.end());
    }
  }

  @Test
  void recordsStillInTheLogAfterARestartAreNotLoadedAgain() throws Exception {
    run(30, "m");
    run(0, "none");
    run(5, "n");

    assertThat(RawSql.longValue(dir, "SELECT count(*) FROM events")).isEqualTo(35);
    assertThat(RawSql.longValue(dir, "SELECT count(DISTINCT message_id) FROM events")).isEqualTo(35);
  }

  @Test
  void aMessageAcknowledgedTwiceIsStoredOnceWhereverItsCopiesAre() throws Exception {
    run(10, "m");      // loaded and in the store
    run(10, "m");      // the same ids again, from the log: deduped against the store
    try (DuckDbStore store = DuckDbStore.open(dir);
        FileLog log = FileLog.open(dir, store.logPosition(), FileLog.Settings.defaults(), Clock.systemUTC(),
            new Metrics())) {
      log.submit(Submissions.of("x", "x")).get(10, TimeUnit.SECONDS);   // twice in one record
      log.submit(Submissions.of("x")).get(10, TimeUnit.SECONDS);        // and in the next
    }
    run(0, "none");

    assertThat(RawSql.longValue(dir, "SELECT count(*) FROM events")).isEqualTo(11);
    assertThat(RawSql.longValue(dir, "SELECT count(*) FROM events WHERE message_id = 'x'")).isEqualTo(1);
  }
}
