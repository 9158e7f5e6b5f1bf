package dev.parley.cluster.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cluster.postgres.PostgresStore;
import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.Submission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A topic deleted and made again under the same name starts its offsets at 0: the loader
 * loads the new topic from its beginning, not from the offsets PostgreSQL kept for the old one
 * (which would skip the new topic's first records for good).
 */
class RemadeTopicTest {
  private static final String TOPIC = "remade-events";
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();

  @Test
  void aTopicMadeAgainIsLoadedFromItsBeginning() throws Exception {
    services.kafka().createTopic(TOPIC, 4, (short) 1);
    send("first", 30);
    try (KafkaLoader loader = startLoader()) {
      awaitStored("first-%", 30);
    }
    String oldId = topicId();

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        services.kafka().bootstrapServers()))) {
      admin.deleteTopics(List.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (admin.listTopics().names().get().contains(TOPIC) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
    services.kafka().createTopic(TOPIC, 4, (short) 1);
    send("second", 60); // more than the old topic held: its offsets are past the new one's first records

    try (KafkaLoader loader = startLoader()) {
      awaitStored("second-%", 60);
    }
    assertThat(topicId()).as("the offsets are of the new topic now").isNotEqualTo(oldId);
    try (PostgresStore store = store()) {
      assertThat(store.offsets(TOPIC).values().stream().mapToLong(Long::longValue).sum())
          .as("the new topic's records, each loaded").isEqualTo(60);
    }
  }

  private static void send(String prefix, int count) throws Exception {
    try (KafkaSink sink = KafkaSink.open(services.kafka().bootstrapServers(), TOPIC)) {
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String id = prefix + "-" + i;
        acks.add(sink.submit(new Submission(List.of(new NormalisedEvent("src", id, "track", "Message Sent", "u", null,
            null, "conv-" + i, id, "customer", "text", null, null, null, null, null, T, null, null, T,
            "{\"messageId\":\"" + id + "\"}", List.of())), List.of())));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }
  }

  private static KafkaLoader startLoader() {
    return KafkaLoader.start(services.kafka().bootstrapServers(), TOPIC, "loaders", RemadeTopicTest::store);
  }

  private static PostgresStore store() {
    return PostgresStore.open(services.postgres().jdbcUrl(), new Properties());
  }

  private static String topicId() {
    try (PostgresStore store = store()) {
      return store.loadedOffsets(TOPIC).values().iterator().next().topicId();
    }
  }

  private static void awaitStored(String like, long expected) throws InterruptedException {
    String sql = "SELECT count(*) FROM events WHERE message_id LIKE '" + like + "'";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (services.count(sql) < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(services.count(sql)).as(like).isEqualTo(expected);
  }
}
