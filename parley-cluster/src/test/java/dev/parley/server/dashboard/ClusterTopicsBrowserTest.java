package dev.parley.server.dashboard;

import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.config.StoreAddress;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TopicsBrowserTest} against a cluster-mode server: events through Kafka into
 * PostgreSQL, the topics found by the server's worker (it holds the lease) and read from there.
 */
class ClusterTopicsBrowserTest extends TopicsBrowserTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();

  @Override
  protected TestServer startServer(Path dataDir) {
    String log = "kafka://" + services.kafka().bootstrapServers() + "/topics-dashboard";
    StoreAddress store = new StoreAddress(services.storeAddress(), Optional.empty());
    return TestServer.start(dataDir, c -> c.withLog(log).withStore(store));
  }

  @Override
  protected void awaitStored(int events) {
    try {
      services.awaitCount("SELECT count(*) FROM events", events);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
