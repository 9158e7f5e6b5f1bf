package dev.parley.cluster.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cluster.postgres.PostgresStore;
import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.Submission;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events acknowledged by Kafka reach PostgreSQL through two loaders exactly once and in order
 * per conversation, across retried sends, a PostgreSQL crash mid-stream, and a loader that
 * leaves the group while the other takes its partitions over.
 */
class KafkaToPostgresTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  private static final String TOPIC = "parley-events";
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();

  @BeforeAll
  static void createTopic() throws Exception {
    services.kafka().createTopic(TOPIC, 4, (short) 1);
  }

  /** Request {@code r}: one event in each of 10 conversations, ids in send order within each conversation. */
  private static Submission request(int r) {
    List<NormalisedEvent> events = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      String id = String.format("c%02d-%04d", c, r);
      events.add(new NormalisedEvent("src", id, "track", "Message Sent", "u" + c, null, null, "conv-" + c, id,
          "customer", "text " + id, null, null, null, null, null, T.plusSeconds(r), null, null, T.plusSeconds(r),
          "{\"messageId\":\"" + id + "\"}", List.of()));
    }
    return new Submission(events, List.of());
  }

  private static void send(KafkaSink sink, int from, int to) throws Exception {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int r = from; r < to; r++) {
      acks.add(sink.submit(request(r)));
      if (r % 7 == 0) {
        acks.add(sink.submit(request(r))); // a client's retry: stored once all the same
      }
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
  }

  private static PostgresStore store() {
    return PostgresStore.open(services.postgres().jdbcUrl(), new Properties());
  }

  private static void awaitStored(long expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (services.count("SELECT count(*) FROM events") < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(services.count("SELECT count(*) FROM events")).isEqualTo(expected);
    assertThat(services.count(dev.parley.cluster.postgres.PostgresFacts.driftQuery()))
        .as("conversation facts that differ from their events").isZero();
  }

  @Test
  void everyAcknowledgedEventIsStoredOnceInOrderPerConversation() throws Exception {
    try (KafkaSink sink = KafkaSink.open(services.kafka().bootstrapServers(), TOPIC);
        KafkaLoader first = KafkaLoader.start(services.kafka().bootstrapServers(), TOPIC, "loaders", KafkaToPostgresTest::store);
        KafkaLoader second = KafkaLoader.start(services.kafka().bootstrapServers(), TOPIC, "loaders", KafkaToPostgresTest::store)) {
      send(sink, 0, 100);
      awaitStored(1_000);

      services.postgres().crash();
      send(sink, 100, 200); // Kafka takes them while PostgreSQL is down
      services.postgres().restart();
      awaitStored(2_000);

      first.close(); // its partitions move to the other loader
      send(sink, 200, 300);
      awaitStored(3_000);
      assertThat(second.loaded()).isPositive();
    }

    Map<String, List<String>> byConversation = new HashMap<>();
    try (Connection c = services.postgres().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT conversation_id, message_id FROM events ORDER BY seq")) {
      while (rs.next()) {
        byConversation.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    assertThat(byConversation).hasSize(10);
    byConversation.forEach((conversation, ids) -> {
      assertThat(ids).as(conversation).hasSize(300).doesNotHaveDuplicates();
      assertThat(ids).as("%s in the order sent", conversation).isSorted();
    });
    try (Connection c = services.postgres().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT sum(next_offset) FROM log_offsets WHERE topic = '" + TOPIC + "'")) {
      rs.next();
      assertThat(rs.getLong(1)).as("every record of the topic is loaded: 300 requests and 43 retries, 10 records each")
          .isEqualTo(3_430);
    }
  }
}
