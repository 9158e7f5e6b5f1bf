package dev.parley.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.testing.Eventually;
import dev.parley.server.testing.LogCapture;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage sent over Segment's API comes out of the read API as tokens, cost, model rows and
 * attribution, priced by the parley.yml the server was started with, and priced again when
 * the file changes.
 */
class UsageEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static ObjectNode reply(String conversation, String id, Instant at, String model, Object input, Object output) {
    ObjectNode m = JSON.createObjectNode().put("type", "track").put("event", "Message Received")
        .put("userId", "u-" + conversation).put("messageId", id).put("timestamp", at.toString());
    ObjectNode p = m.putObject("properties").put("conversationId", conversation).put("messageId", id + "-chat")
        .put("message_body", "an answer").put("model", model);
    p.set("input_tokens", JSON.valueToTree(input));
    p.set("output_tokens", JSON.valueToTree(output));
    return m;
  }

  @Test
  void usageIsCountedPricedFromTheConfigFileAndPricedAgainWhenItChanges() throws Exception {
    Path config = dir.resolve("parley.yml");
    Files.writeString(config, "currency: EUR\nprices:\n  m-a: {input: 1.0, output: 2.0}\n");
    Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
    try (TestServer server = TestServer.start(dir.resolve("data"), c -> c.withConfigFile(config))) {
      ObjectNode sent = Messages.started("u-c1", "c1", "s-1");
      ObjectNode purchase = JSON.createObjectNode().put("type", "track").put("event", "Item Purchased")
          .put("userId", "u-c1").put("messageId", "buy-1").put("timestamp", at.toString());
      purchase.putObject("properties").put("conversationId", "c1");
      String body = Messages.batch(List.of(sent, reply("c1", "r-1", at, "m-a", 1_000_000, 500_000), purchase,
          reply("c2", "r-2", at, "m-b", 10, 10), reply("c3", "r-3", at, "m-a", "12", 3)));
      assertThat(server.post("/v1/batch", body).statusCode()).isEqualTo(200);

      JsonNode summary = TestServer.json(server.get("/api/v1/summary").body());
      assertThat(summary.at("/tokens/input").asLong()).as("the text \"12\" is not counted").isEqualTo(1_000_010);
      assertThat(summary.at("/tokens/output").asLong()).isEqualTo(500_013);
      assertThat(summary.at("/cost/currency").asText()).isEqualTo("EUR");
      assertThat(summary.at("/cost/total").asDouble()).as("1,000,000 x 1 + 500,003 x 2 per million")
          .isCloseTo(2.000006, within(1e-9));
      assertThat(summary.at("/cost/unpricedEvents").asLong()).as("m-b").isEqualTo(1);
      assertThat(summary.at("/cost/perConversationWithOutcome").asDouble()).isCloseTo(2.0, within(1e-9));
      JsonNode violations = TestServer.json(server.get("/api/v1/violations").body());
      assertThat(violations.toString()).contains("wrong_type").contains("properties.input_tokens");

      JsonNode models = TestServer.json(server.get("/api/v1/breakdown?by=model").body()).get("groups");
      assertThat(models.findValuesAsText("key")).containsExactly("m-a", "m-b");
      assertThat(models.get(0).get("conversations").asLong()).isEqualTo(2);
      JsonNode attribution = TestServer.json(server.get("/api/v1/attribution?by=model").body());
      assertThat(attribution.get("items").get(0).at("/with/conversations").asLong()).isEqualTo(2);
      assertThat(attribution.get("items").get(0).has("lift")).isTrue();
      assertThat(server.get("/api/v1/attribution?by=colour").statusCode()).isEqualTo(400);

      Files.writeString(config, "currency: EUR\nprices:\n  m-a: {input: 2.0, output: 4.0}\n  m-b: {input: 0, output: 0}\n");
      JsonNode repriced = Eventually.answer(() -> TestServer.json(server.get("/api/v1/summary").body()),
          s -> s.at("/cost/unpricedEvents").asLong() == 0);
      assertThat(repriced.at("/cost/total").asDouble()).as("without a restart").isCloseTo(4.000012, within(1e-9));

      try (LogCapture logs = new LogCapture()) {
        Files.writeString(config, "prices:\n  m-a: {input: -1, output: 4.0}\n");
        String log = Eventually.answer(() -> {
          server.get("/api/v1/summary"); // prices are read again when a cost is asked for
          return logs.text();
        }, text -> text.contains("cannot be read"));
        assertThat(log).contains("prices.m-a.input");
        assertThat(TestServer.json(server.get("/api/v1/summary").body()).at("/cost/total").asDouble())
            .as("the last good prices stay").isCloseTo(4.000012, within(1e-9));
      }
    }
  }

  @Test
  void aServerWhosePricesCannotBeReadDoesNotStart() throws Exception {
    Path config = dir.resolve("parley.yml");
    Files.writeString(config, "prices:\n  m-a: {input: cheap, output: 4.0}\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start(dir.resolve("data"),
        c -> c.withConfigFile(config))).hasMessageContaining("prices.m-a.input");
  }
}
