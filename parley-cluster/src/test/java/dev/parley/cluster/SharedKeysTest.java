package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.config.StoreAddress;
import dev.parley.server.testing.Eventually;
import dev.parley.server.testing.Cli;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collectors given {@code --store postgresql://...} keep no keys of their own: a write key made
 * or revoked with {@code parley keys --store} is in force on every collector within a second,
 * and each collector also loads the topic into the database, as one more loader.
 */
class SharedKeysTest {
  private static final Pattern KEY = Pattern.compile("write key (wk_\\S+)");
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();
  @TempDir Path dir;

  @Test
  void aKeyMadeOrRevokedAnywhereIsInForceOnEveryCollector() throws Exception {
    String log = "kafka://" + services.kafka().bootstrapServers() + "/shared-keys";
    StoreAddress store = new StoreAddress(services.storeAddress(), Optional.empty());
    try (TestServer one = TestServer.start(dir.resolve("one"), c -> c.withLog(log).withStore(store));
        TestServer two = TestServer.start(dir.resolve("two"), c -> c.withLog(log).withStore(store))) {
      Cli.Run created = keys("create", "--name", "web", "--store", services.storeAddress());
      assertThat(created.status()).as(created.err()).isZero();
      Matcher key = KEY.matcher(created.out());
      assertThat(key.find()).as(created.out()).isTrue();
      String writeKey = key.group(1);

      for (TestServer collector : new TestServer[] {one, two}) {
        assertThat(Eventually.answer(() -> track(collector, writeKey, "m-" + collector.server().port()).statusCode(),
            status -> status == 200)).as("the new key, on each collector").isEqualTo(200);
      }
      assertThat(keys("list", "--store", services.storeAddress()).out()).contains("web").contains("active");

      assertThat(keys("revoke", writeKey, "--store", services.storeAddress()).status()).isZero();
      for (TestServer collector : new TestServer[] {one, two}) {
        assertThat(Eventually.answer(() -> track(collector, writeKey, "late").statusCode(), status -> status == 401))
            .as("the revoked key, on each collector").isEqualTo(401);
      }
      assertThat(dir.resolve("one").resolve("keys.json")).as("no keys of its own").doesNotExist();
      assertThat(dir.resolve("two").resolve("keys.json")).doesNotExist();

      // No parley load runs: the collectors load what they took, as members of the loaders' group.
      // (A "late" event that a collector took before the revocation reached it is stored too.)
      String accepted = "SELECT count(*) FROM events WHERE user_id = 'shared-user' AND message_id LIKE 'm-%'";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (services.count(accepted) < 2 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(services.count(accepted)).isEqualTo(2);
    }
  }

  @Test
  void aSharedStoreWithoutAKafkaLogIsRefusedSayingWhy() {
    StoreAddress store = new StoreAddress(services.storeAddress(), Optional.empty());
    assertThatThrownBy(() -> TestServer.start(dir.resolve("alone"), c -> c.withStore(store)).close())
        .hasMessageContaining("needs --log kafka://");
  }

  @Test
  void keysSaysInOneLineWhenTheStoreCannotBeReached() {
    Cli.Run run = keys("list", "--store", "postgresql://nobody@127.0.0.1:1/none");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).startsWith("parley keys list: ").contains("cannot open the PostgreSQL store")
        .doesNotContain("\tat ");
  }

  private static java.net.http.HttpResponse<String> track(TestServer collector, String writeKey, String messageId) {
    return collector.post("/v1/track", Messages.started("shared-user", "c-shared", messageId).toString()
        .getBytes(StandardCharsets.UTF_8), Map.of("Authorization", TestServer.basic(writeKey)));
  }

  private static Cli.Run keys(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "keys";
    System.arraycopy(args, 0, all, 1, args.length);
    return Cli.run(all);
  }
}
