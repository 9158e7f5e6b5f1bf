package dev.parley.server.dashboard;

import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link DashboardBrowserTest} against a cluster-mode server: events through Kafka, loaded into
 * PostgreSQL by the server's loader, every page read from PostgreSQL.
 */
class ClusterDashboardBrowserTest extends DashboardBrowserTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();

  @Override
  protected TestServer startServer(Path dataDir) {
    return services.startServer(dataDir, "dashboard");
  }

  @Override
  protected void awaitStored(int events) {
    services.awaitEvents(events);
  }
}
