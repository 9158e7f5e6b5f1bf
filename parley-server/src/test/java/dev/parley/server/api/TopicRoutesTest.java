package dev.parley.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.testing.TestServer;
import dev.parley.server.testing.TopicTraffic;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topic routes over a real server with the real model: recompute, list, one topic, errors, and topics off. */
class TopicRoutesTest {
  @TempDir Path dir;

  private static HttpResponse<String> recompute(TestServer server) {
    return TestServer.send(HttpRequest.newBuilder(server.uri("/api/v1/topics/recompute"))
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  @Test
  void recomputeThenListTopicsAndEachTopicsConversations() {
    try (TestServer server = TestServer.start(dir)) {
      Instant start = Instant.now().minusSeconds(3 * 3600);
      assertThat(server.post("/v1/batch", TopicTraffic.batch(start)).statusCode()).isEqualTo(200);
      server.awaitLoaded();

      HttpResponse<String> done = recompute(server);
      assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
      JsonNode result = TestServer.json(done.body());
      assertThat(result.get("status").asText()).isEqualTo("done");
      assertThat(result.get("conversations").asLong()).isEqualTo(108);

      JsonNode topics = TestServer.json(server.get("/api/v1/topics").body());
      assertThat(topics.get("status").get("withText").asLong()).isEqualTo(108);
      assertThat(topics.get("status").get("withTopic").asLong()).isEqualTo(108);
      JsonNode items = topics.get("items");
      assertThat(items.size()).isGreaterThanOrEqualTo(3);
      long sum = 0;
      for (JsonNode t : items) {
        assertThat(t.get("id").isInt()).isTrue();
        assertThat(t.get("label").asText()).isNotBlank();
        assertThat(t.get("keywords").size()).isPositive();
        assertThat(t.get("examples").size()).isPositive();
        assertThat(t.get("responseLatencyP50Ms").asDouble()).isEqualTo(2000.0);
        sum += t.get("conversations").asLong();
      }
      assertThat(sum).isEqualTo(108);

      // a topic does not mix intents (the model may split one, as sign-in trouble and 2FA codes),
      // and most of each intent's conversations share one topic
      long[] best = new long[3];
      for (JsonNode t : items) {
        JsonNode one = TestServer.json(server.get("/api/v1/topics/" + t.get("id").asInt() + "?limit=500").body());
        assertThat(one.get("id").asInt()).isEqualTo(t.get("id").asInt());
        List<String> ids = new ArrayList<>();
        one.get("conversations").forEach(c -> ids.add(c.get("conversationId").asText()));
        assertThat(ids).hasSize(t.get("conversations").asInt());
        long majority = 0;
        for (int i = 0; i < 3; i++) {
          Set<String> intent = new HashSet<>(TopicTraffic.ids(i));
          long in = ids.stream().filter(intent::contains).count();
          best[i] = Math.max(best[i], in);
          majority = Math.max(majority, in);
        }
        assertThat((double) majority / ids.size()).as("purity of %s", t.get("keywords")).isGreaterThanOrEqualTo(0.9);
      }
      for (int i = 0; i < 3; i++) {
        assertThat(best[i]).as(TopicTraffic.INTENTS.get(i)).isGreaterThanOrEqualTo(24);
      }
    }
  }

  @Test
  void badIdsAndUnknownTopicsAreClearErrors() {
    try (TestServer server = TestServer.start(dir)) {
      HttpResponse<String> bad = server.get("/api/v1/topics/abc");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("whole number");
      HttpResponse<String> unknown = server.get("/api/v1/topics/999");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body()).contains("no topic with id 999");
      assertThat(server.get("/api/v1/conversations?topic=x").statusCode()).isEqualTo(400);
      HttpResponse<String> early = recompute(server);
      assertThat(early.statusCode()).isEqualTo(200);
      assertThat(TestServer.json(early.body()).get("status").asText()).isEqualTo("not-enough-conversations");
      JsonNode topics = TestServer.json(server.get("/api/v1/topics").body());
      assertThat(topics.get("items").size()).isZero();
      assertThat(topics.get("status").get("notice").asText()).contains("topics appear once 100");
    }
  }

  @Test
  void withTopicsOffTheApiSaysSo() {
    try (TestServer server = TestServer.start(dir, config -> config.withTopics(false))) {
      assertThat(server.server().collector().topics()).isEmpty();
      HttpResponse<String> recompute = recompute(server);
      assertThat(recompute.statusCode()).isEqualTo(409);
      assertThat(recompute.body()).contains("--topics off");
      JsonNode topics = TestServer.json(server.get("/api/v1/topics").body());
      assertThat(topics.get("enabled").asBoolean()).isFalse();
    }
  }
}
