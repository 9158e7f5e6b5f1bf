package dev.parley.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.config.ValidationMode;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In block mode, violating messages are refused and listed; the rest of the batch is stored. */
class BlockModeEndToEndTest {
  @TempDir Path dataDir;

  @Test
  void violatingMessagesAreRefusedListedOnceAndTheRestStored() {
    try (TestServer server = TestServer.start(dataDir, c -> c.withValidation(ValidationMode.BLOCK))) {
      ObjectNode bad = Messages.started("block-user", "c", "bad-1");
      ((ObjectNode) bad.get("properties")).remove("conversationId");
      String body = Messages.batch(List.of(Messages.started("block-user", "c", "good-1"), bad,
          Messages.started("block-user", "c", "good-2")));

      HttpResponse<String> response = server.post("/v1/batch", body);

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode answer = TestServer.json(response.body());
      assertThat(answer.get("success").asBoolean()).isTrue();
      assertThat(answer.get("refused")).hasSize(1);
      assertThat(answer.at("/refused/0/index").asInt()).isEqualTo(1);
      assertThat(answer.at("/refused/0/messageId").asText()).isEqualTo("bad-1");
      assertThat(answer.at("/refused/0/violations/0/code").asText()).isEqualTo("missing_required");

      HttpResponse<String> retried = server.post("/v1/batch", body);
      assertThat(TestServer.json(retried.body()).get("refused")).as("a retry is answered the same").hasSize(1);

      JsonNode stored = server.events(Map.of("userId", "block-user"));
      assertThat(stored).extracting(e -> e.get("messageId").asText()).containsExactlyInAnyOrder("good-1", "good-2");

      JsonNode violations = TestServer.json(server.get("/api/v1/violations").body());
      assertThat(violations.at("/counts/0/refused").asInt()).as("recorded once despite the retry").isEqualTo(1);
      assertThat(violations.at("/latest/0/refused").asBoolean()).isTrue();
    }
  }

  @Test
  void aBlankEventNameIsRefusedUnderTheMessageType() {
    try (TestServer server = TestServer.start(dataDir, c -> c.withValidation(ValidationMode.BLOCK))) {
      HttpResponse<String> response = server.post("/v1/track",
          Messages.started("blank-block-user", "c", "blank-block-1").put("event", " ").toString());

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode answer = TestServer.json(response.body());
      assertThat(answer.at("/refused/0/event").asText()).isEqualTo("track");
      assertThat(answer.at("/refused/0/violations/0/code").asText()).isEqualTo("invalid_value");
      assertThat(answer.at("/refused/0/violations/0/path").asText()).isEqualTo("event");
      assertThat(server.events(Map.of("userId", "blank-block-user"))).isEmpty();
    }
  }
}
