package dev.parley.server.dashboard;

import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.config.StoreAddress;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link DashboardBrowserTest} against a cluster-mode server: events through Kafka, loaded into
 * PostgreSQL by the server's loader, every page read from PostgreSQL.
 */
class ClusterDashboardBrowserTest extends DashboardBrowserTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();

  @Override
  protected TestServer startServer(Path dataDir) {
    String log = "kafka://" + services.kafka().bootstrapServers() + "/dashboard";
    StoreAddress store = new StoreAddress(services.storeAddress(), Optional.empty());
    return TestServer.start(dataDir, c -> c.withLog(log).withStore(store));
  }

  @Override
  protected void awaitStored(int events) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (services.count("SELECT count(*) FROM events") < events) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("PostgreSQL holds " + services.count("SELECT count(*) FROM events") + " of the "
            + events + " events sent, after 60 s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
