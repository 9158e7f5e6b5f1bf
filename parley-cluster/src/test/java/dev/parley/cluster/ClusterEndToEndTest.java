package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cluster.kafka.KafkaLoader;
import dev.parley.cluster.postgres.PostgresStore;
import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collectors ({@code parley serve --log kafka://...}) take Segment's API and answer once
 * Kafka has the events; a loader moves them into PostgreSQL; the same batch sent to both
 * collectors is stored once.
 */
class ClusterEndToEndTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();
  @TempDir Path dir;

  @Test
  void twoCollectorsSendThroughKafkaAndALoaderStoresEachEventOnce() throws Exception {
    String log = "kafka://" + services.kafka().bootstrapServers() + "/cluster-events";
    PostgresStore.open(services.postgres().jdbcUrl(), new Properties()).close(); // the schema, as parley load makes it first
    try (TestServer one = TestServer.start(dir.resolve("one"), c -> c.withLog(log));
        TestServer two = TestServer.start(dir.resolve("two"), c -> c.withLog(log));
        KafkaLoader loader = KafkaLoader.start(services.kafka().bootstrapServers(), "cluster-events", "loaders",
            () -> PostgresStore.open(services.postgres().jdbcUrl(), new Properties()))) {
      List<String> batches = new ArrayList<>();
      for (int b = 0; b < 20; b++) {
        List<com.fasterxml.jackson.databind.node.ObjectNode> messages = new ArrayList<>();
        for (int m = 0; m < 25; m++) {
          messages.add(Messages.started("user-" + m, "conv-" + m, "b" + b + "-m" + m));
        }
        batches.add(Messages.batch(messages));
      }
      for (int b = 0; b < batches.size(); b++) {
        HttpResponse<String> answer = (b % 2 == 0 ? one : two).post("/v1/batch", batches.get(b));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      }
      assertThat(two.post("/v1/batch", batches.get(0)).statusCode()).as("the same batch, to the other collector")
          .isEqualTo(200);
      assertThat(one.post("/v1/batch", "{\"batch\":[{\"event\":\"x\"}]}").statusCode()).as("still a 400").isEqualTo(400);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (services.count("SELECT count(*) FROM events") < 500 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(500); // a duplicate, had it been stored, would show by now
      assertThat(services.count("SELECT count(*) FROM events")).isEqualTo(500);
      assertThat(services.count("SELECT count(DISTINCT message_id) FROM events")).isEqualTo(500);
      HttpResponse<String> erase = one.delete("/api/v1/users/user-1");
      assertThat(erase.statusCode()).as("not available yet in cluster mode, and says so").isEqualTo(501);
      assertThat(erase.body()).contains("cluster mode");
    }
  }

}
