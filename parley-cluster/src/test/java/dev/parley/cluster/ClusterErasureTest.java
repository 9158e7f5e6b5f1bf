package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.config.StoreAddress;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure in cluster mode, asked of one collector: the user's events and those of the ids tied
 * to them are deleted from PostgreSQL, the ids are suppressed for every collector and loader
 * (events sent later, through either collector, are never stored), and the answer says when
 * Kafka's last copy expires.
 */
class ClusterErasureTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();
  @TempDir Path dir;

  @Test
  void anErasureThroughOneCollectorHoldsOnEveryCollectorAndLoader() throws Exception {
    String log = "kafka://" + services.kafka().bootstrapServers() + "/erasure-events";
    StoreAddress store = new StoreAddress(services.storeAddress(), Optional.empty());
    try (TestServer one = TestServer.start(dir.resolve("one"), c -> c.withLog(log).withStore(store));
        TestServer two = TestServer.start(dir.resolve("two"), c -> c.withLog(log).withStore(store))) {
      List<ObjectNode> before = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        before.add(Messages.started("victim", "c-victim", "v-" + i));
        before.add(Messages.started("bystander", "c-bystander", "b-" + i));
      }
      ObjectNode linked = Messages.started("victim", "c-victim", "v-linked");
      linked.put("anonymousId", "anon-victim");
      before.add(linked);
      before.add(anonymous("v-anon-only"));
      assertThat(one.post("/v1/batch", Messages.batch(before)).statusCode()).isEqualTo(200);
      awaitCount("SELECT count(*) FROM events", 12);

      Instant asked = Instant.now();
      HttpResponse<String> erased = two.delete("/api/v1/users/victim");
      assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
      JsonNode answer = TestServer.json(erased.body());
      assertThat(answer.get("events").asLong()).isEqualTo(7);
      assertThat(answer.get("linkedIds").toString()).contains("anon-victim");
      assertThat(Instant.parse(answer.get("logCopiesUntil").asText()))
          .as("Kafka keeps the topic's records 24 h").isAfterOrEqualTo(asked.plus(Duration.ofHours(24)));
      assertThat(services.count("SELECT count(*) FROM events WHERE user_id = 'victim' OR anonymous_id = 'anon-victim'"))
          .isZero();
      assertThat(services.count("SELECT count(*) FROM suppressions WHERE id IN ('victim', 'anon-victim')")).isEqualTo(2);

      // Later events of the erased ids, through either collector: acknowledged, never stored.
      List<ObjectNode> after = new ArrayList<>();
      after.add(Messages.started("victim", "c-victim", "v-after"));
      after.add(anonymous("v-after-anon"));
      after.add(Messages.started("bystander", "c-bystander", "b-after"));
      assertThat(one.post("/v1/batch", Messages.batch(after)).statusCode()).isEqualTo(200);
      assertThat(two.post("/v1/batch", Messages.batch(List.of(Messages.started("victim", "c-victim", "v-two"),
          Messages.started("bystander", "c-bystander", "b-two")))).statusCode()).isEqualTo(200);
      awaitCount("SELECT count(*) FROM events WHERE user_id = 'bystander'", 7);
      assertThat(services.count("SELECT count(*) FROM events WHERE user_id = 'victim' OR anonymous_id = 'anon-victim'"))
          .as("the erased ids' later events").isZero();
    }
  }

  @Test
  void withoutTheSharedStoreErasureIsRefusedSayingWhatItNeeds() {
    String log = "kafka://" + services.kafka().bootstrapServers() + "/erasure-alone";
    try (TestServer alone = TestServer.start(dir.resolve("alone"), c -> c.withLog(log))) {
      HttpResponse<String> erased = alone.delete("/api/v1/users/someone");
      assertThat(erased.statusCode()).isEqualTo(501);
      assertThat(erased.body()).contains("--store postgresql://");
    }
  }

  /** An event of the erased user's anonymous id alone. */
  private static ObjectNode anonymous(String messageId) {
    ObjectNode m = Messages.started("x", "c-victim", messageId);
    m.remove("userId");
    return m.put("anonymousId", "anon-victim");
  }

  private static void awaitCount(String sql, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (services.count(sql) < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(300); // more than expected would show by now
    assertThat(services.count(sql)).as(sql).isEqualTo(expected);
  }
}
