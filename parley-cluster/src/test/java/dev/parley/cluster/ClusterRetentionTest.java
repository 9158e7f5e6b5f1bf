package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cluster.postgres.PostgresFacts;
import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.config.Source;
import dev.parley.server.config.StoreAddress;
import dev.parley.server.ingest.IngestResult;
import dev.parley.server.load.RetentionSchedule;
import dev.parley.server.store.RemoteStore;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention in cluster mode deletes from PostgreSQL: a collector configured with a retention
 * period sweeps the shared store at start, the events received before the cutoff go with their
 * violations, the others stay, and the facts of a conversation that had both are recomputed
 * from what is left.
 */
class ClusterRetentionTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();
  @TempDir Path dir;

  @Test
  void aCollectorWithARetentionPeriodDeletesWhatThePeriodLeftBehindInTheSharedStore() throws Exception {
    String log = "kafka://" + services.kafka().bootstrapServers() + "/retention-events";
    StoreAddress store = new StoreAddress(services.storeAddress(), Optional.empty());
    try (TestServer one = TestServer.start(dir.resolve("one"), c -> c.withLog(log).withStore(store))) {
      ObjectNode invalid = old(Messages.started("old-user", "c-old", "old-2"));
      ((ObjectNode) invalid.get("properties")).remove("conversationId");
      importMessages(one, List.of(
          old(Messages.started("old-user", "c-old", "old-1")),
          invalid,
          old(Messages.started("mixed-user", "c-mixed", "mixed-old"))));
      assertThat(one.post("/v1/batch", Messages.batch(List.of(
          Messages.started("mixed-user", "c-mixed", "mixed-new"),
          Messages.started("new-user", "c-new", "new-1")))).statusCode()).isEqualTo(200);
      services.awaitCount("SELECT count(*) FROM events", 5);
    }
    assertThat(services.count("SELECT count(*) FROM violations WHERE received_at < '2021-01-01'"))
        .as("the old event without a conversationId has violations").isPositive();

    try (TestServer two = TestServer.start(dir.resolve("two"), c -> c.withLog(log).withStore(store)
        .withPrivacy(c.privacy().withRetention(Duration.ofDays(90))))) {
      services.awaitCount("SELECT count(*) FROM events", 2); // the sweep made at start
      assertThat(services.count("SELECT count(*) FROM events WHERE message_id IN ('mixed-new', 'new-1')")).isEqualTo(2);
      assertThat(services.count("SELECT count(*) FROM violations WHERE received_at < '2021-01-01'")).isZero();
      assertThat(services.count("SELECT count(*) FROM conversation_facts WHERE conversation_id = 'c-old'")).isZero();
      assertThat(services.count("SELECT count(*) FROM conversation_facts WHERE conversation_id = 'c-mixed'"
          + " AND first_ts > '2021-01-01'")).as("c-mixed without its old event").isEqualTo(1);
      assertThat(services.count(PostgresFacts.driftQuery())).as("facts rows unlike the events").isZero();
    }

    // A sweep with nothing to delete deletes nothing, and a second collector sweeping is harmless.
    try (RemoteStore.Opened shared = RemoteStore.open(store, Optional.empty(), getClass().getClassLoader());
        RetentionSchedule sweeps = RetentionSchedule.start(RetentionSchedule.shared(shared), Duration.ofDays(90),
            Duration.ofDays(1), Clock.systemUTC())) {
      assertThat(sweeps.sweep().join()).isZero();
    }
    assertThat(services.count("SELECT count(*) FROM events")).isEqualTo(2);
  }

  /** {@code message} as received in 2020, long before any retention period. */
  private static ObjectNode old(ObjectNode message) {
    return message.put("timestamp", "2020-01-01T00:00:00.000Z").put("receivedAt", "2020-01-01T00:00:01.000Z");
  }

  private static void importMessages(TestServer server, List<ObjectNode> messages) {
    Source source = server.server().collector().keys().list().stream().filter(Source::active).findFirst().orElseThrow();
    IngestResult result = server.server().collector().ingestor().ingest(source, List.copyOf(messages)).join();
    assertThat(result).isInstanceOf(IngestResult.Stored.class);
  }

}
