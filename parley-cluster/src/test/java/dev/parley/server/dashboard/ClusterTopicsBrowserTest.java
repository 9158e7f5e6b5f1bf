package dev.parley.server.dashboard;

import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TopicsBrowserTest} against a cluster-mode server: events through Kafka, loaded into
 * PostgreSQL by the server's loader, every page read from PostgreSQL, the topics found by the
 * server's worker (it holds the lease).
 */
class ClusterTopicsBrowserTest extends TopicsBrowserTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();

  @Override
  protected TestServer startServer(Path dataDir) {
    return services.startServer(dataDir, "topics-dashboard");
  }

  @Override
  protected void awaitStored(int events) {
    services.awaitEvents(events);
  }
}
