package dev.parley.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.config.Source;
import dev.parley.server.ingest.IngestResult;
import dev.parley.server.load.RetentionSchedule;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.RawFiles;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events received longer ago than the retention period are deleted at start and on schedule,
 * and gone from the files; the time that counts is the server's ({@code receivedAt}), never the
 * client's.
 */
class RetentionEndToEndTest {
  @TempDir Path dataDir;

  @Test
  void eventsOlderThanTheRetentionAreDeletedAtStartAndFromTheFiles() {
    try (TestServer server = TestServer.start(dataDir)) {
      importMessages(server, List.of(Messages.started("old-user", "c-old", "old-1")
          .put("timestamp", "2020-01-01T00:00:00.000Z").put("receivedAt", "2020-01-01T00:00:01.000Z")));
      assertThat(server.post("/v1/track", Messages.started("new-user", "c-new", "new-1").toString()).statusCode())
          .isEqualTo(200);
      server.awaitLoaded();
      assertThat(RawFiles.of(dataDir)).contains("c-old");
    }

    try (TestServer server = TestServer.start(dataDir,
        c -> c.withPrivacy(c.privacy().withRetention(Duration.ofDays(90))))) {
      sweepAgain(server); // queued behind the sweep made at start, so both have run
      assertThat(server.events(Map.of("userId", "old-user"))).isEmpty();
      assertThat(server.events(Map.of("userId", "new-user"))).hasSize(1);
      assertThat(RawFiles.of(dataDir)).doesNotContain("c-old");
    }
  }

  @Test
  void retentionCountsFromWhenTheServerReceivedAnEventWhateverTheClientsClockSaid() {
    try (TestServer server = TestServer.start(dataDir,
        c -> c.withPrivacy(c.privacy().withRetention(Duration.ofDays(90))))) {
      importMessages(server, List.of(Messages.started("future-user", "c-future", "future-1")
          .put("timestamp", "2199-01-01T00:00:00.000Z").put("receivedAt", "2020-01-01T00:00:00.000Z")));
      assertThat(server.post("/v1/batch", Messages.batch(List.of(
          Messages.started("past-clock", "c-past-clock", "past-1").put("timestamp", "2001-01-01T00:00:00.000Z"),
          Messages.started("skewed", "c-skewed", "skewed-1").put("timestamp", "2026-11-20T10:00:00.000Z")
              .put("sentAt", "1900-01-01T00:00:00.000Z")))).statusCode()).isEqualTo(200);
      server.awaitLoaded();

      sweepAgain(server);

      assertThat(server.events(Map.of("conversationId", "c-future"))).as("received in 2020, dated 2199").isEmpty();
      assertThat(server.events(Map.of("conversationId", "c-past-clock"))).as("received now, dated 2001").hasSize(1);
      JsonNode skewed = server.events(Map.of("conversationId", "c-skewed"));
      assertThat(skewed).as("received now, dated in the next century by the skew").hasSize(1);
      assertThat(RawFiles.of(dataDir)).doesNotContain("c-future");
    }
  }

  @Test
  void anImportedReceivedAtInTheFutureIsStoredAsTheTimeOfTheImport() {
    try (TestServer server = TestServer.start(dataDir)) {
      importMessages(server, List.of(Messages.started("u-import", "c-import", "import-1")
          .put("receivedAt", "2199-01-01T00:00:00.000Z")));
      server.awaitLoaded();

      JsonNode stored = server.events(Map.of("conversationId", "c-import"));

      assertThat(stored).hasSize(1);
      assertThat(stored.get(0).toString()).doesNotContain("2199-01-01T00:00:00");
    }
  }

  private static void importMessages(TestServer server, List<? extends JsonNode> messages) {
    Source source = server.server().collector().keys().list().stream().filter(Source::active).findFirst().orElseThrow();
    IngestResult result = server.server().collector().ingestor().ingest(source, List.copyOf(messages)).join();
    assertThat(result).isInstanceOf(IngestResult.Stored.class);
  }

  private static void sweepAgain(TestServer server) {
    try (RetentionSchedule extra = RetentionSchedule.start(server.server().collector().loader(), Duration.ofDays(90),
        Duration.ofHours(1), Clock.systemUTC())) {
      extra.sweep().join();
    }
  }
}
