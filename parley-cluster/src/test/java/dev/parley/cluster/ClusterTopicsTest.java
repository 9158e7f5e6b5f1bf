package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.config.Role;
import dev.parley.server.config.StoreAddress;
import dev.parley.server.testing.TestServer;
import dev.parley.server.testing.TopicTraffic;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topics in cluster mode, with the real model: the same traffic through Kafka into PostgreSQL
 * gives the topics the embedded store gives; one server of the cluster finds them (the other
 * says so), every server reads them, an erasure takes the user's conversations out of them and
 * their names are remade, and when the server that finds them stops, another takes over.
 */
class ClusterTopicsTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();
  @TempDir Path dir;

  private static HttpResponse<String> recompute(TestServer server) {
    return TestServer.send(HttpRequest.newBuilder(server.uri("/api/v1/topics/recompute"))
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  @Test
  void oneServerFindsTheTopicsEveryServerReadsThemAndAnotherTakesOver() throws Exception {
    Instant start = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    String batch = TopicTraffic.batch(start);
    String log = "kafka://" + services.kafka().bootstrapServers() + "/topics";
    StoreAddress store = new StoreAddress(services.storeAddress(), Optional.empty());
    TestServer first = TestServer.start(dir.resolve("first"), c -> c.withLog(log).withStore(store));
    boolean firstClosed = false;
    try (TestServer embedded = TestServer.start(dir.resolve("embedded"));
        TestServer second = TestServer.start(dir.resolve("second"),
            c -> c.withLog(log).withStore(store).withRoles(Set.of(Role.READ)))) {
      assertThat(embedded.post("/v1/batch", batch).statusCode()).isEqualTo(200);
      assertThat(first.post("/v1/batch", batch).statusCode()).isEqualTo(200);
      embedded.awaitLoaded();
      services.awaitCount("SELECT count(*) FROM events", 3 * 36 * 3);

      // one server of the cluster finds the topics; asked, the other says which does
      HttpResponse<String> one = recompute(first);
      HttpResponse<String> other = recompute(second);
      TestServer leader = one.statusCode() == 200 ? first : second;
      TestServer follower = leader == first ? second : first;
      assertThat(List.of(one.statusCode(), other.statusCode())).as(one.body() + " / " + other.body())
          .containsExactlyInAnyOrder(200, 409);
      assertThat((leader == first ? other : one).body()).contains("another server of this cluster finds the topics");
      JsonNode done = TestServer.json((leader == first ? one : other).body());
      assertThat(done.get("status").asText()).isEqualTo("done");
      assertThat(done.get("conversations").asLong()).isEqualTo(108);
      assertThat(recompute(embedded).statusCode()).isEqualTo(200);

      // the same topics, names, examples and figures as the embedded store's, on both servers
      String window = "?from=" + start.minus(1, ChronoUnit.HOURS) + "&to=" + start.plus(3, ChronoUnit.HOURS);
      JsonNode expected = topics(embedded, window);
      assertThat(expected.get("items").size()).isGreaterThanOrEqualTo(3);
      assertThat(topics(leader, window)).isEqualTo(expected);
      assertThat(topics(follower, window)).isEqualTo(expected);
      int id = expected.get("items").get(0).get("id").asInt();
      assertThat(answer(follower, "/api/v1/topics/" + id + window + "&limit=500"))
          .isEqualTo(answer(embedded, "/api/v1/topics/" + id + window + "&limit=500"));
      assertThat(answer(follower, "/api/v1/conversations" + window + "&topic=" + id + "&limit=500"))
          .isEqualTo(answer(embedded, "/api/v1/conversations" + window + "&topic=" + id + "&limit=500"));

      // an erasure takes the user's conversations out of the topics, and their names are made again without them
      assertThat(follower.delete("/api/v1/users/user-0").statusCode()).isEqualTo(200);
      assertThat(services.count("SELECT count(*) FROM topic_docs WHERE conversation_id IN"
          + " ('refund-0', 'delivery-0', 'login-0')")).isZero();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (services.count("SELECT count(*) FROM topics WHERE label IS NULL") > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      JsonNode renamed = topics(follower, window);
      assertThat(renamed.get("status").get("withText").asLong()).isEqualTo(105);
      renamed.get("items").forEach(t -> {
        assertThat(t.get("label").asText()).isNotBlank();
        t.get("examples").forEach(e -> assertThat(e.get("conversationId").asText()).doesNotEndWith("-0"));
      });

      // the server that finds the topics stops; the other takes over
      if (leader == first) {
        first.close();
        firstClosed = true;
      } else {
        second.close();
      }
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      HttpResponse<String> taken = recompute(follower);
      while (taken.statusCode() == 409 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        taken = recompute(follower);
      }
      assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
      assertThat(TestServer.json(taken.body()).get("conversations").asLong()).isEqualTo(105);
    } finally {
      if (!firstClosed) {
        first.close();
      }
    }
  }

  private static JsonNode topics(TestServer server, String window) throws Exception {
    JsonNode body = answer(server, "/api/v1/topics" + window);
    ((ObjectNode) body.get("status")).remove("computedAt"); // each store computed them at its own time
    return body;
  }

  private static JsonNode answer(TestServer server, String path) throws Exception {
    HttpResponse<String> response = server.getNow(path);
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return ClusterReadTest.withoutReceivedAt(TestServer.json(response.body())); // each server received them at its time
  }
}
