package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.config.Role;
import dev.parley.server.config.StoreAddress;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read API in cluster mode answers from PostgreSQL: the same events sent to an embedded
 * collector and through Kafka into PostgreSQL give the same answers, route by route, on the
 * collector that loads and on a process that only reads.
 */
class ClusterReadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();
  @TempDir Path dir;

  @Test
  void everyReadRouteAnswersFromPostgresAsTheEmbeddedStoreDoes() throws Exception {
    Instant base = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    String batch = Messages.batch(conversations(base));
    String log = "kafka://" + services.kafka().bootstrapServers() + "/reads";
    StoreAddress store = new StoreAddress(services.storeAddress(), Optional.empty());
    try (TestServer embedded = TestServer.start(dir.resolve("embedded"));
        TestServer cluster = TestServer.start(dir.resolve("cluster"), c -> c.withLog(log).withStore(store));
        TestServer reader = TestServer.start(dir.resolve("reader"),
            c -> c.withLog(log).withStore(store).withRoles(Set.of(Role.READ)))) {
      assertThat(embedded.post("/v1/batch", batch).statusCode()).isEqualTo(200);
      assertThat(cluster.post("/v1/batch", batch).statusCode()).isEqualTo(200);
      embedded.awaitLoaded();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (services.count("SELECT count(*) FROM events") < 14 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(services.count("SELECT count(*) FROM events")).isEqualTo(14);

      String window = "from=" + base.minus(1, ChronoUnit.HOURS) + "&to=" + base.plus(3, ChronoUnit.HOURS);
      List<String> paths = List.of("/api/v1/summary?" + window, "/api/v1/conversations?" + window,
          "/api/v1/conversations?status=abandoned&" + window, "/api/v1/conversations?q=REFUND&" + window,
          "/api/v1/conversations/c1", "/api/v1/timeseries?metric=messages&interval=hour&" + window,
          "/api/v1/timeseries?metric=responseLatencyP50&interval=hour&" + window,
          "/api/v1/breakdown?by=event&" + window, "/api/v1/breakdown?by=userTrait.plan&metric=conversations&" + window,
          "/api/v1/breakdown?by=model&" + window, "/api/v1/attribution?by=action&" + window,
          "/api/v1/events?conversationId=c2", "/api/v1/violations?" + window, "/api/v1/suppressions");
      for (String path : paths) {
        JsonNode expected = answer(embedded, path);
        assertThat(answer(cluster, path)).as("%s on the collector", path).isEqualTo(expected);
        assertThat(answer(reader, path)).as("%s on a reader", path).isEqualTo(expected);
      }
      JsonNode summary = answer(reader, "/api/v1/summary?" + window);
      assertThat(summary.path("conversations").asInt()).as("not an empty store").isEqualTo(3);
    }
  }

  private static JsonNode answer(TestServer server, String path) throws Exception {
    HttpResponse<String> response = server.getNow(path);
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return withoutReceivedAt(JSON.readTree(response.body()));
  }

  /** The answer without the times each server received the events at, which differ. */
  static JsonNode withoutReceivedAt(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove("receivedAt");
      object.forEach(ClusterReadTest::withoutReceivedAt);
    } else if (node.isArray()) {
      node.forEach(ClusterReadTest::withoutReceivedAt);
    }
    return node;
  }

  /** Three conversations: one converted and rated, one abandoned with a tool call, one anonymous. */
  private static List<ObjectNode> conversations(Instant base) {
    List<ObjectNode> m = new ArrayList<>();
    m.add(track("Conversation Started", "u1", null, "c1", base, null));
    m.add(track("Message Sent", "u1", null, "c1", base.plusSeconds(5), "c1-m1", "message_body", "I want a refund"));
    m.add(track("Message Received", "u1", null, "c1", base.plusSeconds(7), "c1-m2", "message_body", "Refund started", "model", "m-a"));
    m.add(track("Feedback Submitted", "u1", null, "c1", base.plusSeconds(20), null, "rating", 4));
    m.add(track("Order Completed", "u1", null, "c1", base.plusSeconds(30), null));
    m.add(track("Conversation Ended", "u1", null, "c1", base.plusSeconds(40), null));
    m.add(track("Conversation Started", "u2", null, "c2", base.plusSeconds(600), null));
    m.add(track("Message Sent", "u2", null, "c2", base.plusSeconds(605), "c2-m1", "message_body", "where is it"));
    m.add(track("Action Invoked", "u2", null, "c2", base.plusSeconds(606), "c2-m2", "type", "tool", "action", "track_order"));
    m.add(track("Message Received", "u2", null, "c2", base.plusSeconds(610), "c2-m3", "message_body", "on its way"));
    m.add(track("Message Sent", null, "a3", "c3", base.plusSeconds(900), "c3-m1", "message_body", "hello"));
    m.add(track("Message Sent", null, "a3", "c3", base.plusSeconds(901), "c3-m2", "message_body", 42));
    ObjectNode identify = JSON.createObjectNode().put("type", "identify").put("userId", "u1")
        .put("messageId", "id-u1").put("timestamp", base.toString());
    identify.putObject("traits").put("plan", "pro");
    m.add(identify);
    ObjectNode link = JSON.createObjectNode().put("type", "identify").put("userId", "u3").put("anonymousId", "a3")
        .put("messageId", "id-a3").put("timestamp", base.plusSeconds(902).toString());
    link.putObject("traits").put("plan", "free");
    m.add(link);
    return m;
  }

  /** A track message with {@code extra} properties (name, value, name, value...). */
  private static ObjectNode track(String event, String userId, String anonymousId, String conversationId,
      Instant at, String messageId, Object... extra) {
    ObjectNode m = JSON.createObjectNode().put("type", "track").put("event", event)
        .put("messageId", event.replace(' ', '-') + "-" + conversationId + "-" + at.getEpochSecond())
        .put("timestamp", at.toString());
    if (userId != null) {
      m.put("userId", userId);
    }
    if (anonymousId != null) {
      m.put("anonymousId", anonymousId);
    }
    ObjectNode properties = m.putObject("properties").put("conversationId", conversationId);
    if (messageId != null) {
      properties.put("messageId", messageId);
    }
    for (int i = 0; i < extra.length; i += 2) {
      properties.set((String) extra[i], JSON.valueToTree(extra[i + 1]));
    }
    return m;
  }
}
