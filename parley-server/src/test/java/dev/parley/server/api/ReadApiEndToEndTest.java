package dev.parley.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.ServerPerClass;
import dev.parley.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The read routes, the admin-token check in front of them, and the operational routes. */
class ReadApiEndToEndTest {
  @RegisterExtension static final ServerPerClass shared = new ServerPerClass();
  static TestServer server;

  @BeforeAll
  static void start() {
    server = shared.get();
    String later = Messages.started("reader", "conv-b", "read-2").put("timestamp", "2026-11-20T11:00:00Z").toString();
    String earlier = Messages.started("reader", "conv-a", "read-1").put("timestamp", "2026-11-20T09:00:00Z").toString();
    String sent = "{\"type\":\"track\",\"userId\":\"reader\",\"event\":\"Message Sent\",\"messageId\":\"read-3\","
        + "\"timestamp\":\"2026-11-20T10:00:00Z\",\"properties\":{\"conversationId\":\"conv-a\",\"messageId\":\"m\"}}";
    assertThat(server.post("/v1/batch", "{\"batch\":[" + later + "," + earlier + "," + sent + "]}").statusCode())
        .isEqualTo(200);
  }

  @Test
  void everyApiPathNeedsTheAdminToken() {
    for (String path : List.of("/api/v1/events", "/api/v1/violations", "/api/v1/summary", "/api/v1/conversations",
        "/api/v1/conversations/conv-a", "/api/v1/timeseries?metric=messages&interval=day",
        "/api/v1/breakdown?by=event&metric=events", "/api/v1/anything")) {
      HttpResponse<String> none = TestServer.send(HttpRequest.newBuilder(server.uri(path)).GET().build());
      HttpResponse<String> wrong = TestServer.send(HttpRequest.newBuilder(server.uri(path))
          .header("Authorization", "Bearer wrong").GET().build());
      HttpResponse<String> writeKey = TestServer.send(HttpRequest.newBuilder(server.uri(path))
          .header("Authorization", TestServer.basic(TestServer.WRITE_KEY)).GET().build());
      assertThat(List.of(none.statusCode(), wrong.statusCode(), writeKey.statusCode())).as(path).containsOnly(401);
    }
  }

  @Test
  void eventsComeInTimeOrderFilteredWithTheirViolations() {
    JsonNode all = server.events(Map.of("userId", "reader"));
    assertThat(all).extracting(e -> e.get("messageId").asText()).containsExactly("read-1", "read-3", "read-2");

    JsonNode conversation = server.events(Map.of("conversationId", "conv-a"));
    assertThat(conversation).extracting(e -> e.get("messageId").asText()).containsExactly("read-1", "read-3");

    JsonNode sent = server.events(Map.of("event", "Message Sent"));
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).get("violations")).extracting(v -> v.get("code").asText()).containsOnly("missing_required");

    assertThat(server.events(Map.of("userId", "reader", "limit", "1"))).hasSize(1);
    assertThat(server.get("/api/v1/events?limit=zero").statusCode()).isEqualTo(400);
  }

  @Test
  void theServerAnswersAnalyticsOverWhatItStored() {
    String window = "?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z";
    JsonNode summary = TestServer.json(server.get("/api/v1/summary" + window).body());
    assertThat(summary.get("conversations").asInt()).isEqualTo(2);
    assertThat(summary.get("conversationsStarted").asInt()).isEqualTo(2);
    assertThat(summary.get("messagesSent").asInt()).isEqualTo(1);

    JsonNode transcript = TestServer.json(server.get("/api/v1/conversations/conv-a").body());
    assertThat(transcript.toString()).contains("read-1", "read-3");
    assertThat(server.get("/api/v1/conversations/no-such-conversation").statusCode()).isEqualTo(404);
  }

  @Test
  void violationsAreCountedByEventAndCode() {
    JsonNode answer = TestServer.json(server.get("/api/v1/violations").body());

    assertThat(answer.get("counts")).anySatisfy(c -> {
      assertThat(c.get("event").asText()).isEqualTo("Message Sent");
      assertThat(c.get("code").asText()).isEqualTo("missing_required");
      assertThat(c.get("count").asInt()).isEqualTo(1);
    });
    assertThat(answer.get("latest")).isNotEmpty();
    JsonNode empty = TestServer.json(server.get("/api/v1/violations?from=2026-01-01&to=2026-01-02").body());
    assertThat(empty.get("counts")).isEmpty();
    assertThat(server.get("/api/v1/violations?from=yesterday").statusCode()).isEqualTo(400);
  }

  @Test
  void healthReadinessAndMetricsAreOpen() {
    assertThat(TestServer.send(HttpRequest.newBuilder(server.uri("/healthz")).build()).statusCode()).isEqualTo(200);
    assertThat(TestServer.send(HttpRequest.newBuilder(server.uri("/readyz")).build()).statusCode()).isEqualTo(200);
    assertThat(server.post("/v1/batch", "{\"batch\":[{\"event\":\"x\",\"type\":\"track\"}]}").statusCode())
        .isEqualTo(400);
    String metrics = TestServer.send(HttpRequest.newBuilder(server.uri("/metrics")).build()).body();

    assertThat(metrics).contains("parley_requests_total{endpoint=\"batch\",status=\"200\"}")
        .contains("parley_events_refused_total{reason=\"bad_request\"} 1")
        .contains("parley_events_total{outcome=\"accepted\"}")
        .contains("parley_load_seconds_bucket").contains("parley_load_events_count")
        .contains("parley_log_fsync_seconds_count").contains("parley_log_bytes ")
        .contains("parley_loader_lag_bytes 0").contains("parley_loader_lag_seconds 0");
  }
}
