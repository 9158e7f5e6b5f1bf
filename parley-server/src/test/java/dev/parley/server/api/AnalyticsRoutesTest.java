package dev.parley.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.testing.CopilotScenario;
import dev.parley.server.testing.TestStore;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private TestStore store;
  private Javalin app;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    store = TestStore.create(dir);
    CopilotScenario.write(store);
    AnalyticsRoutes routes = new AnalyticsRoutes(store.connections(), CopilotScenario.clock(),
        CopilotScenario.IDLE_TIMEOUT);
    app = Javalin.create(cfg -> routes.register(cfg.routes)).start("127.0.0.1", 0);
  }

  @AfterAll
  void stop() throws Exception {
    app.stop();
    store.close();
  }

  private record Answer(int status, JsonNode body) {}

  private Answer get(String pathAndQuery) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + pathAndQuery)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }

  @Test
  void summaryDefaultsToTheLastSevenDays() throws Exception {
    Answer answer = get("/api/v1/summary");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode s = answer.body();
    assertThat(s.get("from").asText()).isEqualTo("2026-11-13T12:00:00Z");
    assertThat(s.get("conversations").asLong()).isEqualTo(55);
    assertThat(s.get("abandoned").asLong()).isEqualTo(10);
    assertThat(s.at("/responseLatencyMs/p50").asDouble()).isEqualTo(1300.0);
    assertThat(s.at("/feedback/distribution/4").asLong()).isEqualTo(7);
    assertThat(s.at("/actions/0/action").asText()).isEqualTo("search");
    assertThat(s.at("/media/0/subType").asText()).isEqualTo("png");
    assertThat(s.at("/outcomes/0/conversations").asLong()).isEqualTo(3);
    assertThat(s.get("users").asLong()).isEqualTo(40);
  }

  @Test
  void summaryOfAnExplicitWindow() throws Exception {
    JsonNode s = get("/api/v1/summary?from=2026-11-01&to=2026-11-02").body();
    assertThat(s.get("conversations").asLong()).isEqualTo(1);
    assertThat(s.get("violations").asLong()).isEqualTo(1);
    assertThat(s.at("/responseLatencyMs/p50").isNull()).isTrue();
  }

  @Test
  void conversationPagesFollowTheNextCursor() throws Exception {
    List<String> ids = new ArrayList<>();
    String next = null;
    do {
      JsonNode page = get("/api/v1/conversations?limit=10" + (next == null ? "" : "&cursor=" + next)).body();
      page.get("items").forEach(item -> ids.add(item.get("conversationId").asText()));
      next = page.get("next").isNull() ? null : page.get("next").asText();
    } while (next != null);
    assertThat(ids).hasSize(55).doesNotHaveDuplicates();
    assertThat(ids.get(0)).isEqualTo("p05");
  }

  @Test
  void conversationsFilteredByStatusRatingOutcomeAndText() throws Exception {
    JsonNode page = get("/api/v1/conversations?status=abandoned&limit=3").body();
    assertThat(page.get("items")).hasSize(3);
    assertThat(page.at("/items/0/status").asText()).isEqualTo("abandoned");
    assertThat(page.at("/items/0/conversationId").asText()).isEqualTo("a10");
    assertThat(page.at("/items/0/userId").asText()).isEqualTo("u10");
    assertThat(get("/api/v1/conversations?minRating=5&hasOutcome=true").body().at("/items/0/conversationId").asText())
        .isEqualTo("e04");
    String q = URLEncoder.encode("x' OR '1'='1", StandardCharsets.UTF_8);
    assertThat(get("/api/v1/conversations?q=" + q).body().get("items")).isEmpty();
    assertThat(get("/api/v1/conversations?q=refund").body().get("items")).hasSize(2);
  }

  @Test
  void transcriptListsEventsWithAttachmentsAndFindings() throws Exception {
    Answer x01 = get("/api/v1/conversations/x01");
    assertThat(x01.status()).isEqualTo(200);
    assertThat(x01.body().get("status").asText()).isEqualTo("ended");
    assertThat(x01.body().at("/events/0/event").asText()).isEqualTo("Message Sent");
    assertThat(x01.body().at("/events/0/message/properties/messageId").asText()).isEqualTo("x01-m1");
    List<String> codes = new ArrayList<>();
    x01.body().get("findings").forEach(f -> codes.add(f.get("code").asText()));
    assertThat(codes).containsExactly("message_before_start", "event_after_end", "feedback_unknown_message");

    JsonNode reply = get("/api/v1/conversations/e01").body().at("/events/2");
    assertThat(reply.get("role").asText()).isEqualTo("ai_agent");
    assertThat(reply.get("actions")).hasSize(2);
    assertThat(reply.at("/feedback/0/rating").asDouble()).isEqualTo(2.0);
    assertThat(reply.at("/message/messageId").asText()).startsWith("event-");
  }

  @Test
  void unknownConversationIs404() throws Exception {
    Answer answer = get("/api/v1/conversations/nope");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().get("error").asText()).contains("nope");
  }

  @Test
  void timeseriesAndBreakdown() throws Exception {
    JsonNode series = get("/api/v1/timeseries?metric=abandoned&interval=day").body();
    assertThat(series.get("points")).hasSize(8);
    assertThat(series.at("/points/7/t").asText()).isEqualTo("2026-11-20T00:00:00Z");
    assertThat(series.at("/points/7/value").asDouble()).isEqualTo(10.0);
    JsonNode breakdown = get("/api/v1/breakdown?by=role&metric=avgRating").body();
    assertThat(breakdown.at("/groups/0/key").asText()).isEqualTo("human_agent");
    assertThat(breakdown.at("/groups/0/value").asDouble()).isEqualTo(4.5);
  }

  @Test
  void badParametersAre400WithTheAllowedValues() throws Exception {
    Answer metric = get("/api/v1/timeseries?metric=revenue");
    assertThat(metric.status()).isEqualTo(400);
    assertThat(metric.body().get("parameter").asText()).isEqualTo("metric");
    assertThat(metric.body().get("allowed").toString()).contains("conversations", "responseLatencyP50");

    assertThat(get("/api/v1/summary?from=yesterday").status()).isEqualTo(400);
    assertThat(get("/api/v1/summary?from=2026-11-20&to=2026-11-01").status()).isEqualTo(400);
    assertThat(get("/api/v1/conversations?limit=0").body().get("parameter").asText()).isEqualTo("limit");
    assertThat(get("/api/v1/conversations?limit=many").status()).isEqualTo(400);
    assertThat(get("/api/v1/conversations?cursor=garbage!").body().get("parameter").asText()).isEqualTo("cursor");
    assertThat(get("/api/v1/conversations?status=closed").body().get("allowed").toString())
        .isEqualTo("[\"open\",\"ended\",\"abandoned\"]");
    assertThat(get("/api/v1/conversations?minRating=high").status()).isEqualTo(400);
    assertThat(get("/api/v1/conversations?hasOutcome=yes").status()).isEqualTo(400);
    assertThat(get("/api/v1/timeseries?interval=week").body().get("allowed").toString()).contains("hour", "day");
    assertThat(get("/api/v1/timeseries?interval=hour&from=2000-01-01").status()).isEqualTo(400);
    Answer by = get("/api/v1/breakdown?by=body");
    assertThat(by.status()).isEqualTo(400);
    assertThat(by.body().get("allowed").toString()).contains("userTrait.<name>");
    assertThat(get("/api/v1/breakdown").status()).isEqualTo(400);
  }
}
