package dev.parley.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.demo.langchain4j.LangChain4jCopilot;
import dev.parley.demo.langchain4j.ScriptedCopilotModel;
import dev.parley.sdk.CopilotAnalytics;
import dev.parley.server.testing.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's traffic, played through the real SDK into a real server, fills every view. */
class DemoTrafficTest {
  @TempDir Path dir;

  @Test
  void theBackfillFillsEveryPartOfTheSummaryWithinItsDays() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      URI endpoint = server.uri("/");
      DemoClock clock = new DemoClock();
      Instant now = Instant.now();
      int played;
      try (CopilotAnalytics analytics = CopilotAnalytics.builder(TestServer.WRITE_KEY).endpoint(endpoint)
          .clock(clock).flushAt(500).build()) {
        DemoTraffic traffic = new DemoTraffic(analytics, new OffSpecSender(endpoint, TestServer.WRITE_KEY), clock, 7L);
        played = traffic.backfill(60, 5, now);
        analytics.flush();
        assertThat(analytics.stats().failed()).isZero();
      }
      String window = "?from=" + now.minusSeconds(6 * 86_400) + "&to=" + now.plusSeconds(60);
      JsonNode summary = TestServer.json(server.get("/api/v1/summary" + window).body());
      assertThat(summary.get("conversationsStarted").asInt()).isEqualTo(played);
      assertThat(summary.get("conversationsEnded").asInt()).isBetween(1, played - 1);
      assertThat(summary.get("abandoned").asInt()).isPositive();
      assertThat(summary.get("messagesReceived").asInt()).isEqualTo(summary.get("messagesSent").asInt());
      assertThat(summary.at("/feedback/count").asInt()).isPositive();
      assertThat(summary.get("actions")).isNotEmpty();
      assertThat(summary.get("media")).isNotEmpty();
      assertThat(summary.get("components")).isNotEmpty();
      assertThat(summary.get("outcomes")).isNotEmpty();
      assertThat(summary.get("users").asInt()).isEqualTo(60);
      assertThat(summary.get("violations").asInt()).isPositive();

      JsonNode before = TestServer.json(server.get("/api/v1/summary?from=" + now.minusSeconds(30 * 86_400)
          + "&to=" + now.minusSeconds(6 * 86_400)).body());
      assertThat(before.get("conversations").asInt()).as("nothing before the backfill's days").isZero();
    }
  }

  @Test
  void theModelsRepliesArePricedFromTheDemosPriceTableAndTheDearerModelDoesBetter() throws Exception {
    Path prices = DemoModels.writePriceTable(dir);
    try (TestServer server = TestServer.start(dir.resolve("priced"), config -> config.withConfigFile(prices))) {
      URI endpoint = server.uri("/");
      DemoClock clock = new DemoClock();
      Instant now = Instant.now();
      try (CopilotAnalytics analytics = CopilotAnalytics.builder(TestServer.WRITE_KEY).endpoint(endpoint)
          .clock(clock).flushAt(500).build()) {
        new DemoTraffic(analytics, new OffSpecSender(endpoint, TestServer.WRITE_KEY), clock, 7L).backfill(60, 5, now);
        analytics.flush();
      }
      String window = "?from=" + now.minusSeconds(6 * 86_400) + "&to=" + now.plusSeconds(60);
      JsonNode summary = TestServer.json(server.get("/api/v1/summary" + window).body());
      assertThat(summary.at("/tokens/input").asLong()).isPositive();
      assertThat(summary.at("/tokens/output").asLong()).isPositive();
      assertThat(summary.at("/cost/currency").asText()).isEqualTo("USD");
      assertThat(summary.at("/cost/total").asDouble()).isPositive();
      assertThat(summary.at("/cost/unpricedEvents").asLong()).as("every model has a price").isZero();

      Map<String, JsonNode> models = byKey(TestServer.json(server.get("/api/v1/breakdown" + window + "&by=model").body())
          .get("groups"));
      assertThat(models).containsOnlyKeys("copilot-mini", "copilot-large");
      JsonNode mini = models.get("copilot-mini");
      JsonNode large = models.get("copilot-large");
      assertThat(costPerToken(large)).isGreaterThan(5 * costPerToken(mini));
      assertThat(large.get("conversionRate").asDouble()).isGreaterThan(mini.get("conversionRate").asDouble());
      assertThat(large.get("avgRating").asDouble()).isGreaterThan(mini.get("avgRating").asDouble());

      JsonNode attribution = TestServer.json(server.get("/api/v1/attribution" + window + "&by=model").body());
      assertThat(byKey(attribution.get("items"))).containsOnlyKeys("copilot-mini", "copilot-large");
    }
  }

  @Test
  void theLangChain4jCopilotsEventsReachTheCollectorThroughTheInstrumentation() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("lc4j"))) {
      try (CopilotAnalytics analytics = CopilotAnalytics.builder(TestServer.WRITE_KEY)
          .endpoint(server.uri("/")).build()) {
        new LangChain4jCopilot(analytics).playConversation("lc4j-customer", 5);
        analytics.flush();
      }
      JsonNode events = server.events(Map.of("userId", "lc4j-customer"));
      assertThat(events).extracting(e -> e.get("event").asText()).containsExactly(
          "Conversation Started", "Message Sent", "Message Received", "Action Invoked",
          "Message Sent", "Message Received", "Action Invoked", "Feedback Submitted", "Conversation Ended");
      assertThat(events).allSatisfy(e -> assertThat(e.get("violations")).isEmpty());
      assertThat(events).extracting(e -> e.at("/properties/conversationId").asText()).containsOnly(
          events.get(0).at("/properties/conversationId").asText());
      JsonNode action = events.get(3).get("properties");
      assertThat(action.get("type").asText()).isEqualTo("tool");
      assertThat(action.get("action").asText()).isEqualTo("checkStock");
      assertThat(events.get(2).at("/properties/role").asText()).isEqualTo("ai_agent");
      // The tool call (42 tokens read, 12 written) and the answer (64, 18) of the scripted model.
      assertThat(events.get(2).at("/properties/model").asText()).isEqualTo(ScriptedCopilotModel.MODEL_NAME);
      assertThat(events.get(2).at("/properties/input_tokens").asInt()).isEqualTo(106);
      assertThat(events.get(2).at("/properties/output_tokens").asInt()).isEqualTo(30);
      assertThat(events.get(8).at("/properties/message_count").asInt()).isEqualTo(4);
    }
  }

  @Test
  void thePriceTablePricesEveryModelTheDemoPlays() throws Exception {
    String yaml = Files.readString(DemoModels.writePriceTable(dir));

    assertThat(yaml).contains("currency: USD", "  copilot-mini: {input: 0.15, output: 0.6}",
        "  copilot-large: {input: 2.5, output: 10.0}", "  " + ScriptedCopilotModel.MODEL_NAME + ": {input: 0.5");
  }

  @Test
  void theDemoEmptiesOnlyDirectoriesItMade() throws Exception {
    Path mine = dir.resolve("demo");
    Demo.prepareDirectory(mine);
    Files.writeString(mine.resolve("parley.duckdb"), "old");
    Demo.prepareDirectory(mine);
    assertThat(mine.resolve("parley.duckdb")).doesNotExist();

    Path someone = Files.createDirectories(dir.resolve("real-data"));
    Files.writeString(someone.resolve("parley.duckdb"), "precious");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Demo.prepareDirectory(someone))
        .hasMessageContaining("not made by the demo");
    assertThat(someone.resolve("parley.duckdb")).hasContent("precious");
  }

  private static Map<String, JsonNode> byKey(JsonNode rows) {
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    rows.forEach(row -> byKey.put(row.get("key").asText(), row));
    return byKey;
  }

  private static double costPerToken(JsonNode model) {
    return model.get("cost").asDouble() / (model.at("/tokens/input").asLong() + model.at("/tokens/output").asLong());
  }
}
