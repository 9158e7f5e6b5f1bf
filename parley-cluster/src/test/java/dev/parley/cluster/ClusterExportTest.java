package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.config.StoreAddress;
import dev.parley.server.testing.Cli;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley export --store postgresql://...} writes what cluster mode stored, while the
 * collectors run: every event once, in time order, within --from and --to, streamed from the
 * database (more events than one fetch of its cursor).
 */
class ClusterExportTest {
  private static final int EVENTS = 2_300;
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();
  @TempDir Path dir;

  @Test
  void exportReadsTheSharedStoreInTimeOrder() throws Exception {
    String log = "kafka://" + services.kafka().bootstrapServers() + "/export-events";
    StoreAddress store = new StoreAddress(services.storeAddress(), Optional.empty());
    Instant start = Instant.parse("2026-11-20T00:00:00Z");
    try (TestServer collector = TestServer.start(dir.resolve("one"), c -> c.withLog(log).withStore(store))) {
      List<ObjectNode> batch = new ArrayList<>();
      for (int i = EVENTS - 1; i >= 0; i--) { // sent newest first: export sorts by time
        batch.add(Messages.started("u-" + i % 7, "c-" + i % 50, "m-" + i).put("timestamp", start.plusSeconds(i).toString()));
        if (batch.size() == 500 || i == 0) {
          assertThat(collector.post("/v1/batch", Messages.batch(batch)).statusCode()).isEqualTo(200);
          batch.clear();
        }
      }
      services.awaitCount("SELECT count(*) FROM events", EVENTS);

      Cli.Run all = export("--store", services.storeAddress());
      assertThat(all.status()).as(all.err()).isZero();
      List<String> ids = messageIds(all.out());
      assertThat(ids).hasSize(EVENTS);
      for (int i = 0; i < EVENTS; i++) {
        assertThat(ids.get(i)).isEqualTo("m-" + i);
      }

      Cli.Run some = export("--store", services.storeAddress(), "--from", start.plusSeconds(100).toString(),
          "--to", start.plusSeconds(110).toString());
      assertThat(some.status()).as(some.err()).isZero();
      assertThat(messageIds(some.out())).containsExactly("m-100", "m-101", "m-102", "m-103", "m-104", "m-105",
          "m-106", "m-107", "m-108", "m-109");
    }
  }

  @Test
  void anUnreachableStoreIsAClearErrorNotAStackTrace() {
    Cli.Run run = export("--store", "postgresql://nobody@127.0.0.1:1/none");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("parley export: ").doesNotContain("\tat ");
  }

  private static List<String> messageIds(String ndjson) throws Exception {
    List<String> ids = new ArrayList<>();
    for (String line : ndjson.split("\n")) {
      if (!line.isBlank()) {
        JsonNode message = TestServer.json(line);
        ids.add(message.get("messageId").asText());
      }
    }
    return ids;
  }

  private static Cli.Run export(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "export";
    System.arraycopy(args, 0, all, 1, args.length);
    return Cli.run(all);
  }

}
