package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.LogCapture;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server restarted on the same data directory keeps its events, violations and dedupe memory. */
class RestartEndToEndTest {
  @TempDir Path dataDir;

  @Test
  void restartKeepsEverythingAndStillDedupes() {
    String body = Messages.batch(List.of(Messages.started("restart-user", "c1", "r-1"),
        Messages.started("restart-user", "c2", "r-2")));
    try (TestServer first = TestServer.start(dataDir)) {
      assertThat(first.post("/v1/batch", body).statusCode()).isEqualTo(200);
      assertThat(first.post("/v1/track", "{\"userId\":\"restart-user\",\"event\":\"message sent\",\"messageId\":\"r-3\"}")
          .statusCode()).isEqualTo(200);
    }

    try (TestServer second = TestServer.start(dataDir)) {
      assertThat(second.events(Map.of("userId", "restart-user"))).hasSize(3);
      assertThat(second.post("/v1/batch", body).statusCode()).isEqualTo(200);
      assertThat(second.post("/v1/batch", Messages.batch(List.of(Messages.started("restart-user", "c3", "r-4"))))
          .statusCode()).isEqualTo(200);

      assertThat(second.events(Map.of("userId", "restart-user")))
          .extracting(e -> e.get("messageId").asText()).containsExactlyInAnyOrder("r-1", "r-2", "r-3", "r-4");
      assertThat(TestServer.json(second.get("/api/v1/violations").body()).at("/counts/0/event").asText())
          .isEqualTo("message sent");
    }
  }

  /** A new --write-key is added, not swapped in: the old key keeps working, and the server says so at start. */
  @Test
  void aRestartWithAnotherWriteKeyKeepsTheOldOneAndSaysSo() {
    try (TestServer first = TestServer.start(dataDir)) {
      assertThat(first.post("/v1/track", Messages.started("old-key-user", "c", "k-1").toString()).statusCode())
          .isEqualTo(200);
    }
    try (LogCapture logs = new LogCapture();
        TestServer second = TestServer.start(dataDir, c -> c.withWriteKey("new-key"))) {
      assertThat(logs.text()).contains("the write keys of 1 other sources are accepted too")
          .contains("parley keys revoke");
      assertThat(second.post("/v1/track", Messages.started("old-key-user", "c", "k-2").toString()).statusCode())
          .as("the old key").isEqualTo(200);
      assertThat(second.post("/v1/track", Messages.started("new-key-user", "c", "k-3").toString().getBytes(
          StandardCharsets.UTF_8), Map.of("Authorization", TestServer.basic("new-key"))).statusCode()).isEqualTo(200);
    }
  }
}
