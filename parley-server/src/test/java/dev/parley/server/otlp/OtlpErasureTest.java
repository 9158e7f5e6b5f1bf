package dev.parley.server.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.RawFiles;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events made from spans belong to the span's user: erasing the user removes them, text and all, and keeps them out. */
class OtlpErasureTest {
  private static final String PROTOBUF = "application/x-protobuf";
  @TempDir Path dir;

  private static byte[] turn(String conversation, int second, String question, String answer) {
    return OtlpRequests.request(OtlpRequests.chat(conversation, second,
        OtlpRequests.attribute("user.id", "span-user"),
        OtlpRequests.attribute("gen_ai.input.messages",
            "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"" + question + "\"}]}]"),
        OtlpRequests.attribute("gen_ai.output.messages",
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"" + answer + "\"}]}]")))
        .toByteArray();
  }

  @Test
  void erasingTheSpansUserRemovesTheirEventsAndLaterSpansAreDropped() throws Exception {
    Map<String, String> headers = Map.of("Content-Type", PROTOBUF, "Authorization", "Bearer " + TestServer.WRITE_KEY);
    try (TestServer server = TestServer.start(dir)) {
      assertThat(server.post("/v1/traces", turn("otlp-conv", 0, "my tax number is zebra-4411", "noted zebra"), headers)
          .statusCode()).isEqualTo(200);
      assertThat(server.events(Map.of("userId", "span-user"))).hasSize(2)
          .anySatisfy(event -> assertThat(event.toString()).contains("zebra-4411"));

      assertThat(server.delete("/api/v1/users/span-user").statusCode()).isEqualTo(200);
      assertThat(server.post("/v1/traces", turn("otlp-conv", 10, "again zebra-4411", "again"), headers).statusCode())
          .as("acknowledged, then dropped").isEqualTo(200);

      assertThat(server.events(Map.of("userId", "span-user"))).isEmpty();
    }
    assertThat(RawFiles.of(dir)).doesNotContain("zebra-4411");
  }
}
