package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cluster.postgres.PostgresRemoteStore;
import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.config.Role;
import dev.parley.server.config.StoreAddress;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --roles} in cluster mode: a collector limited to {@code collect} takes events into Kafka
 * without joining the loaders' group, and a {@code serve --roles load} loads them, alone in the group.
 */
class ClusterRolesTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();
  @TempDir Path dir;

  @Test
  void collectorsAndLoadersSplitTheWork() throws Exception {
    String log = "kafka://" + services.kafka().bootstrapServers() + "/roles";
    StoreAddress store = new StoreAddress(services.storeAddress(), Optional.empty());
    try (TestServer collector = TestServer.start(dir.resolve("collector"),
            c -> c.withLog(log).withStore(store).withRoles(Set.of(Role.COLLECT)));
        TestServer loader = TestServer.start(dir.resolve("loader"),
            c -> c.withLog(log).withStore(store).withRoles(Set.of(Role.LOAD)))) {
      List<com.fasterxml.jackson.databind.node.ObjectNode> messages = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        messages.add(Messages.started("roles-user", "c-roles-" + (i % 5), "roles-" + i));
      }
      assertThat(collector.post("/v1/batch", Messages.batch(messages)).statusCode()).isEqualTo(200);

      HttpResponse<String> refused = loader.post("/v1/batch", Messages.batch(messages));
      assertThat(refused.statusCode()).isEqualTo(404);
      assertThat(refused.body()).contains("--roles load").contains("(collect serves it)");
      assertThat(collector.getNow("/api/v1/summary").statusCode()).isEqualTo(404);

      String stored = "SELECT count(*) FROM events WHERE user_id = 'roles-user'";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (services.count(stored) < 50 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(services.count(stored)).as("loaded by the load role").isEqualTo(50);
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
          services.kafka().bootstrapServers()))) {
        assertThat(admin.describeConsumerGroups(List.of(PostgresRemoteStore.LOADERS)).all().get(30, TimeUnit.SECONDS)
            .get(PostgresRemoteStore.LOADERS).members())
            .as("the collector limited to collect is no loader").hasSize(1);
      }
    }
  }
}
