package dev.parley.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cluster.kafka.KafkaSink;
import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.testing.Submissions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code parley load} makes its topic, loads what collectors sent, and stops cleanly; bad addresses are refused. */
class LoadCommandTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();

  private record Run(CommandLine cli, LoadCommand command, StringWriter out, StringWriter err) {}

  private static Run command(Map<String, String> env, String... args) {
    LoadCommand command = new LoadCommand(env);
    CommandLine cli = new CommandLine(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    cli.parseArgs(args);
    return new Run(cli, command, out, err);
  }

  @Test
  void loadsWhatCollectorsSentIntoPostgresAndStopsCleanly() throws Exception {
    String log = "kafka://" + services.kafka().bootstrapServers() + "/loaded-events";
    Run run = command(Map.of(), "--log", log, "--store", services.storeAddress());
    CountDownLatch stop = new CountDownLatch(1);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
      try {
        return run.command().run(stop);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!run.out().toString().contains("parley: loading") && System.nanoTime() < deadline && !exit.isDone()) {
      Thread.sleep(50);
    }
    assertThat(run.out().toString()).as(run.err().toString()).contains("parley: loading " + log)
        .contains("keeps records 24 h");
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka().bootstrapServers()))) {
      assertThat(admin.describeTopics(java.util.List.of("loaded-events")).allTopicNames().get()
          .get("loaded-events").partitions()).hasSize(12);
    }

    try (KafkaSink sink = KafkaSink.open(services.kafka().bootstrapServers(), "loaded-events")) {
      sink.submit(Submissions.of("l-1", "l-2", "l-3")).get(30, TimeUnit.SECONDS);
    }
    while (services.count("SELECT count(*) FROM events") < 3 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(services.count("SELECT count(*) FROM events")).isEqualTo(3);

    stop.countDown();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(run.out().toString()).contains("parley: stopped");
  }

  @Test
  void aPasswordInTheAddressOrAnUnreachableServiceIsRefusedWithExitTwo() throws Exception {
    Run password = command(Map.of(), "--log", "kafka://127.0.0.1:1/t", "--store", "postgresql://u:secret@h:5432/db");
    assertThat(password.command().run(new CountDownLatch(0))).isEqualTo(2);
    assertThat(password.err().toString()).contains("holds a password").doesNotContain("secret");

    Run badLog = command(Map.of(), "--log", "http://x", "--store", services.storeAddress());
    assertThat(badLog.command().run(new CountDownLatch(0))).isEqualTo(2);
    assertThat(badLog.err().toString()).contains("not a Kafka address");

    Run neither = command(Map.of());
    assertThat(neither.command().run(new CountDownLatch(0))).isEqualTo(2);
    assertThat(neither.err().toString()).contains("--log kafka://").contains("PARLEY_STORE");

    Run fromEnv = command(Map.of("PARLEY_LOG", "kafka://127.0.0.1:1/t", "PARLEY_STORE", "postgresql://u:secret@h:5432/db"));
    assertThat(fromEnv.command().run(new CountDownLatch(0))).isEqualTo(2);
    assertThat(fromEnv.err().toString()).as("the addresses come from the environment")
        .contains("holds a password").doesNotContain("secret");
  }

  /** A record the loader cannot read (a newer collector's, say) stops the command with exit 1, not in silence. */
  @Test
  void aRecordTheLoaderCannotReadStopsTheCommandWithExitOne() throws Exception {
    String topic = "unreadable-events";
    try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(Map.of(
        "bootstrap.servers", services.kafka().bootstrapServers(),
        "key.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class,
        "value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class))) {
      producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, new byte[] {9, 9, 9})).get();
    }
    Run run = command(Map.of(), "--log", "kafka://" + services.kafka().bootstrapServers() + "/" + topic, "--store",
        services.storeAddress(), "--group", "unreadable");

    int exit = CompletableFuture.supplyAsync(() -> {
      try {
        return run.command().run(new CountDownLatch(1));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }).get(90, TimeUnit.SECONDS);

    assertThat(exit).isEqualTo(1);
    assertThat(run.err().toString()).contains("the loader stopped").contains("version 9");
  }
}
