package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cluster.postgres.PostgresStore;
import dev.parley.cluster.testing.ClusterServices;
import dev.parley.cluster.testing.LoaderProcess;
import dev.parley.server.testing.AckingSender;
import dev.parley.server.testing.ServeProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode's processes killed under load: two collectors ({@code parley serve --log
 * kafka://...}) and two loaders ({@code parley load}), each a JVM of its own; senders resend a
 * batch until a collector acknowledges it, as Segment's clients do. Loaders are killed with
 * SIGKILL again and again (mid-transaction, some of them) and started again, which also moves
 * partitions between them; a third loader joins the group and leaves it (SIGTERM); PostgreSQL
 * is stopped with {@code -m immediate} and started again; a collector is killed and started
 * again on its port. Afterwards every acknowledged messageId is stored exactly once, the loaded
 * offsets never went back, the loaders' lag is zero, and the conversation facts are what the
 * stored events make.
 */
class ClusterCrashTest {
  private static final String TOPIC = "crash-events";
  @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();
  @TempDir Path dir;

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void killedCollectorsAndLoadersLoseNothingAcknowledgedAndStoreNothingTwice() throws Exception {
    String log = "kafka://" + services.kafka().bootstrapServers() + "/" + TOPIC;
    PostgresStore.open(services.postgres().jdbcUrl(), new Properties()).close();
    ServeProcess[] collectors = {ServeProcess.start(dir.resolve("one"), 0, "--log", log),
        ServeProcess.start(dir.resolve("two"), 0, "--log", log)};
    AtomicReferenceArray<Integer> ports = new AtomicReferenceArray<>(new Integer[] {collectors[0].port(),
        collectors[1].port()});
    LoaderProcess[] loaders = {LoaderProcess.start(dir.resolve("l1"), log, services.storeAddress()),
        LoaderProcess.start(dir.resolve("l2"), log, services.storeAddress())};
    Set<String> acked = AckingSender.newAckedSet();
    AtomicInteger turn = new AtomicInteger();
    List<AckingSender> senders = new ArrayList<>();
    Map<Integer, Long> highest = new HashMap<>();
    List<String> wentBack = new ArrayList<>();
    LoaderProcess extra = null;
    try {
      for (int i = 0; i < 3; i++) {
        senders.add(new AckingSender("crash" + i, () -> ports.get(turn.getAndIncrement() % 2), acked).start());
      }
      // PARLEY_RELIABILITY=full (as .ci/run sets it) kills more often.
      int kills = "full".equalsIgnoreCase(System.getenv("PARLEY_RELIABILITY")) ? 10 : 4;
      for (int k = 0; k < kills; k++) {
        Thread.sleep(1_500);
        if (k == 2) { // PostgreSQL itself, mid-load: loads in flight fail and are retried from the offsets kept
          services.postgres().crash();
          Thread.sleep(1_000);
          services.postgres().restart();
        }
        checkOffsets(highest, wentBack);
        if (k == 0) { // a rebalance: a third loader joins the group ...
          extra = LoaderProcess.start(dir.resolve("l3"), log, services.storeAddress());
        } else if (k == 3) { // ... and leaves it (SIGTERM) under load
          assertThat(extra.alive()).as("a loader lives through PostgreSQL's crash: %s", extra.output()).isTrue();
          extra.close();
        }
        int victim = k % 2;
        loaders[victim].kill();
        loaders[victim] = LoaderProcess.start(dir.resolve("l" + (victim + 1) + "-" + k), log, services.storeAddress());
        if (k == 1) { // a collector too, started again on its port
          int port = collectors[0].port();
          collectors[0].kill();
          collectors[0] = ServeProcess.start(dir.resolve("one"), port, "--log", log);
        }
      }
      Thread.sleep(1_500);
      for (AckingSender sender : senders) {
        sender.stopAndJoin();
        assertThat(sender.unexpected()).as("answers other than 200 or 503").isEmpty();
      }
      assertThat(acked).as("acknowledged events").hasSizeGreaterThan(200);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (services.count("SELECT count(*) FROM events") < acked.size() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      checkOffsets(highest, wentBack);
      Map<String, Long> stored = storedIds();
      Set<String> missing = new HashSet<>(acked);
      missing.removeAll(stored.keySet());
      assertThat(missing).as("acknowledged messageIds not stored (of %d)", acked.size()).isEmpty();
      assertThat(stored.values()).as("each stored once").allMatch(n -> n == 1L);
      assertThat(wentBack).as("loaded offsets that went back").isEmpty();
      assertThat(lag()).as("what the topic holds beyond the loaded offsets").isZero();
      assertThat(services.count(dev.parley.cluster.postgres.PostgresFacts.driftQuery()))
          .as("conversation facts that differ from their events").isZero();
    } finally {
      if (extra != null) {
        extra.close();
      }
      for (LoaderProcess loader : loaders) {
        loader.close();
      }
      for (ServeProcess collector : collectors) {
        collector.close();
      }
    }
  }

  /** Records the loaded offset of each partition, noting any that is lower than seen before. */
  private static void checkOffsets(Map<Integer, Long> highest, List<String> wentBack) throws Exception {
    try (Connection c = services.postgres().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT partition, next_offset FROM log_offsets WHERE topic = '" + TOPIC + "'")) {
      while (rs.next()) {
        long before = highest.getOrDefault(rs.getInt(1), -1L);
        if (rs.getLong(2) < before) {
          wentBack.add("partition " + rs.getInt(1) + ": " + before + " -> " + rs.getLong(2));
        }
        highest.merge(rs.getInt(1), rs.getLong(2), Math::max);
      }
    }
  }

  private static Map<String, Long> storedIds() throws Exception {
    Map<String, Long> ids = new HashMap<>();
    try (Connection c = services.postgres().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT message_id, count(*) FROM events GROUP BY message_id")) {
      while (rs.next()) {
        ids.put(rs.getString(1), rs.getLong(2));
      }
    }
    return ids;
  }

  /** The topic's end offsets less the offsets PostgreSQL has loaded, over all partitions. */
  private static long lag() throws Exception {
    Map<Integer, Long> loaded = new HashMap<>();
    try (Connection c = services.postgres().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT partition, next_offset FROM log_offsets WHERE topic = '" + TOPIC + "'")) {
      while (rs.next()) {
        loaded.put(rs.getInt(1), rs.getLong(2));
      }
    }
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka().bootstrapServers());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
          .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
      long lag = 0;
      for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(partitions).entrySet()) {
        lag += end.getValue() - loaded.getOrDefault(end.getKey().partition(), 0L);
      }
      return lag;
    }
  }
}
