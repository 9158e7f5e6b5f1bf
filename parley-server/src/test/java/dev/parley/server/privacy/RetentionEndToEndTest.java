package dev.parley.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.load.RetentionSchedule;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.RawFiles;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events older than the retention period are deleted at start and on schedule, and gone from the files. */
class RetentionEndToEndTest {
  @TempDir Path dataDir;

  @Test
  void eventsOlderThanTheRetentionAreDeletedAtStartAndFromTheFiles() {
    String old = Messages.started("old-user", "c-old", "old-1").put("timestamp", "2020-01-01T00:00:00.000Z").toString();
    String recent = Messages.started("new-user", "c-new", "new-1").put("timestamp", Instant.now().toString()).toString();
    try (TestServer server = TestServer.start(dataDir)) {
      assertThat(server.post("/v1/track", old).statusCode()).isEqualTo(200);
      assertThat(server.post("/v1/track", recent).statusCode()).isEqualTo(200);
      assertThat(RawFiles.of(dataDir)).contains("c-old");
    }

    try (TestServer server = TestServer.start(dataDir,
        c -> c.withPrivacy(c.privacy().withRetention(Duration.ofDays(90))))) {
      try (RetentionSchedule extra = RetentionSchedule.start(server.server().collector().loader(), Duration.ofDays(90),
          Duration.ofHours(1), Clock.systemUTC())) {
        extra.sweep().join(); // queued behind the sweep made at start, so both have run
      }
      assertThat(server.events(Map.of("userId", "old-user"))).isEmpty();
      assertThat(server.events(Map.of("userId", "new-user"))).hasSize(1);
      assertThat(RawFiles.of(dataDir)).doesNotContain("c-old");
    }
  }
}
