package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.segment.analytics.Analytics;
import com.segment.analytics.messages.TrackMessage;
import dev.parley.cluster.kafka.KafkaLoader;
import dev.parley.cluster.postgres.PostgresStore;
import dev.parley.cluster.testing.ClusterServices;
import dev.parley.sdk.CopilotAnalytics;
import dev.parley.sdk.Identity;
import dev.parley.server.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster end to end on a 3-broker Kafka: Segment's analytics-java sends through one
 * collector and the Parley SDK through the other, while one broker is stopped and started
 * again; two loaders load PostgreSQL. Every event is stored once, and each conversation's
 * events in the order they were sent.
 */
class ThreeBrokerClusterTest {
  private static final String TOPIC = "three-broker-events";
  private static final int CONVERSATIONS = 20;
  private static final int EVENTS = 30;
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka(3);
  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void segmentsClientAndTheSdkThroughTwoCollectorsIntoThreeBrokersAreStoredOnceInOrder() throws Exception {
    String log = "kafka://" + services.kafka().bootstrapServers() + "/" + TOPIC;
    Properties none = new Properties();
    PostgresStore.open(services.postgres().jdbcUrl(), none).close();
    try (TestServer one = TestServer.start(dir.resolve("one"), c -> c.withLog(log));
        TestServer two = TestServer.start(dir.resolve("two"), c -> c.withLog(log));
        KafkaLoader first = KafkaLoader.start(services.kafka().bootstrapServers(), TOPIC, "loaders",
            () -> PostgresStore.open(services.postgres().jdbcUrl(), none));
        KafkaLoader second = KafkaLoader.start(services.kafka().bootstrapServers(), TOPIC, "loaders",
            () -> PostgresStore.open(services.postgres().jdbcUrl(), none))) {
      Analytics segment = Analytics.builder(TestServer.WRITE_KEY).endpoint("http://127.0.0.1:" + one.server().port())
          .flushQueueSize(25).build();
      CopilotAnalytics sdk = CopilotAnalytics.builder(TestServer.WRITE_KEY)
          .endpoint(URI.create("http://127.0.0.1:" + two.server().port())).flushAt(25)
          .maxConcurrentUploads(1) // one batch at a time, so that batches arrive in the order they were made
          .flushInterval(Duration.ofMillis(100)).maxRetries(1_000).retryBackoff(Duration.ofMillis(50),
              Duration.ofMillis(500)).build();
      int stopped = services.kafka().brokerIds().iterator().next();
      try {
        for (int n = 0; n < EVENTS; n++) {
          if (n == EVENTS / 3) {
            services.kafka().stopBroker(stopped);
          } else if (n == 2 * EVENTS / 3) {
            services.kafka().startBroker(stopped);
          }
          for (int c = 0; c < CONVERSATIONS; c++) {
            segment.enqueue(TrackMessage.builder("Order Probe").userId("segment-user-" + c)
                .messageId("segment-" + c + "-" + n).properties(Map.of("conversationId", "segment-c" + c, "n", n)));
            sdk.track(Identity.userId("sdk-user-" + c), "Order Probe", Map.of("conversationId", "sdk-c" + c, "n", n));
          }
          Thread.sleep(20);
        }
        segment.flush();
        sdk.flushAsync().get(2, TimeUnit.MINUTES);
      } finally {
        segment.shutdown();
        sdk.close();
      }

      long expected = 2L * CONVERSATIONS * EVENTS;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (services.count("SELECT count(*) FROM events") < expected && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      Thread.sleep(500); // a duplicate would show by now
      assertThat(services.count("SELECT count(*) FROM events")).isEqualTo(expected);
      assertThat(services.count("SELECT count(DISTINCT (source, message_id)) FROM events")).isEqualTo(expected);
      assertThat(services.count(dev.parley.cluster.postgres.PostgresFacts.driftQuery()))
          .as("conversation facts that differ from their events").isZero();
      Map<String, List<Integer>> orders = orderPerConversation();
      assertThat(orders).hasSize(2 * CONVERSATIONS);
      List<Integer> sent = new ArrayList<>();
      for (int n = 0; n < EVENTS; n++) {
        sent.add(n);
      }
      assertThat(orders).allSatisfy((conversation, order) -> assertThat(order).as(conversation).isEqualTo(sent));
    }
  }

  /** Each conversation's {@code n} properties in the order the events were loaded. */
  private static Map<String, List<Integer>> orderPerConversation() throws Exception {
    Map<String, List<Integer>> orders = new HashMap<>();
    try (Connection c = services.postgres().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT body::jsonb -> 'properties' ->> 'conversationId',"
            + " (body::jsonb -> 'properties' ->> 'n')::int FROM events ORDER BY seq")) {
      while (rs.next()) {
        orders.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getInt(2));
      }
    }
    return orders;
  }
}
